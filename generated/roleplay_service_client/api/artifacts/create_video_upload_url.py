from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.video_upload_request import VideoUploadRequest
from ...models.video_upload_target import VideoUploadTarget
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    body: VideoUploadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/sessions/{session_id}/video/upload-url".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VideoUploadTarget | None:
    if response.status_code == 201:
        response_201 = VideoUploadTarget.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | VideoUploadTarget]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VideoUploadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | VideoUploadTarget]:
    """Browser upload URL for the session's video

     Answers a presigned, expiring URL to which the browser uploads the session recording as
    `video/webm` with the given `method` and `upload_headers` (and no `Authorization` header), up to
    `max_size_bytes`: the declared `size_bytes`, or less when the service takes less (a
    recording larger than `max_size_bytes` cannot be uploaded). The upload must then be
    confirmed with `confirmVideoUploaded`. Drafts have no recording: asking for one is a 409.

    The upload URL (outside this API) refuses a body larger than `max_size_bytes` with 413,
    a body that is not WebM (no EBML header `1A 45 DF A3`) with 415, and takes one recording:
    the same bytes again (a retried PUT) are answered the same, other bytes with 409.

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadRequest | Unset): What will be uploaded (optional).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VideoUploadTarget]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VideoUploadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Problem | VideoUploadTarget | None:
    """Browser upload URL for the session's video

     Answers a presigned, expiring URL to which the browser uploads the session recording as
    `video/webm` with the given `method` and `upload_headers` (and no `Authorization` header), up to
    `max_size_bytes`: the declared `size_bytes`, or less when the service takes less (a
    recording larger than `max_size_bytes` cannot be uploaded). The upload must then be
    confirmed with `confirmVideoUploaded`. Drafts have no recording: asking for one is a 409.

    The upload URL (outside this API) refuses a body larger than `max_size_bytes` with 413,
    a body that is not WebM (no EBML header `1A 45 DF A3`) with 415, and takes one recording:
    the same bytes again (a retried PUT) are answered the same, other bytes with 409.

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadRequest | Unset): What will be uploaded (optional).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VideoUploadTarget
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VideoUploadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | VideoUploadTarget]:
    """Browser upload URL for the session's video

     Answers a presigned, expiring URL to which the browser uploads the session recording as
    `video/webm` with the given `method` and `upload_headers` (and no `Authorization` header), up to
    `max_size_bytes`: the declared `size_bytes`, or less when the service takes less (a
    recording larger than `max_size_bytes` cannot be uploaded). The upload must then be
    confirmed with `confirmVideoUploaded`. Drafts have no recording: asking for one is a 409.

    The upload URL (outside this API) refuses a body larger than `max_size_bytes` with 413,
    a body that is not WebM (no EBML header `1A 45 DF A3`) with 415, and takes one recording:
    the same bytes again (a retried PUT) are answered the same, other bytes with 409.

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadRequest | Unset): What will be uploaded (optional).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VideoUploadTarget]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VideoUploadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Problem | VideoUploadTarget | None:
    """Browser upload URL for the session's video

     Answers a presigned, expiring URL to which the browser uploads the session recording as
    `video/webm` with the given `method` and `upload_headers` (and no `Authorization` header), up to
    `max_size_bytes`: the declared `size_bytes`, or less when the service takes less (a
    recording larger than `max_size_bytes` cannot be uploaded). The upload must then be
    confirmed with `confirmVideoUploaded`. Drafts have no recording: asking for one is a 409.

    The upload URL (outside this API) refuses a body larger than `max_size_bytes` with 413,
    a body that is not WebM (no EBML header `1A 45 DF A3`) with 415, and takes one recording:
    the same bytes again (a retried PUT) are answered the same, other bytes with 409.

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadRequest | Unset): What will be uploaded (optional).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VideoUploadTarget
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.video_upload_confirmation import VideoUploadConfirmation
from ...models.video_uploaded_request import VideoUploadedRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    body: VideoUploadedRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/sessions/{session_id}/video/uploaded".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VideoUploadConfirmation | None:
    if response.status_code == 202:
        response_202 = VideoUploadConfirmation.from_dict(response.json())

        return response_202

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
) -> Response[Problem | VideoUploadConfirmation]:
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
    body: VideoUploadedRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | VideoUploadConfirmation]:
    """Confirm the video upload and start its analysis

     Confirms that the video was uploaded to the URL from `createVideoUploadUrl` and starts
    its analysis asynchronously (`analysis_status: processing`). Afterwards `getArtifact`
    with `session_video` answers a download URL. Confirming before anything was uploaded is
    a 409. Confirming the same upload again answers the same confirmation. An upload not
    confirmed within an hour after its URL expired is discarded (confirming it is then a 404).

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadedRequest): The upload being confirmed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VideoUploadConfirmation]
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
    body: VideoUploadedRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | VideoUploadConfirmation | None:
    """Confirm the video upload and start its analysis

     Confirms that the video was uploaded to the URL from `createVideoUploadUrl` and starts
    its analysis asynchronously (`analysis_status: processing`). Afterwards `getArtifact`
    with `session_video` answers a download URL. Confirming before anything was uploaded is
    a 409. Confirming the same upload again answers the same confirmation. An upload not
    confirmed within an hour after its URL expired is discarded (confirming it is then a 404).

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadedRequest): The upload being confirmed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VideoUploadConfirmation
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
    body: VideoUploadedRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | VideoUploadConfirmation]:
    """Confirm the video upload and start its analysis

     Confirms that the video was uploaded to the URL from `createVideoUploadUrl` and starts
    its analysis asynchronously (`analysis_status: processing`). Afterwards `getArtifact`
    with `session_video` answers a download URL. Confirming before anything was uploaded is
    a 409. Confirming the same upload again answers the same confirmation. An upload not
    confirmed within an hour after its URL expired is discarded (confirming it is then a 404).

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadedRequest): The upload being confirmed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VideoUploadConfirmation]
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
    body: VideoUploadedRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | VideoUploadConfirmation | None:
    """Confirm the video upload and start its analysis

     Confirms that the video was uploaded to the URL from `createVideoUploadUrl` and starts
    its analysis asynchronously (`analysis_status: processing`). Afterwards `getArtifact`
    with `session_video` answers a download URL. Confirming before anything was uploaded is
    a 409. Confirming the same upload again answers the same confirmation. An upload not
    confirmed within an hour after its URL expired is discarded (confirming it is then a 404).

    Args:
        session_id (str): A roleplay session.
        idempotency_key (str | Unset):
        body (VideoUploadedRequest): The upload being confirmed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VideoUploadConfirmation
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.artifact_download import ArtifactDownload
from ...models.artifact_type import ArtifactType
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    session_id: str,
    artifact_type: ArtifactType,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/artifacts/{session_id}/{artifact_type}".format(
            session_id=quote(str(session_id), safe=""),
            artifact_type=quote(str(artifact_type), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArtifactDownload | Problem | None:
    if response.status_code == 200:
        response_200 = ArtifactDownload.from_dict(response.json())

        return response_200

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
) -> Response[ArtifactDownload | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    artifact_type: ArtifactType,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ArtifactDownload | Problem]:
    """Presigned download URL of a session artifact

     Answers a presigned, expiring download URL for an artifact of the session, e.g. its
    `session_video`. The URL is absolute and carries its own authorization: send it no
    `Authorization` header. A session without that artifact (no video uploaded yet) is a 404.

    Args:
        session_id (str): A roleplay session.
        artifact_type (ArtifactType): A kind of session artifact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArtifactDownload | Problem]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        artifact_type=artifact_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    artifact_type: ArtifactType,
    *,
    client: AuthenticatedClient | Client,
) -> ArtifactDownload | Problem | None:
    """Presigned download URL of a session artifact

     Answers a presigned, expiring download URL for an artifact of the session, e.g. its
    `session_video`. The URL is absolute and carries its own authorization: send it no
    `Authorization` header. A session without that artifact (no video uploaded yet) is a 404.

    Args:
        session_id (str): A roleplay session.
        artifact_type (ArtifactType): A kind of session artifact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArtifactDownload | Problem
    """

    return sync_detailed(
        session_id=session_id,
        artifact_type=artifact_type,
        client=client,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    artifact_type: ArtifactType,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ArtifactDownload | Problem]:
    """Presigned download URL of a session artifact

     Answers a presigned, expiring download URL for an artifact of the session, e.g. its
    `session_video`. The URL is absolute and carries its own authorization: send it no
    `Authorization` header. A session without that artifact (no video uploaded yet) is a 404.

    Args:
        session_id (str): A roleplay session.
        artifact_type (ArtifactType): A kind of session artifact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArtifactDownload | Problem]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        artifact_type=artifact_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    artifact_type: ArtifactType,
    *,
    client: AuthenticatedClient | Client,
) -> ArtifactDownload | Problem | None:
    """Presigned download URL of a session artifact

     Answers a presigned, expiring download URL for an artifact of the session, e.g. its
    `session_video`. The URL is absolute and carries its own authorization: send it no
    `Authorization` header. A session without that artifact (no video uploaded yet) is a 404.

    Args:
        session_id (str): A roleplay session.
        artifact_type (ArtifactType): A kind of session artifact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArtifactDownload | Problem
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            artifact_type=artifact_type,
            client=client,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.configure_request import ConfigureRequest
from ...models.problem import Problem
from ...models.roleplay_preview import RoleplayPreview
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ConfigureRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/roleplays/configure/preview",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RoleplayPreview | None:
    if response.status_code == 201:
        response_201 = RoleplayPreview.from_dict(response.json())

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
) -> Response[Problem | RoleplayPreview]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ConfigureRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RoleplayPreview]:
    """Create a draft roleplay scenario for review

     Creates a **draft** session from the request: the scenario, an opening prompt and a
    prompt outline for the person to review. The draft is never live (`status: draft`,
    `needs_approval: true`); it can be edited with `updateRoleplayQuestions` and must be
    approved with `approveRoleplay` before anyone practises. This is the default entry point
    whenever the person is deciding, exploring or wants to review first.

    Args:
        idempotency_key (str | Unset):
        body (ConfigureRequest): What `previewRoleplay` and `configureRoleplay` take. `org_id`
            defaults to `growqr`;
            `qscore` is sent only when available.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoleplayPreview]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ConfigureRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RoleplayPreview | None:
    """Create a draft roleplay scenario for review

     Creates a **draft** session from the request: the scenario, an opening prompt and a
    prompt outline for the person to review. The draft is never live (`status: draft`,
    `needs_approval: true`); it can be edited with `updateRoleplayQuestions` and must be
    approved with `approveRoleplay` before anyone practises. This is the default entry point
    whenever the person is deciding, exploring or wants to review first.

    Args:
        idempotency_key (str | Unset):
        body (ConfigureRequest): What `previewRoleplay` and `configureRoleplay` take. `org_id`
            defaults to `growqr`;
            `qscore` is sent only when available.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoleplayPreview
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ConfigureRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RoleplayPreview]:
    """Create a draft roleplay scenario for review

     Creates a **draft** session from the request: the scenario, an opening prompt and a
    prompt outline for the person to review. The draft is never live (`status: draft`,
    `needs_approval: true`); it can be edited with `updateRoleplayQuestions` and must be
    approved with `approveRoleplay` before anyone practises. This is the default entry point
    whenever the person is deciding, exploring or wants to review first.

    Args:
        idempotency_key (str | Unset):
        body (ConfigureRequest): What `previewRoleplay` and `configureRoleplay` take. `org_id`
            defaults to `growqr`;
            `qscore` is sent only when available.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoleplayPreview]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ConfigureRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RoleplayPreview | None:
    """Create a draft roleplay scenario for review

     Creates a **draft** session from the request: the scenario, an opening prompt and a
    prompt outline for the person to review. The draft is never live (`status: draft`,
    `needs_approval: true`); it can be edited with `updateRoleplayQuestions` and must be
    approved with `approveRoleplay` before anyone practises. This is the default entry point
    whenever the person is deciding, exploring or wants to review first.

    Args:
        idempotency_key (str | Unset):
        body (ConfigureRequest): What `previewRoleplay` and `configureRoleplay` take. `org_id`
            defaults to `growqr`;
            `qscore` is sent only when available.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoleplayPreview
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed

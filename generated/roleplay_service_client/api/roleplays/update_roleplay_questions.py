from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.roleplay_preview import RoleplayPreview
from ...models.update_questions_request import UpdateQuestionsRequest
from ...types import Response


def _get_kwargs(
    *,
    body: UpdateQuestionsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/roleplays/configure/questions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RoleplayPreview | None:
    if response.status_code == 200:
        response_200 = RoleplayPreview.from_dict(response.json())

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
    body: UpdateQuestionsRequest,
) -> Response[Problem | RoleplayPreview]:
    """Edit a draft's prompts before approval

     Replaces the prompt outline (and optionally the opening prompt) of a **draft**. The
    answer is the updated draft. Editing a session that is not a draft is a 409; an unknown
    session, or one of another organization, is a 404. Repeating the same edit is harmless.

    Args:
        body (UpdateQuestionsRequest): New prompts for a draft (and optionally a new opening
            prompt).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoleplayPreview]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: UpdateQuestionsRequest,
) -> Problem | RoleplayPreview | None:
    """Edit a draft's prompts before approval

     Replaces the prompt outline (and optionally the opening prompt) of a **draft**. The
    answer is the updated draft. Editing a session that is not a draft is a 409; an unknown
    session, or one of another organization, is a 404. Repeating the same edit is harmless.

    Args:
        body (UpdateQuestionsRequest): New prompts for a draft (and optionally a new opening
            prompt).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoleplayPreview
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UpdateQuestionsRequest,
) -> Response[Problem | RoleplayPreview]:
    """Edit a draft's prompts before approval

     Replaces the prompt outline (and optionally the opening prompt) of a **draft**. The
    answer is the updated draft. Editing a session that is not a draft is a 409; an unknown
    session, or one of another organization, is a 404. Repeating the same edit is harmless.

    Args:
        body (UpdateQuestionsRequest): New prompts for a draft (and optionally a new opening
            prompt).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoleplayPreview]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UpdateQuestionsRequest,
) -> Problem | RoleplayPreview | None:
    """Edit a draft's prompts before approval

     Replaces the prompt outline (and optionally the opening prompt) of a **draft**. The
    answer is the updated draft. Editing a session that is not a draft is a 409; an unknown
    session, or one of another organization, is a 404. Repeating the same edit is harmless.

    Args:
        body (UpdateQuestionsRequest): New prompts for a draft (and optionally a new opening
            prompt).

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
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.roleplay_review import RoleplayReview
from ...types import Response


def _get_kwargs(
    session_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/roleplays/review/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RoleplayReview | None:
    if response.status_code == 200:
        response_200 = RoleplayReview.from_dict(response.json())

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
) -> Response[Problem | RoleplayReview]:
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
) -> Response[Problem | RoleplayReview]:
    """Review status, scores, feedback and recommendations of a session

     Until the session is completed the review is `pending` and `scores`, `feedback` and
    `completed_at` are `null` and `recommendations` is empty: no score ever appears before
    completion. Once completed, everything is derived from the session's transcript; when
    no turn was recorded there is nothing to score, so `scores` is `null` (the service
    never invents one), `feedback.summary` says so, and the session is not ranked.

    Args:
        session_id (str): A roleplay session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoleplayReview]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | RoleplayReview | None:
    """Review status, scores, feedback and recommendations of a session

     Until the session is completed the review is `pending` and `scores`, `feedback` and
    `completed_at` are `null` and `recommendations` is empty: no score ever appears before
    completion. Once completed, everything is derived from the session's transcript; when
    no turn was recorded there is nothing to score, so `scores` is `null` (the service
    never invents one), `feedback.summary` says so, and the session is not ranked.

    Args:
        session_id (str): A roleplay session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoleplayReview
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | RoleplayReview]:
    """Review status, scores, feedback and recommendations of a session

     Until the session is completed the review is `pending` and `scores`, `feedback` and
    `completed_at` are `null` and `recommendations` is empty: no score ever appears before
    completion. Once completed, everything is derived from the session's transcript; when
    no turn was recorded there is nothing to score, so `scores` is `null` (the service
    never invents one), `feedback.summary` says so, and the session is not ranked.

    Args:
        session_id (str): A roleplay session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoleplayReview]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | RoleplayReview | None:
    """Review status, scores, feedback and recommendations of a session

     Until the session is completed the review is `pending` and `scores`, `feedback` and
    `completed_at` are `null` and `recommendations` is empty: no score ever appears before
    completion. Once completed, everything is derived from the session's transcript; when
    no turn was recorded there is nothing to score, so `scores` is `null` (the service
    never invents one), `feedback.summary` says so, and the session is not ranked.

    Args:
        session_id (str): A roleplay session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoleplayReview
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.leaderboard import Leaderboard
from ...models.problem import Problem
from ...models.roleplay_type import RoleplayType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 10,
    roleplay_type: RoleplayType | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_roleplay_type: str | Unset = UNSET
    if not isinstance(roleplay_type, Unset):
        json_roleplay_type = roleplay_type.value

    params["roleplay_type"] = json_roleplay_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/roleplays/leaderboard",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Leaderboard | Problem | None:
    if response.status_code == 200:
        response_200 = Leaderboard.from_dict(response.json())

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
) -> Response[Leaderboard | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    roleplay_type: RoleplayType | Unset = UNSET,
) -> Response[Leaderboard | Problem]:
    """Top completed roleplay reviews

     The caller's organization's best completed reviews, highest `overall_score` first
    (ties: earlier completion first). Only completed sessions with a score appear (a
    practice with no recorded turn has none, so it is never ranked). At most `limit` entries.

    Args:
        limit (int | Unset):  Default: 10.
        roleplay_type (RoleplayType | Unset): `custom` for salary and offer negotiation,
            recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Leaderboard | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        roleplay_type=roleplay_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    roleplay_type: RoleplayType | Unset = UNSET,
) -> Leaderboard | Problem | None:
    """Top completed roleplay reviews

     The caller's organization's best completed reviews, highest `overall_score` first
    (ties: earlier completion first). Only completed sessions with a score appear (a
    practice with no recorded turn has none, so it is never ranked). At most `limit` entries.

    Args:
        limit (int | Unset):  Default: 10.
        roleplay_type (RoleplayType | Unset): `custom` for salary and offer negotiation,
            recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Leaderboard | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        roleplay_type=roleplay_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    roleplay_type: RoleplayType | Unset = UNSET,
) -> Response[Leaderboard | Problem]:
    """Top completed roleplay reviews

     The caller's organization's best completed reviews, highest `overall_score` first
    (ties: earlier completion first). Only completed sessions with a score appear (a
    practice with no recorded turn has none, so it is never ranked). At most `limit` entries.

    Args:
        limit (int | Unset):  Default: 10.
        roleplay_type (RoleplayType | Unset): `custom` for salary and offer negotiation,
            recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Leaderboard | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        roleplay_type=roleplay_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    roleplay_type: RoleplayType | Unset = UNSET,
) -> Leaderboard | Problem | None:
    """Top completed roleplay reviews

     The caller's organization's best completed reviews, highest `overall_score` first
    (ties: earlier completion first). Only completed sessions with a score appear (a
    practice with no recorded turn has none, so it is never ranked). At most `limit` entries.

    Args:
        limit (int | Unset):  Default: 10.
        roleplay_type (RoleplayType | Unset): `custom` for salary and offer negotiation,
            recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Leaderboard | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            roleplay_type=roleplay_type,
        )
    ).parsed

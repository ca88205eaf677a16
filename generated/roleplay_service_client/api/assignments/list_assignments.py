from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assignment_page import AssignmentPage
from ...models.assignment_status import AssignmentStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    email: str | Unset = UNSET,
    status: AssignmentStatus | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["email"] = email

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/roleplays/assignments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssignmentPage | Problem | None:
    if response.status_code == 200:
        response_200 = AssignmentPage.from_dict(response.json())

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
) -> Response[AssignmentPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    email: str | Unset = UNSET,
    status: AssignmentStatus | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[AssignmentPage | Problem]:
    """List assignments

     The organization's assignments, newest first, filtered by `email` and `status`, at most
    `limit` per page. Follow `next_cursor` (null on the last page), with the same filters, to
    read the rest exactly once. Members see only their own assignments.

    Args:
        email (str | Unset): An email address: a dot-atom local part, `@`, and a domain of at
            least two labels. The
            pattern is a strict subset of `format: email`, so every validator, format-asserting or
            not, accepts exactly the addresses the pattern does.
        status (AssignmentStatus | Unset): `assigned`, `in_progress`, `completed`, or `unassigned`
            (soft-removed, record kept). May grow.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): Opaque paging cursor: pass the `next_cursor` of the previous page
            unchanged. It marks a
            position in the newest-first order, not a query, so every value of this pattern is
            accepted: the page holds the assignments older than that position that match the
            request's own filters (possibly none), never an error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignmentPage | Problem]
    """

    kwargs = _get_kwargs(
        email=email,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    email: str | Unset = UNSET,
    status: AssignmentStatus | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> AssignmentPage | Problem | None:
    """List assignments

     The organization's assignments, newest first, filtered by `email` and `status`, at most
    `limit` per page. Follow `next_cursor` (null on the last page), with the same filters, to
    read the rest exactly once. Members see only their own assignments.

    Args:
        email (str | Unset): An email address: a dot-atom local part, `@`, and a domain of at
            least two labels. The
            pattern is a strict subset of `format: email`, so every validator, format-asserting or
            not, accepts exactly the addresses the pattern does.
        status (AssignmentStatus | Unset): `assigned`, `in_progress`, `completed`, or `unassigned`
            (soft-removed, record kept). May grow.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): Opaque paging cursor: pass the `next_cursor` of the previous page
            unchanged. It marks a
            position in the newest-first order, not a query, so every value of this pattern is
            accepted: the page holds the assignments older than that position that match the
            request's own filters (possibly none), never an error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignmentPage | Problem
    """

    return sync_detailed(
        client=client,
        email=email,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    email: str | Unset = UNSET,
    status: AssignmentStatus | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[AssignmentPage | Problem]:
    """List assignments

     The organization's assignments, newest first, filtered by `email` and `status`, at most
    `limit` per page. Follow `next_cursor` (null on the last page), with the same filters, to
    read the rest exactly once. Members see only their own assignments.

    Args:
        email (str | Unset): An email address: a dot-atom local part, `@`, and a domain of at
            least two labels. The
            pattern is a strict subset of `format: email`, so every validator, format-asserting or
            not, accepts exactly the addresses the pattern does.
        status (AssignmentStatus | Unset): `assigned`, `in_progress`, `completed`, or `unassigned`
            (soft-removed, record kept). May grow.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): Opaque paging cursor: pass the `next_cursor` of the previous page
            unchanged. It marks a
            position in the newest-first order, not a query, so every value of this pattern is
            accepted: the page holds the assignments older than that position that match the
            request's own filters (possibly none), never an error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignmentPage | Problem]
    """

    kwargs = _get_kwargs(
        email=email,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    email: str | Unset = UNSET,
    status: AssignmentStatus | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> AssignmentPage | Problem | None:
    """List assignments

     The organization's assignments, newest first, filtered by `email` and `status`, at most
    `limit` per page. Follow `next_cursor` (null on the last page), with the same filters, to
    read the rest exactly once. Members see only their own assignments.

    Args:
        email (str | Unset): An email address: a dot-atom local part, `@`, and a domain of at
            least two labels. The
            pattern is a strict subset of `format: email`, so every validator, format-asserting or
            not, accepts exactly the addresses the pattern does.
        status (AssignmentStatus | Unset): `assigned`, `in_progress`, `completed`, or `unassigned`
            (soft-removed, record kept). May grow.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): Opaque paging cursor: pass the `next_cursor` of the previous page
            unchanged. It marks a
            position in the newest-first order, not a query, so every value of this pattern is
            accepted: the page holds the assignments older than that position that match the
            request's own filters (possibly none), never an error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignmentPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            email=email,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

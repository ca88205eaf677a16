"""The public methods, declared once for both clients.

Each method is a descriptor around an operation from _ops_*.py. Read from a RoleplayClient it
is a plain function returning the result; read from an AsyncRoleplayClient it is a coroutine
function. The overloads on __get__ give both the operation's exact parameters (ParamSpec), so
mypy and IDEs check calls on either client, and no signature is written twice.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from roleplay_sdk import _ops_assignments as assignments
from roleplay_sdk import _ops_sessions as sessions
from roleplay_sdk._flow import Flow
from roleplay_sdk._models import Assignment
from roleplay_sdk._settings import Settings

if TYPE_CHECKING:
    from roleplay_sdk._async_client import AsyncRoleplayClient
    from roleplay_sdk._client import RoleplayClient

P = ParamSpec("P")
T = TypeVar("T")


class _Described:
    """Name, docstring and signature (without `settings`) of the wrapped operation."""

    def __init__(self, factory: Callable[..., Any]) -> None:
        self._factory = factory
        self.__doc__ = factory.__doc__
        signature = inspect.signature(factory)
        self._signature = signature.replace(parameters=list(signature.parameters.values())[1:])
        self._name = factory.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def _describe(self, bound: Callable[..., Any], owner: type) -> None:
        bound.__name__ = self._name
        bound.__qualname__ = f"{owner.__name__}.{self._name}"
        bound.__doc__ = self.__doc__
        bound.__signature__ = self._signature  # type: ignore[attr-defined]


class Operation(_Described, Generic[P, T]):
    """A method that runs one flow: returns T (sync) or a coroutine of T (async)."""

    def __init__(self, factory: Callable[Concatenate[Settings, P], Flow[T]]) -> None:
        super().__init__(factory)

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: RoleplayClient, owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(
        self, obj: AsyncRoleplayClient, owner: type[Any]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        bound = obj._operation(self._factory)
        self._describe(bound, owner)
        return bound


class Paged(_Described, Generic[P]):
    """A method that iterates over every page's assignments: an iterator (sync) or an async one."""

    def __init__(self, factory: Callable[Concatenate[Settings, P], assignments.Pages]) -> None:
        super().__init__(factory)

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(
        self, obj: RoleplayClient, owner: type[Any]
    ) -> Callable[P, Iterator[Assignment]]: ...
    @overload
    def __get__(
        self, obj: AsyncRoleplayClient, owner: type[Any]
    ) -> Callable[P, AsyncIterator[Assignment]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        bound = obj._paged(self._factory)
        self._describe(bound, owner)
        return bound


class Methods:
    """Exactly the methods of issue 3, the same on both clients."""

    preview = Operation(sessions.preview)
    start = Operation(sessions.start)
    create_roleplay = Operation(sessions.create_roleplay)
    edit_questions = Operation(sessions.edit_questions)
    approve = Operation(sessions.approve)
    review = Operation(sessions.review)
    leaderboard = Operation(sessions.leaderboard)
    artifact_url = Operation(sessions.artifact_url)
    upload_video = Operation(sessions.upload_video)
    create_assignments = Operation(assignments.create_assignments)
    list_assignments = Paged(assignments.list_assignments)
    unassign = Operation(assignments.unassign)
    bulk_results = Operation(assignments.bulk_results)

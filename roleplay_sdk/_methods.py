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
from roleplay_sdk._settings import Settings

if TYPE_CHECKING:
    from roleplay_sdk._async_client import AsyncRoleplayClient
    from roleplay_sdk._client import RoleplayClient
    from roleplay_sdk._models import Assignment

P = ParamSpec("P")
T = TypeVar("T")
S = TypeVar("S")
A = TypeVar("A")


class Method(Generic[P, S, A]):
    """A client method: returns S on RoleplayClient and A on AsyncRoleplayClient.

    `binder` names the client method that turns the operation into the bound callable
    (`_operation` runs a flow, `_paged` iterates over pages). The bound callable carries the
    operation's name, docstring and signature (without `settings`), for help() and IDEs.
    """

    def __init__(self, factory: Callable[..., Any], binder: str) -> None:
        self._factory = factory
        self._binder = binder
        self._name = factory.__name__
        self.__doc__ = factory.__doc__
        signature = inspect.signature(factory)
        self._signature = signature.replace(parameters=list(signature.parameters.values())[1:])

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: RoleplayClient, owner: type[Any]) -> Callable[P, S]: ...
    @overload
    def __get__(self, obj: AsyncRoleplayClient, owner: type[Any]) -> Callable[P, A]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        bound = getattr(obj, self._binder)(self._factory)
        bound.__name__ = self._name
        bound.__qualname__ = f"{owner.__name__}.{self._name}"
        bound.__doc__ = self.__doc__
        bound.__signature__ = self._signature
        return bound


def operation(
    factory: Callable[Concatenate[Settings, P], Flow[T]],
) -> Method[P, T, Coroutine[Any, Any, T]]:
    """A method that runs one flow: T, or a coroutine of T."""
    return Method(factory, "_operation")


def paged(
    factory: Callable[Concatenate[Settings, P], assignments.Pages],
) -> Method[P, Iterator[Assignment], AsyncIterator[Assignment]]:
    """A method that iterates over every page's assignments (lazily, page by page)."""
    return Method(factory, "_paged")


class Methods:
    """Exactly the methods of issue 3, the same on both clients."""

    preview = operation(sessions.preview)
    start = operation(sessions.start)
    create_roleplay = operation(sessions.create_roleplay)
    edit_questions = operation(sessions.edit_questions)
    approve = operation(sessions.approve)
    review = operation(sessions.review)
    leaderboard = operation(sessions.leaderboard)
    artifact_url = operation(sessions.artifact_url)
    upload_video = operation(sessions.upload_video)
    create_assignments = operation(assignments.create_assignments)
    list_assignments = paged(assignments.list_assignments)
    unassign = operation(assignments.unassign)
    bulk_results = operation(assignments.bulk_results)

"""The public methods, declared once for both clients.

Each method is a descriptor around an operation from _ops_*.py. Read from a RoleplayClient it
is a plain function returning the result; read from an AsyncRoleplayClient it is a coroutine
function. The overloads on __get__ give both the operation's exact parameters (ParamSpec), so
mypy and IDEs check calls on either client, and no signature is written twice.

Each method also names the operations of openapi.yaml it calls (`operation_ids`): with those,
tests/test_spec_drift.py proves that every operation of the spec is a method of both clients
and that each method takes the request fields its operations do.
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

    def __init__(
        self, factory: Callable[..., Any], binder: str, operation_ids: tuple[str, ...]
    ) -> None:
        self._factory = factory
        self._binder = binder
        self.operation_ids = operation_ids
        self._name = factory.__name__
        self.__doc__ = factory.__doc__
        signature = inspect.signature(factory)
        self._signature = signature.replace(parameters=list(signature.parameters.values())[1:])

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @property
    def factory(self) -> Callable[..., Any]:
        """The operation function of _ops_*.py (its signature is the method's, after settings)."""
        return self._factory

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
    factory: Callable[Concatenate[Settings, P], Flow[T]], *operation_ids: str
) -> Method[P, T, Coroutine[Any, Any, T]]:
    """A method that runs one flow (calling operation_ids): T, or a coroutine of T."""
    return Method(factory, "_operation", operation_ids)


def paged(
    factory: Callable[Concatenate[Settings, P], assignments.Pages], *operation_ids: str
) -> Method[P, Iterator[Assignment], AsyncIterator[Assignment]]:
    """A method that iterates over every page's assignments (lazily, page by page)."""
    return Method(factory, "_paged", operation_ids)


class Methods:
    """The public methods, the same on both clients, with the spec's operations they call."""

    preview = operation(sessions.preview, "previewRoleplay")
    start = operation(sessions.start, "configureRoleplay")
    create_roleplay = operation(sessions.create_roleplay, "previewRoleplay", "configureRoleplay")
    edit_questions = operation(sessions.edit_questions, "updateRoleplayQuestions")
    approve = operation(sessions.approve, "approveRoleplay")
    review = operation(sessions.review, "getRoleplayReview")
    leaderboard = operation(sessions.leaderboard, "getRoleplayLeaderboard")
    artifact_url = operation(sessions.artifact_url, "getArtifact")
    upload_video = operation(sessions.upload_video, "createVideoUploadUrl", "confirmVideoUploaded")
    create_assignments = operation(assignments.create_assignments, "createAssignments")
    list_assignments = paged(assignments.list_assignments, "listAssignments")
    unassign = operation(assignments.unassign, "unassignAssignments")
    bulk_results = operation(assignments.bulk_results, "bulkAssignmentResults")

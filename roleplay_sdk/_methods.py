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
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from roleplay_sdk import _ops_assignments as assignments
from roleplay_sdk import _ops_sessions as sessions
from roleplay_sdk._flow import Flow
from roleplay_sdk._limits import NOT_GIVEN
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
        signature = _spelled_out(factory)
        self._signature = signature.replace(parameters=list(signature.parameters.values())[1:])
        parameters = self._signature.parameters.values()
        self._keywords = frozenset(p.name for p in parameters if p.kind in _BY_KEYWORD)
        self._positional = sum(p.kind in _BY_POSITION for p in parameters)
        self._checked = self._checking(factory)
        self._signatures: dict[type[Any], inspect.Signature] = {}

    def _checking(self, factory: Callable[..., Any]) -> Callable[..., Any]:
        """`factory`, refusing arguments the method does not take with a TypeError naming it.

        Cheap on the way through (a length and a set test); the signature is bound only to
        word the refusal, as Python words its own (`preview() got an unexpected ...`).
        """
        keywords, positional = self._keywords, self._positional

        def checked(settings: Settings, *args: Any, **kwargs: Any) -> Any:
            if len(args) > positional or not kwargs.keys() <= keywords:
                try:
                    self._signature.bind_partial(*args, **kwargs)
                except TypeError as exc:
                    raise TypeError(f"{self._name}() {exc}") from None
            return factory(settings, *args, **kwargs)

        return checked

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
        bound = getattr(obj, self._binder)(self._checked)
        bound.__name__ = self._name
        bound.__qualname__ = f"{owner.__name__}.{self._name}"
        bound.__doc__ = self.__doc__
        bound.__signature__ = self._signature_on(type(obj), obj)
        return bound

    def _signature_on(self, owner: type[Any], obj: Any) -> inspect.Signature:
        """The bound method's signature, built once per client class (looked up per call)."""
        signature = self._signatures.get(owner)
        if signature is None:
            answered = _returned(self._signature.return_annotation, obj)
            signature = self._signature.replace(return_annotation=answered)
            self._signatures[owner] = signature
        return signature


_BY_KEYWORD = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
_BY_POSITION = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_UNPACK = re.compile(r"Unpack\[(\w+)\]")
_REQUIRED = re.compile(r"(?:Not)?Required\[(.*)\]")
_FLOW = re.compile(r"Flow\[(.*)\]")


def _spelled_out(factory: Callable[..., Any]) -> inspect.Signature:
    """The factory's signature with `**fields: Unpack[SomeFields]` spelled out.

    One keyword-only parameter per key of the TypedDict (optional keys default to NOT_GIVEN,
    the SDK's default applies), so help() and inspect.signature() show what a call takes.
    """
    signature = inspect.signature(factory)
    parameters = list(signature.parameters.values())
    last = parameters[-1] if parameters else None
    if last is None or last.kind is not inspect.Parameter.VAR_KEYWORD:
        return signature
    found = _UNPACK.fullmatch(str(last.annotation))
    fields = factory.__globals__.get(found.group(1)) if found else None
    keys = getattr(fields, "__annotations__", None)
    if not isinstance(keys, dict):
        return signature
    spelled = []
    for key, annotation in keys.items():
        text = getattr(annotation, "__forward_arg__", annotation)
        required = isinstance(text, str) and text.startswith("Required[")
        inner = _REQUIRED.fullmatch(text) if isinstance(text, str) else None
        spelled.append(
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if required else NOT_GIVEN,
                annotation=inner.group(1) if inner else text,
            )
        )
    return signature.replace(parameters=[*parameters[:-1], *spelled])


def _returned(annotation: Any, client: Any) -> Any:
    """What the bound method answers: Flow[T] runs to T; Pages iterate over assignments."""
    if annotation == "Pages":
        lazily = inspect.isasyncgenfunction(getattr(client, "_pages", None))
        return "AsyncIterator[Assignment]" if lazily else "Iterator[Assignment]"
    found = _FLOW.fullmatch(annotation) if isinstance(annotation, str) else None
    return found.group(1) if found else annotation


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

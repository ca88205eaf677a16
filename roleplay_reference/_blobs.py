"""Uploaded recordings on disk: streamed to a file as they arrive, never held in memory.

Files live next to the SQLite file (`<db>.uploads/`) so they survive a restart with it, or
in a temporary directory per service for an in-memory database. Each upload writes its own
uniquely named file; the database row names the one that won, so two racing PUTs can never
overwrite each other, and a file no row names (an interrupted upload) is swept.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import anyio.to_thread
from starlette.requests import ClientDisconnect, Request

from ._problems import ProblemError

#: Every WebM file is an EBML document and starts with the EBML magic.
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
#: Bytes gathered before a write: bounds memory per upload and the thread hops per byte.
FLUSH_BYTES = 1 << 20
#: The names `new_name` gives: the only files a sweep may delete.
_OURS = re.compile(r"^[A-Za-z0-9_-]{1,64}\.[0-9a-f]{12}\.webm$")


class UploadFiles:
    """The directory of uploaded recordings (created on first use)."""

    def __init__(self, root: str | Path | None = None) -> None:
        self._root = Path(root) if root is not None else None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._lock = threading.Lock()
        self._writing: set[str] = set()

    @property
    def directory(self) -> Path:
        with self._lock:
            if self._root is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="roleplay-uploads-")
                self._root = Path(self._tmp.name)
            self._root.mkdir(parents=True, exist_ok=True)
            return self._root

    def path(self, name: str) -> Path:
        return self.directory / Path(name).name

    def new_name(self, upload_id: str) -> str:
        return f"{upload_id}.{secrets.token_hex(6)}.webm"

    def remove(self, names: Iterable[str | None]) -> None:
        for name in names:
            if name:
                with contextlib.suppress(OSError):
                    self.path(name).unlink(missing_ok=True)

    def remove_unreferenced(self, referenced: set[str]) -> int:
        """Delete files no row names and no upload is writing (left by an interrupted PUT)."""
        if self._root is None or not self._root.exists():
            return 0
        removed = 0
        with self._lock:
            busy = set(self._writing)
        for entry in self._root.iterdir():
            if not _OURS.match(entry.name):
                continue  # never another program's file, whatever directory we were given
            if entry.name not in referenced and entry.name not in busy:
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed += 1
        return removed

    def clear(self) -> None:
        self.remove_unreferenced(set())

    def close(self) -> None:
        with self._lock:
            if self._tmp is not None:
                self._tmp.cleanup()
                self._tmp = None
                self._root = None

    async def receive(self, request: Request, upload_id: str, limit: int) -> tuple[str, int, str]:
        """Stream the body to a new file: (file name, size, sha256). 413 past `limit` bytes,
        415 unless it starts like WebM, 400 when empty or interrupted; no file is left then."""
        name = self.new_name(upload_id)
        path = self.path(name)
        with self._lock:
            self._writing.add(name)
        handle: IO[bytes] = await anyio.to_thread.run_sync(open, path, "xb")
        digest = hashlib.sha256()

        def write(chunk: bytearray) -> None:
            handle.write(chunk)
            digest.update(chunk)

        try:
            size = await _stream(request, limit, write)
            await anyio.to_thread.run_sync(handle.close)
        except BaseException:
            handle.close()
            path.unlink(missing_ok=True)
            raise
        finally:
            with self._lock:
                self._writing.discard(name)
        return name, size, digest.hexdigest()


async def digest_of(request: Request, limit: int) -> tuple[int, str]:
    """Size and sha256 of the body, read and hashed without storing it (a repeated PUT)."""
    digest = hashlib.sha256()
    size = await _stream(request, limit, digest.update)
    return size, digest.hexdigest()


async def _stream(request: Request, limit: int, sink: Callable[[bytearray], object]) -> int:
    size = 0
    buffer = bytearray()
    checked = False
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ProblemError(413, f"The upload exceeds {limit} bytes.")
            buffer += chunk
            if not checked and len(buffer) >= len(EBML_MAGIC):
                _check_magic(buffer)
                checked = True
            if len(buffer) >= FLUSH_BYTES:
                await anyio.to_thread.run_sync(sink, buffer)
                buffer = bytearray()
    except ClientDisconnect:
        raise ProblemError(400, "The upload was interrupted.") from None
    if size == 0:
        raise ProblemError(400, "The upload is empty.")
    if not checked:
        _check_magic(buffer)
    if buffer:
        await anyio.to_thread.run_sync(sink, buffer)
    return size


def _check_magic(head: bytes | bytearray) -> None:
    if bytes(head[: len(EBML_MAGIC)]) != EBML_MAGIC:
        raise ProblemError(
            415, "The body is not a WebM recording (no EBML header).", kind="not-webm"
        )

"""The recording to upload: bytes, a path or a binary file, re-readable for retries."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import IO, Any

import attrs

from roleplay_sdk._exceptions import RoleplayValidationError
from roleplay_sdk._validate import VIDEO_CONTENT_TYPES, VIDEO_MAX_BYTES, choice

CHUNK = 1 << 20


@attrs.frozen
class VideoSource:
    """Knows its size up front (to check it before sending) and yields its bytes per attempt.

    A path is opened anew for every attempt; a seekable file is rewound to where it stood;
    a file that cannot seek is read into memory once, since a retry must send it again.
    """

    size: int
    data: bytes | None = None
    path: str | None = None
    file: IO[bytes] | None = None
    start: int = 0

    def sync_content(self) -> bytes | Iterator[bytes]:
        if self.data is not None:
            return self.data
        return self._chunks()

    def async_content(self) -> bytes | AsyncIterator[bytes]:
        if self.data is not None:
            return self.data
        return self._achunks()

    def _open(self) -> IO[bytes]:
        if self.path is not None:
            return open(self.path, "rb")  # closed by the chunk generators
        assert self.file is not None
        self.file.seek(self.start)
        return self.file

    def _close(self, handle: IO[bytes]) -> None:
        if self.path is not None:
            handle.close()

    def _chunks(self) -> Iterator[bytes]:
        handle = self._open()
        try:
            remaining = self.size
            while remaining > 0 and (chunk := handle.read(min(CHUNK, remaining))):
                remaining -= len(chunk)
                yield chunk
        finally:
            self._close(handle)

    async def _achunks(self) -> AsyncIterator[bytes]:
        import asyncio  # here, not at the top: sync callers should not import asyncio

        handle = await asyncio.to_thread(self._open)
        try:
            remaining = self.size
            while remaining > 0:
                chunk = await asyncio.to_thread(handle.read, min(CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(self._close, handle)


def video_source(video: object) -> VideoSource:
    """Check the `video` argument and measure it without reading a path or seekable file."""
    if isinstance(video, bytes | bytearray | memoryview):
        return _sized(VideoSource(size=len(video), data=bytes(video)))
    if isinstance(video, str | os.PathLike):
        path = os.fspath(video)
        if not isinstance(path, str) or not os.path.isfile(path):
            raise RoleplayValidationError("video", f"no such file: {path!r}")
        return _sized(VideoSource(size=os.path.getsize(path), path=path))
    if callable(getattr(video, "read", None)):
        return _sized(_from_file(video))
    raise RoleplayValidationError("video", "must be bytes, a file path or a binary file object")


def _from_file(file: Any) -> VideoSource:
    probe = file.read(0)
    if not isinstance(probe, bytes):
        raise RoleplayValidationError("video", "must be opened in binary mode ('rb')")
    seekable = getattr(file, "seekable", None)
    if callable(seekable) and seekable():
        start = file.tell()
        size = file.seek(0, os.SEEK_END) - start
        file.seek(start)
        return VideoSource(size=size, file=file, start=start)
    data = file.read()
    return VideoSource(size=len(data), data=bytes(data))


def _sized(source: VideoSource) -> VideoSource:
    if not 1 <= source.size <= VIDEO_MAX_BYTES:
        raise RoleplayValidationError(
            "video", f"must be 1 to {VIDEO_MAX_BYTES} bytes, got {source.size}"
        )
    return source


def content_type(value: object) -> str:
    return choice("content_type", value, VIDEO_CONTENT_TYPES)

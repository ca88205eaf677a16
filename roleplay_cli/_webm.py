"""A small, structurally valid WebM recording for the demo's upload.

EBML header (DocType "webm"), then a Segment with a SeekHead, Info, one VP8 video track and
one Cluster of SimpleBlocks. The frames are placeholder bytes, not a decodable picture: the service
stores and checks uploads as WebM, it does not play them back in the demo.
"""

from __future__ import annotations

import struct


def _element(element_id: int, payload: bytes) -> bytes:
    """An EBML element: its ID, an 8-byte size (EBMLMaxSizeLength 8) and the payload."""
    head = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return head + b"\x01" + len(payload).to_bytes(7, "big") + payload


def _uint(element_id: int, value: int) -> bytes:
    return _element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _text(element_id: int, value: str) -> bytes:
    return _element(element_id, value.encode("ascii"))


def demo_recording(frames: int = 30, frame_bytes: int = 256) -> bytes:
    """A WebM file of `frames` placeholder frames, 33 ms apart; starts with 1A 45 DF A3."""
    header = _element(
        0x1A45DFA3,
        _uint(0x4286, 1)  # EBMLVersion
        + _uint(0x42F7, 1)  # EBMLReadVersion
        + _uint(0x42F2, 4)  # EBMLMaxIDLength
        + _uint(0x42F3, 8)  # EBMLMaxSizeLength
        + _text(0x4282, "webm")  # DocType
        + _uint(0x4287, 4)  # DocTypeVersion
        + _uint(0x4285, 2),  # DocTypeReadVersion
    )
    info = _element(
        0x1549A966,
        _uint(0x2AD7B1, 1_000_000)  # TimestampScale: milliseconds
        + _text(0x4D80, "roleplay demo")  # MuxingApp
        + _text(0x5741, "roleplay demo")  # WritingApp
        + _element(0x4489, struct.pack(">d", frames * 33.0)),  # Duration
    )
    video = _uint(0xB0, 320) + _uint(0xBA, 240)  # PixelWidth, PixelHeight
    track = _element(
        0xAE,
        _uint(0xD7, 1)  # TrackNumber
        + _uint(0x73C5, 1)  # TrackUID
        + _uint(0x83, 1)  # TrackType: video
        + _text(0x86, "V_VP8")  # CodecID
        + _element(0xE0, video),
    )
    blocks = b"".join(
        _element(0xA3, b"\x81" + struct.pack(">h", index * 33) + b"\x80" + bytes(frame_bytes))
        for index in range(frames)
    )
    cluster = _element(0x1F43B675, _uint(0xE7, 0) + blocks)  # Timestamp 0, SimpleBlocks
    tracks = _element(0x1654AE6B, track)
    body = [info, tracks, cluster]
    seek_head = _seek_head([0] * len(body))  # positions are fixed-width: measure, then fill
    positions, offset = [], len(seek_head)
    for element in body:
        positions.append(offset)
        offset += len(element)
    segment = _element(0x18538067, _seek_head(positions) + b"".join(body))
    return header + segment


def _seek_head(positions: list[int]) -> bytes:
    """Where Info, Tracks and the Cluster start, relative to the Segment's data."""
    ids = (0x1549A966, 0x1654AE6B, 0x1F43B675)
    seeks = b"".join(
        _element(
            0x4DBB,
            _element(0x53AB, element_id.to_bytes(4, "big"))  # SeekID
            + _element(0x53AC, position.to_bytes(8, "big")),  # SeekPosition
        )
        for element_id, position in zip(ids, positions, strict=True)
    )
    return _element(0x114D9B74, seeks)

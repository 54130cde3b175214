"""Typed models of the wire contract (API.md), with Pythonic names for its camelCase fields.

The models are :mod:`msgspec` structs: decoding is strict (a documented integer
sent as a string is an error naming the field, never coerced, and an integer
outside 64 bits is an error too, since Qt, SQLite and the server all stop
there), unknown extra fields are kept in the record's ``raw`` bytes and shown
by ``extra``, and every field a server may leave out has a default of ``None``.
"""

from __future__ import annotations

import enum
from functools import cached_property
from typing import Annotated, Any

import msgspec

__all__ = [
    "Clarity",
    "Int64",
    "Rendition",
    "RoomPage",
    "StartReport",
    "StatusKind",
    "StopReport",
    "StreamInfo",
    "StreamRecord",
    "clarity_label",
    "status_kind",
]

_decode_any = msgspec.json.Decoder()

Int64 = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
"""An integer the wire may carry: JSON has no limit, but everything downstream stops at 64 bits."""


class _Wire(msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True, dict=True):
    """Base of records read from the wire: keeps the bytes they were read from."""

    @property
    def raw(self) -> bytes:
        """The record's JSON exactly as received (or as encoded, if built in code)."""
        raw: bytes | None = self.__dict__.get("_raw")
        return raw if raw is not None else msgspec.json.encode(self)

    def _keep_raw(self, raw: bytes) -> None:
        self.__dict__["_raw"] = raw

    @cached_property
    def raw_object(self) -> dict[str, Any]:
        """The record as a plain JSON object, every field as received."""
        try:
            value = _decode_any.decode(self.raw)
        except RecursionError:
            # The wire caps nesting (wire.MAX_DEPTH), so only a caller already
            # deep in the stack gets here: show the typed fields, never fail.
            value = msgspec.to_builtins(self)
        return value if isinstance(value, dict) else {}

    @cached_property
    def extra(self) -> dict[str, Any]:
        """Fields the server sent that the contract does not name."""
        known = set(self.__struct_encode_fields__)
        return {k: v for k, v in self.raw_object.items() if k not in known}


class StatusKind(enum.Enum):
    """What a stream record's ``status`` code means (API.md, inferred)."""

    IDLE = "idle"
    LIVE = "live"
    ENDED = "ended"
    UNKNOWN = "unknown"


_STATUS_KINDS = {0: StatusKind.IDLE, 1: StatusKind.LIVE, 100: StatusKind.ENDED}
STATUS_CODES: dict[StatusKind, int] = {kind: code for code, kind in _STATUS_KINDS.items()}


def status_kind(code: int | None, overrides: dict[int, StatusKind] | None = None) -> StatusKind:
    """Classify a status code; ``overrides`` lets an operator map unknown codes."""
    if code is None:
        return StatusKind.UNKNOWN
    if overrides and code in overrides:
        return overrides[code]
    return _STATUS_KINDS.get(code, StatusKind.UNKNOWN)


class Clarity(enum.IntEnum):
    """The ``clear`` values: top clarity of a stream or a rendition's clarity."""

    SD = 10
    HD = 20
    FHD = 30

    @property
    def lines(self) -> int:
        return {Clarity.SD: 480, Clarity.HD: 720, Clarity.FHD: 1080}[self]


def clarity_label(clear: int | None) -> str:
    """``30`` → ``"FHD (1080p)"``; an unknown value is shown as it is."""
    if clear is None:
        return "—"
    try:
        clarity = Clarity(clear)
    except ValueError:
        return str(clear)
    return f"{clarity.name} ({clarity.lines}p)"


class StreamRecord(_Wire):
    """``result.stream``: one broadcast of one room. Times and durations are in ms."""

    room_id: str
    stream_name: str | None = None
    user_id: Int64 | None = None
    user_name: str | None = None
    title: str | None = None
    category_id: Int64 | None = None
    category_name: str | None = None
    status: Int64 | None = None
    check_status: Int64 | None = None
    type: Int64 | None = None
    start_time: Int64 | None = None
    end_time: Int64 | None = None
    cdn_start_time: Int64 | None = None
    cdn_end_time: Int64 | None = None
    duration: Int64 | None = None
    clear: Int64 | None = None
    cdn_type: Int64 | None = None
    image_cdn_type: Int64 | None = None
    image: Int64 | None = None
    image_key: str | None = None
    image_url: str | None = None
    p2p: bool | None = None
    flv: bool | None = None
    m3u8: bool | None = None
    mp4: bool | None = None
    file: bool | None = None
    bucket: str | None = None
    persistent_id: str | None = None
    resource_id: Int64 | None = None

    @property
    def kind(self) -> StatusKind:
        return status_kind(self.status)


class Rendition(_Wire):
    """``result.videos[]``: one transcoded or recorded variant of a stream record."""

    key: str
    bucket: str | None = None
    clear: Int64 | None = None
    width: Int64 | None = None
    height: Int64 | None = None
    type: Int64 | None = None
    duration: Int64 | None = None
    file_size: Int64 | None = None
    hash: str | None = None
    persistent_id: str | None = None
    record_id: Int64 | None = None
    resource_id: Int64 | None = None
    stream_name: str | None = None
    seq: Int64 | None = None
    cdn_type: Int64 | None = None


class StreamInfo(_Wire):
    """The ``result`` of ``info``: a stream record and its renditions."""

    stream: StreamRecord
    videos: list[Rendition] = msgspec.field(default_factory=list)


class RoomPage(_Wire):
    """The ``result`` of ``list`` and ``records``: one page of stream records."""

    total: Int64
    page: Int64
    page_size: Int64
    streams: list[StreamRecord] = msgspec.field(default_factory=list)
    server_time: Int64 | None = None


class _Report(msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True, frozen=True):
    """Base of the reports a client sends."""

    def to_json(self) -> bytes:
        return msgspec.json.encode(self)


class StartReport(_Report, frozen=True):
    """开播: a room started broadcasting (API.md, documented)."""

    start_time: int
    category_id: int
    user_id: int
    user_name: str
    title: str
    room_id: str
    ip: str
    category_name: str | None = None


class StopReport(_Report, frozen=True):
    """关播: a room stopped broadcasting (API.md, inferred)."""

    room_id: str
    user_id: int
    end_time: int
    ip: str
    stream_name: str | None = None
    reason: str | None = None

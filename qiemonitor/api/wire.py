"""Reading the response envelope and its payloads from bytes, strictly (API.md).

Every way a body can break the contract becomes a :class:`ProtocolError`
whose message names what was wrong and where, e.g. ``malformed answer:
Expected `int | null`, got `str` - at `$.result.stream.userId```. That
includes JSON nested deeper than :data:`MAX_DEPTH`: the records keep their
bytes and are decoded again, printed and copied later, by code whose own
recursion would fail on them far from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec

from qiemonitor.api.errors import ProtocolError, server_error_for
from qiemonitor.api.models import Int64, Rendition, RoomPage, StreamInfo, StreamRecord

__all__ = ["MAX_DEPTH", "SUCCESS", "Envelope", "decode_envelope", "decode_info", "decode_page"]

SUCCESS = 200
MAX_DEPTH = 64
"""The deepest nesting of arrays and objects a kept payload may have."""

_T = TypeVar("_T", StreamRecord, Rendition)


class _EnvelopeWire(msgspec.Struct):
    code: int
    message: str = ""
    result: msgspec.Raw = msgspec.field(default_factory=msgspec.Raw)
    data: msgspec.Raw = msgspec.field(default_factory=msgspec.Raw)


class _InfoWire(msgspec.Struct):
    stream: msgspec.Raw
    videos: list[msgspec.Raw] = msgspec.field(default_factory=list)


class _PageWire(msgspec.Struct, rename="camel"):
    total: Int64
    page: Int64
    page_size: Int64
    streams: list[msgspec.Raw] = msgspec.field(default_factory=list)
    server_time: Int64 | None = None


_envelope_decoder = msgspec.json.Decoder(_EnvelopeWire)
_info_decoder = msgspec.json.Decoder(_InfoWire)
_page_decoder = msgspec.json.Decoder(_PageWire)
_stream_decoder = msgspec.json.Decoder(StreamRecord)
_rendition_decoder = msgspec.json.Decoder(Rendition)
_any_decoder = msgspec.json.Decoder()

_STRING = re.compile(rb'"(?:[^"\\]+|\\.)*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_OPENERS = frozenset(b"[{")


def _check_depth(raw: bytes, where: str) -> None:
    """Raise :class:`ProtocolError` if the JSON in ``raw`` nests deeper than :data:`MAX_DEPTH`."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return  # the usual case, a flat record: too few brackets to nest that deep
    depth = 0
    for byte in _STRING.sub(b"", raw).translate(None, _NOT_BRACKET):
        depth += 1 if byte in _OPENERS else -1
        if depth > MAX_DEPTH:
            raise ProtocolError(
                f"malformed answer: JSON nested deeper than {MAX_DEPTH} levels - at `{where}`"
            )


@dataclass(frozen=True, slots=True)
class Envelope:
    """``{"code", "message", "result"}``; ``payload`` holds ``result`` (or ``data``) as bytes."""

    code: int
    message: str
    payload: bytes

    @property
    def ok(self) -> bool:
        return self.code == SUCCESS

    def result(self) -> Any:
        """The payload as plain JSON values (``None`` when there was none)."""
        if not self.payload:
            return None
        _check_depth(self.payload, "$.result")
        return _any_decoder.decode(self.payload)

    def raise_for_code(
        self, *, http_status: int | None = None, retry_after: float | None = None
    ) -> None:
        """Raise the matching :class:`ServerError` unless the code is 200."""
        if not self.ok:
            raise server_error_for(
                self.code,
                self.message or "(no message)",
                http_status=http_status,
                retry_after=retry_after,
            )


def _malformed(error: msgspec.MsgspecError | RecursionError, where: str = "$") -> ProtocolError:
    if isinstance(error, RecursionError):
        return ProtocolError(f"malformed answer: JSON nested too deeply - at `{where}`")
    text = str(error).replace("`$", f"`{where}")
    if not isinstance(error, msgspec.ValidationError):
        return ProtocolError(f"malformed answer: body is not valid JSON ({text})")
    if text.startswith("Expected `object`"):
        text = text.replace("Expected `object`", "expected a JSON object", 1)
    elif text.startswith("Object missing required field"):
        text = text.replace("Object missing required field", "no field", 1)
    if " - at `" not in text and where != "$":
        text += f" - at `{where}`"
    return ProtocolError(f"malformed answer: {text}")


def decode_envelope(body: bytes) -> Envelope:
    """Read the envelope of a response body; raises :class:`ProtocolError`."""
    try:
        wire = _envelope_decoder.decode(body)
    except (msgspec.MsgspecError, RecursionError) as error:
        raise _malformed(error) from None
    payload = wire.result if len(wire.result) else wire.data
    return Envelope(wire.code, wire.message, bytes(payload))


def _record(decoder: msgspec.json.Decoder[_T], raw: msgspec.Raw, where: str) -> _T:
    data = bytes(raw)
    _check_depth(data, where)
    try:
        record = decoder.decode(data)
    except (msgspec.MsgspecError, RecursionError) as error:
        raise _malformed(error, where) from None
    record._keep_raw(data)
    return record


def decode_info(payload: bytes) -> StreamInfo:
    """``result`` of ``info`` → :class:`StreamInfo`, each record keeping its raw bytes."""
    _check_depth(payload, "$.result")  # the info keeps all of it, unknown fields too
    try:
        wire = _info_decoder.decode(payload)
    except (msgspec.MsgspecError, RecursionError) as error:
        raise _malformed(error, "$.result") from None
    info = StreamInfo(
        stream=_record(_stream_decoder, wire.stream, "$.result.stream"),
        videos=[
            _record(_rendition_decoder, raw, f"$.result.videos[{i}]")
            for i, raw in enumerate(wire.videos)
        ],
    )
    info._keep_raw(payload)
    return info


def decode_page(payload: bytes) -> RoomPage:
    """``result`` of ``list`` or ``records`` → :class:`RoomPage`."""
    try:
        wire = _page_decoder.decode(payload)
    except (msgspec.MsgspecError, RecursionError) as error:
        raise _malformed(error, "$.result") from None
    page = RoomPage(
        total=wire.total,
        page=wire.page,
        page_size=wire.page_size,
        server_time=wire.server_time,
        streams=[
            _record(_stream_decoder, raw, f"$.result.streams[{i}]")
            for i, raw in enumerate(wire.streams)
        ],
    )
    page._keep_raw(payload)
    return page

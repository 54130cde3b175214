"""Reading the response envelope and its payloads from bytes, strictly (API.md).

Every way a body can break the contract becomes a :class:`ProtocolError`
whose message names what was wrong and where, e.g. ``malformed answer:
Expected `int | null`, got `str` - at `$.result.stream.userId```.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec

from qiemonitor.api.errors import ProtocolError, server_error_for
from qiemonitor.api.models import Rendition, RoomPage, StreamInfo, StreamRecord

__all__ = ["SUCCESS", "Envelope", "decode_envelope", "decode_info", "decode_page"]

SUCCESS = 200

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
    total: int
    page: int
    page_size: int
    streams: list[msgspec.Raw] = msgspec.field(default_factory=list)
    server_time: int | None = None


_envelope_decoder = msgspec.json.Decoder(_EnvelopeWire)
_info_decoder = msgspec.json.Decoder(_InfoWire)
_page_decoder = msgspec.json.Decoder(_PageWire)
_stream_decoder = msgspec.json.Decoder(StreamRecord)
_rendition_decoder = msgspec.json.Decoder(Rendition)
_any_decoder = msgspec.json.Decoder()


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
        return _any_decoder.decode(self.payload) if self.payload else None

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


def _malformed(error: msgspec.MsgspecError, where: str = "$") -> ProtocolError:
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
    except msgspec.MsgspecError as error:
        raise _malformed(error) from None
    payload = wire.result if len(wire.result) else wire.data
    return Envelope(wire.code, wire.message, bytes(payload))


def _record(decoder: msgspec.json.Decoder[_T], raw: msgspec.Raw, where: str) -> _T:
    try:
        record = decoder.decode(raw)
    except msgspec.MsgspecError as error:
        raise _malformed(error, where) from None
    record._keep_raw(bytes(raw))
    return record


def decode_info(payload: bytes) -> StreamInfo:
    """``result`` of ``info`` → :class:`StreamInfo`, each record keeping its raw bytes."""
    try:
        wire = _info_decoder.decode(payload)
    except msgspec.MsgspecError as error:
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
    except msgspec.MsgspecError as error:
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

"""Every stream-record field of API.md, grouped into sections a person can read."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from qiemonitor.api.models import StreamRecord, clarity_label
from qiemonitor.core.formatting import format_duration, format_local_time
from qiemonitor.ui.stream_labels import flag_text, status_text

__all__ = ["FieldRow", "Section", "record_sections", "wire_literal"]

Formatter = Callable[[Any], str]
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field: its wire name, what it means, the value for people and as received.

    ``wire`` is empty when the value reads the same either way; ``present``
    is false when the server did not send the field at all.
    """

    key: str
    meaning: str
    value: str
    wire: str
    present: bool = True


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of fields, e.g. "Timing"."""

    title: str
    rows: tuple[FieldRow, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.rows)


def wire_literal(value: Any) -> str:
    """A value as JSON text, non-ASCII left readable."""
    return json.dumps(value, ensure_ascii=False)


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else wire_literal(value)


def _time(value: Any) -> str:
    return format_local_time(value) if _is_int(value) else _plain(value)


def _duration(value: Any) -> str:
    return format_duration(value) if _is_int(value) else _plain(value)


def _clear(value: Any) -> str:
    return clarity_label(value) if _is_int(value) else _plain(value)


def _flag(value: Any) -> str:
    return flag_text(value) if isinstance(value, bool) else _plain(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _catalogue(
    labels: Mapping[int, str] | None,
) -> list[tuple[str, list[tuple[str, str, Formatter]]]]:
    translate = QCoreApplication.translate  # by this name, lupdate finds the strings

    def status(value: Any) -> str:
        return status_text(value, labels) if _is_int(value) else _plain(value)

    return [
        (translate("StreamFields", "Identity"), [
            ("roomId", translate("StreamFields", "room id"), _plain),
            ("streamName",
             translate("StreamFields", "stream key: room id and a random suffix"), _plain),
            ("userId", translate("StreamFields", "broadcaster's user id"), _plain),
            ("userName", translate("StreamFields", "broadcaster's display name"), _plain),
            ("title", translate("StreamFields", "room title at broadcast time"), _plain),
            ("categoryId", translate("StreamFields", "category id"), _plain),
            ("categoryName", translate("StreamFields", "category name"), _plain),
            ("resourceId",
             translate("StreamFields", "this record's id (renditions' recordId)"), _plain),
        ]),
        (translate("StreamFields", "State"), [
            ("status", translate("StreamFields", "broadcast state"), status),
            ("checkStatus",
             translate("StreamFields", "review state (meaning not documented)"), _plain),
            ("type", translate("StreamFields", "stream type (meaning not documented)"), _plain),
            ("clear", translate("StreamFields", "top clarity"), _clear),
        ]),
        (translate("StreamFields", "Timing"), [
            ("startTime", translate("StreamFields", "broadcast start (local time)"), _time),
            ("endTime", translate("StreamFields", "broadcast end (local time)"), _time),
            ("cdnStartTime",
             translate("StreamFields", "start as the CDN saw it (local time)"), _time),
            ("cdnEndTime", translate("StreamFields", "end as the CDN saw it (local time)"), _time),
            ("duration", translate("StreamFields", "length of the broadcast"), _duration),
        ]),
        (translate("StreamFields", "Delivery"), [
            ("p2p", translate("StreamFields", "P2P delivery"), _flag),
            ("flv", translate("StreamFields", "FLV available"), _flag),
            ("m3u8", translate("StreamFields", "HLS (m3u8) available"), _flag),
            ("mp4", translate("StreamFields", "MP4 available"), _flag),
            ("file", translate("StreamFields", "recording file available"), _flag),
        ]),
        (translate("StreamFields", "Storage"), [
            ("bucket", translate("StreamFields", "storage bucket of the recording"), _plain),
            ("persistentId", translate("StreamFields", "storage job id"), _plain),
            ("imageKey", translate("StreamFields", "thumbnail storage key"), _plain),
            ("imageUrl", translate("StreamFields", "thumbnail URL"), _plain),
            ("image", translate("StreamFields", "image flag (meaning not documented)"), _plain),
            ("cdnType", translate("StreamFields", "CDN selector (meaning not documented)"), _plain),
            ("imageCdnType",
             translate("StreamFields", "image CDN selector (not documented)"), _plain),
        ]),
    ]  # fmt: skip


def _row(key: str, meaning: str, formatter: Formatter, value: Any) -> FieldRow:
    if value is _ABSENT:
        return FieldRow(
            key, meaning, "—", QCoreApplication.translate("StreamFields", "(not sent)"), False
        )
    if value is None:
        return FieldRow(key, meaning, "—", "null")
    shown = formatter(value)
    literal = _plain(value)
    return FieldRow(key, meaning, shown, "" if literal == shown else literal)


def record_sections(record: StreamRecord, labels: Mapping[int, str] | None = None) -> list[Section]:
    """The record's fields as received, section by section; unknown ones last."""
    received = record.raw_object
    sections = [
        Section(
            title,
            tuple(
                _row(key, meaning, fmt, received.get(key, _ABSENT)) for key, meaning, fmt in fields
            ),
        )
        for title, fields in _catalogue(labels)
    ]
    extra = record.extra
    if extra:
        meaning = QCoreApplication.translate("StreamFields", "not in the documented contract")
        rows = tuple(_row(key, meaning, _plain, value) for key, value in extra.items())
        sections.append(Section(QCoreApplication.translate("StreamFields", "Other fields"), rows))
    return sections

"""Plain-text rendering for the terminal: aligned tables that respect CJK widths.

Whatever a server sends, each field and each row stays on one line: text is
shown with control and other invisible characters escaped (``\\n``,
``\\u202e``), so a title cannot break a table or forge a line of output.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from qiemonitor.api.models import Rendition, StreamInfo, StreamRecord, clarity_label, status_kind
from qiemonitor.core.formatting import format_bytes, format_duration, format_local_time

__all__ = ["dumps", "printable", "record_lines", "rooms_table", "status_label", "table"]

_TIME_FIELDS = {"startTime", "endTime", "cdnStartTime", "cdnEndTime"}


def dumps(value: Any) -> str:
    """Pretty JSON with Chinese left readable."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def printable(text: str) -> str:
    """``text`` with every character that is not printable escaped, e.g. ``a\\nb``."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def _cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK) characters take two, combining marks none."""
    return sum(_cells(ch) for ch in text)


def clip(text: str, cells: int) -> str:
    """``text`` made printable and cut to at most ``cells`` terminal cells, ending in ``…``."""
    text = printable(text)
    if width(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        used += _cells(ch)
        if used > cells - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    body = [list(headers), *(list(row) for row in rows)]
    widths = [max(width(row[i]) for row in body) for i in range(len(headers))]
    lines = [
        "  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in body
    ]
    return "\n".join(lines)


def status_label(code: int | None) -> str:
    kind = status_kind(code)
    return kind.value if kind.value != "unknown" else f"unknown ({code})"


def _duration(record: StreamRecord, now: int) -> int | None:
    if status_kind(record.status).value == "live" and record.start_time:
        return max(0, now - record.start_time)
    return record.duration


def rooms_table(records: Sequence[StreamRecord], now: int) -> str:
    rows = (
        [
            printable(r.room_id),
            status_label(r.status),
            clip(r.user_name or "—", 20),
            clip(r.title or "—", 32),
            clip(r.category_name or "—", 12),
            format_local_time(r.start_time),
            format_duration(_duration(r, now)),
        ]
        for r in records
    )
    headers = ("ROOM", "STATUS", "USER", "TITLE", "CATEGORY", "START", "DURATION")
    return table(headers, rows)


def _value(name: str, value: Any) -> str:
    if value is None:
        return "—"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = printable(text)
    if name in _TIME_FIELDS and isinstance(value, int):
        return f"{value}  ({format_local_time(value, with_ms=True)})"
    if name == "duration" and isinstance(value, int):
        return f"{value}  ({format_duration(value)})"
    if name == "status" and isinstance(value, int):
        return f"{value}  ({status_label(value)})"
    if name == "clear" and isinstance(value, int):
        return f"{value}  ({clarity_label(value)})"
    return text


def record_lines(info: StreamInfo) -> str:
    """Every field of the stream record, as received, then the renditions."""
    fields = [(printable(name), name, value) for name, value in info.stream.raw_object.items()]
    pad = max((width(shown) for shown, _, _ in fields), default=0)
    lines = [
        f"{shown}{' ' * (pad - width(shown))}  {_value(name, value)}"
        for shown, name, value in fields
    ]
    lines.append("")
    lines.append(f"renditions: {len(info.videos)}")
    if info.videos:
        lines.append(_renditions(info.videos))
    return "\n".join(lines)


def _renditions(videos: Sequence[Rendition]) -> str:
    ordered = sorted(videos, key=lambda v: v.clear or 0, reverse=True)
    rows = (
        [
            clarity_label(v.clear),
            f"{v.width or '—'}×{v.height or '—'}",
            format_duration(v.duration),
            format_bytes(v.file_size),
            printable(v.bucket or "—"),
            printable(v.key),
        ]
        for v in ordered
    )
    return table(("CLARITY", "SIZE", "DURATION", "FILE", "BUCKET", "KEY"), rows)

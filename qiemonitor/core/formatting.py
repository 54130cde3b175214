"""How times, durations and sizes read to a person; pure functions, no Qt."""

from __future__ import annotations

from datetime import datetime

__all__ = ["format_bytes", "format_duration", "format_local_time", "now_ms"]

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


def now_ms() -> int:
    """The current UNIX time in milliseconds, as the wire carries times."""
    return int(datetime.now().timestamp() * 1000)


def format_local_time(ms: int | None, *, with_ms: bool = False) -> str:
    """``1477068624056`` → ``2016-10-22 00:50:24`` in the local time zone; ``None`` → ``—``."""
    if ms is None or ms <= 0:
        return "—"
    try:
        moment = datetime.fromtimestamp(ms / 1000).astimezone()
    except (OverflowError, OSError, ValueError):
        return str(ms)
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{ms % 1000:03d}" if with_ms else text


def format_duration(ms: int | None) -> str:
    """``41686240`` → ``11:34:46``; days are spelled out past 24 h (``2d 03:00:00``)."""
    if ms is None or ms < 0:
        return "—"
    seconds = ms // 1000
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    clock = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{days}d {clock}" if days else clock


def format_bytes(size: int | None) -> str:
    """``127296`` → ``124.3 KiB``; exact bytes below 1 KiB."""
    if size is None or size < 0:
        return "—"
    value = float(size)
    for unit in _UNITS:
        if value < 1024 or unit == _UNITS[-1]:
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")

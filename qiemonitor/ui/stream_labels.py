"""How stream states and flags read and look in the detail pane: words and colours."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from qiemonitor.api.models import StatusKind, status_kind

__all__ = ["flag_text", "status_color", "status_text"]

_COLORS = {
    StatusKind.LIVE: "#2e7d32",
    StatusKind.IDLE: "#1565c0",
    StatusKind.ENDED: "#616161",
    StatusKind.UNKNOWN: "#e65100",
}


def _kind_name(kind: StatusKind) -> str:
    translate = QCoreApplication.translate  # by this name, lupdate finds the strings
    names = {
        StatusKind.IDLE: translate("StreamLabels", "idle"),
        StatusKind.LIVE: translate("StreamLabels", "live"),
        StatusKind.ENDED: translate("StreamLabels", "ended"),
        StatusKind.UNKNOWN: translate("StreamLabels", "unknown"),
    }
    return names[kind]


def status_text(code: int | None, labels: Mapping[int, str] | None = None) -> str:
    """``100`` → ``ended (100)``; an operator's label for a code wins; ``None`` → ``—``."""
    if code is None:
        return "—"
    if labels and code in labels:
        return f"{labels[code]} ({code})"
    return f"{_kind_name(status_kind(code))} ({code})"


def status_color(code: int | None) -> QColor:
    """The badge colour of a status: green live, blue idle, grey ended, orange unknown."""
    return QColor(_COLORS[status_kind(code)])


def flag_text(value: bool | None) -> str:
    """A delivery flag as a tick or a cross with the word beside it."""
    if value is None:
        return "—"
    translate = QCoreApplication.translate  # by this name, lupdate finds the strings
    return translate("StreamLabels", "✓ yes") if value else translate("StreamLabels", "✗ no")

"""The status bar's outbox badge: how many reports wait or failed; a click shows the outbox."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget

__all__ = ["OutboxBadge"]

_WAITING_STYLE = "QToolButton { color: #b26a00; font-weight: bold; }"
_FAILED_STYLE = "QToolButton { color: #c0392b; font-weight: bold; }"


class OutboxBadge(QToolButton):
    """Quiet when every report was delivered; amber while some wait, red when any failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outbox_badge")
        self.setAutoRaise(True)
        self.set_counts({})

    def set_counts(self, counts: dict[str, int]) -> None:
        waiting = counts.get("pending", 0) + counts.get("sending", 0)
        failed = counts.get("failed", 0)
        if failed:
            text = self.tr("Outbox: {failed} failed, {waiting} waiting").format(
                failed=failed, waiting=waiting
            )
            style = _FAILED_STYLE
        elif waiting:
            text = self.tr("Outbox: {waiting} waiting").format(waiting=waiting)
            style = _WAITING_STYLE
        else:
            text, style = self.tr("Outbox: all delivered"), ""
        self.setText(text)
        self.setStyleSheet(style)
        self.setToolTip(self.tr("Reports kept until the server has them (Ctrl+Shift+O)"))

    def set_unavailable(self, problem: str) -> None:
        self.setText(self.tr("Outbox unavailable"))
        self.setStyleSheet(_FAILED_STYLE)
        self.setToolTip(problem)

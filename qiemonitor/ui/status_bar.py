"""The status bar: server, last good poll and its latency, room counts, and the current error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from qiemonitor.core.formatting import format_local_time

__all__ = ["MonitorStatusBar"]

_MESSAGE_MS = 4000


class MonitorStatusBar(QStatusBar):
    """Permanent fields on the right; the error (or a passing message) on the left.

    The error stays until a poll succeeds again, so an operator glancing at
    the window sees that the values are not fresh.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server_label = QLabel()
        self._poll_text = self.tr("No poll yet")
        self._paused = False
        self.poll_label = QLabel(self._poll_text)
        self.counts_label = QLabel()
        self.addWidget(self.error_label, 1)
        for label in (self.server_label, self.poll_label, self.counts_label):
            self.addPermanentWidget(label)

    def set_server(self, url: str) -> None:
        self.server_label.setText(url)
        self.server_label.setToolTip(self.tr("Server"))

    def show_poll(self, finished_at: int, latency: float) -> None:
        """The last successful poll: when it finished and how long it took."""
        self._poll_text = self.tr("Polled {time} in {ms} ms").format(
            time=format_local_time(finished_at), ms=round(latency * 1000)
        )
        self._render_poll()

    def show_paused(self, paused: bool) -> None:
        self._paused = paused
        self._render_poll()

    def _render_poll(self) -> None:
        text = self._poll_text
        if self._paused:
            text = self.tr("{text} — paused").format(text=text)
        self.poll_label.setText(text)

    def set_counts(self, total: int, live: int) -> None:
        self.counts_label.setText(
            self.tr("{total} rooms, {live} live").format(total=total, live=live)
        )

    def show_error(self, message: str) -> None:
        """One line, as the API layer words it."""
        line = message.splitlines()[0] if message else ""
        self.error_label.setText(line)
        self.error_label.setToolTip(message)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.setToolTip("")

    @property
    def error_text(self) -> str:
        return self.error_label.text()

    def flash(self, message: str) -> None:
        """A passing message (e.g. "copied"), shown over the error for a few seconds."""
        self.showMessage(message, _MESSAGE_MS)

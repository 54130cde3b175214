"""The status bar: connection, retry countdown, polling mode, server, last good poll, room counts.

The connection indicator, the countdown and the mode are permanent widgets,
so a passing message (:meth:`MonitorStatusBar.flash`) never hides them; the
current error sits on the left and stays until a poll succeeds again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from qiemonitor.core.formatting import format_local_time
from qiemonitor.core.poller import PollFailure, PollMode
from qiemonitor.ui.connection_indicator import (
    ConnectionIndicator,
    ConnectionState,
    Health,
    Recovery,
)

__all__ = ["MonitorStatusBar"]

_MESSAGE_MS = 4000
_TICK_MS = 1000


class MonitorStatusBar(QStatusBar):
    """Permanent fields on the right; the error (or a passing message) on the left.

    The error stays until a poll succeeds again, so an operator glancing at
    the window sees that the values are not fresh. After a failure the bar
    counts down to the next try and offers "Retry now".

    Signals:
        retry_requested(): the operator asked for a poll now.
        health_changed(object): the connection indicator now shows this :class:`Health`.
    """

    retry_requested = Signal()
    health_changed = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.connection = ConnectionState(interval=5.0, started=clock())
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.indicator = ConnectionIndicator(self)
        self.countdown_label = QLabel()
        self.retry_button = QToolButton()
        self.retry_button.setText(self.tr("Retry now"))
        self.retry_button.setToolTip(self.tr("Poll the server now instead of waiting"))
        self.mode_label = QLabel()
        self.mode_label.setStyleSheet("color: #b36b00;")
        self.server_label = QLabel()
        self._poll_text = self.tr("No poll yet")
        self._paused = False
        self.poll_label = QLabel(self._poll_text)
        self.counts_label = QLabel()
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._lay_out()
        self._timer.timeout.connect(self.on_timer_timeout)
        self.retry_button.clicked.connect(self.on_retry_clicked)
        self.refresh_connection()

    def _lay_out(self) -> None:
        self.addWidget(self.error_label, 1)
        for widget in (self.indicator, self.countdown_label, self.retry_button, self.mode_label):
            self.addPermanentWidget(widget)
        for label in (self.server_label, self.poll_label, self.counts_label):
            self.addPermanentWidget(label)
        for widget in (self.countdown_label, self.retry_button, self.mode_label):
            widget.hide()

    def set_server(self, url: str) -> None:
        self.server_label.setText(url)
        self.server_label.setToolTip(self.tr("Server"))

    @property
    def server(self) -> str:
        return self.server_label.text()

    def show_poll(self, finished_at: int, latency: float) -> None:
        """The last successful poll: when it finished and how long it took."""
        self._poll_text = self.tr("Polled {time} in {ms} ms").format(
            time=format_local_time(finished_at), ms=round(latency * 1000)
        )
        self._render_poll()

    def show_paused(self, paused: bool) -> None:
        self._paused = paused
        self.connection.paused = paused
        self._render_poll()
        self.refresh_connection()

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

    # -- the connection ----------------------------------------------------

    def start_connection(self, interval: float) -> None:
        """Polling (re)started: nothing is known about the server yet."""
        self.connection = ConnectionState(
            interval=interval, started=self._clock(), paused=self._paused
        )
        self._timer.start()
        self.refresh_connection()

    def note_success(self, interval: float) -> Recovery | None:
        """A poll succeeded; returns the run of failures it ended, if any."""
        self.connection.interval = interval
        recovery = self.connection.succeeded(self._clock())
        self.refresh_connection()
        return recovery

    def note_failure(self, failure: PollFailure, interval: float) -> None:
        self.connection.interval = interval
        self.connection.failed(
            failure.error.message, failure.failures, failure.retry_in, self._clock()
        )
        self.refresh_connection()

    def show_mode(self, mode: PollMode, watched: int) -> None:
        """Say when the server has no room list and only the watched rooms are polled."""
        if mode is PollMode.LIST:
            self.mode_label.hide()
            return
        self.mode_label.setText(self.tr("Watched rooms only ({n})").format(n=watched))
        self.mode_label.setToolTip(
            self.tr(
                "This server has no room list, so only the watched rooms are polled, "
                "one by one. Other rows keep their last values and age."
            )
        )
        self.mode_label.show()

    @property
    def health(self) -> Health | None:
        return self.indicator.health

    def refresh_connection(self) -> None:
        """Show the indicator and the countdown as of now (also once a second)."""
        now = self._clock()
        before = self.indicator.health
        health = self.indicator.show_state(self.connection, now)
        failing = self.connection.failures > 0
        self.retry_button.setVisible(failing)
        wait = self.connection.retry_in(now)
        if failing and not self._paused and wait is not None:
            self.countdown_label.setText(self._countdown_text(wait))
            self.countdown_label.show()
        else:
            self.countdown_label.hide()
        if health is not before:
            self.health_changed.emit(health)

    def _countdown_text(self, wait: float) -> str:
        seconds = int(wait + 0.999)  # a countdown rounds up: "1 s" until it is due
        if seconds <= 0:
            return self.tr("retrying…")
        return self.tr("retrying in {n} s").format(n=seconds)

    # -- slots -----------------------------------------------------------

    def on_timer_timeout(self) -> None:
        self.refresh_connection()

    def on_retry_clicked(self) -> None:
        self.connection.retry_at = self._clock()  # the countdown says "retrying…" at once
        self.refresh_connection()
        self.retry_requested.emit()

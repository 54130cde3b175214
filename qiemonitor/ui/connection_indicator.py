"""The connection indicator: a coloured dot and a word for how polling the server is going.

Green while polls succeed; amber once the last poll failed or no fresh data
has arrived for about two poll intervals; red after several failures in a
row or a long time without a successful poll; grey before the first answer
and while polling is paused. :class:`ConnectionState` decides (no Qt, so it
is tested with plain numbers); :class:`ConnectionIndicator` shows it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from qiemonitor.ui.dots import dot_pixmap

__all__ = [
    "RED_FAILURES",
    "ConnectionIndicator",
    "ConnectionState",
    "Health",
    "Recovery",
    "amber_after",
    "red_after",
]

RED_FAILURES = 3  # failed polls in a row that make the indicator red


def amber_after(interval: float) -> float:
    """Seconds without a successful poll before the data counts as late (about two beats).

    The floor leaves a very short interval room for one slow answer.
    """
    return max(2 * interval, interval + 2.0)


def red_after(interval: float) -> float:
    """Seconds without a successful poll after which the server counts as lost."""
    return max(10 * interval, 60.0)


class Health(enum.Enum):
    """What the indicator shows."""

    WAITING = "waiting"  # polling started, no answer yet
    OK = "ok"
    LATE = "late"  # amber: no failure, but no fresh data for a while (a slow answer)
    FAILING = "failing"  # amber: the last poll failed
    DOWN = "down"  # red
    PAUSED = "paused"


_COLORS = {
    Health.WAITING: "#9aa0a6",
    Health.OK: "#2e9e44",
    Health.LATE: "#e69500",
    Health.FAILING: "#e69500",
    Health.DOWN: "#c0392b",
    Health.PAUSED: "#9aa0a6",
}


@dataclass(frozen=True, slots=True)
class Recovery:
    """A run of failures that a successful poll just ended."""

    failures: int
    seconds: float


@dataclass(slots=True)
class ConnectionState:
    """The run of failed polls and the last successful one; times are monotonic seconds."""

    interval: float
    started: float
    last_ok: float | None = None
    failures: int = 0
    failing_since: float | None = None
    error: str = ""
    retry_at: float | None = None
    paused: bool = False

    def succeeded(self, now: float) -> Recovery | None:
        """A poll succeeded; returns the run of failures it ended, if there was one."""
        ended = None
        if self.failures and self.failing_since is not None:
            ended = Recovery(self.failures, now - self.failing_since)
        self.last_ok, self.failures, self.failing_since = now, 0, None
        self.error, self.retry_at = "", None
        return ended

    def failed(self, error: str, failures: int, retry_in: float, now: float) -> None:
        """A poll failed; ``failures`` in a row, the next try ``retry_in`` seconds from now."""
        if self.failing_since is None:
            self.failing_since = now
        self.failures, self.error, self.retry_at = failures, error, now + retry_in

    def quiet_for(self, now: float) -> float:
        """Seconds since the last successful poll (or since polling started)."""
        return max(0.0, now - (self.started if self.last_ok is None else self.last_ok))

    def retry_in(self, now: float) -> float | None:
        """Seconds until the next try after a failure; None when nothing is pending."""
        return None if self.retry_at is None else max(0.0, self.retry_at - now)

    def health(self, now: float) -> Health:
        if self.paused:
            return Health.PAUSED
        quiet = self.quiet_for(now)
        if self.failures >= RED_FAILURES or quiet > red_after(self.interval):
            return Health.DOWN
        if self.failures:
            return Health.FAILING
        if quiet > amber_after(self.interval):
            return Health.LATE
        return Health.WAITING if self.last_ok is None else Health.OK


class ConnectionIndicator(QWidget):
    """A dot and a word; the tooltip says why (the error, or how old the data is)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connection_indicator")
        self.dot = QLabel(self)
        self.word = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.dot)
        layout.addWidget(self.word)
        self._dots = {health: dot_pixmap(color) for health, color in _COLORS.items()}
        self._health: Health | None = None
        self.show_state(ConnectionState(interval=5.0, started=0.0), 0.0)

    @property
    def health(self) -> Health | None:
        return self._health

    @property
    def color(self) -> QColor:
        return QColor(_COLORS[self._health or Health.WAITING])

    def show_state(self, state: ConnectionState, now: float) -> Health:
        """Show ``state`` as of ``now``; returns the health shown."""
        health = state.health(now)
        if health is not self._health:
            self._health = health
            self.dot.setPixmap(self._dots[health])
            self.word.setText(self._word(health))
            self.word.setStyleSheet(f"color: {_COLORS[health]};" if health is Health.DOWN else "")
        tip = self._tooltip(health, state, now)
        self.setToolTip(tip)
        self.setAccessibleName(self.word.text())
        self.setAccessibleDescription(tip)
        return health

    def _word(self, health: Health) -> str:
        return {
            Health.WAITING: self.tr("Connecting"),
            Health.OK: self.tr("Online"),
            Health.LATE: self.tr("Late"),
            Health.FAILING: self.tr("Retrying"),
            Health.DOWN: self.tr("Offline"),
            Health.PAUSED: self.tr("Paused"),
        }[health]

    def _tooltip(self, health: Health, state: ConnectionState, now: float) -> str:
        quiet = round(state.quiet_for(now))
        if state.last_ok is None:
            last = self.tr("No successful poll yet.")
        else:
            last = self.tr("Last successful poll {n} s ago.").format(n=quiet)
        if health is Health.OK:
            return self.tr("The server answers. {last}").format(last=last)
        if health is Health.WAITING:
            return self.tr("Waiting for the server's first answer.")
        if health is Health.LATE:
            return self.tr("The server is slow to answer. {last}").format(last=last)
        lines = [last]
        if state.failures:
            lines.insert(0, state.error)
            lines.append(self.tr("{n} failed polls in a row.").format(n=state.failures))
        if health is Health.PAUSED:
            lines.insert(0, self.tr("Polling is paused."))
        return "\n".join(lines)

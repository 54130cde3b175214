"""An event-loop stall meter for the benchmarks: a 5 ms heartbeat timer and what it saw."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

__all__ = ["HEARTBEAT_MS", "STALL_MS", "Heartbeat", "Phase", "measure"]

HEARTBEAT_MS = 5
STALL_MS = 16.0  # one frame at 60 Hz: a longer gap between ticks is a visible stall


class Heartbeat(QObject):
    """A precise QTimer every HEARTBEAT_MS; records the gaps between its ticks (ms)."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self.on_timer_timeout)

    def start(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        return self.gaps

    def on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now


@dataclass(frozen=True, slots=True)
class Phase:
    """What one phase measured: gaps between heartbeat ticks (ms) and CPU time over wall time."""

    gaps: list[float]
    cpu: float

    @property
    def worst(self) -> float:
        return max(self.gaps, default=0.0)

    def stalls(self) -> str:
        if not self.gaps:
            return "no heartbeat"
        ordered = sorted(self.gaps)
        p50 = ordered[len(ordered) // 2]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        over = sum(1 for gap in ordered if gap >= STALL_MS)
        return (
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ordered[-1]:.1f} ms"
            f" ({over} of {len(ordered)} gaps >= {STALL_MS:g} ms)"
        )


async def measure(seconds: float, heartbeat: Heartbeat | None) -> Phase:
    """Let the loop run for ``seconds``; CPU time is this whole process's, every thread."""
    if heartbeat is not None:
        heartbeat.start()
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    gaps = heartbeat.stop() if heartbeat is not None else []
    return Phase(gaps, cpu / wall)

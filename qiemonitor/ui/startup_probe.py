"""A start-up probe for benchmarks: when the room table first paints rows, write down the moment.

Set ``QIEMONITOR_STARTUP_PROBE`` to a file path and the GUI writes one line to
it once the table's first page of rooms is on screen::

    rows <monotonic s> <wall s> <row count> window <monotonic s of the first paint>

``<monotonic s>`` is ``time.monotonic()``, which on Linux and macOS is one
clock for every process, so a benchmark that started the process can
subtract its own reading (tests/perf/bench_gui.py does). The file is
written whole with a rename, so a reader never sees half a line. Without the
variable, :func:`install` does nothing; this module is read nowhere else.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView

__all__ = ["PROBE_ENV", "install"]

PROBE_ENV = "QIEMONITOR_STARTUP_PROBE"


def install(view: QAbstractItemView) -> None:
    """Watch ``view`` for its first paint with rows, if ``QIEMONITOR_STARTUP_PROBE`` is set."""
    target = os.environ.get(PROBE_ENV)
    if target:
        _FirstPaint(view, Path(target))


class _FirstPaint(QObject):
    """An event filter on the view's viewport; removes itself after the line is written."""

    def __init__(self, view: QAbstractItemView, target: Path) -> None:
        super().__init__(view)
        self._view, self._target = view, target
        self._first_paint: float | None = None
        self._done = False
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            now = time.monotonic()
            if self._first_paint is None:
                self._first_paint = now
            model = self._view.model()
            if model is not None and model.rowCount() > 0:
                self._done = True
                watched.removeEventFilter(self)
                # The filter runs before the paint: write once this paint (and its flush) is done.
                QTimer.singleShot(0, self._write)
        return False

    def _write(self) -> None:
        model = self._view.model()
        rows = model.rowCount() if model is not None else 0
        first = self._first_paint if self._first_paint is not None else time.monotonic()
        line = f"rows {time.monotonic():.6f} {time.time():.6f} {rows} window {first:.6f}\n"
        partial = self._target.with_name(self._target.name + ".part")
        partial.write_text(line, encoding="ascii")
        os.replace(partial, self._target)

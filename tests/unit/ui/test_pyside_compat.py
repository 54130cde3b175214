"""The PySide6 work-arounds: an app that emits signals for hours must not abort."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

from qiemonitor.ui import pyside_compat


class _Emitter(QObject):
    fired = Signal(int)


def test_many_emits_leave_true_alive(qapp: Any) -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.fired.connect(seen.append)
    for n in range(20_000):  # far past the few hundred that abort an unpatched 3.11
        emitter.fired.emit(n)
    assert len(seen) == 20_000
    assert sys.getrefcount(True) > 1_000


def test_many_calls_that_return_nothing_leave_none_alive(qapp: Any) -> None:
    probe = QObject()
    for _ in range(100_000):  # each dropped a reference to None; a 3.11 process starts with ~10k
        probe.setObjectName("")
    assert sys.getrefcount(None) > 1_000


def test_apply_twice_is_harmless(qapp: Any) -> None:
    before = sys.getrefcount(True), sys.getrefcount(None)
    pyside_compat.apply()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] >= before[0] - 1
    assert after[1] >= before[1] - 100

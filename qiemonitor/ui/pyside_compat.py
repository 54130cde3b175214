"""Works around PySide6 defects that would crash the app; each fix first checks its bug exists."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSortFilterProxyModel, Signal

__all__ = ["apply", "change_rows_filter", "signal_emit_drops_true", "void_call_drops_none"]

_PROBES = 8
_ALLOWANCE = 1 << 40  # references: far more emits than an app makes in a lifetime


class _Probe(QObject):
    ping = Signal()


def signal_emit_drops_true() -> bool:
    """Whether ``SignalInstance.emit()`` drops a reference to ``True`` (PySide6 6.12, CPython 3.11).

    Each emit (and each ``disconnect``) returns ``True`` without the reference
    that goes with it, so after a few hundred emits CPython frees ``True`` and
    aborts with "bool_dealloc: deallocating True or False". CPython 3.12 made
    ``True`` immortal, which is why the bug only shows on 3.11.
    """
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def void_call_drops_none() -> bool:
    """Whether a PySide6 call that returns nothing drops a reference to ``None`` (6.12, 3.11).

    Every such call (``setText``, ``update``, a timer's ``start``, the
    ``killTimer`` in each of qasync's timer events) and every invalid
    ``QVariant`` read back as ``None`` returns ``None`` without the reference
    that goes with it. A GUI that runs long enough, or whose exit frees what
    still holds ``None``, aborts with "none_dealloc: deallocating None"
    (found by tests/perf/reliability_run.py: the GUI aborted at its clean close).
    """
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("")
    return sys.getrefcount(None) < before


def _make_immortal(*values: object) -> None:
    # What CPython 3.12 does for every build: give these singletons references
    # enough that no stream of lost ones can bring them to zero. ob_refcnt is
    # the first field of every object in a release build.
    for value in values:
        ctypes.c_ssize_t.from_address(id(value)).value += _ALLOWANCE


def apply() -> None:
    """Apply every fix whose bug is present in the running PySide6; safe to call twice."""
    if sys.version_info >= (3, 12):
        return
    if sys.getrefcount(True) < _ALLOWANCE and signal_emit_drops_true():
        _make_immortal(True, False)
    if sys.getrefcount(None) < _ALLOWANCE and void_call_drops_none():
        _make_immortal(None)


def change_rows_filter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Run ``change`` (which alters what ``filterAcceptsRow`` answers) and re-filter the rows.

    Qt 6.10 replaced ``invalidateRowsFilter()`` with a begin/end pair around the change.
    """
    if hasattr(proxy, "endFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        change()
        proxy.invalidateRowsFilter()

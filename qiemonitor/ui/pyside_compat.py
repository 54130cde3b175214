"""Works around PySide6 defects that would crash the app; each fix first checks its bug exists."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSortFilterProxyModel, Signal

__all__ = ["apply", "change_rows_filter", "signal_emit_drops_true"]

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


def _make_bools_immortal() -> None:
    # What CPython 3.12 does for every build: give True and False references
    # enough that no stream of lost ones can bring them to zero. ob_refcnt is
    # the first field of every object in a release build.
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _ALLOWANCE


def apply() -> None:
    """Apply every fix whose bug is present in the running PySide6; safe to call twice."""
    if (
        sys.version_info < (3, 12)
        and sys.getrefcount(True) < _ALLOWANCE
        and signal_emit_drops_true()
    ):
        _make_bools_immortal()


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

"""The quick filters above the room table: All / Live / Ended / Idle / Watched, with counts."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from qiemonitor.ui.room_proxy import QuickFilter

__all__ = ["QuickFilterBar"]


class QuickFilterBar(QWidget):
    """A row of exclusive, checkable buttons reading e.g. "Live (123)"; Alt+1…Alt+5 pick one.

    Signals:
        filter_changed(QuickFilter): the operator picked another quick filter.
    """

    filter_changed = Signal(QuickFilter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = {
            QuickFilter.ALL: self.tr("All"),
            QuickFilter.LIVE: self.tr("Live"),
            QuickFilter.ENDED: self.tr("Ended"),
            QuickFilter.IDLE: self.tr("Idle"),
            QuickFilter.WATCHED: self.tr("Watched"),
        }
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[QuickFilter, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for number, quick in enumerate(QuickFilter, 1):
            button = self._button(quick, number)
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[quick] = button
        layout.addStretch(1)
        self.buttons[QuickFilter.ALL].setChecked(True)
        self.set_counts({})
        self._connect_signals()

    def _button(self, quick: QuickFilter, number: int) -> QToolButton:
        button = QToolButton(self)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setObjectName(f"quick_filter_{quick.value}")
        shortcut = QKeySequence(f"Alt+{number}")
        button.setShortcut(shortcut)
        button.setToolTip(
            self.tr("Show only these rooms ({keys})").format(
                keys=shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        return button

    def _connect_signals(self) -> None:
        for quick, button in self.buttons.items():
            button.toggled.connect(lambda on, q=quick: self.on_button_toggled(q, on))

    def on_button_toggled(self, quick: QuickFilter, on: bool) -> None:
        if on:
            self.filter_changed.emit(quick)

    @property
    def current(self) -> QuickFilter:
        for quick, button in self.buttons.items():
            if button.isChecked():
                return quick
        return QuickFilter.ALL

    def select(self, quick: QuickFilter) -> None:
        self.buttons[quick].setChecked(True)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """``RoomModel.counts()``: how many rooms each quick filter would show."""
        for quick, button in self.buttons.items():
            count = counts.get(quick.value, 0)
            button.setText(self.tr("{name} ({count})").format(name=self._names[quick], count=count))

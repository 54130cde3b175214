"""The Settings dialog's editor of per-bucket playback base URLs."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.core.config import http_url_problem

__all__ = ["BucketTable"]


class BucketTable(QWidget):
    """Rows of bucket → base URL, with Add and Remove; a playback URL is ``{base}/{key}``.

    Delete (on the table, not in a cell being edited) removes the selected rows.

    Signals:
        changed(): a row was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, bases: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("bucketTable")
        self.table.setHorizontalHeaderLabels([self.tr("Bucket"), self.tr("Base URL")])
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab leaves the table for the next control; while a cell is being edited,
        # Tab still moves to the next cell (the item delegate does that).
        self.table.setTabKeyNavigation(False)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.remove_action = self._make_remove_action()
        for bucket, base in sorted(bases.items()):
            self.add_row(bucket, base)
        self._lay_out()
        self._connect_signals()
        self.on_selection_changed()

    def _make_remove_action(self) -> QAction:
        action = QAction(self.tr("Remove the selected rows"), self.table)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Only the table itself: in a cell's editor, Delete deletes a character.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(action)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.remove_button.setToolTip(f"{action.text()} ({keys})")
        return action

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.on_add_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.remove_action.triggered.connect(self.on_remove_clicked)
        self.table.itemChanged.connect(self.changed)
        self.table.itemSelectionChanged.connect(self.on_selection_changed)

    def add_row(self, bucket: str = "", base: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(bucket))
        self.table.setItem(row, 1, QTableWidgetItem(base))
        self.changed.emit()
        return row

    def rows(self) -> list[tuple[str, str]]:
        """Every row as (bucket, base URL), stripped, in table order."""
        return [(self._cell(row, 0), self._cell(row, 1)) for row in range(self.table.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def problem(self) -> str:
        """What is wrong with the rows, in one line, or ``""``."""
        seen: set[str] = set()
        for bucket, base in self.rows():
            if not bucket and not base:
                continue  # an empty row is ignored, not an error
            if not bucket:
                return self.tr("A base URL has no bucket name.")
            if bucket in seen:
                return self.tr("Bucket “{0}” is listed twice.").format(bucket)
            seen.add(bucket)
            if http_url_problem(base):
                return self.tr(
                    "Bucket “{0}”: the base URL must be http:// or https:// with a host."
                ).format(bucket)
        return ""

    def bases(self) -> dict[str, str]:
        return {bucket: base for bucket, base in self.rows() if bucket and base}

    def on_selection_changed(self) -> None:
        has_rows = bool(self.table.selectedIndexes())
        self.remove_button.setEnabled(has_rows)
        self.remove_action.setEnabled(has_rows)

    def on_add_clicked(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def on_remove_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

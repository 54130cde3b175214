"""A two-level item model of a record's fields: sections, then one row per field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from qiemonitor.ui.stream_fields import FieldRow, Section

__all__ = ["FieldModel"]

AnyIndex = QModelIndex | QPersistentModelIndex
_TOP = 0  # internalId of a section; a field's is its section's row + 1


class FieldModel(QAbstractItemModel):
    """Sections as top-level rows, fields as their children; columns Field, Value, As received.

    :meth:`set_sections` with the same fields in the same places only emits
    ``dataChanged`` for the values that changed, so the view keeps its
    selection, expansion and scroll position across a refresh.
    """

    FIELD, VALUE, WIRE = range(3)
    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections: list[Section] = []

    # -- what the pane calls ---------------------------------------------

    def set_sections(self, sections: Sequence[Section]) -> None:
        new = list(sections)
        same_shape = [(s.title, s.keys) for s in new] == [(s.title, s.keys) for s in self._sections]
        if not same_shape:
            self.beginResetModel()
            self._sections = new
            self.endResetModel()
            return
        old, self._sections = self._sections, new
        for number, (before, after) in enumerate(zip(old, new, strict=True)):
            parent = self.index(number, 0)
            for row, (was, now) in enumerate(zip(before.rows, after.rows, strict=True)):
                if was != now:
                    self.dataChanged.emit(
                        self.index(row, self.FIELD, parent), self.index(row, self.WIRE, parent)
                    )

    def sections(self) -> list[Section]:
        return list(self._sections)

    def field_row(self, index: AnyIndex) -> FieldRow | None:
        """The field at ``index``, or ``None`` for a section or an invalid index."""
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._sections[index.internalId() - 1].rows[index.row()]

    def section_at(self, index: AnyIndex) -> Section | None:
        if not index.isValid() or index.internalId() != _TOP:
            return None
        return self._sections[index.row()]

    # -- QAbstractItemModel ----------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        return len(self._sections[parent.row()].rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return (self.tr("Field"), self.tr("Value"), self.tr("As received"))[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        section = self.section_at(index)
        if section is not None:
            return self._section_data(section, index.column(), role)
        row = self.field_row(index)
        return None if row is None else self._field_data(row, index.column(), role)

    def _section_data(self, section: Section, column: int, role: int) -> Any:
        if column == self.FIELD and role == Qt.ItemDataRole.DisplayRole:
            return section.title
        if column == self.FIELD and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _field_data(self, row: FieldRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (row.key, row.value, row.wire)[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.meaning if column == self.FIELD else text or None
            return text
        if role == self.KeyRole:
            return row.key
        if role == Qt.ItemDataRole.ForegroundRole and column == self.WIRE and not row.present:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.FontRole and column == self.WIRE:
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setItalic(not row.present)
            return font
        return None

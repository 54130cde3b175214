"""The tree of a record's fields, where any value can be copied by menu or Ctrl+C."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from qiemonitor.ui.clipboard import copy_text
from qiemonitor.ui.field_model import FieldModel
from qiemonitor.ui.stream_fields import FieldRow

__all__ = ["FieldView"]


def _pair(row: FieldRow) -> str:
    wire = f" ({row.wire})" if row.wire and row.present else ""
    return f"{row.key}: {row.value}{wire}"


class FieldView(QTreeView):
    """Sections expanded, values copyable: "Copy value", "Copy field and value", Ctrl+C.

    Signals:
        copied(str): a short message for the status bar after a copy.
    """

    copied = Signal(str)

    def __init__(self, model: FieldModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setObjectName("fieldView")
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FieldModel.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FieldModel.VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FieldModel.WIRE, QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self.expandAll)

    # -- copying ---------------------------------------------------------

    def copy_selection(self) -> str:
        """Copy the values of the selected fields (a section copies all of its fields)."""
        rows = self._selected_rows()
        if not rows:
            return ""
        if len(rows) == 1:
            return self._copy(rows[0].value, self.tr("Copied {0}").format(rows[0].key))
        text = "\n".join(_pair(row) for row in rows)
        return self._copy(text, self.tr("Copied {0} fields").format(len(rows)))

    def copy_value(self, index: QModelIndex) -> str:
        """Copy the cell under ``index``: the value, or the value as received in that column."""
        row = self._model.field_row(index)
        if row is None:
            return ""
        text = (
            row.wire
            if index.column() == FieldModel.WIRE and row.wire and row.present
            else row.value
        )
        return self._copy(text, self.tr("Copied {0}").format(row.key))

    def copy_pair(self, index: QModelIndex) -> str:
        """Copy ``field: value`` (with the value as received when it reads differently)."""
        row = self._model.field_row(index)
        if row is None:
            return ""
        return self._copy(_pair(row), self.tr("Copied {0} and its value").format(row.key))

    def _copy(self, text: str, message: str) -> str:
        copy_text(text)
        self.copied.emit(message)
        return text

    def _selected_rows(self) -> list[FieldRow]:
        selection = self.selectionModel()
        rows: list[FieldRow] = []
        for number, section in enumerate(self._model.sections()):
            whole = selection.isRowSelected(number, QModelIndex())
            parent = self._model.index(number, 0)
            rows.extend(
                row
                for place, row in enumerate(section.rows)
                if whole or selection.isRowSelected(place, parent)
            )
        return rows

    # -- slots and events ------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+C before any window-wide Copy action can take it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if self._model.field_row(index) is None:
            return
        self._context_menu(index).popup(self.viewport().mapToGlobal(event.pos()))

    def _context_menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Copy value"), lambda: self.copy_value(index))
        menu.addAction(self.tr("Copy field and value"), lambda: self.copy_pair(index))
        if len(self._selected_rows()) > 1:
            menu.addAction(self.tr("Copy selected fields"), self.copy_selection)
        return menu

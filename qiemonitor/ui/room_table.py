"""The room table view: keyboard navigation, the header's column menu, stars, the visible rows."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from qiemonitor.ui.room_model import RECORD_ROLE, Column
from qiemonitor.ui.room_proxy import RoomProxy
from qiemonitor.ui.status_delegate import StatusDelegate

__all__ = ["RoomTableView"]

_WIDTHS = {
    Column.WATCHED: 30,
    Column.STATUS: 104,
    Column.ROOM: 92,
    Column.BROADCASTER: 150,
    Column.TITLE: 280,
    Column.CATEGORY: 90,
    Column.START: 150,
    Column.DURATION: 86,
    Column.CLARITY: 104,
    Column.RENDITIONS: 84,
    Column.AGE: 76,
}


class RoomTableView(QTableView):
    """One row per room; the current row is "the selected room" the detail pane shows.

    Signals:
        current_room_changed(object): the room id of the current row, or None.
        star_clicked(str): the star cell of a room was clicked.
    """

    current_room_changed = Signal(object)
    star_clicked = Signal(str)

    def __init__(self, proxy: RoomProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.setModel(proxy)
        self.setObjectName("room_table")
        self.setSortingEnabled(True)
        self.sortByColumn(Column.ROOM, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves on to the next widget, arrows move in the table
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setItemDelegateForColumn(Column.STATUS, StatusDelegate(self))
        self._set_up_header()
        self._connect_signals()

    def _set_up_header(self) -> None:
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column, width in _WIDTHS.items():
            self.setColumnWidth(column, width)

    def _connect_signals(self) -> None:
        self.horizontalHeader().customContextMenuRequested.connect(self.on_header_menu_requested)
        self.clicked.connect(self.on_cell_clicked)
        self.selectionModel().currentRowChanged.connect(self.on_current_row_changed)

    # -- slots -----------------------------------------------------------

    def on_header_menu_requested(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.horizontalHeader().mapToGlobal(position))  # popup: no nested event loop

    def on_cell_clicked(self, index: QModelIndex) -> None:
        if index.column() == Column.WATCHED:
            record = index.data(RECORD_ROLE)
            if record is not None:
                self.star_clicked.emit(record.room_id)

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_room_changed.emit(self._room_at(current))

    # -- columns ---------------------------------------------------------

    def column_menu(self) -> QMenu:
        """Show or hide each column (the last visible one stays)."""
        menu = QMenu(self.tr("&Columns"), self)
        header = self.horizontalHeader()
        visible = [c for c in Column if not header.isSectionHidden(c)]
        for column in Column:
            title = self.proxy.headerData(column, Qt.Orientation.Horizontal)
            action = QAction(str(title), menu)
            action.setCheckable(True)
            action.setChecked(column in visible)
            action.setEnabled(not (column in visible and len(visible) == 1))
            action.toggled.connect(lambda on, c=column: self.set_column_visible(c, on))
            menu.addAction(action)
        return menu

    def set_column_visible(self, column: Column, visible: bool) -> None:
        self.horizontalHeader().setSectionHidden(column, not visible)

    def header_state(self) -> QByteArray:
        """Column order, widths, visibility and sort, for QSettings."""
        return self.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> bool:
        header = self.horizontalHeader()
        if state.isEmpty() or not header.restoreState(state):
            return False
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        return True

    # -- rows ------------------------------------------------------------

    def _room_at(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        record = index.siblingAtColumn(0).data(RECORD_ROLE)
        return None if record is None else str(record.room_id)

    def current_room(self) -> str | None:
        return self._room_at(self.currentIndex())

    def select_room(self, room_id: str) -> bool:
        """Make the room the current row and scroll to it; False if it is not shown."""
        source_row = self.proxy.rooms.row_of(room_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.proxy.rooms.index(source_row, Column.ROOM))
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def visible_source_rows(self) -> list[int]:
        """The source rows on screen now (what a clock tick needs to repaint)."""
        first = self.rowAt(0)
        if first < 0:
            return []
        last = self.rowAt(self.viewport().height() - 1)
        last = self.proxy.rowCount() - 1 if last < 0 else last
        return [
            self.proxy.mapToSource(self.proxy.index(row, 0)).row() for row in range(first, last + 1)
        ]

"""The event log: status changes, reports and errors as they happen, in a filterable dock."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.core.formatting import format_local_time, now_ms
from qiemonitor.ui.pyside_compat import change_rows_filter

__all__ = ["EventEntry", "EventKind", "EventLogDock", "EventLogFilter", "EventLogModel"]

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class EventKind(enum.Enum):
    """What an event is about."""

    STATUS = "status"  # a room's status changed between polls
    ROOM = "room"  # a room appeared or was removed
    REPORT = "report"  # a start or stop report and the server's answer
    ERROR = "error"  # something failed
    CONNECTION = "connection"  # the server came back, or the way it is polled changed


_ERROR_COLOR = QColor("#c0392b")


@dataclass(frozen=True, slots=True)
class EventEntry:
    """One line of the log; ``when`` is UNIX ms."""

    when: int
    kind: EventKind
    room_id: str | None
    text: str


class EventLogModel(QAbstractTableModel):
    """The log's lines, oldest first, capped at ``limit`` (the oldest go first)."""

    COLUMNS = 4  # time, kind, room, event

    def __init__(
        self, parent: QObject | None = None, *, limit: int = 5000, clock: Callable[[], int] = now_ms
    ) -> None:
        super().__init__(parent)
        self._entries: list[EventEntry] = []
        self._limit = limit
        self._clock = clock
        self._headers = (self.tr("Time"), self.tr("Kind"), self.tr("Room"), self.tr("Event"))
        self._kind_names = {
            EventKind.STATUS: self.tr("status"),
            EventKind.ROOM: self.tr("room"),
            EventKind.REPORT: self.tr("report"),
            EventKind.ERROR: self.tr("error"),
            EventKind.CONNECTION: self.tr("connection"),
        }

    def kind_name(self, kind: EventKind) -> str:
        return self._kind_names[kind]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < 4:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # Not checkIndex(): it calls rowCount() and columnCount() back through Python, per cell.
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self._cell(entry, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and entry.kind is EventKind.ERROR:
            return _ERROR_COLOR
        if role == KIND_ROLE:
            return entry.kind
        return None

    def _cell(self, entry: EventEntry, column: int) -> str:
        if column == 0:
            return format_local_time(entry.when)
        if column == 1:
            return self._kind_names[entry.kind]
        if column == 2:
            return entry.room_id or ""
        return entry.text

    def entry(self, row: int) -> EventEntry:
        return self._entries[row]

    def add(self, kind: EventKind, room_id: str | None, text: str) -> EventEntry:
        """Append a line, dropping the oldest past the limit."""
        entry = EventEntry(self._clock(), kind, room_id, text)
        overflow = len(self._entries) + 1 - self._limit
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self._entries[:overflow]
            self.endRemoveRows()
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(entry)
        self.endInsertRows()
        return entry

    def clear(self) -> None:
        if self._entries:
            self.beginRemoveRows(QModelIndex(), 0, len(self._entries) - 1)
            self._entries.clear()
            self.endRemoveRows()


class EventLogFilter(QSortFilterProxyModel):
    """Shows the lines of one kind (or all) that contain the filter text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._kind: EventKind | None = None

    def set_text(self, text: str) -> None:
        change_rows_filter(self, lambda: setattr(self, "_needle", text.strip().casefold()))

    def set_kind(self, kind: EventKind | None) -> None:
        change_rows_filter(self, lambda: setattr(self, "_kind", kind))

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EventLogModel):
            return True
        entry = model.entry(source_row)
        if self._kind is not None and entry.kind is not self._kind:
            return False
        if not self._needle:
            return True
        return self._needle in f"{entry.room_id or ''}\n{entry.text}".casefold()


class EventLogDock(QDockWidget):
    """The dock: a filter box, a kind filter, Clear, and the table, newest line kept in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Event log"), parent)
        self.setObjectName("event_log_dock")  # saveState() finds docks by object name
        self.model = EventLogModel(self)
        self.filter = EventLogFilter(self)
        self.filter.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter events"))
        self.filter_edit.setClearButtonEnabled(True)
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("All kinds"), None)
        for kind in EventKind:
            self.kind_box.addItem(self.model.kind_name(kind), kind)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.view = self._build_view()
        self._lay_out()
        self._connect_signals()

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.filter)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        view.setColumnWidth(0, 150)
        view.setColumnWidth(1, 70)
        view.setColumnWidth(2, 90)
        return view

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.kind_box)
        bar.addWidget(self.clear_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.setWidget(body)

    def _connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(self.filter.set_text)
        self.kind_box.currentIndexChanged.connect(self.on_kind_box_changed)
        self.clear_button.clicked.connect(self.model.clear)

    def on_kind_box_changed(self, _index: int) -> None:
        kind = self.kind_box.currentData()
        self.filter.set_kind(kind if isinstance(kind, EventKind) else None)

    def log_event(self, kind: EventKind, room_id: str | None, text: str) -> EventEntry:
        """Add a line; the view follows the newest line unless the user scrolled up."""
        scroll = self.view.verticalScrollBar()
        following = scroll.value() >= scroll.maximum()
        entry = self.model.add(kind, room_id, text)
        if following:
            self.view.scrollToBottom()
        return entry

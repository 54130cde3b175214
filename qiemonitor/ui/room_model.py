"""The room table's item model: a QAbstractTableModel over the Qt-free RoomTable."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from qiemonitor.api.models import StatusKind, StreamInfo, StreamRecord
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.rooms import Merge, RoomRow, RoomTable, merged_ranges
from qiemonitor.ui.room_cells import Column, RoomCells

__all__ = [
    "KIND_ROLE",
    "RECORD_ROLE",
    "STALE_ROLE",
    "WATCHED_ROLE",
    "Column",
    "RoomModel",
    "status_color",
]

AnyIndex = QModelIndex | QPersistentModelIndex

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's StreamRecord
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's StatusKind
WATCHED_ROLE = Qt.ItemDataRole.UserRole + 3  # whether the room is starred
STALE_ROLE = Qt.ItemDataRole.UserRole + 4  # whether the row's values may be out of date

_DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_STATUS_COLORS = {
    StatusKind.LIVE: "#2e9e44",
    StatusKind.ENDED: "#8a8f98",
    StatusKind.IDLE: "#d08a1e",
    StatusKind.UNKNOWN: "#c0392b",
}
# Sorting by status puts live rooms first, then idle, ended and unknown codes.
_STATUS_ORDER = {StatusKind.LIVE: 0, StatusKind.IDLE: 1, StatusKind.ENDED: 2, StatusKind.UNKNOWN: 3}
_STALE_COLOR = "#8a8f98"
# What a row's look depends on besides its values: announced when a row turns stale or fresh.
_STALE_ROLES = [
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
    STALE_ROLE,
]


def status_color(kind: StatusKind) -> QColor:
    """The colour of a status dot."""
    return QColor(_STATUS_COLORS[kind])


_NUMERIC = {Column.ROOM, Column.DURATION, Column.RENDITIONS, Column.AGE, Column.START}
SortKey = tuple[int, Any]
# data() is asked ~1,000 times per screenful: these spare it an enum call per cell and
# send straight back the roles it never answers (the view's delegate asks for them anyway).
_COLUMNS = tuple(Column)
_UNANSWERED = frozenset(
    {Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole}
)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class RoomModel(QAbstractTableModel):
    """One row per room, in arrival order; :class:`RoomProxy` sorts and filters.

    Polls are applied with :meth:`apply_page`, :meth:`remove_missing` and
    :meth:`apply_info`, which announce exactly what changed; :meth:`tick`
    moves the clocks (live durations, data age) once a second.

    A row is *stale* while the server is out of reach (:meth:`set_offline`)
    or once its data is older than ``stale_after`` seconds: it keeps its
    values, in grey italics, with its age in the tooltip.

    Signals:
        counts_changed(): the number of rooms in a status, or of watched rooms, changed.
        watched_changed(str, bool): a room was starred or unstarred.
    """

    counts_changed = Signal()
    watched_changed = Signal(str, bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], int] = now_ms,
    ) -> None:
        super().__init__(parent)
        self._table = RoomTable()
        self._clock = clock
        self._wall_clock = wall_clock
        self._now = clock()
        self._wall_now = wall_clock()
        self._watched: set[str] = set()
        self.status_labels: Mapping[int, str] = {}
        self.stale_after: float | None = None
        self._offline = False
        self._shown_stale: set[str] = set()  # rooms the views were told are stale
        self._italic = QFont()
        self._italic.setItalic(True)  # only the style: the view's font supplies the rest
        self.cells = RoomCells(self, self)

    # -- Qt's model interface --------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._table)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)  # len(Column) is a slow enum call

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == _DISPLAY:
            return self.cells.headers[column]
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.WATCHED:
            return self.cells.watched_header_tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags  # once per painted cell

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # Not checkIndex(): it calls rowCount() and columnCount() back through Python.
        if role in _UNANSWERED or not index.isValid() or index.row() >= len(self._table):
            return None
        row = self._table[index.row()]
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return self.cells.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cells.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.WATCHED:
            return QColor("#e0a800") if row.record.room_id in self._watched else QColor("#9aa0a6")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(_STALE_COLOR) if self.is_stale(row) else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if self.is_stale(row) else None
        if role == STALE_ROLE:
            return self.is_stale(row)
        if role == RECORD_ROLE:
            return row.record
        if role == KIND_ROLE:
            return row.kind
        if role == WATCHED_ROLE:
            return row.record.room_id in self._watched
        return None

    # -- what the cells say ----------------------------------------------

    def kind_text(self, kind: StatusKind) -> str:
        """``live``, ``ended``, ``idle`` or ``unknown``, in the UI's language."""
        return self.cells.kind_text(kind)

    def display_text(self, row: RoomRow, column: Column) -> str:
        return self.cells.text(row, column)

    def age(self, row: RoomRow) -> float:
        """Seconds since a poll last confirmed the row's data (as of the last tick)."""
        return self._table.data_age(row, self._now)

    def is_stale(self, row: RoomRow) -> bool:
        """Whether the row's values may be out of date: offline, or older than ``stale_after``."""
        if self._offline:
            return True
        return self.stale_after is not None and self.age(row) > self.stale_after

    def duration_ms(self, row: RoomRow) -> int | None:
        """A live room's duration runs (now − start); an ended one's is as the server says."""
        record = row.record
        if row.kind is StatusKind.LIVE and record.start_time:
            return max(0, self._wall_now - record.start_time)
        if record.duration is not None:
            return record.duration
        if record.start_time and record.end_time:
            return max(0, record.end_time - record.start_time)
        return None

    def sort_key(self, source_row: int, column: int) -> SortKey:
        """What the proxy sorts by: numbers as numbers, room ids numerically, text casefolded."""
        row = self._table[source_row]
        record = row.record
        match Column(column):
            case Column.WATCHED:
                return (int(record.room_id in self._watched), 0)
            case Column.STATUS:
                return (_STATUS_ORDER[row.kind], record.status or 0)
            case Column.ROOM:
                return (0, row.number) if row.number is not None else (1, record.room_id)
            case Column.START:
                return _number(record.start_time)
            case Column.DURATION:
                return _number(self.duration_ms(row))
            case Column.CLARITY:
                return _number(record.clear)
            case Column.RENDITIONS:
                return _number(row.renditions)
            case Column.AGE:
                return (1, self.age(row))
            case other:
                return (1, self.display_text(row, other).casefold())

    # -- rows ------------------------------------------------------------

    def row_at(self, source_row: int) -> RoomRow:
        return self._table[source_row]

    def row_of(self, room_id: str) -> int | None:
        return self._table.row_of(room_id)

    def room_ids(self) -> set[str]:
        """Every room in the table."""
        return {row.record.room_id for row in self._table}

    def record_of(self, room_id: str) -> StreamRecord | None:
        row = self._table.row_of(room_id)
        return None if row is None else self._table[row].record

    def counts(self) -> dict[str, int]:
        """Rooms per quick filter: ``all``, ``live``, ``ended``, ``idle``, ``watched``."""
        kinds = self._table.counts()
        return {
            "all": len(self._table),
            "live": kinds[StatusKind.LIVE],
            "ended": kinds[StatusKind.ENDED],
            "idle": kinds[StatusKind.IDLE],
            "watched": sum(1 for room in self._watched if room in self._table),
        }

    # -- applying polls --------------------------------------------------

    def apply_page(self, records: Iterable[StreamRecord]) -> Merge:
        """Merge one page: changed rows get ``dataChanged``, new rooms are inserted at the end."""
        now = self._clock()
        merge = self._table.merge(records, now)
        last_column = len(Column) - 1
        for first, last in merge.changed_ranges():
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        if merge.added:
            start = len(self._table)
            self.beginInsertRows(QModelIndex(), start, start + len(merge.added) - 1)
            self._table.append(merge.added, now)
            self.endInsertRows()
        if merge.transitions or merge.added:
            self.counts_changed.emit()
        return merge

    def remove_missing(self, present: Collection[str]) -> list[RoomRow]:
        """Remove the rooms a complete full sync did not list; returns them."""
        removed: list[RoomRow] = []
        for first, last in reversed(self._table.missing_ranges(present)):
            self.beginRemoveRows(QModelIndex(), first, last)
            removed.extend(self._table.remove(first, last))
            self.endRemoveRows()
        self._shown_stale.difference_update(row.record.room_id for row in removed)
        if removed:
            self.counts_changed.emit()
        return removed

    def apply_info(self, info: StreamInfo) -> Merge:
        """A room's detail: its fresher record, and now its rendition count is known."""
        merge = self.apply_page([info.stream])
        row = self._table.set_renditions(info.stream.room_id, len(info.videos))
        if row is not None:
            cell = self.index(row, Column.RENDITIONS)
            self.dataChanged.emit(cell, cell, [_DISPLAY])
        return merge

    def clear(self) -> None:
        """Drop every row (another server was chosen: the one reset that is not a poll)."""
        self.beginResetModel()
        self._table.clear()
        self._shown_stale.clear()
        self.endResetModel()
        self.counts_changed.emit()

    def confirm(self) -> None:
        """A poll completed: every row is confirmed as of now (see RoomTable.confirmed_at)."""
        self._table.confirmed_at = self._now = self._clock()
        if self._shown_stale:  # rows shown stale are fresh again: say so now, not at the tick
            self._announce_stale_flips(self._rows_of(self._shown_stale))

    # -- staleness -------------------------------------------------------

    @property
    def offline(self) -> bool:
        return self._offline

    def set_offline(self, offline: bool) -> None:
        """The last poll failed (True), or a poll succeeded again: every row's look changes."""
        if offline == self._offline:
            return
        self._offline = offline
        self._now = self._clock()
        self._shown_stale = {row.record.room_id for row in self._table if self.is_stale(row)}
        if self._table:
            last = self.index(len(self._table) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last, self._look_roles())

    def _look_roles(self) -> list[int]:
        """What turning stale or fresh changes; with ``stale_after`` set, the Data age text too."""
        return list(_STALE_ROLES) if self.stale_after is None else [_DISPLAY, *_STALE_ROLES]

    def _rows_of(self, rooms: Iterable[str]) -> list[int]:
        return [row for row in map(self._table.row_of, rooms) if row is not None]

    def _announce_stale_flips(self, rows: Iterable[int]) -> None:
        """Tell the views about these rows if they turned stale or fresh since last told."""
        flipped: list[int] = []
        for position in rows:
            row = self._table[position]
            room, stale = row.record.room_id, self.is_stale(row)
            if stale != (room in self._shown_stale):
                flipped.append(position)
                if stale:
                    self._shown_stale.add(room)
                else:
                    self._shown_stale.discard(room)
        for first, last in merged_ranges(flipped):
            top, bottom = self.index(first, 0), self.index(last, len(Column) - 1)
            self.dataChanged.emit(top, bottom, self._look_roles())

    def tick(self, rows: Iterable[int] | None = None) -> None:
        """Move the clocks: live rows' durations and the rows' data age.

        ``rows`` limits the update to these source rows (the ones on screen):
        a sort/filter proxy re-checks every row a ``dataChanged`` names, so
        announcing every row each second would cost what the table holds, not
        what is shown. Rows off screen read the current time when they are painted.
        """
        self._now, self._wall_now = self._clock(), self._wall_clock()
        if not self._table:
            return
        chosen = range(len(self._table)) if rows is None else rows
        wanted = merged_ranges(row for row in chosen if 0 <= row < len(self._table))
        live = merged_ranges(
            row
            for first, last in wanted
            for row in range(first, last + 1)
            if self._table[row].kind is StatusKind.LIVE
        )
        aged = wanted  # with stale_after set, only stale rows show an age (see RoomCells.text)
        if self.stale_after is not None:
            aged = merged_ranges(
                row
                for first, last in wanted
                for row in range(first, last + 1)
                if self.is_stale(self._table[row])
            )
        roles = [_DISPLAY]
        for column, ranges in ((Column.DURATION, live), (Column.AGE, aged)):
            for first, last in ranges:
                self.dataChanged.emit(self.index(first, column), self.index(last, column), roles)
        self._announce_stale_flips(row for first, last in wanted for row in range(first, last + 1))

    # -- watched rooms ---------------------------------------------------

    @property
    def watched(self) -> frozenset[str]:
        return frozenset(self._watched)

    def is_watched(self, room_id: str) -> bool:
        return room_id in self._watched

    def set_watched_rooms(self, rooms: Iterable[str]) -> None:
        """Replace the watched set (as read from the saved settings)."""
        self._watched = set(rooms)
        if self._table:
            top, bottom = (
                self.index(0, Column.WATCHED),
                self.index(len(self._table) - 1, Column.WATCHED),
            )
            self.dataChanged.emit(top, bottom)
        self.counts_changed.emit()

    def set_watched(self, room_id: str, watched: bool) -> None:
        if (room_id in self._watched) == watched:
            return
        if watched:
            self._watched.add(room_id)
        else:
            self._watched.discard(room_id)
        row = self._table.row_of(room_id)
        if row is not None:
            cell = self.index(row, Column.WATCHED)
            self.dataChanged.emit(cell, cell)
        self.watched_changed.emit(room_id, watched)
        self.counts_changed.emit()

    def toggle_watched(self, room_id: str) -> bool:
        """Star or unstar a room; returns whether it is now watched."""
        watched = room_id not in self._watched
        self.set_watched(room_id, watched)
        return watched


def _number(value: int | float | None) -> SortKey:
    return (0, 0) if value is None else (1, value)

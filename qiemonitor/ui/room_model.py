"""The room table's item model: a QAbstractTableModel over the Qt-free RoomTable."""

from __future__ import annotations

import enum
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
from PySide6.QtGui import QColor

from qiemonitor.api.models import StatusKind, StreamInfo, StreamRecord, clarity_label
from qiemonitor.core.formatting import format_duration, format_local_time, now_ms
from qiemonitor.core.rooms import Merge, RoomRow, RoomTable, merged_ranges

__all__ = ["KIND_ROLE", "RECORD_ROLE", "WATCHED_ROLE", "Column", "RoomModel", "status_color"]

AnyIndex = QModelIndex | QPersistentModelIndex

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's StreamRecord
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's StatusKind
WATCHED_ROLE = Qt.ItemDataRole.UserRole + 3  # whether the room is starred

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


def status_color(kind: StatusKind) -> QColor:
    """The colour of a status dot."""
    return QColor(_STATUS_COLORS[kind])


class Column(enum.IntEnum):
    """The room table's columns, in their default order."""

    WATCHED = 0
    STATUS = 1
    ROOM = 2
    BROADCASTER = 3
    TITLE = 4
    CATEGORY = 5
    START = 6
    DURATION = 7
    CLARITY = 8
    RENDITIONS = 9
    AGE = 10


_NUMERIC = {Column.ROOM, Column.DURATION, Column.RENDITIONS, Column.AGE, Column.START}
SortKey = tuple[int, Any]


class RoomModel(QAbstractTableModel):
    """One row per room, in arrival order; :class:`RoomProxy` sorts and filters.

    Polls are applied with :meth:`apply_page`, :meth:`remove_missing` and
    :meth:`apply_info`, which announce exactly what changed; :meth:`tick`
    moves the clocks (live durations, data age) once a second.

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
        self._headers = self._header_texts()

    def _header_texts(self) -> dict[Column, str]:
        return {
            Column.WATCHED: "★",
            Column.STATUS: self.tr("Status"),
            Column.ROOM: self.tr("Room"),
            Column.BROADCASTER: self.tr("Broadcaster"),
            Column.TITLE: self.tr("Title"),
            Column.CATEGORY: self.tr("Category"),
            Column.START: self.tr("Started"),
            Column.DURATION: self.tr("Duration"),
            Column.CLARITY: self.tr("Top clarity"),
            Column.RENDITIONS: self.tr("Renditions"),
            Column.AGE: self.tr("Data age"),
        }

    # -- Qt's model interface --------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._table)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == _DISPLAY:
            return self._headers[column]
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.WATCHED:
            return self.tr("Watched rooms (click the star to watch or unwatch)")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        row = self._table[index.row()]
        column = Column(index.column())
        if role == _DISPLAY:
            return self.display_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.WATCHED:
            return QColor("#e0a800") if row.record.room_id in self._watched else QColor("#9aa0a6")
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
        return {
            StatusKind.LIVE: self.tr("live"),
            StatusKind.ENDED: self.tr("ended"),
            StatusKind.IDLE: self.tr("idle"),
            StatusKind.UNKNOWN: self.tr("unknown"),
        }[kind]

    def status_text(self, row: RoomRow) -> str:
        """The status cell: the operator's label for the code, else the kind (unknown: the code)."""
        code = row.record.status
        if code is not None and code in self.status_labels:
            return self.status_labels[code]
        if row.kind is not StatusKind.UNKNOWN:
            return self.kind_text(row.kind)
        return self.tr("unknown ({code})").format(code="—" if code is None else code)

    def display_text(self, row: RoomRow, column: Column) -> str:
        record = row.record
        if column is Column.WATCHED:
            return "★" if record.room_id in self._watched else "☆"
        if column is Column.STATUS:
            return self.status_text(row)
        if column is Column.ROOM:
            return record.room_id
        if column is Column.BROADCASTER:
            return record.user_name or ("" if record.user_id is None else str(record.user_id))
        if column is Column.TITLE:
            return record.title or ""
        if column is Column.CATEGORY:
            return record.category_name or (
                "" if record.category_id is None else str(record.category_id)
            )
        if column is Column.START:
            return format_local_time(record.start_time)
        if column is Column.DURATION:
            return format_duration(self.duration_ms(row))
        if column is Column.CLARITY:
            return clarity_label(record.clear)
        if column is Column.RENDITIONS:
            return "—" if row.renditions is None else str(row.renditions)
        return self._age_text(self._table.data_age(row, self._now))

    def _age_text(self, seconds: float) -> str:
        whole = int(seconds)
        if whole < 60:
            return self.tr("{n} s").format(n=whole)
        if whole < 3600:
            return self.tr("{n} min").format(n=whole // 60)
        return self.tr("{n} h").format(n=whole // 3600)

    def _tooltip(self, row: RoomRow, column: Column) -> str | None:
        record = row.record
        if column is Column.STATUS:
            return self.tr("status code {code}").format(code=record.status)
        if column is Column.BROADCASTER and record.user_id is not None:
            return self.tr("{name} (user id {id})").format(
                name=record.user_name or "", id=record.user_id
            )
        if column is Column.TITLE:
            return record.title
        if column is Column.AGE:
            return self.tr("Time since a poll last confirmed this row")
        return None

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
                return (1, self._table.data_age(row, self._now))
            case other:
                return (1, self.display_text(row, other).casefold())

    # -- rows ------------------------------------------------------------

    def row_at(self, source_row: int) -> RoomRow:
        return self._table[source_row]

    def row_of(self, room_id: str) -> int | None:
        return self._table.row_of(room_id)

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
        self.endResetModel()
        self.counts_changed.emit()

    def confirm(self) -> None:
        """A poll completed: every row is confirmed as of now (see RoomTable.confirmed_at)."""
        self._table.confirmed_at = self._clock()

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
        roles = [_DISPLAY]
        for column, ranges in ((Column.DURATION, live), (Column.AGE, wanted)):
            for first, last in ranges:
                self.dataChanged.emit(self.index(first, column), self.index(last, column), roles)

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

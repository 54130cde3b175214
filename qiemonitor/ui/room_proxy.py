"""Sorting and filtering the room table: the filter box, the quick filters, the sort keys."""

from __future__ import annotations

import enum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from qiemonitor.api.models import StatusKind
from qiemonitor.ui.pyside_compat import change_rows_filter
from qiemonitor.ui.room_model import RoomModel

__all__ = ["QuickFilter", "RoomProxy"]

AnyIndex = QModelIndex | QPersistentModelIndex


class QuickFilter(enum.Enum):
    """The segmented buttons above the table; values are the keys of RoomModel.counts()."""

    ALL = "all"
    LIVE = "live"
    ENDED = "ended"
    IDLE = "idle"
    WATCHED = "watched"


_KIND_OF = {
    QuickFilter.LIVE: StatusKind.LIVE,
    QuickFilter.ENDED: StatusKind.ENDED,
    QuickFilter.IDLE: StatusKind.IDLE,
}


class RoomProxy(QSortFilterProxyModel):
    """Filters rooms by text and quick filter, and sorts by RoomModel.sort_key.

    The text filter matches room id, stream name, broadcaster and title,
    case-insensitively (casefold, so it holds for any script); several
    words must all match.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rooms: RoomModel | None = None
        self._words: tuple[str, ...] = ()
        self._quick = QuickFilter.ALL
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        if not isinstance(model, RoomModel):
            raise TypeError("RoomProxy sorts and filters a RoomModel")
        self._rooms = model
        super().setSourceModel(model)

    @property
    def rooms(self) -> RoomModel:
        if self._rooms is None:
            raise RuntimeError("RoomProxy has no source model yet")
        return self._rooms

    @property
    def text_filter(self) -> str:
        return " ".join(self._words)

    @property
    def quick_filter(self) -> QuickFilter:
        return self._quick

    def set_text_filter(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            change_rows_filter(self, lambda: setattr(self, "_words", words))

    def set_quick_filter(self, quick: QuickFilter) -> None:
        if quick is not self._quick:
            change_rows_filter(self, lambda: setattr(self, "_quick", quick))

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        row = self.rooms.row_at(source_row)
        quick = self._quick
        if quick is QuickFilter.WATCHED:
            if not self.rooms.is_watched(row.record.room_id):
                return False
        elif quick is not QuickFilter.ALL and row.kind is not _KIND_OF[quick]:
            return False
        return all(word in row.search for word in self._words)

    def lessThan(self, source_left: AnyIndex, source_right: AnyIndex) -> bool:
        rooms = self.rooms
        column = source_left.column()
        return rooms.sort_key(source_left.row(), column) < rooms.sort_key(
            source_right.row(), column
        )

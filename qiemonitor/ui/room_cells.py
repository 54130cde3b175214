"""What the room table's cells say: the columns, their headers, each cell's text and tooltip."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QObject

from qiemonitor.api.models import StatusKind, clarity_label
from qiemonitor.core.formatting import format_duration, format_local_time
from qiemonitor.core.rooms import RoomRow

__all__ = ["Column", "RoomCells", "RowFacts"]


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


class RowFacts(Protocol):
    """What the texts need from the model (ui.room_model.RoomModel) besides the row itself."""

    status_labels: Mapping[int, str]
    stale_after: float | None

    def is_watched(self, room_id: str) -> bool: ...

    def age(self, row: RoomRow) -> float: ...

    def is_stale(self, row: RoomRow) -> bool: ...

    def duration_ms(self, row: RoomRow) -> int | None: ...


class RoomCells(QObject):
    """The words of the room table, in the UI's language (a QObject so that tr() works)."""

    def __init__(self, facts: RowFacts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._facts = facts
        self._current = self.tr("current")  # the Data age of a row the last poll confirmed
        self.headers = {
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
        self.watched_header_tip = self.tr("Watched rooms (click the star to watch or unwatch)")

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
        labels = self._facts.status_labels
        if code is not None and code in labels:
            return labels[code]
        if row.kind is not StatusKind.UNKNOWN:
            return self.kind_text(row.kind)
        return self.tr("unknown ({code})").format(code="—" if code is None else code)

    def text(self, row: RoomRow, column: Column) -> str:
        record = row.record
        if column is Column.WATCHED:
            return "★" if self._facts.is_watched(record.room_id) else "☆"
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
            return format_duration(self._facts.duration_ms(row))
        if column is Column.CLARITY:
            return clarity_label(record.clear)
        if column is Column.RENDITIONS:
            return "—" if row.renditions is None else str(row.renditions)
        if self._facts.stale_after is not None and not self._facts.is_stale(row):
            # Fresh rows all share the last poll's age (the status bar shows it): one word
            # says so and, unlike a count, needs no repaint of every row each second.
            return self._current
        return self.age_text(self._facts.age(row))

    def age_text(self, seconds: float) -> str:
        whole = int(seconds)
        if whole < 60:
            return self.tr("{n} s").format(n=whole)
        if whole < 3600:
            return self.tr("{n} min").format(n=whole // 60)
        return self.tr("{n} h").format(n=whole // 3600)

    def tooltip(self, row: RoomRow, column: Column) -> str | None:
        """The cell's own tooltip, led by how old a stale row's values are."""
        tip = self._cell_tooltip(row, column)
        if not self._facts.is_stale(row):
            return tip
        age = self.age_text(self._facts.age(row))
        stale = self.tr("stale: last seen {age} ago").format(age=age)
        return stale if tip is None else f"{stale}\n{tip}"

    def _cell_tooltip(self, row: RoomRow, column: Column) -> str | None:
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

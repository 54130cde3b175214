"""The room table's state: one row per room, merged from polls into diffs a view applies (no Qt).

Rows keep their arrival order (a view sorts them); a merge updates rows in
place and reports which rows changed and which rooms are new, so a Qt model
can announce exactly that (``dataChanged`` over merged ranges,
``beginInsertRows`` for the new rooms) and never reset.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from qiemonitor.api.models import StatusKind, StreamRecord, status_kind

__all__ = [
    "Merge",
    "RoomRow",
    "RoomTable",
    "StatusChange",
    "merged_ranges",
    "room_number",
    "search_text",
]


def room_number(room_id: str) -> int | None:
    """The room id as a number (room ids are numeric strings), or ``None``."""
    return int(room_id) if room_id.isascii() and room_id.isdigit() else None


def search_text(record: StreamRecord) -> str:
    """What the filter box matches: room id, stream name, broadcaster and title, casefolded."""
    parts = (record.room_id, record.stream_name, record.user_name, record.title)
    return "\n".join(part for part in parts if part).casefold()


def merged_ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    """``[5, 1, 2, 3, 7]`` → ``[(1, 3), (5, 5), (7, 7)]``: contiguous runs, inclusive."""
    ranges: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if ranges and ranges[-1][1] == row - 1:
            ranges[-1] = (ranges[-1][0], row)
        else:
            ranges.append((row, row))
    return ranges


@dataclass(slots=True)
class RoomRow:
    """One room: its latest record and what the table knows about it besides.

    ``seen_at`` is the monotonic time a poll last returned the room;
    ``renditions`` is unknown (``None``) until the room's detail was fetched,
    because the room list carries no videos.
    """

    record: StreamRecord
    kind: StatusKind
    seen_at: float
    search: str
    number: int | None
    renditions: int | None = None

    @classmethod
    def of(cls, record: StreamRecord, seen_at: float) -> RoomRow:
        return cls(
            record=record,
            kind=status_kind(record.status),
            seen_at=seen_at,
            search=search_text(record),
            number=room_number(record.room_id),
        )


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A room's status kind changed between two polls (for the event log)."""

    room_id: str
    old: StatusKind
    new: StatusKind
    record: StreamRecord


@dataclass(slots=True)
class Merge:
    """What merging one page did: rows updated in place, rooms still to append."""

    changed: list[int] = field(default_factory=list)
    added: list[StreamRecord] = field(default_factory=list)
    transitions: list[StatusChange] = field(default_factory=list)

    def changed_ranges(self) -> list[tuple[int, int]]:
        return merged_ranges(self.changed)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added)


class RoomTable:
    """Rows of rooms in arrival order, with an index by room id and running counts.

    ``confirmed_at`` is when a poll last completed: a poll with
    ``updatedSince`` confirms every room it did not return is unchanged, so
    a row's data is as old as the later of its ``seen_at`` and that.
    """

    def __init__(self) -> None:
        self._rows: list[RoomRow] = []
        self._index: dict[str, int] = {}
        self._counts: Counter[StatusKind] = Counter()
        self.confirmed_at: float | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[RoomRow]:
        return iter(self._rows)

    def __getitem__(self, row: int) -> RoomRow:
        return self._rows[row]

    def __contains__(self, room_id: object) -> bool:
        return room_id in self._index

    def row_of(self, room_id: str) -> int | None:
        return self._index.get(room_id)

    def counts(self) -> Counter[StatusKind]:
        """How many rooms are in each status kind."""
        return Counter(self._counts)

    def data_age(self, row: RoomRow, now: float) -> float:
        """Seconds since the row's data was last confirmed by a poll."""
        seen = row.seen_at if self.confirmed_at is None else max(row.seen_at, self.confirmed_at)
        return max(0.0, now - seen)

    # -- merging ---------------------------------------------------------

    def merge(self, records: Iterable[StreamRecord], now: float) -> Merge:
        """Update known rooms in place; new rooms are returned for :meth:`append`."""
        merge = Merge()
        new: dict[str, StreamRecord] = {}
        for record in records:
            row = self._index.get(record.room_id)
            if row is None:
                new[record.room_id] = record  # a repeat within one page: the later wins
            elif self._update(row, record, now, merge):
                merge.changed.append(row)
        merge.added = list(new.values())
        return merge

    def _update(self, row: int, record: StreamRecord, now: float, merge: Merge) -> bool:
        current = self._rows[row]
        current.seen_at = now
        if current.record.raw == record.raw:
            return False
        kind = status_kind(record.status)
        if kind is not current.kind:
            merge.transitions.append(StatusChange(record.room_id, current.kind, kind, record))
            self._counts[current.kind] -= 1
            self._counts[kind] += 1
        current.record, current.kind = record, kind
        current.search = search_text(record)
        return True

    def append(self, records: Collection[StreamRecord], now: float) -> None:
        """Append rooms not yet in the table (a :class:`Merge`'s ``added``)."""
        for record in records:
            if record.room_id in self._index:
                raise ValueError(f"room {record.room_id} is already in the table")
            self._index[record.room_id] = len(self._rows)
            row = RoomRow.of(record, now)
            self._rows.append(row)
            self._counts[row.kind] += 1

    def set_renditions(self, room_id: str, count: int) -> int | None:
        """Record how many renditions the room's detail listed; returns the row if it changed."""
        row = self._index.get(room_id)
        if row is None or self._rows[row].renditions == count:
            return None
        self._rows[row].renditions = count
        return row

    # -- removing --------------------------------------------------------

    def missing_ranges(self, present: Collection[str]) -> list[tuple[int, int]]:
        """Row ranges of rooms not in ``present`` (what a complete full sync did not list)."""
        return merged_ranges(
            i for i, row in enumerate(self._rows) if row.record.room_id not in present
        )

    def remove(self, first: int, last: int) -> list[RoomRow]:
        """Remove rows ``first``..``last`` inclusive; rows after them move up."""
        removed = self._rows[first : last + 1]
        del self._rows[first : last + 1]
        for row in removed:
            del self._index[row.record.room_id]
            self._counts[row.kind] -= 1
        for position in range(first, len(self._rows)):
            self._index[self._rows[position].record.room_id] = position
        return removed

    def clear(self) -> None:
        self._rows.clear()
        self._index.clear()
        self._counts.clear()
        self.confirmed_at = None

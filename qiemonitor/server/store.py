"""SQLite storage of stream records and renditions, each kept as its full JSON.

One table row per record holds the record's JSON exactly as built or seeded
(``body``) beside the columns the queries need. A room's current record has
``latest = 1``; listing reads those rows through a partial index and splices
their stored JSON into the answer without decoding it.

Change times: every write gets an ``updated_at`` (ms) strictly greater than
every ``updated_at`` and ``serverTime`` handed out before it, so a client that
passes a list's ``serverTime`` back as ``updatedSince`` misses nothing. A
:class:`Store` is used from one thread at a time (the service's database
thread), which is what makes that clock sound.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import msgspec

from qiemonitor.server.records import Record

__all__ = ["CurrentRecord", "ListFilter", "Store"]

_SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    resource_id INTEGER PRIMARY KEY,
    room_id TEXT NOT NULL,
    latest INTEGER NOT NULL,
    status INTEGER,
    stream_name TEXT,
    start_time INTEGER,
    end_time INTEGER,
    updated_at INTEGER NOT NULL,
    find_stream TEXT NOT NULL,
    find_user TEXT NOT NULL,
    find_title TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS records_current
    ON records (length(room_id), room_id) WHERE latest = 1;
CREATE INDEX IF NOT EXISTS records_current_updated ON records (updated_at) WHERE latest = 1;
CREATE INDEX IF NOT EXISTS records_room ON records (room_id, resource_id);
CREATE INDEX IF NOT EXISTS records_room_start ON records (room_id, start_time);
CREATE INDEX IF NOT EXISTS records_room_end ON records (room_id, end_time);
CREATE INDEX IF NOT EXISTS records_stream ON records (stream_name, resource_id);
CREATE TABLE IF NOT EXISTS videos (
    position INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL UNIQUE,
    record_id INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS videos_record ON videos (record_id, position);
"""

_INSERT_RECORD = """
INSERT INTO records (resource_id, room_id, latest, status, stream_name, start_time, end_time,
    updated_at, find_stream, find_user, find_title, body)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_INSERT_VIDEO = "INSERT INTO videos (resource_id, record_id, body) VALUES (?, ?, ?)"

_ORDER_ROOMS = "ORDER BY length(room_id), room_id"

# info's lookups: a room's current record, else the newest record of that stream or id.
_LOOKUPS = {
    "roomId": "room_id = ? AND latest = 1",
    "streamName": "stream_name = ?",
    "vid": "resource_id = ?",
}

_encode = msgspec.json.encode


@dataclass(frozen=True, slots=True)
class CurrentRecord:
    """The columns of a room's current record that the report rules look at."""

    resource_id: int
    status: int | None
    stream_name: str | None
    start_time: int | None
    end_time: int | None
    body: bytes


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What ``list`` narrows the rooms to; ``None`` leaves that criterion out."""

    statuses: tuple[int, ...] | None = None
    keyword: str | None = None
    updated_since: int | None = None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _record_row(record: Record, latest: bool, updated_at: int) -> tuple[Any, ...]:
    stream_name = record.get("streamName")
    return (
        record["resourceId"],
        record["roomId"],
        int(latest),
        _int(record.get("status")),
        stream_name if isinstance(stream_name, str) else None,
        _int(record.get("startTime")),
        _int(record.get("endTime")),
        updated_at,
        _text(stream_name).casefold(),
        _text(record.get("userName")).casefold(),
        _text(record.get("title")).casefold(),
        _encode(record),
    )


def _video_row(video: Record) -> tuple[Any, ...]:
    return (video["resourceId"], video["recordId"], _encode(video))


class Store:
    """The server's records in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str) -> None:
        self._db = sqlite3.connect(path, isolation_level=None)
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise
        high = self._db.execute("SELECT max(updated_at) FROM records").fetchone()[0]
        self._clock = int(high or 0)

    def _prepare(self) -> None:
        db = self._db
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, _SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"unknown database schema version {version}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, committed (durably) before the block's caller answers."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- the change clock --------------------------------------------------------

    @staticmethod
    def _now_ms() -> int:
        return time.time_ns() // 1_000_000

    def change_time(self) -> int:
        """A write's ``updated_at``: now, but later than anything handed out before."""
        self._clock = max(self._now_ms(), self._clock + 1)
        return self._clock

    def server_time(self) -> int:
        """A list's ``serverTime``: no later write can get an ``updated_at`` at or below it."""
        self._clock = max(self._now_ms(), self._clock)
        return self._clock

    # -- reads -------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._db.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None

    def current(self, room_id: str) -> CurrentRecord | None:
        row = self._db.execute(
            "SELECT resource_id, status, stream_name, start_time, end_time, body FROM records"
            " WHERE room_id = ? AND latest = 1",
            (room_id,),
        ).fetchone()
        return None if row is None else CurrentRecord(*row)

    def has_start(self, room_id: str, start_time: int) -> bool:
        """Whether one of the room's records started at ``start_time``."""
        return self._exists("room_id = ? AND start_time = ?", (room_id, start_time))

    def has_end(self, room_id: str, end_time: int) -> bool:
        """Whether one of the room's records ended at ``end_time``."""
        return self._exists("room_id = ? AND end_time = ?", (room_id, end_time))

    def _exists(self, where: str, params: tuple[Any, ...]) -> bool:
        row = self._db.execute(f"SELECT 1 FROM records WHERE {where} LIMIT 1", params).fetchone()
        return row is not None

    def record_by(self, key: str, value: str | int) -> tuple[int, bytes] | None:
        """``(resourceId, body)`` of the record ``info`` asks for (``key`` is its field)."""
        row = self._db.execute(
            f"SELECT resource_id, body FROM records WHERE {_LOOKUPS[key]}"
            " ORDER BY resource_id DESC LIMIT 1",
            (value,),
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def videos_of(self, record_id: int) -> list[bytes]:
        rows = self._db.execute(
            "SELECT body FROM videos WHERE record_id = ? ORDER BY position", (record_id,)
        )
        return [row[0] for row in rows]

    def room_ids(self) -> list[str]:
        rows = self._db.execute(f"SELECT room_id FROM records WHERE latest = 1 {_ORDER_ROOMS}")
        return [row[0] for row in rows]

    def page_current(self, where: ListFilter, offset: int, limit: int) -> tuple[int, list[bytes]]:
        """``(total, bodies)``: one page of the rooms' current records, in room order."""
        clauses: list[str] = ["latest = 1"]
        params: list[Any] = []
        if where.statuses is not None:
            clauses.append(f"status IN ({','.join('?' * len(where.statuses))})")
            params.extend(where.statuses)
        if where.updated_since is not None:
            clauses.append("updated_at > ?")
            params.append(where.updated_since)
        if where.keyword:
            clauses.append(
                "(instr(room_id, ?) OR instr(find_stream, ?) OR instr(find_user, ?)"
                " OR instr(find_title, ?))"
            )
            params.extend([where.keyword.casefold()] * 4)
        sql_where = " AND ".join(clauses)
        return self._page(f"FROM records WHERE {sql_where}", params, _ORDER_ROOMS, offset, limit)

    def page_room(self, room_id: str, offset: int, limit: int) -> tuple[int, list[bytes]]:
        """``(total, bodies)``: one page of a room's records, newest first."""
        return self._page(
            "FROM records WHERE room_id = ?", [room_id], "ORDER BY resource_id DESC", offset, limit
        )

    def _page(
        self, source: str, params: list[Any], order: str, offset: int, limit: int
    ) -> tuple[int, list[bytes]]:
        total: int = self._db.execute(f"SELECT count(*) {source}", params).fetchone()[0]
        if offset >= total:
            return total, []
        rows = self._db.execute(
            f"SELECT body {source} {order} LIMIT ? OFFSET ?", [*params, limit, offset]
        )
        return total, [row[0] for row in rows]

    # -- writes (inside a transaction) -------------------------------------------

    def next_ids(self) -> tuple[int, int]:
        """The next free record and rendition ``resourceId``."""
        record = self._db.execute("SELECT coalesce(max(resource_id), 0) + 1 FROM records")
        video = self._db.execute("SELECT coalesce(max(resource_id), 0) + 1 FROM videos")
        return record.fetchone()[0], video.fetchone()[0]

    def add_current(self, record: Record, updated_at: int) -> None:
        """Store ``record`` as its room's new current record."""
        self._db.execute(
            "UPDATE records SET latest = 0 WHERE latest = 1 AND room_id = ?", (record["roomId"],)
        )
        self._db.execute(_INSERT_RECORD, _record_row(record, True, updated_at))

    def replace(self, record: Record, updated_at: int) -> None:
        """Overwrite the stored record with the same ``resourceId``."""
        row = _record_row(record, True, updated_at)
        self._db.execute(
            "UPDATE records SET status = ?, stream_name = ?, start_time = ?, end_time = ?,"
            " updated_at = ?, find_stream = ?, find_user = ?, find_title = ?, body = ?"
            " WHERE resource_id = ?",
            (*row[3:], row[0]),
        )

    def add_videos(self, videos: Iterable[Record]) -> None:
        self._db.executemany(_INSERT_VIDEO, (_video_row(video) for video in videos))

    def load(
        self, records: Iterable[tuple[Record, bool]], videos: Iterable[Record], updated_at: int
    ) -> None:
        """Bulk-insert ``(record, is_current)`` pairs and renditions (the demo's seed)."""
        self._db.executemany(
            _INSERT_RECORD, (_record_row(rec, latest, updated_at) for rec, latest in records)
        )
        self.add_videos(videos)

"""The outbox: start and stop reports kept in SQLite until the server has them.

A report accepted by the operator is stored first (``synchronous=FULL``, so
it survives a crash or power loss), then delivered by
:class:`~qiemonitor.core.delivery.Deliverer`. An entry's life::

    pending ──claim──▶ sending ──▶ delivered      (history; purge_delivered)
       ▲                  │
       └──── mark_retry ──┤                      (next_attempt_ms persisted)
       └──── retry(id) ◀──┴──▶ failed            (kept for the operator)

Order per room: only the oldest undelivered entry of a room is ever due, so
a stop never overtakes its start, and a failed entry holds back its room's
later entries until the operator retries or discards it.

Each entry is for the server it was reported to (its base URL): an outbox
opened for one server sends only that server's entries (and those of a file
from before entries knew their server), so switching servers never sends a
report where it was not meant to go. The others wait, listed, until the
sender is connected to their server again (or the operator discards them). The stored body is
sent byte for byte, so a resend is the same report and the server's
idempotency (API.md) makes it harmless: that is why entries a crash left in
``sending`` simply go back to ``pending`` when the file is opened again.

The GUI and a CLI may share the file (WAL, ``busy_timeout``). An event loop
uses :class:`~qiemonitor.core.async_outbox.AsyncOutbox`, which runs these
methods on one dedicated thread: an fsync can take longer than a loop may block.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self, cast

from qiemonitor import paths
from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.outbox_file import OutboxError, guarded, one_line, open_database, transaction

__all__ = [
    "STATES",
    "EntryError",
    "Kind",
    "Outbox",
    "OutboxEntry",
    "OutboxError",
    "State",
    "default_path",
    "one_line",
    "server_key",
]

Kind = Literal["start", "stop"]
State = Literal["pending", "sending", "delivered", "failed"]
STATES: tuple[State, ...] = ("pending", "sending", "delivered", "failed")

_COLUMNS = (
    "id, kind, room_id, body, state, attempts, created_ms, next_attempt_ms,"
    " last_error, answer_code, answer, delivered_ms, server,"
    " (SELECT min(o.id) FROM entries AS o WHERE o.room_id = e.room_id AND o.server = e.server"
    "  AND o.state <> 'delivered' AND o.id < e.id AND e.state <> 'delivered') AS blocked_by"
)
# The oldest undelivered entry of each room: the only one of the room that may be sent.
_HEADS = "SELECT min(id) FROM entries WHERE state <> 'delivered' GROUP BY server, room_id"
# Which entries this outbox may send: its server's, and those that name none.
_MINE = "server IN ('', ?)"


class EntryError(OutboxError):
    """An entry does not exist, or its state does not allow what was asked."""


def default_path() -> Path:
    """Where the app and the CLI keep the outbox unless told otherwise."""
    return paths.user_data_dir() / "outbox.sqlite3"


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One stored report. ``body`` is exactly what is sent.

    ``server`` is the base URL it is for ('' in a file from before entries
    knew it). ``blocked_by`` is the older undelivered entry of the same room
    and server that this one waits behind (``None`` when it is next to go).
    """

    id: int
    kind: Kind
    room_id: str
    body: bytes
    state: State
    attempts: int
    created_ms: int
    next_attempt_ms: int
    last_error: str | None
    answer_code: int | None
    answer: str | None
    delivered_ms: int | None
    server: str = ""
    blocked_by: int | None = None

    @property
    def text(self) -> str:
        """The report's JSON as text, for copying or showing."""
        return self.body.decode("utf-8", errors="replace")

    @classmethod
    def _from_row(cls, row: tuple[Any, ...]) -> OutboxEntry:
        return cls(**dict(zip(_ENTRY_FIELDS, row, strict=True)))


_ENTRY_FIELDS = tuple(field.name for field in fields(OutboxEntry))


def server_key(url: str) -> str:
    """A server's base URL as the outbox files it: without a trailing slash."""
    return url.strip().rstrip("/")


def _report_kind(report: StartReport | StopReport) -> Kind:
    if isinstance(report, StartReport):
        return "start"
    if isinstance(report, StopReport):
        return "stop"
    raise TypeError(f"not a report: {type(report).__name__}")


class Outbox:
    """The outbox file; every method is one short transaction. Thread-safe."""

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        clock: Callable[[], int] = now_ms,
        busy_timeout_s: float = 5.0,
        server: str = "",
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.server = server_key(server)  # what this outbox adds for, and may send
        self._clock = clock
        self._lock = threading.RLock()
        self._conn = open_database(self.path, busy_timeout_s)
        try:
            self.recovered = self._recover()
        except BaseException:
            self._conn.close()
            raise

    def set_server(self, url: str) -> None:
        """Add and send for this server from now on (the sender was pointed elsewhere)."""
        with self._lock:
            self.server = server_key(url)

    def _recover(self) -> int:
        """Entries a crash left in ``sending`` go back to ``pending``; a resend is safe."""
        with self._write():
            cursor = self._conn.execute(
                "UPDATE entries SET state = 'pending' WHERE state = 'sending'"
            )
            return cursor.rowcount

    # -- plumbing ------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock, guarded(self.path):
            yield

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self._lock, guarded(self.path), transaction(self._conn):
            yield

    def _select(self, where: str, params: Iterable[Any] = ()) -> list[OutboxEntry]:
        sql = f"SELECT {_COLUMNS} FROM entries AS e WHERE {where}"
        return [OutboxEntry._from_row(row) for row in self._conn.execute(sql, tuple(params))]

    def _one(self, entry_id: int) -> OutboxEntry:
        found = self._select("id = ?", (entry_id,))
        if not found:
            raise EntryError(f"no outbox entry {entry_id}")
        return found[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- adding and claiming --------------------------------------------------------

    def add(self, report: StartReport | StopReport) -> OutboxEntry:
        """Store ``report``, due now; the commit is fsynced before this returns."""
        kind, body, now = _report_kind(report), report.to_json(), self._clock()
        with self._locked():
            self._conn.execute("PRAGMA synchronous = FULL")
            try:
                with transaction(self._conn):
                    cursor = self._conn.execute(
                        "INSERT INTO entries"
                        " (kind, room_id, body, created_ms, next_attempt_ms, server)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (kind, report.room_id, body, now, now, self.server),
                    )
            finally:
                self._conn.execute("PRAGMA synchronous = NORMAL")
            return self._one(cast(int, cursor.lastrowid))

    def claim_due(
        self, now_ms: int, *, limit: int | None = None, room_id: str | None = None
    ) -> list[OutboxEntry]:
        """Take the entries due at ``now_ms`` for sending (at most one per room).

        Each is its room's oldest undelivered entry; it is marked ``sending``
        and its ``attempts`` counted, atomically, so two processes sharing the
        file never both take it.
        """
        where = f"id IN ({_HEADS}) AND state = 'pending' AND next_attempt_ms <= ?"
        params: list[Any] = [now_ms]
        if self.server:
            where += f" AND {_MINE}"
            params.append(self.server)
        if room_id is not None:
            where += " AND room_id = ?"
            params.append(room_id)
        where += " ORDER BY next_attempt_ms, id LIMIT ?"
        params.append(-1 if limit is None else limit)
        with self._write():
            ids = [entry.id for entry in self._select(where, params)]
            return self._take(ids)

    def mark_sending(self, entry_id: int) -> OutboxEntry | None:
        """Take one entry for sending, due or not, if it is its room's next to go."""
        where = f"id = ? AND id IN ({_HEADS}) AND state = 'pending'"
        params: list[Any] = [entry_id]
        if self.server:
            where += f" AND {_MINE}"
            params.append(self.server)
        with self._write():
            found = self._select(where, params)
            taken = self._take([entry.id for entry in found])
            return taken[0] if taken else None

    def _take(self, ids: list[int]) -> list[OutboxEntry]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        self._conn.execute(
            f"UPDATE entries SET state = 'sending', attempts = attempts + 1 WHERE id IN ({marks})",
            ids,
        )
        by_id = {entry.id: entry for entry in self._select(f"id IN ({marks})", ids)}
        return [by_id[i] for i in ids]

    # -- outcomes --------------------------------------------------------------------

    def mark_delivered(self, entry_id: int, code: int, message: str) -> bool:
        """The server has it; ``code``/``message`` are its answer. False if already settled."""
        return self._settle(
            entry_id,
            "state = 'delivered', delivered_ms = ?, answer_code = ?, answer = ?",
            (self._clock(), code, one_line(message)),
        )

    def mark_retry(
        self,
        entry_id: int,
        error: str,
        next_attempt_ms: int,
        *,
        code: int | None = None,
        message: str | None = None,
    ) -> bool:
        """Back to ``pending``, not due before ``next_attempt_ms`` (kept across restarts)."""
        return self._settle(
            entry_id,
            "state = 'pending', next_attempt_ms = ?, last_error = ?,"
            " answer_code = coalesce(?, answer_code), answer = coalesce(?, answer)",
            (next_attempt_ms, one_line(error), code, _maybe_line(message)),
        )

    def mark_failed(
        self, entry_id: int, error: str, *, code: int | None = None, message: str | None = None
    ) -> bool:
        """Rejected: kept as ``failed`` (blocking its room) until retried or discarded."""
        return self._settle(
            entry_id,
            "state = 'failed', last_error = ?, answer_code = ?, answer = ?",
            (one_line(error), code, _maybe_line(message)),
        )

    def release(self, entry_id: int) -> bool:
        """A send was cancelled midway: back to ``pending``, due now."""
        return self._settle(entry_id, "state = 'pending', next_attempt_ms = ?", (self._clock(),))

    def _settle(self, entry_id: int, assignments: str, params: tuple[Any, ...]) -> bool:
        # Delivered is final: a late outcome from another process never undoes it.
        with self._write():
            cursor = self._conn.execute(
                f"UPDATE entries SET {assignments}"
                " WHERE id = ? AND state IN ('pending', 'sending')",
                (*params, entry_id),
            )
            return cursor.rowcount == 1

    # -- the operator's actions --------------------------------------------------------

    def retry(self, entry_id: int) -> OutboxEntry:
        """Make a failed (or waiting) entry pending and due now."""
        with self._write():
            entry = self._changeable(entry_id, "retried")
            self._conn.execute(
                "UPDATE entries SET state = 'pending', next_attempt_ms = ? WHERE id = ?",
                (self._clock(), entry.id),
            )
            return self._one(entry.id)

    def discard(self, entry_id: int) -> OutboxEntry:
        """Drop a pending or failed entry for good; returns it as it was."""
        with self._write():
            entry = self._changeable(entry_id, "discarded")
            self._conn.execute("DELETE FROM entries WHERE id = ?", (entry.id,))
            return entry

    def _changeable(self, entry_id: int, verb: str) -> OutboxEntry:
        entry = self._one(entry_id)
        if entry.state == "delivered":
            raise EntryError(
                f"outbox entry {entry_id} was delivered; delivered entries are history"
                f" and cannot be {verb}"
            )
        if entry.state == "sending":
            raise EntryError(f"outbox entry {entry_id} is being sent right now; try again shortly")
        return entry

    def hasten(self, now_ms: int, *, room_id: str | None = None) -> int:
        """Make every pending entry waiting out a backoff due at ``now_ms``."""
        sql = "UPDATE entries SET next_attempt_ms = ? WHERE state = 'pending'"
        sql += " AND next_attempt_ms > ?"
        params: list[Any] = [now_ms, now_ms]
        if room_id is not None:
            sql += " AND room_id = ?"
            params.append(room_id)
        if self.server:
            sql += f" AND {_MINE}"
            params.append(self.server)
        with self._write():
            return self._conn.execute(sql, params).rowcount

    def purge_delivered(self, older_than_ms: int) -> int:
        """Forget delivered entries delivered before ``older_than_ms``."""
        with self._write():
            cursor = self._conn.execute(
                "DELETE FROM entries WHERE state = 'delivered' AND delivered_ms < ?",
                (older_than_ms,),
            )
            return cursor.rowcount

    # -- reading ------------------------------------------------------------------------

    def get(self, entry_id: int) -> OutboxEntry | None:
        with self._locked():
            found = self._select("id = ?", (entry_id,))
            return found[0] if found else None

    def entries(
        self, states: Iterable[State] | None = None, limit: int | None = None
    ) -> list[OutboxEntry]:
        """Entries oldest first; with ``limit``, only the newest ``limit`` of them."""
        wanted = tuple(STATES if states is None else states)
        marks = ",".join("?" * len(wanted)) or "NULL"
        where = f"state IN ({marks}) ORDER BY id DESC LIMIT ?"
        with self._locked():
            found = self._select(where, (*wanted, -1 if limit is None else limit))
        return found[::-1]

    def counts(self) -> dict[State, int]:
        """How many entries are in each state (every state present, zeros included)."""
        with self._locked():
            rows = self._conn.execute("SELECT state, count(*) FROM entries GROUP BY state")
            found = dict(rows.fetchall())
        return {state: int(found.get(state, 0)) for state in STATES}

    def next_due_ms(self) -> int | None:
        """When the next entry that may be sent becomes due; ``None`` if none is waiting."""
        sql = (
            f"SELECT min(next_attempt_ms) FROM entries WHERE id IN ({_HEADS}) AND state = 'pending'"
        )
        params = (self.server,) if self.server else ()
        if self.server:
            sql += f" AND {_MINE}"
        with self._locked():
            row = self._conn.execute(sql, params).fetchone()
        return None if row[0] is None else int(row[0])


def _maybe_line(text: str | None) -> str | None:
    return None if text is None else one_line(text)

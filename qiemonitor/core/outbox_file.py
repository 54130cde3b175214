"""The outbox's SQLite file: opening, checking, migrating, and one-line errors.

A file that is not a database, is damaged, belongs to another program or was
written by a newer qiemonitor is refused with an :class:`OutboxError` naming
it; nothing here ever recreates or overwrites an existing file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "OutboxError",
    "guarded",
    "one_line",
    "open_database",
    "transaction",
]

SCHEMA_VERSION = 2
APPLICATION_ID = 0x51494542  # "QIEB" in the file header: this is a qiemonitor outbox
_MAX_LINE = 500

# _MIGRATIONS[n] takes a file from schema n to n + 1 (PRAGMA user_version).
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE entries (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            kind            TEXT    NOT NULL CHECK (kind IN ('start', 'stop')),
            room_id         TEXT    NOT NULL,
            body            BLOB    NOT NULL,
            state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            created_ms      INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL,
            last_error      TEXT,
            answer_code     INTEGER,
            answer          TEXT,
            delivered_ms    INTEGER
        )
        """,
        "CREATE INDEX entries_open ON entries (room_id, id) WHERE state <> 'delivered'",
        "CREATE INDEX entries_delivered ON entries (delivered_ms) WHERE state = 'delivered'",
    ),
    (
        # The server each report is for ('' from schema 1: whichever server the sender has).
        "ALTER TABLE entries ADD COLUMN server TEXT NOT NULL DEFAULT ''",
        "DROP INDEX entries_open",
        "CREATE INDEX entries_open ON entries (server, room_id, id) WHERE state <> 'delivered'",
    ),
)


class OutboxError(Exception):
    """The outbox cannot be used as asked; the message is one line."""


def one_line(text: str) -> str:
    """``text`` as one line of at most a few hundred characters."""
    line = " ".join(text.split())
    return line if len(line) <= _MAX_LINE else line[: _MAX_LINE - 1] + "…"


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Turn any SQLite failure into a one-line :class:`OutboxError` naming ``path``."""
    try:
        yield
    except sqlite3.Error as error:
        raise OutboxError(f"outbox {path}: {one_line(str(error))}") from None


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once so a second process waits (busy_timeout)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_database(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    """Open (or create) the outbox at ``path``, checked and at the current schema."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as error:
        raise OutboxError(f"cannot open the outbox {path}: {one_line(str(error))}") from None
    try:
        with guarded(path):
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            _check(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is enough for state changes (losing one only means a safe
            # resend); Outbox.add raises it to FULL for the commit of a report.
            conn.execute("PRAGMA synchronous = NORMAL")
            with transaction(conn):
                _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise OutboxError(f"the outbox {path} is damaged: {one_line(str(verdict))}")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    if not empty and app_id != APPLICATION_ID:
        raise OutboxError(f"{path} is an SQLite database but not a qiemonitor outbox")
    if version > SCHEMA_VERSION:
        raise OutboxError(
            f"the outbox {path} was written by a newer qiemonitor"
            f" (schema {version}; this one reads up to {SCHEMA_VERSION})"
        )
    for step in range(version, SCHEMA_VERSION):
        for statement in _MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

"""The outbox list's model: stored reports, oldest first, with their state and what happens next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from qiemonitor.core.formatting import format_duration, format_local_time, now_ms
from qiemonitor.core.outbox import Kind, OutboxEntry, State
from qiemonitor.ui.list_table_model import AnyIndex, ListTableModel

__all__ = ["OutboxModel"]


_STATE_COLORS: dict[State, str] = {
    "pending": "#b26a00",
    "sending": "#1565c0",
    "delivered": "#2e7d32",
    "failed": "#c0392b",
}


class OutboxModel(ListTableModel[OutboxEntry]):
    """Columns ID, State, Report, Room, Tries, Created, Note.

    :meth:`set_entries` merges by entry id (ids only grow): rows that left
    are removed, new ones inserted, changed ones emit ``dataChanged``, so a
    selected entry stays selected while it is being retried.
    """

    ID, STATE, KIND, ROOM, TRIES, CREATED, NOTE = range(7)
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = ""  # the server the app sends to now (core.outbox.server_key form)
        self.set_titles(
            self.tr("ID"),
            self.tr("State"),
            self.tr("Report"),
            self.tr("Room"),
            self.tr("Tries"),
            self.tr("Created"),
            self.tr("Note"),
        )

    def set_entries(self, entries: Sequence[OutboxEntry]) -> None:
        new = {entry.id: entry for entry in entries}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id not in new:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        for row, entry in enumerate(self._rows):
            if new[entry.id] != entry:
                self._rows[row] = new[entry.id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.NOTE))
        known = {entry.id for entry in self._rows}
        added = sorted((e for e in new.values() if e.id not in known), key=lambda e: e.id)
        for entry in added:
            row = sum(1 for kept in self._rows if kept.id < entry.id)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, entry)
            self.endInsertRows()

    def entry(self, row: int) -> OutboxEntry | None:
        return self.item(row)

    def tick(self) -> None:
        """Let the notes of entries waiting out a backoff count down."""
        now = now_ms()
        for row, entry in enumerate(self._rows):
            if entry.state == "pending" and entry.next_attempt_ms > now - 1000:
                note = self.index(row, self.NOTE)
                self.dataChanged.emit(note, note, [Qt.ItemDataRole.DisplayRole])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == self.EntryRole:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATE:
            return QBrush(QColor(_STATE_COLORS[entry.state]))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.NOTE:
            return self.note(entry)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, index.column())
        return None

    def _text(self, entry: OutboxEntry, column: int) -> str:
        if column == self.ID:
            return str(entry.id)
        if column == self.STATE:
            return self.state_text(entry.state)
        if column == self.KIND:
            return self.kind_text(entry.kind)
        if column == self.ROOM:
            return entry.room_id
        if column == self.TRIES:
            return str(entry.attempts)
        if column == self.CREATED:
            return format_local_time(entry.created_ms)
        return self.note(entry)

    def kind_text(self, kind: Kind) -> str:
        return self.tr("start (开播)") if kind == "start" else self.tr("stop (关播)")

    def state_text(self, state: State) -> str:
        return {
            "pending": self.tr("waiting"),
            "sending": self.tr("sending"),
            "delivered": self.tr("delivered"),
            "failed": self.tr("failed"),
        }[state]

    def note(self, entry: OutboxEntry) -> str:
        """What happened last, and what happens next, in a line."""
        if entry.state != "delivered" and entry.server and entry.server != self.server:
            return self.tr("for {server}: sent when qiemonitor is connected to it again").format(
                server=entry.server
            )
        if entry.state == "delivered":
            return self.tr("delivered {when}: server answered {code} {answer}").format(
                when=format_local_time(entry.delivered_ms),
                code=entry.answer_code,
                answer=entry.answer or "",
            )
        if entry.state == "failed":
            return self.tr("rejected: {error} — retry or discard it").format(
                error=entry.last_error or ""
            )
        if entry.state == "sending":
            return self.tr("being sent")
        if entry.blocked_by is not None:
            return self.tr("waiting behind entry {id} of the same room").format(id=entry.blocked_by)
        due = entry.next_attempt_ms - now_ms()
        when = (
            self.tr("due now")
            if due <= 0
            else self.tr("next try in {time}").format(time=format_duration(due))
        )
        if entry.last_error:
            return self.tr("{when}; last try: {error}").format(when=when, error=entry.last_error)
        return when

"""The History tab's model: a room's recent stream records, newest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from qiemonitor.api.models import StreamRecord
from qiemonitor.core.formatting import format_duration, format_local_time
from qiemonitor.ui.list_table_model import AnyIndex, ListTableModel
from qiemonitor.ui.stream_labels import status_color, status_text

__all__ = ["HistoryModel"]


class HistoryModel(ListTableModel[StreamRecord]):
    """Columns Start, End, Duration, Status, Title over the records as the server ordered them.

    The same records again (by ``resourceId``) only emit ``dataChanged``.
    """

    START, END, DURATION, STATUS, TITLE = range(5)
    RecordRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_titles(
            self.tr("Start"),
            self.tr("End"),
            self.tr("Duration"),
            self.tr("Status"),
            self.tr("Title"),
        )
        self._labels: Mapping[int, str] = {}

    def set_records(self, records: Sequence[StreamRecord]) -> None:
        new = list(records)
        if [r.resource_id for r in new] != [r.resource_id for r in self._rows]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        old, self._rows = self._rows, new
        for row, (was, now) in enumerate(zip(old, new, strict=True)):
            if was.raw != now.raw:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.TITLE))

    def set_status_labels(self, labels: Mapping[int, str]) -> None:
        self._labels = dict(labels)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.STATUS), self.index(len(self._rows) - 1, self.STATUS)
            )

    def records(self) -> list[StreamRecord]:
        return list(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(record, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(status_color(record.status))
        if role == self.RecordRole:
            return record
        return None

    def _text(self, record: StreamRecord, column: int, tooltip: bool) -> str | None:
        if tooltip and column in (self.START, self.END):
            ms = record.start_time if column == self.START else record.end_time
            return None if ms is None else self.tr("{0} ms").format(ms)
        texts = (
            format_local_time(record.start_time),
            format_local_time(record.end_time),
            format_duration(record.duration),
            status_text(record.status, self._labels),
            record.title or "—",
        )
        return texts[column] if 0 <= column < len(texts) else None

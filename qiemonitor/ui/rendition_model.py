"""The table model of a record's renditions, and the proxy that sorts them by clarity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from qiemonitor.api.models import Rendition, clarity_label
from qiemonitor.core.formatting import format_bytes, format_duration
from qiemonitor.ui.list_table_model import AnyIndex, ListTableModel

__all__ = ["RenditionModel", "RenditionSortProxy"]

_HLS = 3


def _side(value: int | None) -> str:
    return str(value) if value else "—"


def _resolution(rendition: Rendition) -> str:
    """As given by the server (API.md: 0 and odd pairs happen); 0 reads as "—"."""
    if not rendition.width and not rendition.height:
        return "—"
    return f"{_side(rendition.width)} × {_side(rendition.height)}"


def _text(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


class RenditionModel(ListTableModel[Rendition]):
    """One row per rendition, in the order the server sent them; the proxy sorts.

    :meth:`set_renditions` with the same renditions (by ``resourceId`` and
    ``key``) only emits ``dataChanged`` for rows whose values changed.
    """

    (CLARITY, RESOLUTION, KEY, BUCKET, DURATION, SIZE, TYPE, HASH, PERSISTENT_ID, SEQ) = range(10)
    SortRole = Qt.ItemDataRole.UserRole + 1
    RenditionRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_titles(
            self.tr("Clarity"),
            self.tr("Width × height"),
            self.tr("Key"),
            self.tr("Bucket"),
            self.tr("Duration"),
            self.tr("File size"),
            self.tr("Type"),
            self.tr("Hash"),
            self.tr("Persistent id"),
            self.tr("Seq"),
        )

    def set_renditions(self, renditions: Sequence[Rendition]) -> None:
        new = list(renditions)
        if [_identity(r) for r in new] != [_identity(r) for r in self._rows]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        old, self._rows = self._rows, new
        for row, (was, now) in enumerate(zip(old, new, strict=True)):
            if was.raw != now.raw:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.SEQ))

    def renditions(self) -> list[Rendition]:
        return list(self._rows)

    def rendition(self, row: int) -> Rendition | None:
        return self.item(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rendition = self.rendition(index.row()) if index.isValid() else None
        if rendition is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rendition, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rendition, column)
        if role == self.SortRole:
            return self._sort_key(rendition, column)
        if role == self.RenditionRole:
            return rendition
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.DURATION,
            self.SIZE,
            self.SEQ,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: Rendition, column: int) -> str:
        texts = (
            clarity_label(r.clear),
            _resolution(r),
            r.key,
            _text(r.bucket),
            format_duration(r.duration),
            format_bytes(r.file_size),
            self._type_text(r.type),
            _text(r.hash),
            _text(r.persistent_id),
            _text(r.seq),
        )
        return texts[column] if 0 <= column < len(texts) else ""

    def _type_text(self, kind: int | None) -> str:
        if kind == _HLS:
            return self.tr("HLS (m3u8)")
        return _text(kind)

    def _tooltip(self, r: Rendition, column: int) -> str | None:
        if column == self.DURATION and r.duration is not None:
            return self.tr("{0} ms").format(r.duration)
        if column == self.SIZE and r.file_size is not None:
            return self.tr("{0} bytes").format(r.file_size)
        if column == self.RESOLUTION:
            return self.tr("width {0}, height {1}, as the server gave them").format(
                r.width, r.height
            )
        return self._display(r, column)

    def _sort_key(self, r: Rendition, column: int) -> Any:
        numbers = {
            self.CLARITY: r.clear,
            self.RESOLUTION: (r.width or 0) * (r.height or 0),
            self.DURATION: r.duration,
            self.SIZE: r.file_size,
            self.TYPE: r.type,
            self.SEQ: r.seq,
        }
        if column in numbers:
            value = numbers[column]
            return -1 if value is None else value
        return self._display(r, column)


def _identity(rendition: Rendition) -> tuple[int | None, str]:
    return rendition.resource_id, rendition.key


class RenditionSortProxy(QSortFilterProxyModel):
    """Sorts by each column's natural order (numbers as numbers); clarity descending first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(RenditionModel.SortRole)
        self.setDynamicSortFilter(True)
        self.sort(RenditionModel.CLARITY, Qt.SortOrder.DescendingOrder)

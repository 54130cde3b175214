"""Paints the room table's status cells: a coloured dot before the status label."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from qiemonitor.api.models import StatusKind
from qiemonitor.ui.dots import DOT_SIZE, dot_pixmap
from qiemonitor.ui.room_model import KIND_ROLE, status_color

__all__ = ["StatusDelegate"]


class StatusDelegate(QStyledItemDelegate):
    """Adds the status dot as the cell's decoration, so the style draws the rest."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[StatusKind, QIcon] = {}

    def _icon(self, kind: StatusKind) -> QIcon:
        icon = self._icons.get(kind)
        if icon is None:
            icon = self._icons[kind] = QIcon(dot_pixmap(status_color(kind)))
        return icon

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        kind = index.data(KIND_ROLE)
        if isinstance(kind, StatusKind):
            option.icon = self._icon(kind)
            option.decorationSize = QSize(DOT_SIZE, DOT_SIZE)
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration

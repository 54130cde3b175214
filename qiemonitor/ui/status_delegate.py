"""Paints the room table's status cells: a coloured dot before the status label."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from qiemonitor.api.models import StatusKind
from qiemonitor.ui.room_model import KIND_ROLE, status_color

__all__ = ["StatusDelegate"]

_DOT = 10  # logical pixels


def _dot_icon(kind: StatusKind) -> QIcon:
    scale = 2  # drawn at twice the size so it stays round on high-DPI screens
    pixmap = QPixmap(_DOT * scale, _DOT * scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(status_color(kind))
    painter.drawEllipse(QRectF(1, 1, _DOT * scale - 2, _DOT * scale - 2))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return QIcon(pixmap)


class StatusDelegate(QStyledItemDelegate):
    """Adds the status dot as the cell's decoration, so the style draws the rest."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[StatusKind, QIcon] = {}

    def _icon(self, kind: StatusKind) -> QIcon:
        icon = self._icons.get(kind)
        if icon is None:
            icon = self._icons[kind] = _dot_icon(kind)
        return icon

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        kind = index.data(KIND_ROLE)
        if isinstance(kind, StatusKind):
            option.icon = self._icon(kind)
            option.decorationSize = QSize(_DOT, _DOT)
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration

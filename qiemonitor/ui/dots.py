"""The coloured status dot that the room table and the connection indicator both draw."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

__all__ = ["DOT_SIZE", "dot_pixmap"]

DOT_SIZE = 10  # logical pixels


def dot_pixmap(color: QColor | str, size: int = DOT_SIZE) -> QPixmap:
    """A filled circle of ``size`` logical pixels, drawn at twice that so it stays round."""
    scale = 2
    pixmap = QPixmap(size * scale, size * scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(QRectF(1, 1, size * scale - 2, size * scale - 2))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap

"""The top of the detail pane: thumbnail, title, broadcaster, room and a coloured status."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from qiemonitor.api.models import StreamRecord
from qiemonitor.ui.stream_labels import status_color, status_text

__all__ = ["DetailHeader", "placeholder_pixmap"]


def placeholder_pixmap(size: QSize, text: str, palette: QPalette) -> QPixmap:
    """A flat tile with a word on it, where a thumbnail is missing or failed."""
    pixmap = QPixmap(size)
    pixmap.fill(palette.color(QPalette.ColorRole.Mid))
    painter = QPainter(pixmap)
    painter.setPen(palette.color(QPalette.ColorRole.Light))
    painter.drawText(QRect(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


class DetailHeader(QWidget):
    """Who and what is on air, at a glance, with the "Copy all as JSON" button.

    Signals:
        copy_all_requested(): the operator asked for the record as JSON.
    """

    copy_all_requested = Signal()

    def __init__(self, image_size: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image_size = QSize(image_size)
        self.image = QLabel(self)
        self.image.setObjectName("thumbnail")
        self.image.setFixedSize(image_size)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = self._text_label("headerTitle", scale=1.3, bold=True)
        self.broadcaster = self._text_label("headerBroadcaster")
        self.room = self._text_label("headerRoom")
        self.status = QLabel(self)
        self.status.setObjectName("headerStatus")
        self.status.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.copy_all_button = QPushButton(self.tr("Copy all as JSON"), self)
        self.copy_all_button.setAutoDefault(False)
        self.copy_all_button.setToolTip(
            self.tr("Copy the stream record and its renditions as JSON, for a ticket")
        )
        self.copy_all_button.clicked.connect(self.copy_all_requested)
        self._lay_out()

    def _text_label(self, name: str, *, scale: float = 1.0, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(label.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
        return label

    def _lay_out(self) -> None:
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image, 0, 0, 4, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.title, 0, 1, 1, 2)
        layout.addWidget(self.broadcaster, 1, 1, 1, 2)
        layout.addWidget(self.room, 2, 1, 1, 2)
        layout.addWidget(self.status, 3, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(
            self.copy_all_button, 3, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        layout.setColumnStretch(1, 1)

    def show_record(self, record: StreamRecord, labels: Mapping[int, str] | None = None) -> None:
        self.title.setText(record.title or self.tr("(no title)"))
        user = record.user_name or self.tr("(unknown broadcaster)")
        if record.user_id is not None:
            user = self.tr("{0} · user {1}").format(user, record.user_id)
        self.broadcaster.setText(user)
        room = self.tr("Room {0}").format(record.room_id)
        details = [room, record.stream_name, record.category_name]
        self.room.setText(" · ".join(part for part in details if part))
        self.set_status(record.status, labels)

    def set_status(self, code: int | None, labels: Mapping[int, str] | None = None) -> None:
        self.status.setText(status_text(code, labels))
        color = status_color(code)
        text = "#ffffff" if color.lightness() < 160 else "#000000"
        self.status.setStyleSheet(
            f"QLabel {{ background: {color.name()}; color: {text}; border-radius: 4px;"
            " padding: 2px 8px; font-weight: bold; }"
        )

    def set_image(self, image: QImage) -> None:
        self.image.setPixmap(QPixmap.fromImage(image))
        self.image.setToolTip("")

    def set_placeholder(self, text: str, reason: str = "") -> None:
        self.image.setPixmap(placeholder_pixmap(self._image_size, text, self.palette()))
        self.image.setToolTip(reason)

"""The detail pane: the selected room in Fields, Renditions, History and Raw JSON tabs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QImage, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.api.models import Rendition, RoomPage, StreamInfo, StreamRecord
from qiemonitor.core.json_text import pretty_json, reindent_json
from qiemonitor.core.playback import PlaybackUrls
from qiemonitor.ui.clipboard import copy_text
from qiemonitor.ui.detail_header import DetailHeader
from qiemonitor.ui.field_model import FieldModel
from qiemonitor.ui.field_view import FieldView
from qiemonitor.ui.history_model import HistoryModel
from qiemonitor.ui.renditions import RenditionsPanel
from qiemonitor.ui.stream_fields import record_sections
from qiemonitor.ui.thumbnail import ThumbnailLoader

__all__ = ["DetailPane"]


@contextmanager
def _scroll_kept(view: QAbstractScrollArea, keep: bool) -> Iterator[None]:
    position = view.verticalScrollBar().value()
    yield
    if keep:
        view.verticalScrollBar().setValue(position)


class DetailPane(QWidget):
    """Shows one room: :meth:`show_record` on selection, then :meth:`set_info` and
    :meth:`set_history` as their answers arrive.

    A refresh of the room already shown keeps the tab, the scroll positions
    and the selection, and only changed values are repainted. An info or a
    history answer for a room other than the one shown is a late answer to
    an earlier selection and is ignored.

    Signals:
        copied(str): a short message for the status bar after a copy (or an open in the player).
    """

    copied = Signal(str)

    FIELDS_TAB, RENDITIONS_TAB, HISTORY_TAB, RAW_TAB = range(4)

    def __init__(
        self,
        thumbnails: ThumbnailLoader,
        playback: PlaybackUrls,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self._record: StreamRecord | None = None
        self._info: StreamInfo | None = None
        self._image_url: str | None = None
        self._labels: dict[int, str] = {}
        self.header = DetailHeader(thumbnails.size, self)
        self.field_model = FieldModel(self)
        self.fields = FieldView(self.field_model, self)
        self.renditions = RenditionsPanel(playback, parent=self)
        self.history_model = HistoryModel(self)
        self.history = self._make_history_view()
        self.raw_json = self._make_raw_view()
        self.tabs = QTabWidget(self)
        self._stack = QStackedWidget(self)
        self._lay_out()
        self._connect_signals()
        self._show_empty()

    def _make_history_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("historyView")
        view.setModel(self.history_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _make_raw_view(self) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setObjectName("rawJson")
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        view.setFont(font)
        return view

    def _lay_out(self) -> None:
        self.tabs.addTab(self.fields, self.tr("Fields"))
        self.tabs.addTab(self.renditions, self.tr("Renditions"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.raw_json, self.tr("Raw JSON"))
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self.tabs, 1)
        self._empty = QLabel(self.tr("Select a room to see its details."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(content)
        self._content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._stack)
        copy_all = QAction(self.tr("Copy all as JSON"), self)
        copy_all.setShortcut(QKeySequence("Ctrl+Shift+C"))
        copy_all.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_all.triggered.connect(self.on_copy_all_triggered)
        self.addAction(copy_all)
        self.copy_all_action = copy_all

    def _connect_signals(self) -> None:
        self.fields.copied.connect(self.copied)
        self.renditions.copied.connect(self.copied)
        self.header.copy_all_requested.connect(self.on_copy_all_triggered)
        self._thumbnails.loaded.connect(self.on_thumbnail_loaded)
        self._thumbnails.failed.connect(self.on_thumbnail_failed)

    # -- what the window calls -------------------------------------------

    def record(self) -> StreamRecord | None:
        """The record shown (the info's richer one once it has arrived)."""
        return self._record

    def show_record(self, record: StreamRecord | None) -> None:
        """Show ``record`` at once (the list's copy); ``None`` shows the empty state."""
        if record is None:
            self._record = self._info = None
            self._show_empty()
            return
        same_room = self._record is not None and self._record.room_id == record.room_id
        if not same_room:
            self._info = None
            self.history_model.set_records([])
        self._record = record
        self._refresh(keep_scroll=same_room)

    def set_info(self, info: StreamInfo) -> None:
        """The info poll's answer: the richer record and its renditions."""
        if self._record is None or info.stream.room_id != self._record.room_id:
            return
        self._info = info
        self._record = info.stream
        self._refresh(keep_scroll=True)

    def set_history(self, page: RoomPage) -> None:
        """The room's recent records, newest first."""
        if self._record is None:
            return
        room = self._record.room_id
        if any(record.room_id != room for record in page.streams):
            return
        self.history_model.set_records(page.streams)

    def set_playback_urls(self, playback: PlaybackUrls) -> None:
        """New per-bucket base URLs from Settings."""
        self.renditions.set_playback_urls(playback)

    def set_status_labels(self, labels: Mapping[int, str]) -> None:
        """The operator's names for status codes (Settings)."""
        self._labels = dict(labels)
        self.history_model.set_status_labels(labels)
        if self._record is not None:
            self._refresh(keep_scroll=True)

    def copy_all_json(self) -> str:
        """Copy the record and its renditions as indented JSON (for a ticket) and return it."""
        record = self._record
        if record is None:
            return ""
        videos = [video.raw_object for video in self._current_info_videos()]
        text = pretty_json({"stream": record.raw_object, "videos": videos})
        copy_text(text)
        self.copied.emit(self.tr("Copied room {0} as JSON").format(record.room_id))
        return text

    # -- slots -----------------------------------------------------------

    def on_copy_all_triggered(self) -> None:
        self.copy_all_json()

    def on_thumbnail_loaded(self, url: str, image: QImage) -> None:
        if url == self._image_url:
            self.header.set_image(image)

    def on_thumbnail_failed(self, url: str, reason: str) -> None:
        if url == self._image_url:
            self.header.set_placeholder(self.tr("No image"), reason)

    # -- showing ---------------------------------------------------------

    def _show_empty(self) -> None:
        self._image_url = None
        self._stack.setCurrentWidget(self._empty)
        self.field_model.set_sections([])
        self.renditions.set_renditions([])
        self.history_model.set_records([])
        self.raw_json.clear()
        self.copy_all_action.setEnabled(False)

    def _refresh(self, *, keep_scroll: bool) -> None:
        record = self._record
        assert record is not None
        self._stack.setCurrentWidget(self._content)
        self.copy_all_action.setEnabled(True)
        self.header.show_record(record, self._labels)
        with _scroll_kept(self.fields, keep_scroll):
            self.field_model.set_sections(record_sections(record, self._labels))
        self.renditions.set_renditions(self._current_info_videos())
        self._set_raw_text(reindent_json(self._info.raw if self._info else record.raw), keep_scroll)
        self._show_thumbnail(record.image_url)

    def _current_info_videos(self) -> list[Rendition]:
        info, record = self._info, self._record
        if info is None or record is None or info.stream.resource_id != record.resource_id:
            return []
        return list(info.videos)

    def _set_raw_text(self, text: str, keep_scroll: bool) -> None:
        if self.raw_json.toPlainText() == text:
            return
        with _scroll_kept(self.raw_json, keep_scroll):
            self.raw_json.setPlainText(text)

    def _show_thumbnail(self, url: str | None) -> None:
        if not url:
            self._image_url = None
            self.header.set_placeholder(self.tr("No image"), self.tr("The record has no imageUrl."))
            return
        if url == self._image_url:
            return
        self._image_url = url
        image = self._thumbnails.image_for(url)
        if image is not None:
            self.header.set_image(image)
            return
        self.header.set_placeholder(self.tr("Loading…"))
        self._thumbnails.request(url)

"""The Renditions tab: the table of a record's renditions and what can be done with one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.api.models import Rendition, clarity_label
from qiemonitor.core.playback import PlaybackUrls
from qiemonitor.ui.clipboard import copy_text
from qiemonitor.ui.rendition_model import RenditionModel, RenditionSortProxy

__all__ = ["RenditionModel", "RenditionSortProxy", "RenditionsPanel"]

OpenUrl = Callable[[QUrl], bool]


class RenditionsPanel(QWidget):
    """The renditions table (clarity descending) with Copy key, Copy playback URL and Open.

    A playback URL needs a base URL for the rendition's bucket (Settings);
    without one, the URL actions are disabled and their tooltip says so.

    Signals:
        copied(str): a short message for the status bar after a copy or an open.
    """

    copied = Signal(str)

    def __init__(
        self,
        playback: PlaybackUrls,
        *,
        open_url: OpenUrl = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._playback = playback
        self._open_url = open_url
        self.model = RenditionModel(self)
        self.proxy = RenditionSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._make_view()
        self.copy_key_button = QPushButton(self.tr("Copy key"), self)
        self.copy_url_button = QPushButton(self.tr("Copy playback URL"), self)
        self.open_button = QPushButton(self.tr("Open in player"), self)
        self._lay_out()
        self._connect_signals()
        self._update_actions()

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("renditionsView")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(RenditionModel.CLARITY, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.copy_key_button, self.copy_url_button, self.open_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    def _connect_signals(self) -> None:
        self.copy_key_button.clicked.connect(self.on_copy_key_clicked)
        self.copy_url_button.clicked.connect(self.on_copy_url_clicked)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.view.customContextMenuRequested.connect(self.on_view_context_menu_requested)
        self.view.doubleClicked.connect(self.on_view_double_clicked)
        self.model.modelReset.connect(self._select_first_if_none)

    # -- what the pane calls ---------------------------------------------

    def set_renditions(self, renditions: Sequence[Rendition]) -> None:
        self.model.set_renditions(renditions)
        self._update_actions()

    def set_playback_urls(self, playback: PlaybackUrls) -> None:
        self._playback = playback
        self._update_actions()

    def shown_renditions(self) -> list[Rendition]:
        """The renditions in the order the table shows them."""
        found = (
            self.proxy.index(row, 0).data(RenditionModel.RenditionRole)
            for row in range(self.proxy.rowCount())
        )
        return [r for r in found if isinstance(r, Rendition)]

    def select_row(self, row: int) -> None:
        """Select the ``row``-th rendition as shown."""
        self.view.selectRow(row)

    def current_rendition(self) -> Rendition | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        found = rows[0].data(RenditionModel.RenditionRole)
        return found if isinstance(found, Rendition) else None

    # -- actions ---------------------------------------------------------

    def copy_key(self) -> str | None:
        rendition = self.current_rendition()
        if rendition is None:
            return None
        copy_text(rendition.key)
        self.copied.emit(
            self.tr("Copied the key of the {0} rendition").format(clarity_label(rendition.clear))
        )
        return rendition.key

    def copy_playback_url(self) -> str | None:
        url = self._current_url()
        if url is None:
            return None
        copy_text(url)
        self.copied.emit(self.tr("Copied the playback URL"))
        return url

    def open_in_player(self) -> str | None:
        url = self._current_url()
        if url is None:
            return None
        if self._open_url(QUrl(url)):
            self.copied.emit(self.tr("Opened {0} in the system's player").format(url))
        else:
            self.copied.emit(self.tr("The system has no player for {0}").format(url))
        return url

    def _current_url(self) -> str | None:
        rendition = self.current_rendition()
        return None if rendition is None else self._playback.url_for(rendition)

    # -- slots -----------------------------------------------------------

    def on_copy_key_clicked(self) -> None:
        self.copy_key()

    def on_copy_url_clicked(self) -> None:
        self.copy_playback_url()

    def on_open_clicked(self) -> None:
        self.open_in_player()

    def on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == RenditionModel.KEY:
            self.copy_key()

    def on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._update_actions()

    def on_view_context_menu_requested(self, point: QPoint) -> None:
        if not self.view.indexAt(point).isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in (self.copy_key_button, self.copy_url_button, self.open_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
            action.setToolTip(button.toolTip())
        menu.setToolTipsVisible(True)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def _select_first_if_none(self) -> None:
        if self.proxy.rowCount() and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)

    def _update_actions(self) -> None:
        rendition = self.current_rendition()
        has_url = rendition is not None and self._playback.url_for(rendition) is not None
        self.copy_key_button.setEnabled(rendition is not None)
        for button in (self.copy_url_button, self.open_button):
            button.setEnabled(has_url)
            button.setToolTip(self._url_tooltip(rendition, has_url))

    def _url_tooltip(self, rendition: Rendition | None, has_url: bool) -> str:
        if rendition is None:
            return self.tr("Select a rendition first")
        if not has_url:
            text = self.tr(
                "No playback base URL for bucket “{0}”: set it in Settings → Playback URLs"
            )
            return text.format(rendition.bucket or "—")
        return self._playback.url_for(rendition) or ""

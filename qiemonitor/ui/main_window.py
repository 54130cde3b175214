"""The main window: room table and detail pane side by side, event log below, polling behind."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from qiemonitor import __version__
from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport, StopReport, StreamRecord
from qiemonitor.core.config import AppConfig
from qiemonitor.core.delivery import DeliveryEvent
from qiemonitor.core.netinfo import outbound_ip
from qiemonitor.core.outbox import OutboxEntry, OutboxError, server_key
from qiemonitor.core.playback import PlaybackUrls
from qiemonitor.core.report_desk import UNDELIVERED, Receipt
from qiemonitor.ui.actions import MainActions
from qiemonitor.ui.async_slots import async_slot
from qiemonitor.ui.clipboard import copy_text
from qiemonitor.ui.detail_pane import DetailPane
from qiemonitor.ui.event_log import EventKind, EventLogDock
from qiemonitor.ui.outbox_badge import OutboxBadge
from qiemonitor.ui.outbox_controller import OutboxController
from qiemonitor.ui.outbox_dock import OutboxDock
from qiemonitor.ui.polling import PollController
from qiemonitor.ui.quick_filters import QuickFilterBar
from qiemonitor.ui.report_dialogs import StartReportDialog, StopReportDialog
from qiemonitor.ui.room_feed import RoomFeed
from qiemonitor.ui.room_model import RoomModel
from qiemonitor.ui.room_proxy import QuickFilter, RoomProxy
from qiemonitor.ui.room_table import RoomTableView
from qiemonitor.ui.settings_dialog import SettingsDialog
from qiemonitor.ui.status_bar import MonitorStatusBar
from qiemonitor.ui.thumbnail import ThumbnailLoader
from qiemonitor.ui.window_state import WindowState

__all__ = ["MainWindow"]

_TICK_MS = 1000


class MainWindow(QMainWindow):
    """The operator's window over one server (``client``); app.py starts and stops it.

    Closing the window (or Quit) only asks to quit: app.py then stops the
    polling, cancels what is in flight and closes the client, in that order.
    With reports not yet delivered, the window first says so: they stay in
    the outbox for the next start unless the operator stays.

    Reports go through :attr:`outbox` (an :class:`OutboxController`), which
    app.py attaches to the app's outbox file once it is open.

    Signals:
        quit_requested(): the operator closed the window or chose Quit.
        settings_accepted(object): the operator saved new settings (an AppConfig).
        token_changed(object): a new token (str), or None to forget the saved one.
    """

    quit_requested = Signal()
    settings_accepted = Signal(object)
    token_changed = Signal(object)

    def __init__(
        self,
        client: StreamClient,
        config: AppConfig,
        settings: QSettings,
        *,
        thumbnails: ThumbnailLoader | None = None,
        token_saved: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("qiemonitor — stream monitor"))
        self.client, self.config = client, config
        self.state = WindowState(settings)
        self._token_saved = token_saved
        self.model = RoomModel(self)
        self.model.status_labels = config.status_labels
        self.proxy = RoomProxy(self)
        self.proxy.setSourceModel(self.model)
        # Made in reading order, which is their Tab order: filter, quick filters, table, detail.
        self.filter_edit = QLineEdit(self)
        self.quick_filters = QuickFilterBar(self)
        self.table = RoomTableView(self.proxy, self)
        self.thumbnails = thumbnails or ThumbnailLoader(parent=self)
        self.detail = DetailPane(self.thumbnails, PlaybackUrls(config.bucket_base_urls), self)
        self.detail.set_status_labels(config.status_labels)
        self.event_log = EventLogDock(self)
        self.outbox = OutboxController(self)
        self.outbox_dock = OutboxDock(self.outbox, self)
        self.outbox_badge = OutboxBadge(self)
        self._outbox_counts: dict[str, int] = {}
        self._quit_confirmed = False
        self.quit_box: QMessageBox | None = None  # the open "reports not delivered" question
        self.status = MonitorStatusBar(self)
        self.commands = MainActions(self)
        self.polling = PollController(client, self, interval=config.poll_interval)
        self.feed = RoomFeed(
            self.polling, self.model, self.table, self.detail, self.status, self.event_log, self
        )
        self._clock = QTimer(self)
        self._clock.setInterval(_TICK_MS)
        self._build_filter_box()
        self._lay_out()
        self._build_menus_and_toolbar()
        self._connect_signals()
        self._restore()
        self.status.set_server(client.settings.base_url)
        self.outbox_dock.model.server = server_key(client.settings.base_url)
        self.on_table_current_room_changed(None)

    # -- building --------------------------------------------------------

    def _build_filter_box(self) -> None:
        self.filter_edit.setObjectName("room_filter")
        self.filter_edit.setClearButtonEnabled(True)
        shortcut = self.commands.find.shortcut().toString()
        self.filter_edit.setPlaceholderText(
            self.tr("Filter by room, stream name, broadcaster or title ({keys})").format(
                keys=shortcut
            )
        )

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.quick_filters)
        rooms = QWidget(self)
        column = QVBoxLayout(rooms)
        column.setContentsMargins(6, 6, 0, 0)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(rooms)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 520])
        self.setCentralWidget(self.splitter)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.event_log)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.outbox_dock)
        self.tabifyDockWidget(self.event_log, self.outbox_dock)
        self.event_log.raise_()
        self.resizeDocks([self.event_log], [180], Qt.Orientation.Vertical)  # the rooms come first
        self.setStatusBar(self.status)
        self.status.addPermanentWidget(self.outbox_badge)
        self.table.addActions([self.commands.watch, self.commands.copy_room])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.commands.start_report, self.commands.stop_report])
        self.resize(1400, 860)

    def _build_menus_and_toolbar(self) -> None:
        a = self.commands
        log_toggle = self.event_log.toggleViewAction()
        log_toggle.setShortcut("Ctrl+L")
        log_toggle.setText(self.tr("&Event log"))
        outbox_toggle = self.outbox_dock.toggleViewAction()
        outbox_toggle.setShortcut("Ctrl+Shift+O")
        outbox_toggle.setText(self.tr("&Outbox"))
        for toggle in (log_toggle, outbox_toggle):
            MainActions.follow(toggle)
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addActions([a.settings])
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        view_menu = menus.addMenu(self.tr("&View"))
        view_menu.addActions([a.refresh, a.pause, a.find, log_toggle, outbox_toggle])
        view_menu.addMenu(self.table.column_menu())
        room_menu = menus.addMenu(self.tr("&Room"))
        room_menu.addActions([a.start_report, a.stop_report])
        room_menu.addSeparator()
        room_menu.addActions([a.watch, a.copy_room])
        menus.addMenu(self.tr("&Help")).addAction(a.about)
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([a.refresh, a.pause])
        toolbar.addSeparator()
        toolbar.addActions([a.start_report, a.stop_report])
        toolbar.addSeparator()
        toolbar.addAction(a.settings)
        self.addToolBar(toolbar)

    def _connect_signals(self) -> None:
        a = self.commands
        self._clock.timeout.connect(self.on_clock_timeout)
        a.refresh.triggered.connect(self.on_refresh_triggered)
        a.pause.toggled.connect(self.on_pause_toggled)
        a.start_report.triggered.connect(self.on_start_report_triggered)
        a.stop_report.triggered.connect(self.on_stop_report_triggered)
        a.settings.triggered.connect(self.on_settings_triggered)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.on_find_triggered)
        a.watch.triggered.connect(self.on_watch_triggered)
        a.copy_room.triggered.connect(self.on_copy_room_triggered)
        a.about.triggered.connect(self.on_about_triggered)
        self.filter_edit.textChanged.connect(self.proxy.set_text_filter)
        self.quick_filters.filter_changed.connect(self.on_quick_filter_changed)
        self.table.current_room_changed.connect(self.on_table_current_room_changed)
        self.table.star_clicked.connect(self.model.toggle_watched)
        self.model.counts_changed.connect(self.on_model_counts_changed)
        self.model.watched_changed.connect(self.on_model_watched_changed)
        self.detail.copied.connect(self.status.flash)
        self.feed.token_entered.connect(self.token_changed)  # a token typed after a 401
        self.token_changed.connect(self.on_token_changed)
        self.outbox.delivery_event.connect(self.on_outbox_delivery_event)
        self.outbox.entries_changed.connect(self.on_outbox_entries_changed)
        self.outbox_badge.clicked.connect(self.on_outbox_badge_clicked)
        self.outbox_dock.discarded.connect(self.on_outbox_dock_discarded)
        self.outbox_dock.copied.connect(self.status.flash)

    def _restore(self) -> None:
        state = self.state
        self.model.set_watched_rooms(state.watched())
        self.polling.poller.watched = self.model.watched
        self.restoreGeometry(state.geometry())
        self.restoreState(state.docks(), state.version)
        self.splitter.restoreState(state.splitter())
        self.table.restore_header_state(state.header())
        try:
            self.quick_filters.select(QuickFilter(state.quick_filter()))
        except ValueError:
            self.quick_filters.select(QuickFilter.ALL)

    def save_layout(self) -> None:
        """Column order, widths, visibility, sort, splitter and docks, for the next start."""
        self.state.save_layout(
            geometry=self.saveGeometry(),
            docks=self.saveState(self.state.version),
            splitter=self.splitter.saveState(),
            header=self.table.header_state(),
        )
        self.state.set_quick_filter(self.quick_filters.current.value)
        self.state.sync()

    # -- what app.py and the tests call ------------------------------------

    def start_polling(self) -> None:
        self.polling.start()
        self._clock.start()

    async def stop_polling(self) -> None:
        await self.polling.stop()

    def log_event(self, kind: EventKind, room_id: str | None, text: str) -> None:
        """Add a line to the event log (any part of the app may report here)."""
        self.event_log.log_event(kind, room_id, text)

    def current_record(self) -> StreamRecord | None:
        room = self.table.current_room()
        return None if room is None else self.model.record_of(room)

    # -- Qt events -------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        undelivered = sum(self._outbox_counts.get(state, 0) for state in UNDELIVERED)
        if undelivered and not self._quit_confirmed:
            event.ignore()  # the counts may be a moment old: read them again, then ask
            self._confirm_quit()
            return
        self.save_layout()
        self._clock.stop()
        event.accept()
        self.quit_requested.emit()

    # -- slots -----------------------------------------------------------

    def on_clock_timeout(self) -> None:
        self.model.tick(self.table.visible_source_rows())
        if self.outbox_dock.isVisible():
            self.outbox_dock.model.tick()

    def on_refresh_triggered(self) -> None:
        self.polling.refresh_now()

    def on_pause_toggled(self, paused: bool) -> None:
        self.polling.set_paused(paused)
        self.commands.retitle_pause(paused)
        self.status.show_paused(paused)

    def on_find_triggered(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def on_quick_filter_changed(self, quick: QuickFilter) -> None:
        self.proxy.set_quick_filter(quick)

    def on_table_current_room_changed(self, room_id: str | None) -> None:
        record = None if room_id is None else self.model.record_of(room_id)
        self.detail.show_record(record)
        self.polling.focus(room_id)
        has_room = record is not None
        for action in (self.commands.stop_report, self.commands.watch, self.commands.copy_room):
            action.setEnabled(has_room)
        self.commands.watch.setChecked(has_room and self.model.is_watched(room_id or ""))

    def on_model_counts_changed(self) -> None:
        counts = self.model.counts()
        self.quick_filters.set_counts(counts)
        self.status.set_counts(counts["all"], counts["live"])

    def on_model_watched_changed(self, room_id: str, watched: bool) -> None:
        self.state.set_watched(self.model.watched)
        self.polling.poller.watched = self.model.watched
        if room_id == self.table.current_room():
            self.commands.watch.setChecked(watched)

    def on_watch_triggered(self) -> None:
        room = self.table.current_room()
        if room is not None:
            self.model.toggle_watched(room)

    def on_copy_room_triggered(self) -> None:
        room = self.table.current_room()
        if room is not None:
            copy_text(room)
            self.status.flash(self.tr("Copied room id {room}").format(room=room))

    def on_about_triggered(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("About qiemonitor"), "", parent=self
        )
        box.setText(
            self.tr(
                "qiemonitor {version}\nMonitor and control tool for the stream management server."
            ).format(version=__version__)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # never exec(): a nested loop would stall the asyncio loop (qasync #59)

    # -- reports ---------------------------------------------------------

    def on_start_report_triggered(self) -> None:
        dialog = StartReportDialog.ask(self, self.current_record(), outbound_ip(), self.outbox)
        dialog.report_sent.connect(self.on_report_sent)

    def on_stop_report_triggered(self) -> None:
        record = self.current_record()
        if record is None:
            self.status.flash(self.tr("Select the room to stop first."))
            return
        dialog = StopReportDialog.ask(self, record, outbound_ip(), self.outbox)
        dialog.report_sent.connect(self.on_report_sent)

    def on_report_sent(self, _report: StartReport | StopReport, receipt: Receipt) -> None:
        if receipt.outcome == "delivered":
            self.polling.refresh_now()  # so the table shows the new status at once

    # -- the outbox ------------------------------------------------------

    def on_outbox_delivery_event(self, event: DeliveryEvent) -> None:
        report = self.tr("start report") if event.kind == "start" else self.tr("stop report")
        if event.outcome == "delivered":
            text = self.tr("{report} (outbox entry {id}) delivered: {message}")
        elif event.outcome == "retrying":
            text = self.tr("{report} (outbox entry {id}), try {attempt}: {message}; trying again")
        else:
            text = self.tr("{report} (outbox entry {id}) rejected: {message}")
        kind = EventKind.ERROR if event.outcome == "failed" else EventKind.REPORT
        line = text.format(
            report=report, id=event.entry_id, attempt=event.attempt, message=event.message
        )
        self.log_event(kind, event.room_id, line)

    def on_outbox_entries_changed(self, entries: list[OutboxEntry], counts: dict[str, int]) -> None:
        self._outbox_counts = counts
        if self.outbox.desk is None:
            self.outbox_badge.set_unavailable(self.outbox.problem)
        else:
            self.outbox_badge.set_counts(counts)

    def on_outbox_badge_clicked(self) -> None:
        self.outbox_dock.show()
        self.outbox_dock.raise_()
        self.outbox_dock.view.setFocus()

    def on_outbox_dock_discarded(self, entry: OutboxEntry) -> None:
        text = self.tr("outbox entry {id} discarded; it will not be sent").format(id=entry.id)
        self.log_event(EventKind.REPORT, entry.room_id, text)

    @async_slot()
    async def _confirm_quit(self) -> None:
        if self.quit_box is not None:
            self.quit_box.raise_()
            return
        try:
            undelivered = await self.outbox.undelivered()
        except OutboxError:
            undelivered = 1  # cannot tell: ask rather than assume
        if not shiboken6.isValid(self):
            return  # the window went while the outbox was read (a test tearing down)
        if undelivered:
            self._ask_to_keep(undelivered)
        else:
            self._quit_confirmed = True
            self.close()

    def _ask_to_keep(self, undelivered: int) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Reports not delivered yet"),
            self.tr(
                "{count} report(s) have not reached the server yet. They stay in the outbox"
                " and are sent when qiemonitor starts again."
            ).format(count=undelivered),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        keep = box.addButton(
            self.tr("&Quit, keep them for next start"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("&Stay and keep sending"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._on_keep_answered(box.clickedButton() is keep))
        self.quit_box = box
        box.open()  # never exec() (qasync #59)

    def _on_keep_answered(self, quit_now: bool) -> None:
        self.quit_box = None
        if quit_now:
            self._quit_confirmed = True
            self.close()

    # -- settings --------------------------------------------------------

    def on_settings_triggered(self) -> None:
        dialog = SettingsDialog.ask(self, self.config, self._token_saved)
        dialog.accepted_config.connect(self.on_settings_dialog_accepted)
        dialog.token_changed.connect(self.token_changed)

    def on_token_changed(self, token: str | None) -> None:
        self._token_saved = token is not None  # app.py saves it (or forgets it)

    def on_settings_dialog_accepted(self, config: AppConfig) -> None:
        """What can change in place does; the server connection is app.py's to rebuild."""
        self.config = config
        self.polling.set_interval(config.poll_interval)
        self.model.status_labels = config.status_labels
        self.detail.set_status_labels(config.status_labels)
        self.detail.set_playback_urls(PlaybackUrls(config.bucket_base_urls))
        self.settings_accepted.emit(config)

    async def replace_client(self, client: StreamClient) -> StreamClient:
        """Point the window at another server: stop, clear, poll afresh; returns the old client."""
        old, self.client = self.client, client
        await self.polling.replace_source(client)
        self.model.clear()
        self.feed.restart()
        self.status.set_server(client.settings.base_url)
        self.outbox_dock.model.server = server_key(client.settings.base_url)
        self.outbox.refresh()
        self.log_event(
            EventKind.ROOM, None, self.tr("now watching {url}").format(url=client.settings.base_url)
        )
        return old

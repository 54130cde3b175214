"""Applies what the poller delivers: to the room model, the detail pane, the status bar, the log."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from qiemonitor.api.errors import ApiError
from qiemonitor.api.models import RoomPage, StreamInfo, StreamRecord
from qiemonitor.core.poller import PollFailure, PollOutcome
from qiemonitor.core.rooms import Merge
from qiemonitor.ui.event_log import EventKind, EventLogDock
from qiemonitor.ui.polling import PollController
from qiemonitor.ui.room_model import RoomModel
from qiemonitor.ui.room_table import RoomTableView
from qiemonitor.ui.status_bar import MonitorStatusBar

__all__ = ["DetailView", "RoomFeed"]


class DetailView(Protocol):
    """What the feed needs of the detail pane (ui.detail_pane.DetailPane)."""

    def set_info(self, info: StreamInfo) -> None: ...

    def set_history(self, page: RoomPage) -> None: ...


class RoomFeed(QObject):
    """Connects a :class:`PollController` to the widgets that show its results.

    A failed sync leaves every value where it was and says why in the status
    bar; the event log gets the first failure of a run and every change of
    its message, not one line per retry.

    Signals:
        synced(PollOutcome): a sync succeeded and the table shows it.
        info_shown(str): the detail pane now shows this room's fresh detail.
        select_failed(str): the room asked for with ``select_when_listed`` is not on the server.
    """

    synced = Signal(PollOutcome)
    info_shown = Signal(str)
    select_failed = Signal(str)

    def __init__(
        self,
        controller: PollController,
        model: RoomModel,
        table: RoomTableView,
        detail: DetailView,
        status: MonitorStatusBar,
        log: EventLogDock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._model, self._table, self._detail = model, table, detail
        self._status, self._log = status, log
        self._listed_once = False  # new rooms are news only after the first full list
        self._last_error: str | None = None
        self._pending_select: str | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        controller = self.controller
        controller.page_received.connect(self.on_poll_page_received)
        controller.sync_done.connect(self.on_poll_sync_done)
        controller.sync_failed.connect(self.on_poll_sync_failed)
        controller.info_received.connect(self.on_poll_info_received)
        controller.info_failed.connect(self.on_poll_info_failed)
        controller.history_received.connect(self.on_poll_history_received)

    def restart(self) -> None:
        """Forget the previous server's state (after the window switched servers)."""
        self._listed_once = False
        self._last_error = None
        self._status.clear_error()

    @property
    def listed_once(self) -> bool:
        return self._listed_once

    def select_when_listed(self, room_id: str) -> None:
        """Select this room as soon as a page lists it (``--select``)."""
        self._pending_select = room_id
        self._try_pending_select()

    def _try_pending_select(self) -> None:
        if self._pending_select is not None and self._table.select_room(self._pending_select):
            self._pending_select = None

    # -- slots -----------------------------------------------------------

    def on_poll_page_received(self, page: RoomPage, _full: bool) -> None:
        merge = self._model.apply_page(page.streams)
        self._log_merge(merge)
        self._try_pending_select()

    def on_poll_sync_done(self, outcome: PollOutcome) -> None:
        if outcome.present is not None:
            for row in self._model.remove_missing(outcome.present):
                self._log.log_event(EventKind.ROOM, row.record.room_id, self.tr("room removed"))
        self._model.confirm()
        if outcome.full and not self._listed_once:
            self._listed_once = True
            if self._pending_select is not None:
                self.select_failed.emit(self._pending_select)
                self._pending_select = None
        self._status.show_poll(outcome.finished_at, outcome.latency)
        self._status.clear_error()
        self._last_error = None
        self.synced.emit(outcome)

    def on_poll_sync_failed(self, failure: PollFailure) -> None:
        message = failure.error.message
        self._status.show_error(
            self.tr("{message} — showing the last values; retrying in {seconds} s").format(
                message=message, seconds=round(failure.retry_in)
            )
        )
        if message != self._last_error:
            self._log.log_event(EventKind.ERROR, None, message)
            self._last_error = message

    def on_poll_info_received(self, info: StreamInfo) -> None:
        room_id = info.stream.room_id
        self._log_merge(self._model.apply_info(info))
        if self._table.current_room() == room_id:
            self._detail.set_info(info)
            self.info_shown.emit(room_id)

    def on_poll_info_failed(self, room_id: str, error: ApiError) -> None:
        self._status.flash(
            self.tr("Room {room}: {message}").format(room=room_id, message=error.message)
        )
        self._log.log_event(EventKind.ERROR, room_id, error.message)

    def on_poll_history_received(self, room_id: str, page: RoomPage) -> None:
        if self._table.current_room() == room_id:
            self._detail.set_history(page)

    # -- the event log ---------------------------------------------------

    def _log_merge(self, merge: Merge) -> None:
        for change in merge.transitions:
            text = self.tr("{old} → {new}").format(
                old=self._model.kind_text(change.old), new=self._model.kind_text(change.new)
            )
            self._log.log_event(EventKind.STATUS, change.room_id, text + _title(change.record))
        if self._listed_once:
            for record in merge.added:
                text = self.tr("new room ({status})").format(
                    status=self._model.kind_text(record.kind)
                )
                self._log.log_event(EventKind.ROOM, record.room_id, text + _title(record))


def _title(record: StreamRecord) -> str:
    return f" — {record.title}" if record.title else ""

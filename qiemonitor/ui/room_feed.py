"""Applies what the poller delivers: to the room model, the detail pane, the status bar, the log.

When polls fail the rows keep their values and turn stale, the status bar
counts down to the next try, and the first success logs how long the outage
lasted. A 401 asks for a token once per run of failures. A server without
the room list is polled room by room for the watched rooms; the other rows
are not removed, they only age.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from qiemonitor.api.errors import ApiError, Unauthorized
from qiemonitor.api.models import RoomPage, StreamInfo, StreamRecord
from qiemonitor.core.poller import PollFailure, PollMode, PollOutcome
from qiemonitor.core.rooms import Merge
from qiemonitor.ui.connection_indicator import Recovery, amber_after
from qiemonitor.ui.event_log import EventKind, EventLogDock
from qiemonitor.ui.polling import PollController
from qiemonitor.ui.room_model import RoomModel
from qiemonitor.ui.room_table import RoomTableView
from qiemonitor.ui.status_bar import MonitorStatusBar
from qiemonitor.ui.token_prompt import TokenPrompt

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
        token_entered(object): the operator typed a token after a 401 (a ``str``).
    """

    synced = Signal(PollOutcome)
    info_shown = Signal(str)
    select_failed = Signal(str)
    token_entered = Signal(object)

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
        self._mode = PollMode.LIST
        self.token_prompt: TokenPrompt | None = None
        self._token_asked = False  # once per run of failures, however many 401s it holds
        self._connect_signals()

    def _connect_signals(self) -> None:
        controller = self.controller
        controller.page_received.connect(self.on_poll_page_received)
        controller.sync_done.connect(self.on_poll_sync_done)
        controller.sync_failed.connect(self.on_poll_sync_failed)
        controller.info_received.connect(self.on_poll_info_received)
        controller.info_failed.connect(self.on_poll_info_failed)
        controller.history_received.connect(self.on_poll_history_received)
        controller.started.connect(self.on_poll_started)
        self._status.retry_requested.connect(controller.refresh_now)

    def restart(self) -> None:
        """Forget the previous server's state (after the window switched servers)."""
        self._listed_once = False
        self._last_error = None
        self._mode = PollMode.LIST
        self._token_asked = False
        self._status.clear_error()
        self._status.show_mode(PollMode.LIST, 0)
        self._model.set_offline(False)
        self._status.start_connection(self.controller.interval)

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

    def on_poll_started(self) -> None:
        self._status.start_connection(self.controller.interval)

    def on_poll_sync_done(self, outcome: PollOutcome) -> None:
        self._remove_missing(outcome)
        if outcome.mode is PollMode.LIST:
            self._model.confirm()  # in the watched mode only the watched rows were confirmed
        self._model.set_offline(False)
        self._model.stale_after = amber_after(self.controller.interval)
        self._note_mode(outcome.mode)
        recovery = self._status.note_success(self.controller.interval)
        if recovery is not None:
            self._log_recovery(recovery)
        self._token_asked = False
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
        self._model.set_offline(True)
        self._status.note_failure(failure, self.controller.interval)
        if isinstance(failure.error, Unauthorized):
            line = self.tr("{message} — showing the last values; the API token is in Settings")
            self._ask_token(failure.error)
        else:
            line = self.tr("{message} — showing the last values")
        self._status.show_error(line.format(message=message))
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

    def on_token_prompt_entered(self, token: str) -> None:
        self.token_entered.emit(token)

    def on_token_prompt_destroyed(self) -> None:
        self.token_prompt = None

    # -- helpers ---------------------------------------------------------

    def _remove_missing(self, outcome: PollOutcome) -> None:
        present = outcome.present
        if present is None:
            return
        if outcome.mode is PollMode.WATCHED:
            # Only the watched rooms were asked for: a row that is not watched is unknown,
            # not gone, and keeps its last values.
            present = present | (self._model.room_ids() - self._model.watched)
        for row in self._model.remove_missing(present):
            self._log.log_event(EventKind.ROOM, row.record.room_id, self.tr("room removed"))

    def _note_mode(self, mode: PollMode) -> None:
        watched = len(self._model.watched)
        self._status.show_mode(mode, watched)
        if mode is self._mode:
            return
        self._mode = mode
        if mode is PollMode.WATCHED:
            text = self.tr(
                "the server has no room list (404): polling the {n} watched rooms one by one"
            ).format(n=watched)
        else:
            text = self.tr("the server's room list answers again: polling every room")
        self._log.log_event(EventKind.CONNECTION, None, text)

    def _log_recovery(self, recovery: Recovery) -> None:
        text = self.tr("connection restored after {n} failed polls / {s} s").format(
            n=recovery.failures, s=round(recovery.seconds)
        )
        self._log.log_event(EventKind.CONNECTION, None, text)

    def _ask_token(self, error: ApiError) -> None:
        if self._token_asked:
            return
        self._token_asked = True
        prompt = TokenPrompt.ask(self._table.window(), self._status.server, error.message)
        prompt.token_entered.connect(self.on_token_prompt_entered)
        prompt.destroyed.connect(self.on_token_prompt_destroyed)
        self.token_prompt = prompt

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

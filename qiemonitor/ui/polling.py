"""The poller's face in Qt: core.poller.Poller delivering through signals the window connects."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from qiemonitor.api.errors import ApiError
from qiemonitor.api.models import RoomPage, StreamInfo
from qiemonitor.core.poller import Poller, PollFailure, PollOutcome, RoomSource

__all__ = ["PollController"]


class PollController(QObject):
    """Owns the :class:`Poller` and re-emits what it delivers (a ``PollListener``).

    Everything arrives on the GUI thread (the asyncio loop runs on Qt), so the
    slots may touch widgets directly.

    Signals:
        page_received(RoomPage, bool): one page of the room list; True while a full sync.
        sync_done(PollOutcome): a sync finished; ``present`` is set after a complete full one.
        sync_failed(PollFailure): a sync failed; the last values stay.
        info_received(StreamInfo): the focused room's detail.
        info_failed(str, ApiError): the focused room's detail could not be read.
        history_received(str, RoomPage): the focused room's past records.
        paused_changed(bool): polling was paused (True) or resumed.
        started(): polling started, or restarted on another server: nothing is known yet.
    """

    page_received = Signal(RoomPage, bool)
    sync_done = Signal(PollOutcome)
    sync_failed = Signal(PollFailure)
    info_received = Signal(StreamInfo)
    info_failed = Signal(str, ApiError)
    history_received = Signal(str, RoomPage)
    paused_changed = Signal(bool)
    started = Signal()

    def __init__(
        self,
        source: RoomSource,
        parent: QObject | None = None,
        *,
        interval: float = 5.0,
        resync_every: float = 60.0,
    ) -> None:
        super().__init__(parent)
        self.poller = Poller(source, self, interval=interval, resync_every=resync_every)

    # -- control (the window's actions call these) -----------------------

    def start(self) -> None:
        if not self.poller.running:
            self.poller.start()
            self.started.emit()

    async def stop(self) -> None:
        await self.poller.stop()

    async def replace_source(self, source: RoomSource) -> None:
        """Poll another server from now on, keeping the interval, the pause and the stars."""
        old = self.poller
        await old.stop()
        self.poller = Poller(
            source,
            self,
            interval=old.interval,
            resync_every=old.resync_every,
            max_backoff=old.max_backoff,
        )
        self.poller.watched = old.watched
        if old.paused:
            self.poller.pause()
        self.poller.start()
        self.started.emit()

    def refresh_now(self) -> None:
        self.poller.refresh_now()

    def set_paused(self, paused: bool) -> None:
        if paused == self.poller.paused:
            return
        if paused:
            self.poller.pause()
        else:
            self.poller.resume()
        self.paused_changed.emit(paused)

    def focus(self, room_id: str | None) -> None:
        self.poller.focus(room_id)

    def set_interval(self, seconds: float) -> None:
        self.poller.interval = seconds

    @property
    def interval(self) -> float:
        return self.poller.interval

    # -- PollListener ----------------------------------------------------

    def on_page(self, page: RoomPage, full: bool) -> None:
        self.page_received.emit(page, full)

    def on_sync_done(self, outcome: PollOutcome) -> None:
        self.sync_done.emit(outcome)

    def on_sync_failed(self, failure: PollFailure) -> None:
        self.sync_failed.emit(failure)

    def on_info(self, info: StreamInfo) -> None:
        self.info_received.emit(info)

    def on_info_failed(self, room_id: str, error: ApiError) -> None:
        self.info_failed.emit(room_id, error)

    def on_history(self, room_id: str, page: RoomPage) -> None:
        self.history_received.emit(room_id, page)

"""The report desk's face in Qt: submits reports, and tells the window what the outbox holds."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, QTimer, Signal

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.delivery import DeliveryEvent
from qiemonitor.core.outbox import OutboxEntry, OutboxError
from qiemonitor.core.report_desk import Receipt, ReportDesk

__all__ = ["OutboxController", "OutboxUnavailable"]

_SHOWN = 200  # the newest entries listed; the counts cover them all
_COALESCE_MS = 100  # a burst of deliveries reads the outbox once


class OutboxUnavailable(OutboxError):
    """There is no usable outbox, so a report cannot be kept safely and is not sent."""


class OutboxController(QObject):
    """Owns the app's :class:`ReportDesk` once app.py has opened it (:meth:`attach`).

    Signals:
        delivery_event(DeliveryEvent): one try of one entry, as it ended.
        entries_changed(list, dict): the newest entries (oldest first) and the
            count of every state, after any change.
    """

    delivery_event = Signal(DeliveryEvent)
    entries_changed = Signal(list, dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk: ReportDesk | None = None
        self.problem = self.tr("the outbox is not open yet")
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(_COALESCE_MS)
        self._refresh_timer.timeout.connect(self.on_refresh_timer_timeout)
        self._reading: asyncio.Task[None] | None = None

    def attach(self, desk: ReportDesk | None, problem: str = "") -> None:
        """Use ``desk`` from now on; ``None`` with the ``problem`` that kept it from opening."""
        self.desk = desk
        self.problem = problem
        self.refresh()

    def detach(self) -> ReportDesk | None:
        """Stop using the desk (shut-down); returns it for closing."""
        desk, self.desk = self.desk, None
        self.problem = self.tr("the app is closing")
        self._refresh_timer.stop()
        if self._reading is not None:
            self._reading.cancel()
        return desk

    # -- what the window and the dialogs call ------------------------------

    async def submit(self, report: StartReport | StopReport) -> Receipt:
        return await self._desk().submit(report)

    async def retry(self, entry_id: int) -> OutboxEntry:
        return await self._desk().retry(entry_id)

    async def discard(self, entry_id: int) -> OutboxEntry:
        return await self._desk().discard(entry_id)

    async def send_now(self) -> None:
        await self._desk().send_now()

    async def undelivered(self) -> int:
        """How many reports wait or failed, read now (0 without an outbox)."""
        return 0 if self.desk is None else await self.desk.undelivered()

    def _desk(self) -> ReportDesk:
        if self.desk is None:
            raise OutboxUnavailable(self.problem)
        return self.desk

    # -- what the desk calls ------------------------------------------------

    def on_desk_event(self, event: DeliveryEvent) -> None:
        self.delivery_event.emit(event)

    def refresh(self) -> None:
        """Read the outbox again soon (many changes in a burst read it once)."""
        self._refresh_timer.start()

    def on_refresh_timer_timeout(self) -> None:
        if self.desk is None:
            self.entries_changed.emit([], {})
            return
        if self._reading is None or self._reading.done():
            self._reading = asyncio.ensure_future(self._read(self.desk))
        else:
            self._refresh_timer.start()  # read again once this read is done

    async def _read(self, desk: ReportDesk) -> None:
        try:
            entries = await desk.box.entries(limit=_SHOWN)
            counts = await desk.box.counts()
        except OutboxError as error:
            self.problem = str(error)
            return
        if desk is self.desk:
            self.entries_changed.emit(entries, counts)

"""The GUI's report desk: every report goes into the outbox first, then out (asyncio, no Qt).

:class:`ReportDesk` owns the app's :class:`~qiemonitor.core.async_outbox.AsyncOutbox`
and the :class:`~qiemonitor.core.delivery.Deliverer` that empties it for as
long as the app runs. :meth:`ReportDesk.submit` stores a report (fsynced:
from then on it survives a crash), wakes the deliverer and waits a little for
the first try, so that a dialog can say at once whether the report landed:

- ``delivered``: the server answered 200;
- ``queued``: no answer yet (the server is down or slow, or the room has an
  older report waiting); the deliverer keeps trying, across restarts;
- ``failed``: the server rejected it; the entry is kept, holding back its
  room, until the operator retries or discards it.

Every try is passed to ``on_event`` and every change of the outbox to
``on_changed``; the window turns those into its event log and its badge.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.async_outbox import AsyncOutbox
from qiemonitor.core.delivery import Deliverer, DeliveryEvent
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.outbox import OutboxEntry, State

__all__ = ["UNDELIVERED", "Receipt", "ReportDesk"]

log = logging.getLogger(__name__)

UNDELIVERED: tuple[State, ...] = ("pending", "sending", "failed")
_FIRST_TRY_GRACE_S = 2.0  # beyond the client's own timeout, for the outbox's fsyncs
_LOOK_AGAIN_S = 5.0  # picks up entries that another process (the CLI) added


@dataclass(frozen=True, slots=True)
class Receipt:
    """What became of a submitted report after its first try (or the wait for one).

    ``entry`` is the outbox entry as it stood then; ``event`` is the first
    try, or ``None`` if none finished within the wait.
    """

    entry: OutboxEntry
    event: DeliveryEvent | None

    @property
    def outcome(self) -> Literal["delivered", "queued", "failed"]:
        if self.entry.state in ("delivered", "failed"):
            return self.entry.state
        return "queued"


class ReportDesk:
    """The outbox and its deliverer, for one app run; see the module docstring."""

    def __init__(
        self,
        box: AsyncOutbox,
        client: StreamClient,
        *,
        on_event: Callable[[DeliveryEvent], None] | None = None,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        self.box = box
        self._on_event = on_event
        self._on_changed = on_changed
        self._waiting: dict[int, asyncio.Future[DeliveryEvent]] = {}
        self._client = client
        self._deliverer = self._make_deliverer(client)

    @classmethod
    async def open(
        cls,
        path: Path | str | None,
        client: StreamClient,
        *,
        on_event: Callable[[DeliveryEvent], None] | None = None,
        on_changed: Callable[[], None] | None = None,
    ) -> ReportDesk:
        """Open the outbox at ``path`` (None: the default file); raises OutboxError."""
        box = await AsyncOutbox.open(path, server=client.settings.base_url)
        return cls(box, client, on_event=on_event, on_changed=on_changed)

    def _make_deliverer(self, client: StreamClient) -> Deliverer:
        return Deliverer(
            self.box, client, on_event=self._on_delivery_event, poll_interval_s=_LOOK_AGAIN_S
        )

    # -- life ------------------------------------------------------------------

    def start(self) -> None:
        """Deliver, now and as entries fall due, until :meth:`aclose`."""
        self._deliverer.start()

    async def set_client(self, client: StreamClient) -> None:
        """Deliver through another client (the server or the token changed)."""
        await self._deliverer.stop()
        await self.box.set_server(client.settings.base_url)  # its reports, and only those
        self._client = client
        self._deliverer = self._make_deliverer(client)
        self._deliverer.start()

    async def aclose(self, flush_s: float = 0.0) -> None:
        """Stop delivering (after up to ``flush_s`` seconds of one last pass) and close."""
        await self._deliverer.stop()
        if flush_s > 0:
            await self._deliverer.flush(timeout=flush_s)
        for waiter in self._waiting.values():
            waiter.cancel()
        await self.box.aclose()

    # -- what the window asks ----------------------------------------------------

    async def submit(self, report: StartReport | StopReport) -> Receipt:
        """Store ``report``, send it, and say what became of its first try."""
        entry = await self.box.add(report)
        waiter = asyncio.get_running_loop().create_future()
        self._waiting[entry.id] = waiter
        self._changed()
        self._deliverer.kick()
        event: DeliveryEvent | None = None
        try:
            wait_s = self._client.settings.timeout + _FIRST_TRY_GRACE_S
            event = await asyncio.wait_for(asyncio.shield(waiter), wait_s)
        except TimeoutError:
            pass
        finally:
            del self._waiting[entry.id]
        return Receipt(await self.box.get(entry.id) or entry, event)

    async def retry(self, entry_id: int) -> OutboxEntry:
        """Make an entry due now (raises EntryError if it cannot change)."""
        entry = await self.box.retry(entry_id)
        self._changed()
        self._deliverer.kick()
        return entry

    async def discard(self, entry_id: int) -> OutboxEntry:
        """Drop an undelivered entry for good (raises EntryError if it cannot change)."""
        entry = await self.box.discard(entry_id)
        self._changed()
        self._deliverer.kick()  # the room's next report may go now
        return entry

    async def send_now(self) -> None:
        """Make every waiting entry due now (the operator asked)."""
        await self.box.hasten(now_ms())
        self._changed()
        self._deliverer.kick()

    async def undelivered(self) -> int:
        counts = await self.box.counts()
        return sum(counts[state] for state in UNDELIVERED)

    # -- plumbing ----------------------------------------------------------------

    def _on_delivery_event(self, event: DeliveryEvent) -> None:
        waiter = self._waiting.get(event.entry_id)
        if waiter is not None and not waiter.done():
            waiter.set_result(event)
        if self._on_event is not None:
            self._on_event(event)
        self._changed()

    def _changed(self) -> None:
        if self._on_changed is not None:
            try:
                self._on_changed()
            except Exception:  # a listener's bug must not stop a report
                log.exception("outbox change listener failed")

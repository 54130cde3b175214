"""Delivering the outbox: an asyncio task that sends due reports and schedules retries.

Rooms go in parallel (up to ``concurrency``) and each room strictly in order,
because the outbox only ever hands out a room's oldest undelivered entry.
Each try is one POST of the stored body with the client's own retries off:
the deliverer decides what comes next and persists it in the outbox, so a
backoff survives a restart and one stuck room never holds up the others.

- code 200: delivered.
- no answer (connection refused or lost, timeout), 408, 429, 5xx, or an
  answer that breaks the contract: retried after a capped, jittered
  exponential backoff, or after the server's ``Retry-After``.
- 401: failed, with a message asking for a token.
- any other error code (400, 404, 409, ...): failed with the server's
  message, kept (holding back its room) until the operator retries or
  discards it.

Each try is reported as a :class:`DeliveryEvent`, which the GUI's event log
records. Call every method from the event loop's thread.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from qiemonitor.api.client import StreamClient
from qiemonitor.api.errors import ApiError, ServerError, TransportError, Unauthorized
from qiemonitor.api.wire import Envelope
from qiemonitor.core.async_outbox import AsyncOutbox
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.outbox import Kind, OutboxEntry
from qiemonitor.core.outbox_file import OutboxError

__all__ = ["Backoff", "Deliverer", "DeliveryEvent", "Outcome"]

log = logging.getLogger(__name__)

Outcome = Literal["delivered", "retrying", "failed"]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class DeliveryEvent:
    """One try of one outbox entry: what happened, and when the next try is due.

    ``attempt`` counts this entry's tries, this one included; ``code`` is the
    server's answer code when it answered; ``at_ms`` is when the try ended.
    """

    entry_id: int
    room_id: str
    kind: Kind
    outcome: Outcome
    attempt: int
    message: str
    at_ms: int
    next_attempt_ms: int | None = None
    code: int | None = None


@dataclass(frozen=True, slots=True)
class Backoff:
    """Waits between tries: ``first_s`` doubling per try up to ``cap_s``, jittered.

    Each wait is between half and all of its step, so clients that lost the
    server together do not come back together. A server's ``Retry-After``
    replaces the step. No wait is shorter than ``floor_s``.
    """

    first_s: float = 1.0
    cap_s: float = 300.0
    floor_s: float = 0.5

    def delay_s(self, attempt: int, retry_after: float | None, rand: float) -> float:
        """The wait after try number ``attempt``; ``rand`` is uniform in [0, 1)."""
        if retry_after is not None:
            return min(max(retry_after, self.floor_s), self.cap_s)
        step = min(self.cap_s, self.first_s * 2.0 ** min(max(attempt - 1, 0), 40))
        return max(self.floor_s, step * (0.5 + rand / 2))


class Deliverer:
    """Sends the outbox's due entries through ``client`` until stopped.

    :meth:`start` (or awaiting :meth:`run`) keeps delivering; :meth:`kick`
    wakes it after an entry is added; :meth:`flush` delivers what is due now
    and returns; :meth:`stop` cancels cleanly, putting any entry that was
    mid-send back to pending. ``client_retries`` is how many quick retries
    the client itself makes per try (0: the deliverer's backoff does it all).
    """

    def __init__(
        self,
        outbox: AsyncOutbox,
        client: StreamClient,
        *,
        on_event: Callable[[DeliveryEvent], None] | None = None,
        concurrency: int = 4,
        clock: Callable[[], int] = now_ms,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
        backoff: Backoff | None = None,
        client_retries: int = 0,
        poll_interval_s: float = 30.0,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._outbox = outbox
        self._client = client
        self._on_event = on_event
        self._concurrency = concurrency
        self._clock = clock
        self._sleep = sleep
        self._rand = rand
        self._backoff = backoff or Backoff()
        self._client_retries = client_retries
        self._poll_interval_s = poll_interval_s  # also picks up entries another process added
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._lost_server = False

    # -- control ---------------------------------------------------------------------

    def kick(self) -> None:
        """Look for due entries now (call after adding one)."""
        self._wake.set()

    def start(self) -> asyncio.Task[None]:
        """Run :meth:`run` as a task the deliverer keeps; returns that task."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name="qiemonitor-deliverer")
        return self._task

    async def stop(self) -> None:
        """Cancel the task :meth:`start` made and wait until it has finished."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # we are being cancelled ourselves: do not swallow it

    async def run(self) -> None:
        """Deliver due entries as they fall due, until cancelled."""
        while True:
            try:
                await self._pump(until_idle=False)
            except OutboxError as error:
                log.error("outbox unusable, trying again in %g s: %s", self._poll_interval_s, error)
                await self._sleep(self._poll_interval_s)

    async def flush(
        self,
        timeout: float | None = None,  # noqa: ASYNC109 - on timeout it still counts what is left
        *,
        force: bool = False,
        room_id: str | None = None,
    ) -> int:
        """Deliver everything due now; return how many entries remain undelivered.

        ``force`` first makes entries that wait out a backoff due now (the
        operator asked to send now); ``room_id`` limits the flush to one room.
        Each entry due is tried once (and a room's next entry as soon as the
        one before it is delivered).
        """
        if force:
            await self._outbox.hasten(self._clock(), room_id=room_id)
        try:
            async with asyncio.timeout(timeout):
                await self._pump(until_idle=True, room_id=room_id, as_of=self._clock())
        except TimeoutError:
            log.info("outbox flush stopped after %g s", timeout)
        counts = await self._outbox.counts()
        return counts["pending"] + counts["sending"] + counts["failed"]

    # -- scheduling ------------------------------------------------------------------

    async def _pump(
        self, *, until_idle: bool, room_id: str | None = None, as_of: int | None = None
    ) -> None:
        """Claim what is due into free slots, wait for a slot or a reason to look again.

        With ``as_of``, only entries due by then are claimed: an entry that
        fails during a flush is due later, so a flush tries each entry once.
        """
        inflight: set[asyncio.Task[None]] = set()
        try:
            while True:
                self._wake.clear()
                free = self._concurrency - len(inflight)
                if free > 0:
                    now = self._clock() if as_of is None else as_of
                    for entry in await self._outbox.claim_due(now, limit=free, room_id=room_id):
                        inflight.add(asyncio.create_task(self._deliver(entry)))
                if until_idle and not inflight:
                    return
                timer = not until_idle and len(inflight) < self._concurrency
                await self._wait(inflight, timer=timer)
        finally:
            await _cancel_all(inflight)

    async def _wait(self, inflight: set[asyncio.Task[None]], *, timer: bool) -> None:
        """Until a send finishes, or (with ``timer``) a kick or the next entry falls due."""
        extra: set[asyncio.Task[Any]] = set()
        if timer:
            extra.add(asyncio.create_task(self._wake.wait()))
            extra.add(asyncio.ensure_future(self._sleep(await self._idle_s())))
        try:
            done, _ = await asyncio.wait({*inflight, *extra}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            await _cancel_all(extra)
        for task in done & inflight:
            inflight.discard(task)
            if not task.cancelled() and task.exception() is not None:
                log.error("outbox delivery failed: %s", task.exception())

    async def _idle_s(self) -> float:
        due = await self._outbox.next_due_ms()
        if due is None:
            return self._poll_interval_s
        return min(max(0.0, (due - self._clock()) / 1000), self._poll_interval_s)

    # -- one try ---------------------------------------------------------------------

    async def _deliver(self, entry: OutboxEntry) -> None:
        endpoints = self._client.settings.endpoints
        path = endpoints.start if entry.kind == "start" else endpoints.stop
        try:
            envelope = await self._client.call(path, entry.body, retries=self._client_retries)
        except asyncio.CancelledError:
            # It may have reached the server; a resend is harmless (API.md idempotency).
            await asyncio.shield(self._outbox.release(entry.id))
            raise
        except ApiError as error:
            if isinstance(error, ServerError) and not error.retryable:
                await self._failed(entry, error)
            else:
                await self._retry_later(entry, error)
        except Exception as error:  # a bug must not leave the room stuck in "sending"
            log.exception("sending outbox entry %d failed unexpectedly", entry.id)
            await self._retry_later(entry, ApiError(f"unexpected error: {error!r}"))
        else:
            await self._delivered(entry, envelope)

    async def _delivered(self, entry: OutboxEntry, envelope: Envelope) -> None:
        await self._outbox.mark_delivered(entry.id, envelope.code, envelope.message)
        message = f"server answered code {envelope.code}: {envelope.message}"
        self._emit(entry, "delivered", message, code=envelope.code)
        if self._lost_server:
            # The server is back: whatever waits out a connection backoff can go now.
            self._lost_server = False
            if await self._outbox.hasten(self._clock()):
                self._wake.set()

    async def _failed(self, entry: OutboxEntry, error: ServerError) -> None:
        line = error.message
        if isinstance(error, Unauthorized):
            line += (
                "; the server needs a valid token: set it (--token, or the connection"
                f" settings), then retry outbox entry {entry.id}"
            )
        await self._outbox.mark_failed(
            entry.id, line, code=error.code, message=error.server_message
        )
        self._emit(entry, "failed", line, code=error.code)

    async def _retry_later(self, entry: OutboxEntry, error: ApiError) -> None:
        server = error if isinstance(error, ServerError) else None
        retry_after = server.retry_after if server else None
        delay = self._backoff.delay_s(entry.attempts, retry_after, self._rand())
        due = self._clock() + round(delay * 1000)
        code = server.code if server else None
        await self._outbox.mark_retry(
            entry.id,
            error.message,
            due,
            code=code,
            message=server.server_message if server else None,
        )
        self._lost_server = self._lost_server or isinstance(error, TransportError)
        self._emit(entry, "retrying", error.message, next_attempt_ms=due, code=code)

    def _emit(
        self,
        entry: OutboxEntry,
        outcome: Outcome,
        message: str,
        *,
        next_attempt_ms: int | None = None,
        code: int | None = None,
    ) -> None:
        event = DeliveryEvent(
            entry_id=entry.id,
            room_id=entry.room_id,
            kind=entry.kind,
            outcome=outcome,
            attempt=entry.attempts,
            message=message,
            at_ms=self._clock(),
            next_attempt_ms=next_attempt_ms,
            code=code,
        )
        log.info(
            "outbox entry %d (%s, room %s): %s: %s",
            entry.id,
            entry.kind,
            entry.room_id,
            outcome,
            message,
        )
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:  # a listener's bug must not stop delivery
                log.exception("outbox event listener failed")


async def _cancel_all(tasks: Iterable[asyncio.Task[Any]]) -> None:
    tasks = list(tasks)
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)

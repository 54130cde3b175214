"""Polls the room list and the focused room's detail on an interval (asyncio, no Qt).

One beat: wait for the interval (or :meth:`Poller.refresh_now`, or a resume),
then fetch the room list — every page when a full sync is due (the first poll,
then every ``resync_every`` seconds, which is what notices deleted rooms), else
only the rooms changed since the previous answer's ``serverTime``
(``updatedSince``, API.md), so a quiet poll costs one small answer. Each page
goes to the listener as it arrives, with a yield to the event loop between
pages so the first page paints before the rest is read. Then the focused
room's detail is refreshed. A failure keeps what the listener already has,
reports the error and backs off exponentially up to ``max_backoff`` (longer
only if the server asked for it with ``Retry-After``, and never past twice the
cap); the first success resets the count.

A server without the list endpoint (404) is polled by fetching the detail of
each watched room instead, a few at a time; every ``resync_every`` seconds
the list is tried again, so an upgraded server is noticed without a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Collection
from dataclasses import dataclass
from typing import Protocol

from qiemonitor.api.errors import ApiError, NotFound, ServerError
from qiemonitor.api.models import RoomPage, StatusKind, StreamInfo, StreamRecord
from qiemonitor.core.formatting import now_ms

__all__ = [
    "PollFailure",
    "PollListener",
    "PollMode",
    "PollOutcome",
    "Poller",
    "RoomSource",
]

log = logging.getLogger(__name__)

FOCUS_DEBOUNCE = 0.15  # seconds: arrowing down the table must not fire a request per row
WATCHED_CONCURRENCY = 4


class RoomSource(Protocol):
    """The calls the poller makes (a :class:`~qiemonitor.api.client.StreamClient`)."""

    def iter_rooms(
        self, *, page_size: int = ..., updated_since: int | None = ...
    ) -> AsyncIterator[RoomPage]: ...

    async def info(self, room_id: str | None = ...) -> StreamInfo: ...

    async def records(self, room_id: str, page: int = ..., page_size: int = ...) -> RoomPage: ...


class PollMode(enum.Enum):
    """How the room list is read: the list endpoint, or each watched room's detail."""

    LIST = "list"
    WATCHED = "watched"


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """A sync that succeeded.

    ``present`` is set after a complete full sync: every room the server has,
    so that rows missing from it can be removed. ``latency`` is the seconds
    from the first request to the last answer.
    """

    full: bool
    pages: int
    rooms: int
    latency: float
    finished_at: int
    server_time: int | None
    present: frozenset[str] | None
    mode: PollMode = PollMode.LIST


@dataclass(frozen=True, slots=True)
class PollFailure:
    """A sync that failed: the error, how many in a row, and when the next try is."""

    error: ApiError
    failures: int
    retry_in: float


class PollListener(Protocol):
    """Where the poller delivers what it read; called on the event loop's thread."""

    def on_page(self, page: RoomPage, full: bool) -> None: ...

    def on_sync_done(self, outcome: PollOutcome) -> None: ...

    def on_sync_failed(self, failure: PollFailure) -> None: ...

    def on_info(self, info: StreamInfo) -> None: ...

    def on_info_failed(self, room_id: str, error: ApiError) -> None: ...

    def on_history(self, room_id: str, page: RoomPage) -> None: ...


@dataclass(slots=True)
class _Sync:
    """Running totals of one sync in progress."""

    full: bool
    started: float
    pages: int = 0
    rooms: int = 0
    total: int | None = None
    consistent: bool = True
    server_time: int | None = None

    def count(self, page: RoomPage) -> None:
        if self.pages == 0:
            self.server_time = page.server_time
            self.total = page.total
        elif page.total != self.total:
            self.consistent = False  # rooms came or went between pages: offsets shifted
        self.pages += 1
        self.rooms += len(page.streams)


class Poller:
    """Keeps a listener up to date with the server's rooms; see the module docstring."""

    def __init__(
        self,
        source: RoomSource,
        listener: PollListener,
        *,
        interval: float = 5.0,
        resync_every: float = 60.0,
        page_size: int = 500,
        max_backoff: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._listener = listener
        self.interval = interval
        self.resync_every = resync_every
        self.page_size = page_size
        self.max_backoff = max_backoff
        self._clock = clock
        self.watched: Collection[str] = frozenset()
        self.mode = PollMode.LIST
        self._since: int | None = None
        self._last_full: float | None = None
        self._full_requested = False
        self._failures = 0
        self._retry_in = interval
        self._list_probed: float | None = None  # when the list last answered 404
        self._paused = False
        self._wake = asyncio.Event()
        self._focus: str | None = None
        self._focus_kind: StatusKind | None = None
        self._task: asyncio.Task[None] | None = None
        self._focus_task: asyncio.Task[None] | None = None

    # -- control ---------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def failures(self) -> int:
        """Failed syncs in a row (0 after a success)."""
        return self._failures

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start beating; the first poll happens at once."""
        if not self.running:
            self._task = asyncio.create_task(self._run(), name="qiemonitor-poller")

    async def stop(self) -> None:
        """Stop beating and wait until every task the poller started has ended."""
        tasks = [task for task in (self._task, self._focus_task) if task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = self._focus_task = None

    def refresh_now(self) -> None:
        """Poll at once (also while paused: one poll, then still paused)."""
        self._wake.set()

    def request_full_sync(self) -> None:
        """Make the next poll a full one, e.g. after the server URL changed."""
        self._full_requested = True

    def pause(self) -> None:
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        self._wake.set()

    def focus(self, room_id: str | None) -> None:
        """Follow this room's detail (the selected room); ``None`` follows none."""
        if room_id == self._focus:
            return
        self._focus, self._focus_kind = room_id, None
        if self._focus_task is not None:
            self._focus_task.cancel()
            self._focus_task = None
        if room_id is not None:
            self._focus_task = asyncio.create_task(
                self._fetch_focus(room_id, FOCUS_DEBOUNCE), name=f"qiemonitor-focus-{room_id}"
            )

    # -- the beat --------------------------------------------------------

    async def _run(self) -> None:
        delay = 0.0
        while True:
            await self._wait(delay)
            ok = await self.poll_once()
            delay = self.interval if ok else self._retry_in

    async def _wait(self, delay: float) -> None:
        if self._paused:
            await self._wake.wait()
        else:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._wake.wait()
        self._wake.clear()

    def _backoff(self, error: ApiError | None = None) -> float:
        delay = min(self.interval * 2 ** min(self._failures, 16), self.max_backoff)
        if isinstance(error, ServerError) and error.retry_after is not None:
            # A 429/503 with Retry-After: come back no sooner than asked, within reason.
            delay = max(delay, min(error.retry_after, 2 * self.max_backoff))
        return float(delay)

    async def poll_once(self) -> bool:
        """One beat: sync the room list, then refresh the focused room. True if it worked."""
        try:
            outcome = await self._sync()
        except ApiError as error:
            self._fail(error)
            return False
        except Exception as error:  # a bug must not silently stop the polling
            log.exception("poll failed")
            self._fail(ApiError(f"internal error while polling: {error!r}"))
            return False
        self._failures = 0
        self._listener.on_sync_done(outcome)
        if self._focus is not None and (self._focus_task is None or self._focus_task.done()):
            await self._fetch_focus(self._focus, 0.0)
        return True

    def _fail(self, error: ApiError) -> None:
        self._failures += 1
        self._retry_in = self._backoff(error)
        self._listener.on_sync_failed(PollFailure(error, self._failures, self._retry_in))

    async def _sync(self) -> PollOutcome:
        if self.mode is PollMode.LIST or self._list_probe_due():
            try:
                outcome = await self._sync_list()
            except NotFound:
                if self.mode is PollMode.LIST:
                    log.info("the server has no room list; polling the watched rooms instead")
                self.mode, self._list_probed = PollMode.WATCHED, self._clock()
            else:
                if self.mode is PollMode.WATCHED:
                    log.info("the server has a room list again")
                self.mode = PollMode.LIST
                return outcome
        return await self._sync_watched()

    def _list_probe_due(self) -> bool:
        probed = self._list_probed
        return probed is None or self._clock() - probed >= self.resync_every

    def _full_due(self) -> bool:
        if self._since is None or self._full_requested or self._last_full is None:
            return True
        return self._clock() - self._last_full >= self.resync_every

    async def _sync_list(self) -> PollOutcome:
        sync = _Sync(full=self._full_due(), started=self._clock())
        since = None if sync.full else self._since
        present: set[str] = set()
        pages = self._source.iter_rooms(page_size=self.page_size, updated_since=since)
        try:
            async for page in pages:
                sync.count(page)
                if sync.full:
                    present.update(record.room_id for record in page.streams)
                self._listener.on_page(page, sync.full)
                await asyncio.sleep(0)  # let the view paint this page before reading the next
        finally:
            if isinstance(pages, AsyncGenerator):  # close it now, not when it is collected
                await pages.aclose()
        if sync.full:
            self._last_full, self._full_requested = sync.started, False
        self._since = sync.server_time
        complete = sync.full and sync.consistent and len(present) >= (sync.total or 0)
        return PollOutcome(
            full=sync.full,
            pages=sync.pages,
            rooms=sync.rooms,
            latency=self._clock() - sync.started,
            finished_at=now_ms(),
            server_time=sync.server_time,
            present=frozenset(present) if complete else None,
        )

    async def _sync_watched(self) -> PollOutcome:
        started = self._clock()
        rooms = sorted(self.watched)
        gate = asyncio.Semaphore(WATCHED_CONCURRENCY)

        async def one(room_id: str) -> StreamRecord | None:
            async with gate:
                try:
                    return (await self._source.info(room_id)).stream
                except NotFound:
                    return None  # the room is gone: leaving it out removes its row

        found = [r for r in await asyncio.gather(*(one(room) for room in rooms)) if r is not None]
        page = RoomPage(total=len(found), page=1, page_size=max(1, len(found)), streams=found)
        self._listener.on_page(page, True)
        return PollOutcome(
            full=True,
            pages=1,
            rooms=len(found),
            latency=self._clock() - started,
            finished_at=now_ms(),
            server_time=None,
            present=frozenset(record.room_id for record in found),
            mode=PollMode.WATCHED,
        )

    # -- the focused room ------------------------------------------------

    async def _fetch_focus(self, room_id: str, debounce: float) -> None:
        if debounce:
            await asyncio.sleep(debounce)
        try:
            info = await self._source.info(room_id)
            if room_id != self._focus:
                return
            self._listener.on_info(info)
            kind = info.stream.kind
            if kind is not self._focus_kind:  # a new broadcast, or the first look
                history = await self._source.records(room_id)
                if room_id == self._focus:
                    self._focus_kind = kind
                    self._listener.on_history(room_id, history)
        except ApiError as error:
            if room_id == self._focus:
                self._listener.on_info_failed(room_id, error)

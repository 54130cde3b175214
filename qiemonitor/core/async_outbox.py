"""The outbox for an event loop: :class:`Outbox`'s methods as coroutines on one thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.outbox import Outbox, OutboxEntry, State

__all__ = ["AsyncOutbox"]

_T = TypeVar("_T")


class AsyncOutbox:
    """:class:`Outbox`'s methods as coroutines, run in turn on one dedicated thread.

    Each method does what the :class:`Outbox` method of the same name does.
    Open with :meth:`open` and close with :meth:`aclose` (or ``async with``):
    the event loop never waits on SQLite or an fsync.
    """

    def __init__(self, outbox: Outbox, worker: ThreadPoolExecutor) -> None:
        self.outbox = outbox
        self._worker = worker
        self._closed = False

    @classmethod
    async def open(
        cls,
        path: Path | str | None = None,
        *,
        clock: Callable[[], int] = now_ms,
        server: str = "",
    ) -> AsyncOutbox:
        """Open (or create) the outbox at ``path``, for ``server``, on a new outbox thread."""
        worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qiemonitor-outbox")
        opening = worker.submit(Outbox, path, clock=clock, server=server)
        try:
            outbox = await asyncio.wrap_future(opening)
        except BaseException:
            worker.shutdown(wait=True)
            if not opening.cancelled() and opening.exception() is None:
                opening.result().close()  # cancelled while it opened: do not leak it
            raise
        return cls(outbox, worker)

    @property
    def path(self) -> Path:
        return self.outbox.path

    @property
    def recovered(self) -> int:
        """How many interrupted sends were put back to ``pending`` at open."""
        return self.outbox.recovered

    async def _run(self, fn: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        return await asyncio.wrap_future(self._worker.submit(fn, *args, **kwargs))

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await self._run(self.outbox.close)
        finally:
            self._worker.shutdown(wait=True)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def set_server(self, url: str) -> None:
        await self._run(self.outbox.set_server, url)

    async def add(self, report: StartReport | StopReport) -> OutboxEntry:
        return await self._run(self.outbox.add, report)

    async def claim_due(
        self, now_ms: int, *, limit: int | None = None, room_id: str | None = None
    ) -> list[OutboxEntry]:
        return await self._run(self.outbox.claim_due, now_ms, limit=limit, room_id=room_id)

    async def mark_sending(self, entry_id: int) -> OutboxEntry | None:
        return await self._run(self.outbox.mark_sending, entry_id)

    async def mark_delivered(self, entry_id: int, code: int, message: str) -> bool:
        return await self._run(self.outbox.mark_delivered, entry_id, code, message)

    async def mark_retry(
        self,
        entry_id: int,
        error: str,
        next_attempt_ms: int,
        *,
        code: int | None = None,
        message: str | None = None,
    ) -> bool:
        return await self._run(
            self.outbox.mark_retry, entry_id, error, next_attempt_ms, code=code, message=message
        )

    async def mark_failed(
        self, entry_id: int, error: str, *, code: int | None = None, message: str | None = None
    ) -> bool:
        return await self._run(self.outbox.mark_failed, entry_id, error, code=code, message=message)

    async def release(self, entry_id: int) -> bool:
        return await self._run(self.outbox.release, entry_id)

    async def retry(self, entry_id: int) -> OutboxEntry:
        return await self._run(self.outbox.retry, entry_id)

    async def discard(self, entry_id: int) -> OutboxEntry:
        return await self._run(self.outbox.discard, entry_id)

    async def hasten(self, now_ms: int, *, room_id: str | None = None) -> int:
        return await self._run(self.outbox.hasten, now_ms, room_id=room_id)

    async def purge_delivered(self, older_than_ms: int) -> int:
        return await self._run(self.outbox.purge_delivered, older_than_ms)

    async def get(self, entry_id: int) -> OutboxEntry | None:
        return await self._run(self.outbox.get, entry_id)

    async def entries(
        self, states: Iterable[State] | None = None, limit: int | None = None
    ) -> list[OutboxEntry]:
        return await self._run(self.outbox.entries, states, limit)

    async def counts(self) -> dict[State, int]:
        return await self._run(self.outbox.counts)

    async def next_due_ms(self) -> int | None:
        return await self._run(self.outbox.next_due_ms)

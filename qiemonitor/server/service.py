"""The server's rules (reports, idempotency, queries), run on one database thread.

Every call goes through :meth:`Service.call`, which runs it on the service's
single worker thread: SQLite work never blocks the event loop, each rule's
check-then-write is atomic because nothing else touches the store meanwhile,
and a write is committed before its caller answers. Endpoints and the demo's
ticker call the same methods, so both obey the same rules.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import msgspec

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.server.errors import conflict, not_found, one_line
from qiemonitor.server.records import (
    LIVE,
    Record,
    ended_record,
    live_record,
    new_stream_name,
    renditions,
)
from qiemonitor.server.store import ListFilter, Store
from qiemonitor.server.validation import InfoQuery, ListQuery, RecordsQuery

__all__ = ["Service"]

_T = TypeVar("_T")


class _Info(msgspec.Struct):
    stream: msgspec.Raw
    videos: list[msgspec.Raw]


class _Page(msgspec.Struct, rename="camel"):
    total: int
    page: int
    page_size: int
    server_time: int
    streams: list[msgspec.Raw]


class Service:
    """The rules over one :class:`Store`; open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, store: Store, worker: ThreadPoolExecutor, rng: random.Random) -> None:
        self.store = store
        self._worker = worker
        self._rng = rng

    @classmethod
    async def open(cls, path: str, rng: random.Random | None = None) -> Service:
        """Open (or create) the database at ``path`` on a new database thread."""
        worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qiemonitor-db")
        try:
            store = await asyncio.get_running_loop().run_in_executor(worker, Store, path)
        except BaseException:
            worker.shutdown(wait=True)
            raise
        return cls(store, worker, rng or random.Random())

    async def close(self) -> None:
        try:
            await self.call(self.store.close)
        finally:
            self._worker.shutdown(wait=True)

    async def call(self, fn: Callable[..., _T], *args: Any) -> _T:
        """Run ``fn(*args)`` on the database thread."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    # -- reports -------------------------------------------------------------------

    async def start(self, report: StartReport) -> None:
        await self.call(self._start, report)

    async def stop(self, report: StopReport) -> None:
        await self.call(self._stop, report)

    def _start(self, report: StartReport) -> None:
        store, room = self.store, report.room_id
        with store.transaction():
            if store.has_start(room, report.start_time):
                return  # the same start again
            current = store.current(room)
            if current is not None and current.status == LIVE:
                raise conflict(f"room {room} is already live")
            if current is not None and (current.end_time or 0) > report.start_time:
                raise conflict(
                    f"room {room}: startTime {report.start_time} is before the end of its"
                    f" last broadcast ({current.end_time})"
                )
            record_id, _ = store.next_ids()
            name = new_stream_name(room, self._rng)
            store.add_current(live_record(report, record_id, name, self._rng), store.change_time())

    def _stop(self, report: StopReport) -> None:
        store, room = self.store, report.room_id
        with store.transaction():
            if store.has_end(room, report.end_time):
                return  # the same stop again
            current = store.current(room)
            if current is None or current.status != LIVE:
                raise conflict(f"room {room} is not live")
            if report.stream_name is not None and report.stream_name != current.stream_name:
                raise conflict(
                    f"room {room} is live as stream {current.stream_name},"
                    f" not {one_line(report.stream_name)}"
                )
            if report.end_time < (current.start_time or 0):
                # As for a start before the last end: the report is well formed, the state is not.
                raise conflict(
                    f"room {room}: endTime {report.end_time} is before the broadcast's"
                    f" startTime {current.start_time}"
                )
            ended = ended_record(msgspec.json.decode(current.body), report.end_time, self._rng)
            _, video_id = store.next_ids()
            store.replace(ended, store.change_time())
            store.add_videos(renditions(ended, video_id, self._rng))

    # -- queries -------------------------------------------------------------------

    async def info(self, query: InfoQuery) -> bytes:
        """``result`` of ``info``: the record and its renditions, as stored."""
        return await self.call(self._info, query)

    async def list_rooms(self, query: ListQuery) -> bytes:
        return await self.call(self._list, query)

    async def room_records(self, query: RecordsQuery) -> bytes:
        return await self.call(self._records, query)

    def _info(self, query: InfoQuery) -> bytes:
        key, value, what = _lookup(query)
        found = self.store.record_by(key, value)
        if found is None:
            raise not_found(f"{what} not found")
        record_id, body = found
        videos = [msgspec.Raw(video) for video in self.store.videos_of(record_id)]
        return msgspec.json.encode(_Info(msgspec.Raw(body), videos))

    def _list(self, query: ListQuery) -> bytes:
        where = ListFilter(
            statuses=tuple(sorted(set(query.status))) if query.status else None,
            keyword=query.keyword or None,
            updated_since=query.updated_since,
        )
        offset = _offset(query.page, query.page_size)
        total, bodies = self.store.page_current(where, offset, query.page_size)
        return _page(total, query.page, query.page_size, self.store.server_time(), bodies)

    def _records(self, query: RecordsQuery) -> bytes:
        offset = _offset(query.page, query.page_size)
        total, bodies = self.store.page_room(query.room_id, offset, query.page_size)
        if total == 0:
            raise not_found(f"room {query.room_id} not found")
        return _page(total, query.page, query.page_size, self.store.server_time(), bodies)

    # -- the demo --------------------------------------------------------------------

    async def current_record(self, room_id: str) -> Record | None:
        """The room's current record as plain JSON values, or ``None``."""
        current = await self.call(self.store.current, room_id)
        if current is None:
            return None
        record: Record = msgspec.json.decode(current.body)
        return record


def _lookup(query: InfoQuery) -> tuple[str, str | int, str]:
    """``(field, value, what)`` of the one key an info query gives (validation made it one)."""
    if isinstance(query.room_id, str):
        return "roomId", query.room_id, f"room {query.room_id}"
    if isinstance(query.stream_name, str):
        return "streamName", query.stream_name, f"stream {one_line(query.stream_name)}"
    assert isinstance(query.vid, int)
    return "vid", query.vid, f"record {query.vid}"


def _offset(page: int, page_size: int) -> int:
    # Past any real total, and small enough for SQLite's 64-bit OFFSET.
    return min((page - 1) * page_size, 2**62)


def _page(total: int, page: int, page_size: int, server_time: int, bodies: list[bytes]) -> bytes:
    streams = [msgspec.Raw(body) for body in bodies]
    return msgspec.json.encode(_Page(total, page, page_size, server_time, streams))

"""Poller when the server is away or lacks the list: capped backoff, and the watched-rooms fallback.

The fallback is proven against the real embedded server, with the client's
list path pointed at a path the server does not have, so the list answers 404
exactly as a server without the endpoint would.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from qiemonitor.api.client import StreamClient
from qiemonitor.api.errors import ApiError, RateLimited, ServerUnreachable
from qiemonitor.api.models import RoomPage, StreamInfo
from qiemonitor.api.settings import ClientSettings, Endpoints
from qiemonitor.core.poller import Poller, PollFailure, PollMode, PollOutcome

NO_LIST = Endpoints(list="/api/v1/live/no-such-list")


@dataclass
class Listener:
    pages: list[RoomPage] = field(default_factory=list)
    outcomes: list[PollOutcome] = field(default_factory=list)
    failures: list[PollFailure] = field(default_factory=list)

    def on_page(self, page: RoomPage, full: bool) -> None:
        self.pages.append(page)

    def on_sync_done(self, outcome: PollOutcome) -> None:
        self.outcomes.append(outcome)

    def on_sync_failed(self, failure: PollFailure) -> None:
        self.failures.append(failure)

    def on_info(self, info: StreamInfo) -> None: ...

    def on_info_failed(self, room_id: str, error: ApiError) -> None: ...

    def on_history(self, room_id: str, page: RoomPage) -> None: ...


@dataclass
class Failing:
    """A source whose list fails with ``error`` (for shapes of failure, not for behaviour)."""

    error: ApiError

    async def iter_rooms(
        self, *, page_size: int = 500, updated_since: int | None = None
    ) -> AsyncIterator[RoomPage]:
        raise self.error
        yield  # pragma: no cover - makes this an async generator

    async def info(self, room_id: str | None = None) -> StreamInfo:
        raise self.error

    async def records(self, room_id: str, page: int = 1, page_size: int = 20) -> RoomPage:
        raise self.error


class Switch:
    """Two real clients of one server: one whose list answers 404, one whose list works."""

    def __init__(self, url: str) -> None:
        self.without = StreamClient(ClientSettings(base_url=url, retries=0, endpoints=NO_LIST))
        self.with_list = StreamClient(ClientSettings(base_url=url, retries=0))
        self.list_works = False
        self.calls: list[str] = []

    def _client(self) -> StreamClient:
        return self.with_list if self.list_works else self.without

    def iter_rooms(
        self, *, page_size: int = 500, updated_since: int | None = None
    ) -> AsyncIterator[RoomPage]:
        self.calls.append("list")
        return self._client().iter_rooms(page_size=page_size, updated_since=updated_since)

    async def info(self, room_id: str | None = None) -> StreamInfo:
        self.calls.append(f"info {room_id}")
        return await self._client().info(room_id)

    async def records(self, room_id: str, page: int = 1, page_size: int = 20) -> RoomPage:
        return await self._client().records(room_id, page, page_size)

    async def aclose(self) -> None:
        await self.without.aclose()
        await self.with_list.aclose()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _ids(page: RoomPage) -> set[str]:
    return {record.room_id for record in page.streams}


def test_backoff_doubles_up_to_the_cap_and_honours_retry_after() -> None:
    listener = Listener()
    source = Failing(ServerUnreachable("cannot reach"))
    poller = Poller(source, listener, interval=2.0, max_backoff=20.0)

    async def fail(times: int) -> None:
        for _ in range(times):
            assert not await poller.poll_once()

    asyncio.run(fail(6))
    assert [f.retry_in for f in listener.failures] == [4.0, 8.0, 16.0, 20.0, 20.0, 20.0]
    assert poller.failures == 6
    source.error = RateLimited(429, "slow down", retry_after=33.0)
    asyncio.run(fail(1))
    assert listener.failures[-1].retry_in == 33.0  # the server asked for longer than the cap
    source.error = RateLimited(429, "slow down", retry_after=3600.0)
    asyncio.run(fail(1))
    assert listener.failures[-1].retry_in == 40.0  # but not for an hour


def test_the_beat_waits_what_the_failure_said() -> None:
    listener = Listener()
    source = Failing(RateLimited(429, "slow down", retry_after=0.4))
    poller = Poller(source, listener, interval=0.01, max_backoff=0.3)

    async def scenario() -> int:
        poller.start()
        await asyncio.sleep(0.25)
        tries = len(listener.failures)
        await poller.stop()
        return tries

    assert asyncio.run(scenario()) == 1  # without Retry-After: 0.02, 0.04, 0.08 s… ~4 tries


def test_a_server_without_the_list_is_polled_room_by_room(still_demo_server: Any) -> None:
    listener = Listener()

    async def scenario() -> None:
        async with StreamClient(
            ClientSettings(base_url=still_demo_server.url, retries=0, endpoints=NO_LIST)
        ) as client:
            poller = Poller(client, listener)
            poller.watched = {"10002625", "99999999"}
            assert await poller.poll_once()
            assert poller.mode is PollMode.WATCHED

    asyncio.run(scenario())
    assert [_ids(page) for page in listener.pages] == [{"10002625"}]
    outcome = listener.outcomes[0]
    assert outcome.mode is PollMode.WATCHED
    assert outcome.present == {"10002625"}  # the room the server does not have is gone
    assert listener.pages[0].streams[0].title  # the real record, not a stub


def test_the_list_is_tried_again_each_resync_and_taken_back(still_demo_server: Any) -> None:
    listener, clock = Listener(), Clock()
    switch = Switch(still_demo_server.url)
    poller = Poller(switch, listener, resync_every=60.0, clock=clock)
    poller.watched = {"10002625"}

    async def scenario() -> None:
        try:
            assert await poller.poll_once()
            clock.now = 30.0
            assert await poller.poll_once()  # not due: the list is not asked again
            assert switch.calls == ["list", "info 10002625", "info 10002625"]
            switch.list_works = True  # the server was upgraded
            clock.now = 61.0
            assert await poller.poll_once()
        finally:
            await switch.aclose()

    asyncio.run(scenario())
    assert poller.mode is PollMode.LIST
    assert [o.mode for o in listener.outcomes] == [PollMode.WATCHED] * 2 + [PollMode.LIST]
    assert listener.outcomes[-1].rooms == 320  # a full list again
    assert not listener.failures


def test_a_404_from_a_watched_room_is_not_a_failure(still_demo_server: Any) -> None:
    listener = Listener()

    async def scenario() -> None:
        async with StreamClient(
            ClientSettings(base_url=still_demo_server.url, retries=0, endpoints=NO_LIST)
        ) as client:
            poller = Poller(client, listener)
            poller.watched = {"99999999"}
            assert await poller.poll_once()

    asyncio.run(scenario())
    assert listener.outcomes[0].present == frozenset()
    assert not listener.failures

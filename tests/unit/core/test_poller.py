"""Poller: full and incremental syncs, backoff, the focused room, and the watched fallback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import pytest

from qiemonitor.api.errors import NotFound, ServerUnreachable
from qiemonitor.api.models import RoomPage, StreamInfo, StreamRecord
from qiemonitor.core.poller import Poller, PollFailure, PollMode, PollOutcome

Make = Callable[..., StreamRecord]


@dataclass
class FakeSource:
    """A room list in memory, paged like the server; records each call."""

    rooms: dict[str, StreamRecord]
    server_time: int = 1000
    calls: list[tuple[str, Any]] = field(default_factory=list)
    fail_with: Exception | None = None
    no_list: bool = False
    shrink_after_first_page: bool = False

    async def iter_rooms(
        self, *, page_size: int = 500, updated_since: int | None = None
    ) -> AsyncIterator[RoomPage]:
        self.calls.append(("list", updated_since))
        if self.no_list:
            raise NotFound(404, "no such endpoint")
        if self.fail_with is not None:
            raise self.fail_with
        ids = sorted(self.rooms, key=int)
        if updated_since is not None:
            ids = [i for i in ids if (self.rooms[i].end_time or 0) > updated_since]
        total = len(ids)
        for number, start in enumerate(range(0, max(total, 1), page_size), 1):
            chunk = [self.rooms[i] for i in ids[start : start + page_size]]
            yield RoomPage(
                total=total,
                page=number,
                page_size=page_size,
                streams=chunk,
                server_time=self.server_time,
            )
            if self.shrink_after_first_page:
                total -= 1

    async def info(self, room_id: str | None = None) -> StreamInfo:
        self.calls.append(("info", room_id))
        if room_id not in self.rooms:
            raise NotFound(404, f"room {room_id} not found")
        return StreamInfo(stream=self.rooms[room_id])

    async def records(self, room_id: str, page: int = 1, page_size: int = 20) -> RoomPage:
        self.calls.append(("records", room_id))
        return RoomPage(total=1, page=1, page_size=20, streams=[self.rooms[room_id]])


@dataclass
class Listener:
    """Keeps every delivery, in order."""

    events: list[tuple[str, Any]] = field(default_factory=list)

    def on_page(self, page: RoomPage, full: bool) -> None:
        self.events.append(("page", (page.page, len(page.streams), full)))

    def on_sync_done(self, outcome: PollOutcome) -> None:
        self.events.append(("done", outcome))

    def on_sync_failed(self, failure: PollFailure) -> None:
        self.events.append(("failed", failure))

    def on_info(self, info: StreamInfo) -> None:
        self.events.append(("info", info.stream.room_id))

    def on_info_failed(self, room_id: str, error: Exception) -> None:
        self.events.append(("info_failed", room_id))

    def on_history(self, room_id: str, page: RoomPage) -> None:
        self.events.append(("history", room_id))

    def of(self, kind: str) -> list[Any]:
        return [value for name, value in self.events if name == kind]


def _rooms(make_record: Make, count: int) -> dict[str, StreamRecord]:
    return {str(i): make_record(str(i), end_time=500) for i in range(1, count + 1)}


def _run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_first_poll_reads_every_page_then_polls_what_changed(make_record: Make) -> None:
    source, listener, clock = FakeSource(_rooms(make_record, 1200)), Listener(), Clock()
    poller = Poller(source, listener, page_size=500, clock=clock)

    assert _run(poller.poll_once())
    assert listener.of("page") == [(1, 500, True), (2, 500, True), (3, 200, True)]
    outcome = listener.of("done")[0]
    assert outcome.full
    assert outcome.present == frozenset(source.rooms)

    source.rooms["7"] = make_record("7", title="changed", end_time=1500)
    source.server_time = 2000
    assert _run(poller.poll_once())
    assert source.calls[-1] == ("list", 1000)
    assert listener.of("page")[-1] == (1, 1, False)
    assert listener.of("done")[-1].present is None


def test_a_full_resync_comes_round_on_its_interval(make_record: Make) -> None:
    source, listener, clock = FakeSource(_rooms(make_record, 3)), Listener(), Clock()
    poller = Poller(source, listener, resync_every=60.0, clock=clock)
    _run(poller.poll_once())
    clock.now = 30.0
    _run(poller.poll_once())
    clock.now = 61.0
    _run(poller.poll_once())
    assert [call for call in source.calls if call[0] == "list"] == [
        ("list", None),
        ("list", 1000),
        ("list", None),
    ]
    poller.request_full_sync()
    _run(poller.poll_once())
    assert source.calls[-1] == ("list", None)


def test_rooms_shifting_between_pages_make_a_full_sync_incomplete(make_record: Make) -> None:
    source = FakeSource(_rooms(make_record, 8), shrink_after_first_page=True)
    listener = Listener()
    poller = Poller(source, listener, page_size=5)
    _run(poller.poll_once())
    assert listener.of("done")[0].present is None  # so nothing gets removed on a guess


def test_failures_back_off_up_to_the_cap_and_recover(make_record: Make) -> None:
    source = FakeSource(_rooms(make_record, 2), fail_with=ServerUnreachable("cannot reach"))
    listener = Listener()
    poller = Poller(source, listener, interval=5.0, max_backoff=30.0)
    for _ in range(4):
        assert not _run(poller.poll_once())
    failures = listener.of("failed")
    assert [f.retry_in for f in failures] == [10.0, 20.0, 30.0, 30.0]
    assert failures[0].error.message == "cannot reach"
    source.fail_with = None
    assert _run(poller.poll_once())
    source.fail_with = ServerUnreachable("cannot reach")
    _run(poller.poll_once())
    assert listener.of("failed")[-1].retry_in == 10.0  # the count started again


def test_a_bug_in_the_listener_is_reported_not_fatal(make_record: Make) -> None:
    class Broken(Listener):
        def on_page(self, page: RoomPage, full: bool) -> None:
            raise RuntimeError("boom")

    listener = Broken()
    poller = Poller(FakeSource(_rooms(make_record, 1)), listener)
    assert not _run(poller.poll_once())
    assert "internal error" in listener.of("failed")[0].error.message


def test_the_focused_room_is_refreshed_on_each_beat(make_record: Make) -> None:
    source, listener = FakeSource(_rooms(make_record, 3)), Listener()
    poller = Poller(source, listener)

    async def beat() -> None:
        poller.focus("2")
        await poller.stop()  # drop the debounced fetch: the beat does it
        poller._focus = "2"
        await poller.poll_once()
        await poller.poll_once()

    _run(beat())
    assert listener.of("info") == ["2", "2"]
    assert listener.of("history") == ["2"]  # history again only when the status changes


def test_focus_change_fetches_at_once_and_drops_stale_answers(make_record: Make) -> None:
    source, listener = FakeSource(_rooms(make_record, 3)), Listener()
    poller = Poller(source, listener)

    async def arrow_down() -> None:
        poller.focus("1")
        poller.focus("2")
        poller.focus("3")
        await asyncio.sleep(0.3)
        poller.focus("404")
        await asyncio.sleep(0.3)
        await poller.stop()

    _run(arrow_down())
    assert [c for c in source.calls if c[0] == "info"] == [("info", "3"), ("info", "404")]
    assert listener.of("info") == ["3"]
    assert listener.of("info_failed") == ["404"]


def test_a_server_without_the_list_polls_watched_rooms(make_record: Make) -> None:
    source, listener = FakeSource(_rooms(make_record, 5), no_list=True), Listener()
    poller = Poller(source, listener)
    poller.watched = {"2", "4", "99"}
    assert _run(poller.poll_once())
    assert poller.mode is PollMode.WATCHED
    outcome = listener.of("done")[0]
    assert outcome.present == {"2", "4"}
    assert outcome.mode is PollMode.WATCHED
    assert listener.of("page") == [(1, 2, True)]


def test_run_beats_on_the_interval_and_obeys_pause_and_refresh(make_record: Make) -> None:
    source, listener = FakeSource(_rooms(make_record, 1)), Listener()
    poller = Poller(source, listener, interval=0.05)

    async def scenario() -> tuple[int, int, int]:
        poller.start()
        await asyncio.sleep(0.17)
        beats = len(listener.of("done"))
        poller.pause()
        await asyncio.sleep(0.06)
        paused_at = len(listener.of("done"))
        await asyncio.sleep(0.15)
        still = len(listener.of("done"))
        poller.refresh_now()
        await asyncio.sleep(0.02)
        assert len(listener.of("done")) == still + 1
        poller.resume()
        await asyncio.sleep(0.02)
        await poller.stop()
        assert not poller.running
        return beats, paused_at, still

    beats, paused_at, still = _run(scenario())
    assert beats >= 3
    assert paused_at == still


@pytest.mark.parametrize("interval", [0.0, 5.0])
def test_stop_before_start_is_harmless(make_record: Make, interval: float) -> None:
    poller = Poller(FakeSource({}), Listener(), interval=interval)
    _run(poller.stop())

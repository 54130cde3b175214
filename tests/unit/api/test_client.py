"""The client against the real embedded server on loopback: every endpoint, every error."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest

from qiemonitor.api.client import StreamClient
from qiemonitor.api.errors import (
    BadRequest,
    Conflict,
    NotFound,
    ServerUnreachable,
    Unauthorized,
)
from qiemonitor.api.models import StartReport, StatusKind, StopReport
from qiemonitor.api.settings import ClientSettings, Endpoints
from qiemonitor.server import EmbeddedServer

T = TypeVar("T")
ROOM = "20000001"


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer(demo=True, seed=1, demo_rooms=40, demo_interval=None) as running:
        yield running


def talk(url: str, job: Callable[[StreamClient], Awaitable[T]], **settings: object) -> T:
    async def go() -> T:
        async with StreamClient(ClientSettings(base_url=url, **settings)) as client:  # type: ignore[arg-type]
            return await job(client)

    return asyncio.run(go())


def start_report(room: str = ROOM, start_time: int = 1_700_000_000_000) -> StartReport:
    return StartReport(
        start_time=start_time,
        category_id=198,
        category_name="足球",
        user_id=42,
        user_name="测试主播",
        title="周末联赛直播",
        room_id=room,
        ip="192.0.2.7",
    )


def stop_report(room: str = ROOM, end_time: int = 1_700_000_360_000) -> StopReport:
    return StopReport(room_id=room, user_id=42, end_time=end_time, ip="192.0.2.7")


def test_start_then_stop_round_trip(server: EmbeddedServer) -> None:
    async def job(client: StreamClient) -> None:
        ack = await client.start(start_report())
        assert (ack.code, ack.message, ack.result) == (200, "SUCCESS", "OK")
        live = await client.info(ROOM)
        assert live.stream.kind is StatusKind.LIVE
        assert live.stream.start_time == 1_700_000_000_000
        assert live.stream.user_name == "测试主播"
        assert (await client.start(start_report())).code == 200  # the same report again
        with pytest.raises(Conflict, match=f"code 409: room {ROOM}"):
            await client.start(start_report(start_time=1_700_000_000_001))
        await client.stop(stop_report())
        await client.stop(stop_report())  # the same stop again changes nothing
        ended = await client.info(ROOM)
        assert ended.stream.kind is StatusKind.ENDED
        assert ended.stream.duration == 360_000
        assert sorted(v.clear for v in ended.videos) == [10, 20, 30]
        assert all(v.record_id == ended.stream.resource_id for v in ended.videos)
        with pytest.raises(Conflict, match="not live"):
            await client.stop(stop_report(end_time=1_700_000_999_000))
        by_vid = await client.info(vid=ended.stream.resource_id)
        by_name = await client.info(stream_name=ended.stream.stream_name)
        assert by_vid.stream == by_name.stream == ended.stream
        history = await client.records(ROOM)
        assert history.streams[0].resource_id == ended.stream.resource_id

    talk(server.url, job)


def test_the_sample_room_is_served_as_the_platform_sent_it(server: EmbeddedServer) -> None:
    info = talk(server.url, lambda c: c.info("10002625"))
    assert info.stream.user_name == "安哥拉男子足球队"
    assert info.stream.status == 100
    assert [v.clear for v in info.videos] == [30, 20, 10]


def test_list_pages_cover_every_room_once(server: EmbeddedServer) -> None:
    async def job(client: StreamClient) -> tuple[int, list[str]]:
        first = await client.list_rooms(1, 7)
        every = await client.all_rooms(page_size=7)
        return first.total, [r.room_id for r in every]

    total, ids = talk(server.url, job)
    assert len(ids) == total == len(set(ids))
    assert ids == sorted(ids, key=int)


def test_list_filters_by_status_and_chinese_keyword(server: EmbeddedServer) -> None:
    async def job(client: StreamClient) -> None:
        live = await client.all_rooms(status=[1])
        assert live
        assert all(r.status == 1 for r in live)
        found = await client.all_rooms(keyword="安哥拉")
        assert "10002625" in [r.room_id for r in found]

    talk(server.url, job)


def test_updated_since_returns_only_what_changed(server: EmbeddedServer) -> None:
    room = "20000002"

    async def job(client: StreamClient) -> list[str]:
        before = await client.list_rooms(1, 500)
        assert before.server_time is not None
        await client.start(start_report(room))
        changed = await client.list_rooms(1, 500, updated_since=before.server_time)
        return [r.room_id for r in changed.streams]

    assert talk(server.url, job) == [room]


def test_unknown_room_is_not_found(server: EmbeddedServer) -> None:
    with pytest.raises(NotFound, match="code 404"):
        talk(server.url, lambda c: c.info("99999999"))


def test_the_server_rejects_bad_parameters_with_its_reason(server: EmbeddedServer) -> None:
    bad = StartReport(
        start_time=1, category_id=1, user_id=1, user_name="x", title="t", room_id="1", ip="nope"
    )
    with pytest.raises(BadRequest, match="ip"):
        talk(server.url, lambda c: c.start(bad))


def test_info_takes_exactly_one_key() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        talk("http://127.0.0.1:9", lambda c: c.info("1", vid=2))


def test_token_is_required_when_the_server_has_one() -> None:
    with EmbeddedServer(token="s3cret") as guarded:
        with pytest.raises(Unauthorized, match="code 401"):
            talk(guarded.url, lambda c: c.list_rooms())
        assert talk(guarded.url, lambda c: c.list_rooms(), token="s3cret").total == 0


def test_endpoint_paths_are_configurable(server: EmbeddedServer) -> None:
    moved = Endpoints(list="/api/v2/rooms")
    with pytest.raises(NotFound):
        talk(server.url, lambda c: c.list_rooms(), endpoints=moved, retries=0)


def test_a_closed_port_is_unreachable_after_retries() -> None:
    with EmbeddedServer() as gone:
        url = gone.url
    sleeps: list[float] = []

    async def no_wait(seconds: float) -> None:
        sleeps.append(seconds)

    async def go() -> None:
        async with StreamClient(ClientSettings(base_url=url, retries=2), sleep=no_wait) as c:
            await c.list_rooms()

    with pytest.raises(ServerUnreachable, match="cannot reach server"):
        asyncio.run(go())
    assert len(sleeps) == 2

"""The deliverer against the real embedded server, and MockTransport for shapes it cannot make."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport, StatusKind, StopReport
from qiemonitor.api.settings import ClientSettings
from qiemonitor.core.async_outbox import AsyncOutbox
from qiemonitor.core.delivery import Backoff, Deliverer, DeliveryEvent
from qiemonitor.core.formatting import now_ms
from qiemonitor.server import EmbeddedServer

Handler = Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]


class Clock:
    """Wall-clock time frozen at the start of a test, moved by hand."""

    def __init__(self) -> None:
        self.now = now_ms()

    def __call__(self) -> int:
        return self.now


def start(room: str, at: int) -> StartReport:
    return StartReport(
        start_time=at,
        category_id=198,
        category_name="足球",
        user_id=42,
        user_name="测试主播",
        title="周末联赛",
        room_id=room,
        ip="192.0.2.7",
    )


def stop(room: str, at: int) -> StopReport:
    return StopReport(room_id=room, user_id=42, end_time=at, ip="192.0.2.7")


class Rig:
    """An outbox, a client and a deliverer recording its events."""

    def __init__(self, box: AsyncOutbox, client: StreamClient, clock: Clock) -> None:
        self.box, self.client, self.clock = box, client, clock
        self.events: list[DeliveryEvent] = []

    def deliverer(self, **options: Any) -> Deliverer:
        options.setdefault("rand", lambda: 0.0)
        return Deliverer(
            self.box, self.client, on_event=self.events.append, clock=self.clock, **options
        )

    def outcomes(self) -> list[tuple[int, str, int]]:
        return [(e.entry_id, e.outcome, e.attempt) for e in self.events]


@asynccontextmanager
async def rig(
    path: Path, url: str, clock: Clock, *, token: str | None = None
) -> AsyncIterator[Rig]:
    settings = ClientSettings(base_url=url, token=token, timeout=5.0)
    async with await AsyncOutbox.open(path, clock=clock) as box, StreamClient(settings) as client:
        yield Rig(box, client, clock)


@asynccontextmanager
async def mock_rig(path: Path, clock: Clock, handler: Handler) -> AsyncIterator[Rig]:
    settings = ClientSettings(base_url="http://mock.test")
    transport = httpx.MockTransport(handler)
    async with (
        await AsyncOutbox.open(path, clock=clock) as box,
        httpx.AsyncClient(transport=transport, base_url=settings.base_url) as http,
    ):
        yield Rig(box, StreamClient(settings, http=http), clock)


def answer(code: int, message: str = "SUCCESS", **headers: str) -> httpx.Response:
    body = {"code": code, "message": message, "result": "OK" if code == 200 else None}
    return httpx.Response(code, json=body, headers=headers)


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as running:
        yield running


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "outbox.sqlite3"


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def record_count(client: StreamClient, room: str) -> int:
    return (await client.records(room)).total


# -- against the real server ---------------------------------------------------------------


def test_a_queued_report_is_delivered(server: EmbeddedServer, path: Path, clock: Clock) -> None:
    async def go() -> None:
        async with rig(path, server.url, clock) as r:
            entry = await r.box.add(start("30000001", clock.now))
            assert await r.deliverer().flush() == 0
            assert r.outcomes() == [(entry.id, "delivered", 1)]
            assert (r.events[0].code, r.events[0].message) == (
                200,
                "server answered code 200: SUCCESS",
            )
            done = await r.box.get(entry.id)
            assert done is not None
            assert (done.state, done.answer_code, done.answer) == ("delivered", 200, "SUCCESS")
            info = await r.client.info("30000001")
            assert (info.stream.kind, info.stream.start_time) == (StatusKind.LIVE, clock.now)

    asyncio.run(go())


def test_starts_and_stops_go_in_order_per_room_and_rooms_in_parallel(
    server: EmbeddedServer, path: Path, clock: Clock
) -> None:
    rooms = [str(30000100 + i) for i in range(6)]

    async def go() -> None:
        async with rig(path, server.url, clock) as r:
            for room in rooms:
                await r.box.add(start(room, clock.now))
            for room in rooms:  # each stop queued after its start
                await r.box.add(stop(room, clock.now + 60_000))
            assert await r.deliverer(concurrency=3).flush() == 0
            by_room: dict[str, list[str]] = {}
            for event in r.events:
                assert event.outcome == "delivered"
                by_room.setdefault(event.room_id, []).append(event.kind)
            assert by_room == {room: ["start", "stop"] for room in rooms}
            for room in rooms:
                assert (await r.client.info(room)).stream.kind is StatusKind.ENDED

    asyncio.run(go())


def test_a_resend_after_a_crash_changes_nothing_on_the_server(
    server: EmbeddedServer, path: Path, clock: Clock
) -> None:
    room = "30000201"

    async def crash_after_sending() -> int:
        async with rig(path, server.url, clock) as r:
            entry = await r.box.add(start(room, clock.now))
            (claimed,) = await r.box.claim_due(clock.now)
            await r.client.call(r.client.settings.endpoints.start, claimed.body)
            return entry.id  # the app dies before it can mark the entry delivered

    async def restart(entry_id: int) -> None:
        async with rig(path, server.url, clock) as r:
            assert r.box.recovered == 1
            assert await r.deliverer().flush() == 0
            assert r.outcomes() == [(entry_id, "delivered", 2)]
            assert await record_count(r.client, room) == 1

    entry_id = asyncio.run(crash_after_sending())
    asyncio.run(restart(entry_id))


def test_a_conflict_fails_and_holds_back_only_its_own_room(
    server: EmbeddedServer, path: Path, clock: Clock
) -> None:
    async def go() -> None:
        async with rig(path, server.url, clock) as r:
            bad = await r.box.add(stop("30000301", clock.now))  # the room is not live: 409
            held = await r.box.add(start("30000301", clock.now + 1))
            fine = await r.box.add(start("30000302", clock.now))
            assert await r.deliverer().flush() == 2
            assert sorted(r.outcomes()) == [(bad.id, "failed", 1), (fine.id, "delivered", 1)]
            failed = await r.box.get(bad.id)
            assert failed is not None
            assert (failed.state, failed.answer_code) == ("failed", 409)
            assert failed.last_error == "server answered code 409: room 30000301 is not live"
            waiting = await r.box.get(held.id)
            assert waiting is not None
            assert (waiting.state, waiting.attempts, waiting.blocked_by) == ("pending", 0, bad.id)

            await r.box.discard(bad.id)  # the operator drops it: the start may go
            assert await r.deliverer().flush() == 0
            assert r.outcomes()[-1] == (held.id, "delivered", 1)

    asyncio.run(go())


def test_a_missing_token_fails_with_a_message_asking_for_one(path: Path, clock: Clock) -> None:
    async def go(url: str) -> None:
        async with rig(path, url, clock) as r:
            entry = await r.box.add(start("30000401", clock.now))
            assert await r.deliverer().flush() == 1
            (event,) = r.events
            assert (event.outcome, event.code) == ("failed", 401)
            assert "needs a valid token" in event.message
            assert f"retry outbox entry {entry.id}" in event.message
        async with rig(path, url, clock, token="s3cret") as r:
            await r.box.retry(entry.id)
            assert await r.deliverer().flush() == 0

    with EmbeddedServer(token="s3cret") as guarded:
        asyncio.run(go(guarded.url))


def test_server_down_backs_off_across_restarts_then_delivers(
    tmp_path: Path, path: Path, clock: Clock
) -> None:
    db = str(tmp_path / "server.sqlite3")
    first = EmbeddedServer(db=db)
    first.start()
    url, port = first.url, int(first.url.rsplit(":", 1)[1])
    first.stop()  # the network is down from here on
    room = "30000501"

    async def while_down() -> int:
        async with rig(path, url, clock) as r:
            entry = await r.box.add(start(room, clock.now))
            deliverer = r.deliverer()
            assert await deliverer.flush() == 1
            clock.now += 500
            assert await deliverer.flush() == 1
            assert [(e.outcome, e.attempt) for e in r.events] == [("retrying", 1), ("retrying", 2)]
            assert "cannot reach server" in r.events[0].message
            # rand=0 gives half of each doubling step: 0.5 s, then 1 s.
            assert r.events[1].next_attempt_ms == clock.now + 1_000
            return entry.id

    async def after_restart(entry_id: int) -> None:
        async with rig(path, url, clock) as r:
            waiting = await r.box.get(entry_id)
            assert waiting is not None
            assert waiting.next_attempt_ms == clock.now + 1_000  # the backoff was kept
            assert await r.deliverer().flush() == 1
            assert r.events == []  # not due yet: nothing was tried
            clock.now += 1_000
            assert await r.deliverer().flush() == 0
            assert r.outcomes() == [(entry_id, "delivered", 3)]
            assert await record_count(r.client, room) == 1

    entry_id = asyncio.run(while_down())
    with EmbeddedServer(port=port, db=db):
        asyncio.run(after_restart(entry_id))


def test_the_running_deliverer_sends_what_is_kicked(
    server: EmbeddedServer, path: Path, clock: Clock
) -> None:
    async def go() -> None:
        async with rig(path, server.url, clock) as r:
            arrived = asyncio.Event()
            deliverer = Deliverer(r.box, r.client, on_event=lambda e: arrived.set(), clock=clock)
            task = deliverer.start()
            await asyncio.sleep(0.05)  # idle: nothing queued yet
            await r.box.add(start("30000601", clock.now))
            deliverer.kick()
            await asyncio.wait_for(arrived.wait(), 10)
            await deliverer.stop()
            assert task.cancelled()
            assert (await r.box.counts())["delivered"] == 1

    asyncio.run(go())


# -- shapes a real server does not easily make ----------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "outcome", "next_in_ms"),
    [
        (answer(503, "overloaded", **{"Retry-After": "7"}), "retrying", 7_000),
        (answer(429, "slow down", **{"Retry-After": "2"}), "retrying", 2_000),
        (answer(500, "boom"), "retrying", 500),
        (httpx.Response(502, text="<html>bad gateway</html>"), "retrying", 500),
        (httpx.Response(200, text="<html>captive portal</html>"), "retrying", 500),
        (answer(400, "startTime: must be a 64-bit integer"), "failed", None),
        (httpx.Response(200, json={"code": 409, "message": "room 1 is live"}), "failed", None),
    ],
)
def test_what_is_retried_and_what_fails(
    path: Path, clock: Clock, reply: httpx.Response, outcome: str, next_in_ms: int | None
) -> None:
    requests: list[bytes] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request.content)
        return reply

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            entry = await r.box.add(start("1", clock.now))
            await r.deliverer().flush()
            (event,) = r.events
            assert event.outcome == outcome
            expected = None if next_in_ms is None else clock.now + next_in_ms
            assert event.next_attempt_ms == expected
            assert requests == [entry.body]  # one POST per try, the stored bytes exactly

    asyncio.run(go())


def test_a_connection_reset_is_retried(path: Path, clock: Clock) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset by peer", request=request)

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            await r.box.add(stop("1", clock.now))
            assert await r.deliverer().flush() == 1
            (event,) = r.events
            assert (event.outcome, event.code) == ("retrying", None)
            assert "connection reset by peer" in event.message

    asyncio.run(go())


def test_when_the_server_answers_again_what_waits_on_a_connection_goes_at_once(
    path: Path, clock: Clock
) -> None:
    replies: list[Exception | httpx.Response] = [httpx.ConnectError("refused"), answer(200)]

    async def handler(request: httpx.Request) -> httpx.Response:
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        if isinstance(reply, Exception):
            raise reply
        return reply

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            first = await r.box.add(start("1", clock.now))
            second = await r.box.add(start("2", clock.now))
            assert await r.deliverer(concurrency=1).flush() == 0
            assert r.outcomes() == [
                (first.id, "retrying", 1),
                (second.id, "delivered", 1),
                (first.id, "delivered", 2),
            ]

    asyncio.run(go())


def test_concurrency_is_bounded_and_each_room_keeps_its_order(path: Path, clock: Clock) -> None:
    busy = peak = 0
    seen: list[tuple[str, str]] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal busy, peak
        busy += 1
        peak = max(peak, busy)
        await asyncio.sleep(0.01)
        body = json.loads(request.content)
        seen.append((body["roomId"], request.url.path.rsplit("/", 1)[1]))
        busy -= 1
        return answer(200)

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            for room in range(8):
                await r.box.add(start(str(room + 1), clock.now))
                await r.box.add(stop(str(room + 1), clock.now + 1))
            assert await r.deliverer(concurrency=3).flush() == 0

    asyncio.run(go())
    assert peak == 3
    for room in range(8):
        assert [kind for r, kind in seen if r == str(room + 1)] == ["start", "stop"]


def test_a_flush_that_times_out_puts_the_send_back(path: Path, clock: Clock) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()  # the server never answers
        raise AssertionError("unreachable")

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            entry = await r.box.add(start("1", clock.now))
            assert await r.deliverer().flush(timeout=0.1) == 1
            back = await r.box.get(entry.id)
            assert back is not None
            assert (back.state, back.attempts) == ("pending", 1)
            assert r.events == []

    asyncio.run(go())


def test_the_running_deliverer_sleeps_until_the_next_try_is_due(path: Path, clock: Clock) -> None:
    naps: list[float] = []
    napping = asyncio.Event()

    async def sleep(seconds: float) -> None:
        naps.append(seconds)
        napping.set()
        await asyncio.Event().wait()  # until cancelled

    async def handler(request: httpx.Request) -> httpx.Response:
        return answer(503, "maintenance", **{"Retry-After": "7"})

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            await r.box.add(start("1", clock.now))
            deliverer = r.deliverer(sleep=sleep)
            deliverer.start()
            # Until the nap after the try: it may come before or after this task sees the event.
            while not (r.events and naps[-1] == 7.0):
                await asyncio.wait_for(napping.wait(), 10)
                napping.clear()
            await deliverer.stop()
            assert [e.outcome for e in r.events] == ["retrying"]

    asyncio.run(go())


def test_a_broken_listener_does_not_stop_delivery(path: Path, clock: Clock) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return answer(200)

    def listener(event: DeliveryEvent) -> None:
        raise RuntimeError("the event log is broken")

    async def go() -> None:
        async with mock_rig(path, clock, handler) as r:
            await r.box.add(start("1", clock.now))
            await r.box.add(stop("1", clock.now + 1))
            assert await Deliverer(r.box, r.client, on_event=listener, clock=clock).flush() == 0

    asyncio.run(go())


def test_backoff_doubles_to_its_cap_and_honours_retry_after() -> None:
    backoff = Backoff(first_s=1.0, cap_s=300.0)
    assert [backoff.delay_s(n, None, 0.0) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert [backoff.delay_s(n, None, 0.999) for n in (1, 2)] == pytest.approx([0.9995, 1.999])
    assert backoff.delay_s(10_000, None, 0.0) == 150.0
    assert backoff.delay_s(10_000, None, 0.999999) == pytest.approx(300.0)
    assert backoff.delay_s(3, 42.0, 0.7) == 42.0
    assert backoff.delay_s(3, 86_400.0, 0.7) == 300.0
    assert backoff.delay_s(3, 0.0, 0.7) == 0.5

"""The report desk against the real embedded server: stored first, then delivered, or kept."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.api.settings import ClientSettings
from qiemonitor.core.delivery import DeliveryEvent
from qiemonitor.core.outbox import Outbox
from qiemonitor.core.report_desk import ReportDesk
from qiemonitor.server import EmbeddedServer

T0 = 1_700_000_000_000


def _start(room: str, at: int = T0) -> StartReport:
    return StartReport(
        start_time=at,
        category_id=198,
        user_id=42,
        user_name="主播",
        title="测试",
        room_id=room,
        ip="127.0.0.1",
    )


def _stop(room: str, at: int) -> StopReport:
    return StopReport(room_id=room, user_id=42, end_time=at, ip="127.0.0.1")


def _client(url: str, timeout: float = 2.0) -> StreamClient:
    return StreamClient(ClientSettings(base_url=url, retries=0, timeout=timeout))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_report_is_delivered_on_its_first_try(tmp_path: Path) -> None:
    events: list[DeliveryEvent] = []
    changes: list[None] = []

    async def scenario(url: str) -> None:
        async with _client(url) as client:
            desk = await ReportDesk.open(
                tmp_path / "outbox.sqlite3",
                client,
                on_event=events.append,
                on_changed=lambda: changes.append(None),
            )
            desk.start()
            receipt = await desk.submit(_start("501"))
            assert receipt.outcome == "delivered"
            assert receipt.entry.answer_code == 200
            assert receipt.event is not None
            assert receipt.event.outcome == "delivered"
            info = await client.info("501")
            assert info.stream.status == 1
            assert info.stream.start_time == T0
            assert await desk.undelivered() == 0
            await desk.aclose()

    with EmbeddedServer(demo=False) as server:
        asyncio.run(scenario(server.url))
    assert [event.outcome for event in events] == ["delivered"]
    assert len(changes) >= 2  # stored, then delivered


def test_a_rejected_report_is_kept_as_failed_and_holds_back_its_room(tmp_path: Path) -> None:
    async def scenario(url: str) -> None:
        async with _client(url) as client:
            desk = await ReportDesk.open(tmp_path / "outbox.sqlite3", client)
            desk.start()
            assert (await desk.submit(_start("502"))).outcome == "delivered"
            rejected = await desk.submit(_start("502", T0 + 5))  # live with another startTime
            assert rejected.outcome == "failed"
            assert rejected.entry.answer_code == 409
            assert "502" in (rejected.entry.last_error or "")
            behind = await desk.submit(_stop("502", T0 + 60_000))
            assert behind.outcome == "queued"
            assert behind.event is None
            assert behind.entry.blocked_by == rejected.entry.id
            await desk.discard(rejected.entry.id)  # the operator drops it: the stop goes
            for _ in range(100):
                if await desk.undelivered() == 0:
                    break
                await asyncio.sleep(0.05)
            assert (await client.info("502")).stream.status == 100
            await desk.aclose()

    with EmbeddedServer(demo=False) as server:
        asyncio.run(scenario(server.url))


def test_an_outage_queues_the_report_and_the_next_start_delivers_it(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"

    async def while_down() -> None:
        async with _client(url) as client:
            desk = await ReportDesk.open(path, client)
            desk.start()
            receipt = await desk.submit(_start("503"))
            assert receipt.outcome == "queued"
            assert receipt.event is not None
            assert receipt.event.outcome == "retrying"
            assert receipt.event.next_attempt_ms is not None
            await desk.aclose(flush_s=0.5)  # the last pass fails too: it stays in the file

    asyncio.run(while_down())
    with Outbox(path) as box:
        assert [entry.state for entry in box.entries()] == ["pending"]

    async def after_restart() -> None:
        async with _client(url) as client:
            desk = await ReportDesk.open(path, client)
            await desk.send_now()  # skip the backoff the outage left
            desk.start()
            for _ in range(200):
                if await desk.undelivered() == 0:
                    break
                await asyncio.sleep(0.05)
            assert (await client.info("503")).stream.status == 1
            await desk.aclose()

    with EmbeddedServer(port=port, demo=False):
        asyncio.run(after_restart())
    with Outbox(path) as box:
        assert [entry.state for entry in box.entries()] == ["delivered"]


def test_switching_servers_never_sends_a_report_to_the_other_one(tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{_free_port()}"

    async def scenario(url: str) -> None:
        async with _client(down) as old, _client(url) as new:
            desk = await ReportDesk.open(tmp_path / "outbox.sqlite3", old)
            desk.start()
            assert (await desk.submit(_start("505"))).outcome == "queued"
            await desk.set_client(new)
            await desk.send_now()
            assert (await desk.submit(_start("506"))).outcome == "delivered"
            [left] = await desk.box.entries(["pending", "sending"])
            assert (left.room_id, left.server) == ("505", down)
            rooms = {record.room_id for record in await new.all_rooms()}
            assert rooms == {"506"}
            await desk.aclose()

    with EmbeddedServer(demo=False) as server:
        asyncio.run(scenario(server.url))

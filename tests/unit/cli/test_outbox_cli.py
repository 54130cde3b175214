"""``outbox`` and ``--queue`` through a real subprocess, against the real embedded server."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StatusKind
from qiemonitor.api.settings import ClientSettings
from qiemonitor.server import EmbeddedServer

START = ("--user-name", "主播", "--title", "开播", "--category-id", "1", "--ip", "192.0.2.7")


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as running:
        yield running


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox.sqlite3"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QIEMONITOR_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "qiemonitor", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=60,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def one_line_failure(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def listed(outbox: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = json.loads(
        ok(cli("outbox", "list", "--json", "--outbox", str(outbox)))
    )
    return entries


def room_state(url: str, room: str) -> tuple[StatusKind, int]:
    async def go() -> tuple[StatusKind, int]:
        async with StreamClient(ClientSettings(base_url=url)) as client:
            info = await client.info(room)
            return info.stream.kind, (await client.records(room)).total

    return asyncio.run(go())


def test_reports_queued_while_the_server_is_down_are_flushed_when_it_is_back(
    tmp_path: Path, outbox: Path
) -> None:
    db = str(tmp_path / "server.sqlite3")
    with EmbeddedServer(db=db) as first:
        url = first.url
    port = int(url.rsplit(":", 1)[1])
    room = ("--room", "40000001", "--user-id", "7", "--server", url, "--outbox", str(outbox))

    started = cli("start", *room, *START, "--start-time", "1700000000000", "--queue")
    line = one_line_failure(started, 75)
    assert started.stdout == ""
    assert line.startswith("qiemonitor: report queued (outbox id 1): cannot reach server at ")
    stopped = cli("stop", *room, "--end-time", "1700000060000", "--ip", "192.0.2.7", "--queue")
    assert one_line_failure(stopped, 75) == (
        "qiemonitor: report queued (outbox id 2): waiting behind outbox entry 1"
    )
    queued = listed(outbox)
    assert [(e["id"], e["kind"], e["state"], e["blocked_by"]) for e in queued] == [
        (1, "start", "pending", None),
        (2, "stop", "pending", 1),
    ]
    assert queued[0]["report"] == {
        "startTime": 1700000000000,
        "categoryId": 1,
        "userId": 7,
        "userName": "主播",
        "title": "开播",
        "roomId": "40000001",
        "ip": "192.0.2.7",
    }

    with EmbeddedServer(port=port, db=db):
        flushed = ok(cli("outbox", "flush", "--server", url, "--outbox", str(outbox)))
        assert flushed.strip() == "delivered 2; nothing is left to send"
        assert room_state(url, "40000001") == (StatusKind.ENDED, 1)
    assert [(e["state"], e["answer_code"]) for e in listed(outbox)] == [
        ("delivered", 200),
        ("delivered", 200),
    ]


def test_a_queued_report_goes_at_once_when_the_server_is_up(
    server: EmbeddedServer, outbox: Path
) -> None:
    env = {"QIEMONITOR_OUTBOX": str(outbox), "QIEMONITOR_SERVER": server.url}
    room = ("--room", "40000101", "--user-id", "7")
    started = ok(cli("start", *room, *START, "--queue", env=env))
    assert started.strip() == "server answered code 200: SUCCESS (outbox id 1)"
    stopped = ok(cli("stop", *room, "--ip", "192.0.2.7", "--queue", "--json", env=env))
    assert json.loads(stopped) == {"code": 200, "message": "SUCCESS", "outbox_id": 2}
    assert "delivered" in ok(cli("outbox", env=env))
    assert ok(cli("outbox", "flush", env=env)).strip() == "delivered 0; nothing is left to send"


def test_a_rejected_report_exits_1_and_holds_back_its_room(
    server: EmbeddedServer, outbox: Path
) -> None:
    env = {"QIEMONITOR_OUTBOX": str(outbox), "QIEMONITOR_SERVER": server.url}
    room = ("--room", "40000201", "--user-id", "7")
    rejected = cli("stop", *room, "--ip", "192.0.2.7", "--queue", env=env)
    assert one_line_failure(rejected, 1) == (
        "qiemonitor: server answered code 409: room 40000201 is not live"
        " (kept as outbox entry 1: retry or discard it)"
    )
    held = cli("start", *room, *START, "--queue", env=env)
    line = one_line_failure(held, 75)
    assert line.startswith(
        "qiemonitor: report queued (outbox id 2): waiting behind outbox entry 1,"
    )
    assert line.endswith(
        "which failed (server answered code 409: room 40000201 is not live): retry or discard it"
    )

    table = ok(cli("outbox", "list", env=env)).splitlines()
    assert table[0].split() == ["ID", "STATE", "KIND", "ROOM", "TRIES", "AGE", "NOTE"]
    assert table[1].split()[:5] == ["1", "failed", "stop", "40000201", "1"]
    assert "waiting behind #1" in table[2]
    assert "holds back its room's later reports" in table[-1]
    flushed = one_line_failure(cli("outbox", "flush", env=env), 1)
    assert "1 failed, 1 still queued; #1: server answered code 409" in flushed

    assert ok(cli("outbox", "discard", "1", env=env)).strip() == (
        "discarded outbox entry 1 (stop, room 40000201)"
    )
    assert ok(cli("outbox", "flush", env=env)).strip() == "delivered 1; nothing is left to send"


def test_retry_and_discard_refuse_unknown_and_delivered_entries(
    server: EmbeddedServer, outbox: Path
) -> None:
    env = {"QIEMONITOR_OUTBOX": str(outbox), "QIEMONITOR_SERVER": server.url}
    ok(cli("start", "--room", "40000301", "--user-id", "7", *START, "--queue", env=env))
    for action in ("retry", "discard"):
        assert one_line_failure(cli("outbox", action, "9", env=env), 65) == (
            "qiemonitor: no outbox entry 9"
        )
        delivered = one_line_failure(cli("outbox", action, "1", env=env), 65)
        assert "outbox entry 1 was delivered; delivered entries are history" in delivered
        one_line_failure(cli("outbox", action, env=env), 2)
        one_line_failure(cli("outbox", action, "x", env=env), 2)
    one_line_failure(cli("outbox", "list", "1", env=env), 2)


def test_a_failed_entry_retried_goes_when_flushed(tmp_path: Path, outbox: Path) -> None:
    env = {"QIEMONITOR_OUTBOX": str(outbox)}
    with EmbeddedServer(token="s3cret") as guarded:
        room = ("--room", "40000401", "--user-id", "7", "--server", guarded.url)
        line = one_line_failure(cli("start", *room, *START, "--queue", env=env), 1)
        assert "server answered code 401" in line
        assert "needs a valid token" in line
        assert "retry outbox entry 1" in line
        assert "is due again" in ok(cli("outbox", "retry", "1", env=env))
        flushed = cli("outbox", "flush", "--server", guarded.url, "--token", "s3cret", env=env)
        assert ok(flushed).strip() == "delivered 1; nothing is left to send"


def test_an_unusable_outbox_file_is_one_line_and_left_alone(tmp_path: Path) -> None:
    garbage = tmp_path / "outbox.sqlite3"
    garbage.write_bytes(b"not a database\n" * 100)
    for args in (("outbox", "list"), ("start", "--room", "1", "--user-id", "7", *START, "--queue")):
        line = one_line_failure(cli(*args, "--outbox", str(garbage)), 74)
        assert str(garbage) in line
        assert "not a database" in line
    assert garbage.read_bytes() == b"not a database\n" * 100


def test_an_empty_outbox_lists_and_flushes_quietly(outbox: Path) -> None:
    assert ok(cli("outbox", "--outbox", str(outbox))).strip() == "the outbox is empty"
    assert json.loads(ok(cli("outbox", "--json", "--outbox", str(outbox)))) == []
    summary = json.loads(ok(cli("outbox", "flush", "--json", "--outbox", str(outbox))))
    assert summary == {"delivered": 0, "pending": 0, "failed": 0, "events": []}

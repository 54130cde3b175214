"""The command line through a real subprocess against the real embedded server."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from qiemonitor.server import EmbeddedServer

SAMPLE = Path(__file__).parents[2] / "data" / "seed-sample-response.json"


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer(demo=True, seed=3, demo_rooms=30, demo_interval=None) as running:
        yield running


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


def one_line_failure(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_rooms_prints_a_table(server: EmbeddedServer) -> None:
    result = cli("rooms", "--server", server.url)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ROOM", "STATUS", "USER", "TITLE", "CATEGORY", "START", "DURATION"]
    assert len(rows) == 30  # demo_rooms counts the sample too
    assert any(row.startswith("10002625") and "安哥拉男子足球队" in row for row in rows)


def test_rooms_json_filters_by_status(server: EmbeddedServer) -> None:
    result = cli("--server", server.url, "rooms", "--status", "ended", "--json")
    assert result.returncode == 0, result.stderr
    rooms = json.loads(result.stdout)
    assert rooms
    assert {room["status"] for room in rooms} == {100}
    assert "roomId" in rooms[0]


def test_show_json_is_the_result_as_the_server_sent_it(server: EmbeddedServer) -> None:
    result = cli("show", "10002625", "--json", "--server", server.url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(SAMPLE.read_bytes())["result"]


def test_show_lists_every_field_and_the_renditions(server: EmbeddedServer) -> None:
    result = cli("show", "10002625", env={"QIEMONITOR_SERVER": server.url})
    assert result.returncode == 0, result.stderr
    stream = json.loads(SAMPLE.read_bytes())["result"]["stream"]
    names = {line.split()[0] for line in result.stdout.splitlines() if line and line[0] != " "}
    assert set(stream) <= names
    assert "renditions: 3" in result.stdout
    assert "live-10002625rATSDQFg--20161022005023-1080.m3u8" in result.stdout


def test_start_and_stop_report_what_the_server_answered(server: EmbeddedServer) -> None:
    common = ("--room", "30000001", "--user-id", "7", "--server", server.url)
    started = cli(
        "start",
        *common,
        "--user-name",
        "主播",
        "--title",
        "开播测试",
        "--category-id",
        "1",
        "--start-time",
        "1700000000000",
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "server answered code 200: SUCCESS (result: OK)"
    stopped = cli("stop", *common, "--end-time", "1700000060000", "--json")
    assert stopped.returncode == 0, stopped.stderr
    assert json.loads(stopped.stdout) == {"code": 200, "message": "SUCCESS", "result": "OK"}
    again = cli("stop", *common, "--end-time", "1700000099000")
    line = one_line_failure(again, 1)
    assert line == "qiemonitor: server answered code 409: room 30000001 is not live"


def test_unknown_room_exits_1(server: EmbeddedServer) -> None:
    line = one_line_failure(cli("show", "99999999", "--server", server.url), 1)
    assert "code 404" in line


@pytest.mark.parametrize(
    "args",
    [
        ("show",),
        ("show", "abc"),
        ("start", "--room", "1"),
        ("stop", "--room", "1", "--user-id", "x"),
        ("rooms", "--status", "sleeping"),
        ("--timeout", "0", "rooms"),
        ("--server", "ftp://x", "rooms"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    one_line_failure(cli(*args), 2)


def test_unreachable_server_exits_69() -> None:
    with EmbeddedServer() as gone:
        url = gone.url
    line = one_line_failure(cli("rooms", "--server", url, "--timeout", "2"), 69)
    assert "cannot reach server" in line


class _Malformed(http.server.BaseHTTPRequestHandler):
    body = b"{}"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b"<html>proxy error</html>", "not valid JSON"),
        (b'{"message": "SUCCESS"}', "no field `code`"),
        (
            b'{"code":200,"message":"SUCCESS","result":{"stream":{"roomId":"1","userId":"7"}}}',
            "$.result.stream.userId",
        ),
    ],
)
def test_malformed_answers_exit_76_naming_the_problem(body: bytes, named: str) -> None:
    handler = type("Handler", (_Malformed,), {"body": body})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        line = one_line_failure(cli("show", "1", "--server", url), 76)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
    assert named in line


def test_the_token_is_never_echoed() -> None:
    with EmbeddedServer(token="right-token") as guarded:
        result = cli("rooms", "--server", guarded.url, "--token", "wrong-token-value", "-v")
    assert result.returncode == 1
    assert "wrong-token-value" not in result.stderr + result.stdout


def test_version_and_help() -> None:
    assert cli("--version").stdout.startswith("qiemonitor ")
    assert "serve" in cli("--help").stdout


def test_a_reader_that_goes_away_ends_the_output_quietly(server: EmbeddedServer) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QIEMONITOR_")}
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has already exited
    try:
        result = subprocess.run(
            [sys.executable, "-m", "qiemonitor", "rooms", "--server", server.url],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141


def test_a_subcommand_usage_error_names_the_subcommand_once() -> None:
    line = one_line_failure(cli("serve", "--port", "abc"), 2)
    assert line == "qiemonitor: serve: argument --port: not a port number: 'abc' (see --help)"

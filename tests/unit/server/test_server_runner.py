"""EmbeddedServer and serve(): real ports, clean starts and stops, one listening line."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from server_helpers import Api, client_for

from qiemonitor.server import EmbeddedServer, serve

REPO = Path(__file__).resolve().parents[3]
LISTENING = re.compile(r"qiemonitor server listening on http://127\.0\.0\.1:(\d+)\n")


def test_port_zero_gives_a_real_port_and_stop_leaves_no_threads() -> None:
    before = set(threading.enumerate())
    server = EmbeddedServer(port=0)
    server.start()
    match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)", server.url)
    assert match
    assert int(match.group(1)) > 0
    with client_for(server.url) as client:
        assert Api(client).post("list", {}).status == 200
    server.stop()
    server.stop()  # a second stop is harmless
    assert set(threading.enumerate()) == before
    with pytest.raises(RuntimeError, match="not started"):
        server.url  # noqa: B018


def test_a_server_that_cannot_open_its_database_fails_to_start(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    server = EmbeddedServer(db=str(tmp_path / "missing" / "folder" / "x.sqlite3"))
    with pytest.raises(RuntimeError, match="did not start"):
        server.start()
    assert set(threading.enumerate()) == before


def test_serve_reports_a_bad_database_path_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("not a folder")
    assert serve("127.0.0.1", 0, db=str(tmp_path / "file" / "x.sqlite3")) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("qiemonitor server: cannot start: ")
    assert err.count("\n") == 1


def test_serve_reports_a_port_in_use(
    server: EmbeddedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    assert serve("127.0.0.1", port, db=":memory:") == 1
    assert "cannot start" in capsys.readouterr().err


def _serve_process(*arguments: str) -> subprocess.Popen[str]:
    code = (
        "import sys; from qiemonitor.server import serve; "
        f"sys.exit(serve('127.0.0.1', 0, db=':memory:', {', '.join(arguments)}))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_its_real_port_and_stops_cleanly(stop_with: signal.Signals) -> None:
    process = _serve_process("demo=True", "demo_rooms=50", "demo_interval=0.05")
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = LISTENING.fullmatch(line)
        assert match, line
        url = f"http://127.0.0.1:{match.group(1)}"
        response = httpx.post(f"{url}/api/v1/live/list", json={}, timeout=10)
        assert response.json()["result"]["total"] == 50
        process.send_signal(stop_with)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert (process.returncode, out, err) == (0, "", "")

"""The API token never shows: in a DEBUG log of real requests, an error's text, ``-v`` output.

The server is ``qiemonitor serve --token`` in its own process (its own ``-v``
stderr is checked too); the client sends the right token and a wrong one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from qiemonitor.api.client import StreamClient
from qiemonitor.api.errors import ServerUnreachable, Unauthorized
from qiemonitor.api.settings import ClientSettings
from qiemonitor.logs import LOG_FILE, setup_logging

TOKEN = "srv-tok-8c41d7e2"
WRONG = "wrong-tok-55af09"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QIEMONITOR_")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``qiemonitor -v serve --token TOKEN`` on 127.0.0.1: its URL and its stderr file."""
    folder = tmp_path_factory.mktemp("token-server")
    stderr = folder / "stderr.txt"
    args = [sys.executable, "-m", "qiemonitor", "-v", "serve", "--host", "127.0.0.1"]
    args += ["--port", "0", "--db", ":memory:", "--token", TOKEN]
    with stderr.open("w", encoding="utf-8") as err:
        process = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=_env(QIEMONITOR_LOG_DIR=str(folder / "log")),
        )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on" in line, stderr.read_text(encoding="utf-8")
        yield line.rsplit(" ", 1)[-1].strip(), folder
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """Everything at DEBUG into a log file of this test's, undone afterwards."""
    root = logging.getLogger()
    level = root.level
    path = setup_logging(True, log_dir=tmp_path)
    assert path is not None
    yield path
    for handler in [h for h in root.handlers if h.get_name() == "qiemonitor"]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


async def _list_with(url: str, token: str) -> Exception | None:
    async with StreamClient(ClientSettings(base_url=url, token=token, retries=0)) as client:
        try:
            await client.list_rooms()
        except Exception as error:
            return error
    return None


def test_a_debug_log_of_real_requests_never_shows_the_token(
    token_server: tuple[str, Path], debug_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = token_server
    assert asyncio.run(_list_with(url, TOKEN)) is None
    assert isinstance(asyncio.run(_list_with(url, WRONG)), Unauthorized)
    text = debug_log.read_text(encoding="utf-8")
    assert "send_request_headers" in text  # httpcore's DEBUG lines were captured
    assert f'HTTP Request: POST {url}/api/v1/live/list "HTTP/1.1 401 Unauthorized"' in text
    for output in (text, capsys.readouterr().err):
        assert TOKEN not in output
        assert WRONG not in output


def test_an_unauthorized_error_never_shows_the_token(token_server: tuple[str, Path]) -> None:
    url, _ = token_server
    error = asyncio.run(_list_with(url, WRONG))
    assert isinstance(error, Unauthorized)
    assert str(error) == "server answered code 401: missing or wrong token"
    shown = [str(error), repr(error), "".join(traceback.format_exception(error))]
    shown.append(repr(ClientSettings(base_url=url, token=WRONG)))
    for text in shown:
        assert WRONG not in text
        assert TOKEN not in text


def test_credentials_in_the_server_url_stay_out_of_errors() -> None:
    # Port 1 on loopback: refused at once, so the message names the URL.
    error = asyncio.run(_list_with("http://operator:pa55word@127.0.0.1:1", TOKEN))
    assert isinstance(error, ServerUnreachable)
    assert "http://127.0.0.1:1/api/v1/live/list" in str(error)
    assert "pa55word" not in str(error)


@pytest.mark.parametrize("token", [TOKEN, WRONG])
def test_cli_verbose_output_never_shows_the_token(
    token_server: tuple[str, Path], tmp_path: Path, token: str
) -> None:
    url, _ = token_server
    env = _env(QIEMONITOR_LOG_DIR=str(tmp_path), QIEMONITOR_TOKEN=token)
    for how in (["--token", token], []):  # on the command line, and from the environment
        result = subprocess.run(
            [sys.executable, "-m", "qiemonitor", "-v", "rooms", "--server", url, *how],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
            check=False,
        )
        assert result.returncode == (0 if token == TOKEN else 1), result.stderr
        assert "DEBUG" in result.stderr  # -v was on
        assert token not in result.stderr
        assert token not in result.stdout
    assert token not in (tmp_path / LOG_FILE).read_text(encoding="utf-8")


def test_the_servers_own_verbose_output_never_shows_the_token(
    token_server: tuple[str, Path],
) -> None:
    _, folder = token_server
    assert TOKEN not in (folder / "stderr.txt").read_text(encoding="utf-8")
    assert TOKEN not in (folder / "log" / LOG_FILE).read_text(encoding="utf-8")

"""The real app as a process: `qiemonitor --screenshot` on the embedded server, and `--demo`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.slow

_QT_NOISE = "propagateSizeHints"  # the offscreen platform's harmless complaint


def _run(tmp_path: Path, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # QSettings and config.toml
        XDG_DATA_HOME=str(tmp_path / "data"),  # the demo server's database
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return subprocess.run(
        [sys.executable, "-m", "qiemonitor", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line and _QT_NOISE not in line]


def test_screenshot_of_a_selected_room(tmp_path: Path, still_demo_server: Any) -> None:
    shot = tmp_path / "shot.png"
    result = _run(
        tmp_path,
        "--server",
        still_demo_server.url,
        "--select",
        "10002625",
        "--screenshot",
        str(shot),
    )
    assert result.returncode == 0, result.stderr
    assert _errors(result) == []
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 800


def test_screenshot_without_a_server_fails_in_one_line(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = _run(
        tmp_path, "--server", "http://127.0.0.1:9", "--screenshot", str(shot), "--timeout", "2"
    )
    assert result.returncode == 1
    errors = _errors(result)
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("qiemonitor: no poll succeeded within 2 s: cannot reach server")
    assert not shot.exists()


def test_demo_starts_its_own_server_and_stops_it(tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    result = _run(tmp_path, "--demo", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert _errors(result) == []
    assert not QImage(str(shot)).isNull()
    assert _processes_with_env(f"XDG_DATA_HOME={tmp_path / 'data'}") == []


def test_a_report_left_in_the_outbox_is_delivered_when_the_app_starts(
    tmp_path: Path, changing_demo_server: Any
) -> None:
    from qiemonitor.api.models import StartReport
    from qiemonitor.core.outbox import Outbox

    outbox = tmp_path / "left-over.sqlite3"
    report = StartReport(
        start_time=1_700_000_000_000,
        category_id=1,
        user_id=7,
        user_name="主播",
        title="上次没发出去",
        room_id="770",
        ip="127.0.0.1",
    )
    with Outbox(outbox) as box:
        box.add(report)
    shot = tmp_path / "shot.png"
    result = _run(
        tmp_path,
        "--server",
        changing_demo_server.url,
        "--outbox",
        str(outbox),
        "--screenshot",
        str(shot),
    )
    assert result.returncode == 0, result.stderr
    with Outbox(outbox) as box:
        [entry] = box.entries()
    assert entry.state == "delivered"
    assert entry.answer_code == 200


def _processes_with_env(entry: str) -> list[int]:
    """Live processes whose environment holds ``entry`` (the demo server inherits ours)."""
    proc = Path("/proc")
    if not proc.is_dir():
        pytest.skip("needs /proc to look for a left-over demo server")
    found = []
    needle = entry.encode()
    for pid in proc.iterdir():
        if not pid.name.isdigit():
            continue
        try:
            environ = (pid / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(pid.name))
    return found

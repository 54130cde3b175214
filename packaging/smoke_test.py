"""Start the frozen build the way a field laptop first would, and check that it works.

    python packaging/smoke_test.py [dist/qiemonitor]

Steps, each one line of PASS or FAIL: the program reports its version; it
serves the demo server and answers ``rooms --status live`` against it; it opens
the window (offscreen) on its own demo server and saves a screenshot. It runs
with a fresh, empty user profile (on Linux and macOS) so that nothing left by
an earlier run can hide a first-run failure. Exit code 1 if any step failed.
Only the standard library is used, so any Python 3.11+ can run it.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"listening on (https?://\S+)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LIVE = 1  # the wire's status code for a live broadcast (API.md)


class SmokeFailure(Exception):
    """A step failed; the message says why in one line."""


class Frozen:
    """The frozen program, run with a fresh profile under ``home``."""

    def __init__(self, folder: Path, home: Path) -> None:
        name = "qiemonitor.exe" if sys.platform == "win32" else "qiemonitor"
        self.program = folder / name
        self.env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for variable in ("QIEMONITOR_SERVER", "QIEMONITOR_TOKEN", "QIEMONITOR_OUTBOX"):
            self.env.pop(variable, None)
        if sys.platform != "win32":  # platformdirs and QSettings follow these
            self.env["HOME"] = str(home)
            for kind in ("CONFIG", "DATA", "CACHE", "STATE"):
                self.env[f"XDG_{kind}_HOME"] = str(home / kind.lower())

    def run(self, *arguments: str, timeout: float) -> subprocess.CompletedProcess[str]:
        """Run to the end; a non-zero exit is a failure that quotes the last stderr line."""
        try:
            done = subprocess.run(
                [str(self.program), *arguments],
                env=self.env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SmokeFailure(f"no exit within {timeout:g} s") from None
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no error output"])[-1]
            raise SmokeFailure(f"exit code {done.returncode}: {last}")
        return done

    def start(self, *arguments: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [str(self.program), *arguments],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )


def _project_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def check_version(app: Frozen, _: Path) -> str:
    shown = app.run("--version", timeout=60).stdout.strip()
    expected = f"qiemonitor {_project_version()}"
    if shown != expected:
        raise SmokeFailure(f"printed {shown!r}, expected {expected!r}")
    return shown


def _read_lines(pipe: IO[str] | None, into: queue.Queue[str | None]) -> None:
    for line in pipe or ():
        into.put(line)
    into.put(None)


def _wait_for_url(server: subprocess.Popen[str], timeout: float) -> str:
    """Read the server's output in threads (pipes cannot be polled on Windows)."""
    lines: queue.Queue[str | None] = queue.Queue()
    errors: queue.Queue[str | None] = queue.Queue()
    for pipe, into in ((server.stdout, lines), (server.stderr, errors)):
        threading.Thread(target=_read_lines, args=(pipe, into), daemon=True).start()
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            said = [text.strip() for text in iter(errors.get, None) if text.strip()]
            raise SmokeFailure(f"the server exited: {said[-1] if said else 'no error output'}")
        if found := LISTENING.search(line):
            return found.group(1)
    raise SmokeFailure(f"the server did not say where it listens within {timeout:g} s")


def _stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        raise SmokeFailure("the server did not stop within 15 s of being told to") from None


def check_serve_and_rooms(app: Frozen, _: Path) -> str:
    server = app.start("serve", "--demo", "--port", "0", "--db", ":memory:")
    try:
        url = _wait_for_url(server, timeout=60)
        listed = app.run("rooms", "--status", "live", "--json", "--server", url, timeout=60)
    finally:
        if server.poll() is None:
            _stop(server)
    rooms = json.loads(listed.stdout)
    if not rooms or any(room.get("status") != LIVE for room in rooms):
        raise SmokeFailure(f"expected live rooms only, got {len(rooms)} rooms: {rooms[:1]}")
    return f"{len(rooms)} live rooms from {url}"


def check_window_screenshot(app: Frozen, scratch: Path) -> str:
    shot = scratch / "window.png"
    app.run("--demo", "--screenshot", str(shot), "--timeout", "60", timeout=180)
    if not shot.is_file():
        raise SmokeFailure(f"exit 0 but no file at {shot}")
    with shot.open("rb") as file:
        if file.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
            raise SmokeFailure(f"{shot} is not a PNG")
    return f"{shot.stat().st_size} byte PNG"


STEPS: tuple[tuple[str, Callable[[Frozen, Path], str]], ...] = (
    ("--version", check_version),
    ("serve --demo + rooms --status live", check_serve_and_rooms),
    ("--demo --screenshot (offscreen)", check_window_screenshot),
)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "dist" / "qiemonitor"
    failed = 0
    with tempfile.TemporaryDirectory(prefix="qiemonitor-smoke-") as scratch:
        app = Frozen(folder.resolve(), Path(scratch) / "home")
        if not app.program.is_file():
            print(f"FAIL no frozen program at {app.program} (run packaging/build.py)")
            return 1
        for name, step in STEPS:
            started = time.monotonic()
            try:
                detail = step(app, Path(scratch))
            except SmokeFailure as failure:
                failed += 1
                print(f"FAIL {name}: {failure}", flush=True)
            else:
                print(f"PASS {name}: {detail} ({time.monotonic() - started:.1f} s)", flush=True)
    print(f"{len(STEPS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

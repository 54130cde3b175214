"""Benchmark the GUI (issue 3); prints figures, asserts nothing.

Each figure is printed beside a baseline measured in the same run, so a noisy
machine moves both sides together:

1. Start-up: from process start to the room table painted with the first page
   of rooms, for ``python -m qiemonitor --server URL`` against a demo server
   that is already running (target: under 1.5 s), and for ``--demo`` end to end
   (its own server included). Baseline: a bare PySide6 process that shows an
   empty ``QMainWindow`` and exits after its first paint. The app reports the
   moment through ``QIEMONITOR_STARTUP_PROBE`` (qiemonitor/ui/startup_probe.py).
2. Polling 2,000 rooms every 2 s (the demo server changing a few rooms every
   3 s, a full resync every 60 s): the longest event-loop stall, seen by a 5 ms
   heartbeat ``QTimer`` (target: under 16 ms), with p50/p99/max of the gaps
   between ticks; and the GUI's CPU time over wall time (target: under 3%),
   measured in a second, heartbeat-free phase so the probe does not count
   itself. Baseline: the same heartbeat and CPU reading with the window shown
   and no polling. The window runs in this process, built as app.py builds it;
   the server runs in its own process so its CPU is not counted.

   The window is 1920x1080 with the table wide enough for every column, so
   the 1 s clock repaints its cells on screen; ``--sort COLUMN`` and
   ``--hide COLUMN`` set the table up otherwise. A stall is the gap between
   two heartbeat ticks, 5 ms included.

Run: ``.venv/bin/python tests/perf/bench_gui.py`` (about 5 minutes), or with
``--quick`` (10 s phases, 3 start-up runs) for a smoke run; ``--only startup``
or ``--only polling`` runs one figure. Qt runs on the offscreen platform unless
``QT_QPA_PLATFORM`` says otherwise (e.g. ``xcb`` under ``xvfb-run``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from demo_server import demo_server  # beside this file
from loop_meter import HEARTBEAT_MS, STALL_MS, Heartbeat, Phase, measure  # beside this file
from PySide6.QtCore import QMessageLogContext, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from qiemonitor.api.client import StreamClient
from qiemonitor.api.settings import ClientSettings
from qiemonitor.core.config import AppConfig
from qiemonitor.ui.main_window import MainWindow
from qiemonitor.ui.room_model import Column, RoomModel

STARTUP_TARGET, CPU_TARGET = 1.5, 0.03
POLL_ROOMS, POLL_INTERVAL = 2000, 2.0

_BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 860)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print(time.monotonic(), flush=True), app.quit()))
        return False
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""


# -- the server -------------------------------------------------------------


def isolated_env(home: Path) -> dict[str, str]:
    """Our own config, data and keyring: the benchmark never touches the user's."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=os.environ["QT_QPA_PLATFORM"],
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


# -- figure 1: start-up -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartRun:
    """One start: seconds from ``Popen`` to the rows painted (and to the first paint)."""

    rows_painted: float
    first_paint: float
    rows: int


def time_bare_window(env: dict[str, str]) -> StartRun:
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", _BARE_WINDOW], env=env, capture_output=True, text=True, check=True
    ).stdout
    painted = float(out.split()[0]) - started
    return StartRun(painted, painted, 0)


def time_app(args: list[str], env: dict[str, str], probe: Path, timeout: float = 60.0) -> StartRun:
    """Start the app, wait for its probe line, then close it as Ctrl+C would."""
    probe.unlink(missing_ok=True)
    env = dict(env, QIEMONITOR_STARTUP_PROBE=str(probe))
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "qiemonitor", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own group, so a --demo server child can be ended with it
    )
    try:
        while not probe.exists():
            if process.poll() is not None or time.monotonic() - started > timeout:
                err = process.stderr.read().decode() if process.stderr else ""
                raise SystemExit(f"qiemonitor {' '.join(args)} never painted rows: {err}")
            time.sleep(0.005)
        fields = probe.read_text(encoding="ascii").split()
    finally:
        _close(process)
    return StartRun(float(fields[1]) - started, float(fields[5]) - started, int(fields[3]))


def _close(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)  # app.py closes the window on SIGINT and shuts down
    try:
        process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        print(f"  (pid {process.pid} ignored SIGINT; killed)")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def bench_startup(runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="qiemonitor-bench-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)
        probe = home / "probe.txt"
        with demo_server(320, 3.0, env) as url:
            jobs: dict[str, Callable[[], StartRun]] = {
                "bare PySide6 window": lambda: time_bare_window(env),
                "qiemonitor --server URL": lambda: time_app(["--server", url], env, probe),
                "qiemonitor --demo": lambda: time_app(["--demo"], env, probe),
            }
            for job in jobs.values():  # warm the file cache; --demo seeds its database
                job()
            times: dict[str, list[StartRun]] = {name: [] for name in jobs}
            for _ in range(runs):  # interleaved, so drift hits every side alike
                for name, job in jobs.items():
                    times[name].append(job())
    report_startup(times, runs)


def report_startup(times: dict[str, list[StartRun]], runs: int) -> None:
    base = statistics.median(run.rows_painted for run in times["bare PySide6 window"])
    print(f"\n1. start-up: process start to the table painted with rooms ({runs} runs)")
    print(
        f"   platform {os.environ['QT_QPA_PLATFORM']}; --server: a 320-room demo server already"
        " up; --demo: starts its own; first paint: the table's first paint, rows or not"
    )
    for name, runs_of in times.items():
        rows = [run.rows_painted for run in runs_of]
        first = statistics.median(run.first_paint for run in runs_of)
        median = statistics.median(rows)
        extra = "" if name.startswith("bare") else f", {runs_of[-1].rows} rows"
        print(
            f"   {name:<24} median {median:.3f} s, worst {max(rows):.3f} s"
            f" ({median / base:.2f}x bare); first paint {first:.3f} s{extra}"
        )
    print(f"   target: --server under {STARTUP_TARGET} s")


# -- figure 2: polling --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """How the table is set up for the polling figure: its sort column and hidden columns."""

    sort: Column = Column.ROOM
    hidden: tuple[Column, ...] = ()

    def describe(self) -> str:
        hidden = ", ".join(column.name.lower() for column in self.hidden)
        shown = f"every column but {hidden}" if hidden else "every column"
        return f"{shown} shown, sorted by {self.sort.name.lower()}"


async def polling_phases(url: str, home: Path, seconds: float, layout: Layout) -> dict[str, Phase]:
    """Idle window, first load, then polling with and without the heartbeat; see the docstring."""
    client = StreamClient(ClientSettings(base_url=url))
    settings = QSettings(str(home / "qiemonitor.ini"), QSettings.Format.IniFormat)
    window = MainWindow(client, AppConfig(server_url=url, poll_interval=POLL_INTERVAL), settings)
    heartbeat = Heartbeat()
    phases: dict[str, Phase] = {}
    try:
        _show_table(window, layout)
        await asyncio.sleep(1.0)  # let the first show settle
        phases["idle"] = await measure(seconds, heartbeat)
        heartbeat.start()
        cpu, wall = time.process_time(), time.perf_counter()
        window.start_polling()
        await _all_listed(window.model, 60)
        await asyncio.sleep(POLL_INTERVAL)  # the first full sync's aftermath is start-up too
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        phases["first load"] = Phase(heartbeat.stop(), cpu / wall)
        phases["polling"] = await measure(seconds, heartbeat)
        phases["polling, no heartbeat"] = await measure(seconds, None)
    finally:
        await window.stop_polling()
        await window.thumbnails.aclose()
        await client.aclose()
        window.close()
    return phases


def _show_table(window: MainWindow, layout: Layout) -> None:
    """A full-HD window whose table is wide enough for every column (the ticking ones too)."""
    window.resize(1920, 1080)
    window.splitter.setSizes([1320, 600])
    window.table.sortByColumn(layout.sort, Qt.SortOrder.AscendingOrder)
    for column in layout.hidden:
        window.table.set_column_visible(column, False)
    window.show()


async def _all_listed(model: RoomModel, seconds: float) -> None:
    listed = asyncio.Event()

    def on_model_rows_inserted() -> None:
        if model.rowCount() >= POLL_ROOMS:
            listed.set()

    model.rowsInserted.connect(on_model_rows_inserted)
    try:
        async with asyncio.timeout(seconds):
            await listed.wait()
    except TimeoutError:
        raise SystemExit(f"the window did not list every room within {seconds:g} s") from None
    finally:
        model.rowsInserted.disconnect(on_model_rows_inserted)


def bench_polling(seconds: float, layout: Layout) -> None:
    app = QApplication(sys.argv[:1])
    qInstallMessageHandler(_quiet_offscreen)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with tempfile.TemporaryDirectory(prefix="qiemonitor-bench-") as tmp:
            home = Path(tmp)
            with demo_server(POLL_ROOMS, 3.0, isolated_env(home)) as url:
                phases = loop.run_until_complete(polling_phases(url, home, seconds, layout))
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    report_polling(phases, seconds, layout)


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform's harmless complaint
        print(message, file=sys.stderr)


def report_polling(phases: dict[str, Phase], seconds: float, layout: Layout) -> None:
    idle, busy = phases["idle"], phases["polling"]
    print(
        f"\n2. polling {POLL_ROOMS} rooms every {POLL_INTERVAL:g} s for {seconds:g} s"
        f" (demo server changing 1-3 rooms every 3 s, in its own process)"
    )
    print(
        f"   platform {os.environ['QT_QPA_PLATFORM']}; window 1920x1080, {layout.describe()};"
        f" heartbeat every {HEARTBEAT_MS} ms"
    )
    print(f"   gaps, idle window, no polling (baseline): {idle.stalls()}")
    print(f"   gaps, polling:                            {busy.stalls()}")
    print(
        f"   longest stall {busy.worst:.1f} ms = {busy.worst / idle.worst:.2f}x the baseline's"
        f" {idle.worst:.1f} ms (target < {STALL_MS:g} ms)"
    )
    quiet = phases["polling, no heartbeat"]
    print(
        f"   CPU time / wall time, polling without the heartbeat: {quiet.cpu:.2%}"
        f" (target < {CPU_TARGET:.0%}); with it {busy.cpu:.2%}; idle window with it {idle.cpu:.2%}"
    )
    first = phases["first load"]
    print(f"   (start-up, no target: first full load of {POLL_ROOMS} rooms, {first.stalls()})")


def _column(name: str) -> Column:
    try:
        return Column[name.upper()]
    except KeyError:
        names = ", ".join(column.name.lower() for column in Column)
        raise argparse.ArgumentTypeError(f"{name!r} is not a column ({names})") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s phases, 3 start-up runs")
    parser.add_argument("--only", choices=("startup", "polling"), help="run one figure")
    parser.add_argument(
        "--sort",
        type=_column,
        default=Column.ROOM,
        metavar="COLUMN",
        help="the polling figure's sort column (default: room, as the app starts)",
    )
    parser.add_argument(
        "--hide",
        type=_column,
        action="append",
        default=[],
        metavar="COLUMN",
        help="hide this column in the polling figure, as an operator can (repeatable)",
    )
    args = parser.parse_args()
    if args.only != "polling":
        bench_startup(runs=3 if args.quick else 5)
    if args.only != "startup":
        bench_polling(10.0 if args.quick else 60.0, Layout(args.sort, tuple(args.hide)))


if __name__ == "__main__":
    main()

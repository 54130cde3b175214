"""The reliability run (issue 4): nothing lost, nothing duplicated, the GUI never dies on its own.

A script that prints figures, not a test. In one temporary folder, on loopback only:

1. ``python -m qiemonitor serve --faults rate=R,seed=N`` on a fixed port, its
   database in a file so that restarts keep its state.
2. Start and stop reports for ``--rooms`` rooms, alternating per room with
   increasing times, written into the outbox file directly
   (``Outbox(path).add``) in waves while the GUI runs, as another process
   (the CLI) would.
3. The GUI, ``python -m qiemonitor --server URL --outbox PATH`` (offscreen,
   its settings, data and logs in the temporary folder, no keyring), which
   delivers the outbox and picks up each new wave within 5 s.
4. Meanwhile the GUI is SIGKILLed ``--kills`` times, each at a moment when
   entries are ``sending`` (or, failing that, pending) and restarted; the
   server is stopped and started again twice on the same port and database
   (once with SIGKILL, once with SIGTERM), a few seconds down each time.
5. Once every wave is in and the outbox holds nothing undelivered (or the
   ``--deadline`` passes), the GUI is closed with SIGINT (it must exit 0 within
   a few seconds) and the server stopped. Then the server's database is read:
   per room, each start exactly once and each stop applied once (status 100,
   the right endTime); a server without faults on the same database must
   answer ``records`` with the same. Every GUI exit must be one of our
   SIGKILLs or the final close, and no GUI may print anything (a traceback,
   a fatal error) to its stdout or stderr.

Run: ``.venv/bin/python tests/perf/reliability_run.py`` (1,000 reports, 100
rooms, a few minutes) or ``--quick`` (200 reports, 20 rooms, about a minute). Exits 0 when
every check holds, 1 otherwise (and keeps the folder for a look).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.outbox import Outbox

REPO = Path(__file__).resolve().parents[2]
BROADCAST_MS, GAP_MS = 300_000, 60_000
_QT_NOISE = "propagateSizeHints"


@dataclass
class Figures:
    """What the run counts as it goes."""

    gui_kills: list[str] = field(default_factory=list)  # the outbox's state at each kill
    gui_deaths: list[str] = field(default_factory=list)  # exits nobody asked for
    server_restarts: int = 0
    gui_starts: int = 0


class Child:
    """One process of the run, its output in a log file; killed by its own pid only."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as sink:
            self.popen = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT
            )

    def send(self, signum: int) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signum)

    def wait(self, timeout: float) -> int | None:
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


class Run:
    """The folder, the two processes and the outbox of one reliability run."""

    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args, self.folder = args, folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = folder / "server.sqlite3"
        self.outbox_path = folder / "outbox.sqlite3"
        self.env = _child_env(folder)
        self.server: Child | None = None
        self.gui: Child | None = None
        self.children: list[Child] = []
        self.figures = Figures()
        self.rng = random.Random(args.seed)

    def spawn(self, name: str, *arguments: str) -> Child:
        log = self.folder / f"{name}-{len(self.children)}.log"
        child = Child([sys.executable, "-m", "qiemonitor", *arguments], self.env, log)
        self.children.append(child)
        return child

    # -- the server ---------------------------------------------------------------

    def start_server(self, faults: str | None, port: int | None = None) -> Child:
        arguments = ["serve", "--port", str(self.port if port is None else port)]
        arguments += ["--db", str(self.db)]
        if faults:
            arguments += ["--faults", faults]
        server = self.spawn("server", *arguments)
        deadline = time.monotonic() + 30
        while "listening on" not in server.text():
            if server.popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {server.text().strip()}")
            time.sleep(0.05)
        return server

    def faults(self) -> str:
        return f"rate={self.args.rate},seed={self.args.seed + self.figures.server_restarts}"

    def restart_server(self) -> None:
        assert self.server is not None
        how = signal.SIGKILL if self.figures.server_restarts == 0 else signal.SIGTERM
        self.server.send(how)
        self.server.wait(30)
        time.sleep(3)  # down for a while: the GUI must back off and come back
        self.figures.server_restarts += 1
        self.server = self.start_server(self.faults())

    # -- the GUI ------------------------------------------------------------------

    def start_gui(self) -> None:
        self.figures.gui_starts += 1
        self.gui = self.spawn("gui", "--server", self.url, "--outbox", str(self.outbox_path))

    def check_gui(self) -> None:
        """A GUI that exited without our signal died on its own: count it and start another."""
        if self.gui is not None and self.gui.popen.poll() is not None:
            code = self.gui.popen.returncode
            self.figures.gui_deaths.append(f"exit {code}: {self.gui.log.name}")
            self.start_gui()

    def kill_gui(self, outbox: Outbox) -> None:
        """SIGKILL the GUI mid-delivery (entries sending, else pending), then start it again."""
        assert self.gui is not None
        give_up = time.monotonic() + 10
        counts = outbox.counts()
        while counts["sending"] == 0 and time.monotonic() < give_up:
            time.sleep(0.02)
            counts = outbox.counts()
        self.gui.send(signal.SIGKILL)
        self.gui.wait(10)
        self.figures.gui_kills.append(f"{counts['sending']} sending, {counts['pending']} pending")
        time.sleep(0.5)
        self.start_gui()

    def close_gui(self) -> str:
        """The final close: SIGINT, which must end the GUI with exit code 0 within seconds."""
        assert self.gui is not None
        began = time.monotonic()
        self.gui.send(signal.SIGINT)
        code = self.gui.wait(20)
        return f"exit {code} after {time.monotonic() - began:.1f} s"

    def stop_all(self) -> None:
        for child in self.children:
            if child.popen.poll() is None:
                child.send(signal.SIGKILL)
                child.wait(10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _child_env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_STATE_HOME=str(folder / "state"),
        XDG_CACHE_HOME=str(folder / "cache"),
        QIEMONITOR_LOG_DIR=str(folder / "logs"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        # Loopback only: anything not for 127.0.0.1 goes to a proxy that is not there.
        HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        NO_PROXY="127.0.0.1,localhost",
    )
    env.pop("ALL_PROXY", None)
    return env


# -- the reports ---------------------------------------------------------------------------


def rooms(count: int) -> list[str]:
    return [str(50_000_001 + n) for n in range(count)]


def expected(room_ids: list[str], broadcasts: int, t0: int) -> dict[str, list[tuple[int, int]]]:
    """Each room's broadcasts as ``(startTime, endTime)``, in order."""
    plan: dict[str, list[tuple[int, int]]] = {}
    for index, room in enumerate(room_ids):
        first = t0 + index
        starts = [first + n * (BROADCAST_MS + GAP_MS) for n in range(broadcasts)]
        plan[room] = [(start, start + BROADCAST_MS) for start in starts]
    return plan


def wave(plan: dict[str, list[tuple[int, int]]], n: int) -> list[StartReport | StopReport]:
    """Broadcast ``n`` of every room: its start, then its stop."""
    reports: list[StartReport | StopReport] = []
    for room, broadcasts in plan.items():
        start, end = broadcasts[n]
        user = int(room) % 100_000
        reports.append(
            StartReport(
                start_time=start,
                category_id=198,
                category_name="足球",
                user_id=user,
                user_name=f"主播{room}",
                title=f"可靠性演练 {n}",
                room_id=room,
                ip="192.0.2.7",
            )
        )
        reports.append(StopReport(room_id=room, user_id=user, end_time=end, ip="192.0.2.7"))
    return reports


# -- the run -------------------------------------------------------------------------------


@dataclass
class Schedule:
    """When each wave goes in, each GUI kill and each server restart happen (seconds)."""

    waves: list[float]
    kills: list[float]
    restarts: list[float]


def schedule(args: argparse.Namespace, rng: random.Random) -> Schedule:
    waves = [n * args.wave_every for n in range(args.waves)]
    # One kill a few seconds after each wave (the deliverer takes it up within 5 s),
    # more kills spread in between; the restarts at a third and two thirds.
    kills = sorted(waves[n % len(waves)] + rng.uniform(5, 9) for n in range(args.kills))
    span = waves[-1] + args.wave_every
    restarts = [span / 3 + 2.5, 2 * span / 3 + 2.5]
    return Schedule(waves, kills, restarts)


def drive(run: Run, outbox: Outbox, plan: dict[str, list[tuple[int, int]]]) -> bool:
    """Waves, kills and restarts to schedule; True once all is in and delivered in time."""
    todo = schedule(run.args, run.rng)
    began = time.monotonic()
    while time.monotonic() - began < run.args.deadline:
        now = time.monotonic() - began
        run.check_gui()
        if todo.waves and now >= todo.waves[0]:
            for report in wave(plan, run.args.waves - len(todo.waves)):
                outbox.add(report)
            todo.waves.pop(0)
        elif todo.kills and now >= todo.kills[0]:
            run.kill_gui(outbox)
            todo.kills.pop(0)
        elif todo.restarts and now >= todo.restarts[0]:
            run.restart_server()
            todo.restarts.pop(0)
        elif not (todo.waves or todo.kills or todo.restarts):
            counts = outbox.counts()
            if counts["pending"] + counts["sending"] + counts["failed"] == 0:
                return True
        time.sleep(0.1)
    return False


@dataclass
class Verdict:
    delivered: int
    lost: int
    duplicated: int
    wrong: list[str]


def verify(db: Path, plan: dict[str, list[tuple[int, int]]]) -> Verdict:
    """Compare the server's records with the broadcasts reported."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT room_id, start_time, end_time, status FROM records"
            f" WHERE room_id IN ({','.join('?' * len(plan))})",
            list(plan),
        ).fetchall()
    seen = Counter((room, start) for room, start, _, _ in rows)
    ends = {(room, start): (end, status) for room, start, end, status in rows}
    lost = duplicated = delivered = 0
    wrong: list[str] = []
    for room, broadcasts in plan.items():
        for start, end in broadcasts:
            copies = seen.pop((room, start), 0)
            duplicated += max(0, copies - 1)
            if copies == 0:
                lost += 2  # the start and its stop
                continue
            delivered += 1
            if ends[(room, start)] == (end, 100):
                delivered += 1
            else:
                lost += 1
                wrong.append(f"room {room} start {start}: (endTime, status) {ends[(room, start)]}")
    duplicated += sum(seen.values())  # records of starts nobody sent
    wrong += [f"unexpected record {key}" for key in seen]
    return Verdict(delivered, lost, duplicated, wrong)


def api_agrees(run: Run, plan: dict[str, list[tuple[int, int]]]) -> bool:
    """A server without faults on the same database answers ``records`` as the database says."""
    server = run.start_server(None, port=0)
    try:
        url = server.text().split("listening on ", 1)[1].split()[0]
        with httpx.Client(base_url=url, timeout=30, trust_env=False) as client:
            for room, broadcasts in plan.items():
                body = {"roomId": room, "page": 1, "pageSize": 500}
                streams = client.post("/api/v1/live/records", json=body).json()["result"]["streams"]
                got = sorted((s["startTime"], s["endTime"], s["status"]) for s in streams)
                if got != [(start, end, 100) for start, end in broadcasts]:
                    return False
        return True
    finally:
        server.send(signal.SIGTERM)
        server.wait(30)


def gui_problems(run: Run) -> list[str]:
    """Every line any GUI wrote to stdout or stderr, but for the offscreen platform's noise."""
    problems = []
    for child in run.children:
        if child.log.name.startswith("gui-"):
            for line in child.text().splitlines():
                if line.strip() and _QT_NOISE not in line:
                    problems.append(f"{child.log.name}: {line.strip()[:200]}")
    return problems


def faults_seen(folder: Path) -> Counter[str]:
    """The faults the servers logged injecting (their log lines at INFO), by kind."""
    kinds: Counter[str] = Counter()
    for log in (folder / "logs").glob("qiemonitor.log*"):
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if "qiemonitor.server.faults: injecting " in line:
                kinds[line.split("injecting ", 1)[1].split()[0]] += 1
    return kinds


def tries(outbox: Outbox) -> tuple[float, int]:
    attempts = [entry.attempts for entry in outbox.entries()]
    return sum(attempts) / max(len(attempts), 1), max(attempts, default=0)


def main() -> int:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qiemonitor-reliability-"))
    run = Run(args, folder)
    ok = False
    with contextlib.ExitStack() as stack:
        stack.callback(run.stop_all)  # whatever happens, no process of ours outlives the run
        stack.enter_context(_signals_end_the_run())
        ok = execute(run)
    if ok:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"kept for a look: {folder}")
    return 0 if ok else 1


def execute(run: Run) -> bool:
    args = run.args
    room_ids = rooms(args.rooms)
    plan = expected(room_ids, args.waves, t0=1_900_000_000_000)
    began = time.monotonic()
    run.server = run.start_server(run.faults())
    with contextlib.closing(Outbox(run.outbox_path)) as outbox:
        run.start_gui()
        in_time = drive(run, outbox, plan)
        drained = time.monotonic() - began
        # As an operator would, close once the window's badge has caught up: it re-reads
        # the outbox 100 ms after a delivery, and until then a close asks about reports
        # that are in fact delivered (a question nobody answers here).
        time.sleep(1.5)
        close = run.close_gui()
        mean_tries, max_tries = tries(outbox)
        counts = outbox.counts()
    run.server.send(signal.SIGTERM)
    server_exit = run.server.wait(30)
    verdict = verify(run.db, plan)
    agrees = api_agrees(run, plan)
    problems = gui_problems(run)
    injected = faults_seen(run.folder)
    figures = run.figures
    reports = 2 * args.rooms * args.waves
    print(f"reports                {reports}")
    print(f"rooms                  {args.rooms}")
    print(f"fault rate             {args.rate:.0%} (every endpoint, seed {args.seed}+restarts)")
    shown = ", ".join(f"{kind} {n}" for kind, n in sorted(injected.items()))
    print(f"faults injected        {injected.total()}: {shown}")
    print(f"server restarts        {figures.server_restarts} (SIGKILL, then SIGTERM)")
    print(f"GUI kills (SIGKILL)    {len(figures.gui_kills)}: {'; '.join(figures.gui_kills)}")
    print(f"GUI deaths on its own  {len(figures.gui_deaths)} {figures.gui_deaths or ''}")
    print(f"GUI starts             {figures.gui_starts}")
    print(f"GUI final close        {close} (SIGINT)")
    print(f"server final stop      exit {server_exit} (SIGTERM)")
    print(f"outbox at the end      {dict(counts)}")
    print(f"delivered (on server)  {verdict.delivered}")
    print(f"lost                   {verdict.lost}")
    print(f"duplicated             {verdict.duplicated}")
    print(f"API agrees with DB     {'yes' if agrees else 'NO'}")
    print(f"wall time              {drained:.1f} s to deliver everything")
    print(f"outbox tries/report    {mean_tries:.2f} mean, {max_tries} max")
    print(f"GUI stderr lines       {len(problems)}")
    for line in problems[:20] + verdict.wrong[:20]:
        print(f"  {line}")
    return (
        in_time
        and verdict.lost == 0
        and verdict.duplicated == 0
        and verdict.delivered == reports
        and not figures.gui_deaths
        and close.startswith("exit 0 ")
        and counts["delivered"] == reports
        and agrees
        and not problems  # the GUI prints nothing unless something went wrong
    )


@contextlib.contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """SIGTERM ends the run like Ctrl+C does: through the clean-up, not around it."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 reports, 20 rooms")
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--waves", type=int, default=5, help="broadcasts per room (2 reports)")
    parser.add_argument("--wave-every", type=float, default=20.0, metavar="S")
    parser.add_argument("--kills", type=int, default=6, help="GUI SIGKILLs (at least 5)")
    parser.add_argument("--rate", type=float, default=0.3, help="fault rate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deadline", type=float, default=900.0, metavar="S")
    args = parser.parse_args()
    if args.quick:
        args.rooms, args.waves, args.wave_every = 20, 5, 8.0
    return args


if __name__ == "__main__":
    sys.exit(main())

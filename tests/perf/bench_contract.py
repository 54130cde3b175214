"""Benchmark the contract layer (issue 2); prints figures, asserts nothing.

Each figure is a ratio against a baseline measured in the same run, so a
noisy machine moves both sides together:

1. parsing the 10,000-room list (20 pages of 500) into models, against plain
   ``json.loads`` of the same bytes (target: at most 1.5x);
2. a start report's round trip through ``StreamClient``, against a bare
   ``httpx`` POST of the same body to the same server (target: at most 1.2x);
3. ``qiemonitor show`` from process start to exit (target: under 0.6 s),
   beside a bare ``python -c pass`` for scale.

Run: ``.venv/bin/python tests/perf/bench_contract.py``. The server runs as a
separate process, as it would in the field.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from demo_server import demo_server  # beside this file

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport
from qiemonitor.api.settings import ClientSettings
from qiemonitor.api.wire import decode_envelope, decode_page

ROOMS, PAGE = 10_000, 500
SCRIPT = Path(sys.executable).with_name("qiemonitor")


def best_of(repeat: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def fetch_pages(url: str) -> list[bytes]:
    with httpx.Client(base_url=url, timeout=60) as http:
        return [
            http.post("/api/v1/live/list", json={"page": n, "pageSize": PAGE}).content
            for n in range(1, ROOMS // PAGE + 1)
        ]


def bench_parsing(bodies: list[bytes]) -> None:
    def models() -> None:
        for body in bodies:
            decode_page(decode_envelope(body).payload)

    def plain() -> None:
        for body in bodies:
            json.loads(body)

    rooms = sum(len(decode_page(decode_envelope(b).payload).streams) for b in bodies)
    size = sum(map(len, bodies)) / 1e6
    ratios = []
    for _ in range(7):  # interleaved rounds, so drift hits both sides alike
        ratios.append(best_of(3, models) / best_of(3, plain))
    base = best_of(5, plain)
    print(f"parse {rooms} rooms in {len(bodies)} pages ({size:.1f} MB):")
    print(f"  json.loads {base * 1e3:.1f} ms; models/json.loads = {statistics.median(ratios):.2f}x")
    print("  (target <= 1.5x)")


async def bench_start(url: str, rounds: int = 15, per_round: int = 40) -> None:
    report = StartReport(
        start_time=1_700_000_000_000,
        category_id=198,
        user_id=1,
        user_name="基准",
        title="bench",
        room_id="99000001",
        ip="192.0.2.1",
    )
    body = report.to_json()
    headers = {"Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=url) as bare, StreamClient(ClientSettings(url)) as client:
        await client.start(report)  # the room is live; each later start is the same report
        ratios, client_times, bare_times = [], [], []
        for _ in range(rounds):
            started = time.perf_counter()
            for _ in range(per_round):
                response = await bare.post("/api/v1/live/start", content=body, headers=headers)
                response.json()
            bare_time = (time.perf_counter() - started) / per_round
            started = time.perf_counter()
            for _ in range(per_round):
                await client.start(report)
            client_time = (time.perf_counter() - started) / per_round
            ratios.append(client_time / bare_time)
            client_times.append(client_time)
            bare_times.append(bare_time)
    print(f"start report round trip ({rounds} rounds x {per_round}):")
    print(
        f"  bare httpx {statistics.median(bare_times) * 1e3:.2f} ms, "
        f"client {statistics.median(client_times) * 1e3:.2f} ms; "
        f"client/bare = {statistics.median(ratios):.2f}x (target <= 1.2x)"
    )


def bench_show(url: str, runs: int = 10) -> None:
    def run(args: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        return time.perf_counter() - started

    show = [str(SCRIPT), "show", "10002625", "--server", url]
    bare = [sys.executable, "-c", "pass"]
    run(show)  # warm the file cache
    show_times = [run(show) for _ in range(runs)]
    bare_times = [run(bare) for _ in range(runs)]
    print(f"qiemonitor show, process start to exit ({runs} runs):")
    print(
        f"  median {statistics.median(show_times):.3f} s, worst {max(show_times):.3f} s "
        f"(target < 0.6 s); bare python {statistics.median(bare_times):.3f} s"
    )


def main() -> None:
    with demo_server(ROOMS) as url:
        bench_parsing(fetch_pages(url))
        asyncio.run(bench_start(url))
        bench_show(url)


if __name__ == "__main__":
    main()

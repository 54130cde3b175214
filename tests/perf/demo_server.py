"""The benchmarks' demo server: ``qiemonitor serve --demo`` in its own process, in memory."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["demo_server"]


@contextmanager
def demo_server(
    rooms: int, interval: float = 3600.0, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Start the server (its CPU is not the measured process's); yields its URL."""
    args = [sys.executable, "-m", "qiemonitor", "serve", "--port", "0", "--db", ":memory:"]
    args += ["--demo", "--demo-rooms", str(rooms), "--demo-interval", str(interval)]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening on" not in line:
            raise SystemExit(f"server did not start: {line!r}")
        yield line.rsplit(" ", 1)[-1].strip()
    finally:
        process.terminate()
        process.wait(timeout=20)

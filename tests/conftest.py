"""Shared fixtures: offscreen Qt, hand-built records, the asyncio loop on Qt, a temp QSettings."""

from __future__ import annotations

import os

# Before anything imports Qt: the tests need no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from qiemonitor.api.models import StreamRecord

START = 1_700_000_000_000


def _record(room_id: str, status: int | None = 1, **fields: Any) -> StreamRecord:
    defaults: dict[str, Any] = {
        "stream_name": f"{room_id}abcdEFGH",
        "user_id": int(room_id) % 100_000,
        "user_name": f"主播{room_id}",
        "title": f"直播间 {room_id}",
        "category_id": 198,
        "category_name": "足球",
        "start_time": START,
        "clear": 30,
    }
    defaults.update(fields)
    return StreamRecord(room_id=room_id, status=status, **defaults)


@pytest.fixture
def make_record() -> Callable[..., StreamRecord]:
    """``make_record("10002625", status=1, title=...)``: a plausible stream record."""
    return _record


@pytest.fixture(scope="session")
def _session_qt_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(qapp)
    yield loop
    loop.close()


@pytest.fixture
def qt_loop(
    _session_qt_loop: asyncio.AbstractEventLoop, qtbot: Any
) -> Iterator[asyncio.AbstractEventLoop]:
    """The asyncio loop on Qt, running while pytest-qt spins Qt's events (``qtbot.wait*``).

    One loop serves the session; each test marks it running for itself and
    cancels what it left behind, so plain ``asyncio.run`` works in other tests.
    """
    loop = _session_qt_loop
    asyncio.set_event_loop(loop)
    asyncio._set_running_loop(loop)
    try:
        yield loop
    finally:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            qtbot.waitUntil(lambda: all(task.done() for task in pending), timeout=5000)
        asyncio._set_running_loop(None)
        asyncio.set_event_loop(None)

"""``--screenshot``: wait until the window shows settled data, then save a PNG of it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, SignalInstance

from qiemonitor.core.poller import PollFailure
from qiemonitor.ui.main_window import MainWindow

__all__ = ["ScreenshotError", "next_emission", "take_screenshot"]

_DETAIL_WAIT = 5.0  # seconds the detail and its thumbnail may take once the list is in
_PAINT_WAIT = 0.2  # seconds for the last repaints to land


class ScreenshotError(RuntimeError):
    """No screenshot: the message is one line saying why."""


async def next_emission(
    signal: SignalInstance, accept: Callable[..., bool] = lambda *_: True
) -> tuple[Any, ...]:
    """The arguments of the next emission of ``signal`` that ``accept`` takes."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def on_emitted(*args: Any) -> None:
        if not future.done() and accept(*args):
            future.set_result(args)

    signal.connect(on_emitted)
    try:
        return await future
    finally:
        signal.disconnect(on_emitted)


async def _first_sync(window: MainWindow, deadline: float) -> None:
    failures: list[str] = []

    def remember(failure: PollFailure) -> None:
        failures.append(failure.error.message)

    window.polling.sync_failed.connect(remember)
    try:
        async with asyncio.timeout(deadline):
            await next_emission(window.feed.synced, lambda outcome: outcome.full)
    except TimeoutError:
        why = failures[-1] if failures else "no answer"
        raise ScreenshotError(f"no poll succeeded within {deadline:g} s: {why}") from None
    finally:
        window.polling.sync_failed.disconnect(remember)


async def _detail_settled(window: MainWindow) -> None:
    """The selected room's detail arrived, and its thumbnail loaded or failed."""
    room = window.table.current_room()
    if room is None and window.proxy.rowCount():
        window.table.selectRow(0)  # a screenshot with an empty detail pane shows too little
        room = window.table.current_room()
    if room is None:
        return
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(_DETAIL_WAIT):
            await next_emission(window.feed.info_shown, lambda shown: shown == room)
    record = window.current_record()
    url = record.image_url if record is not None else None
    if url and window.thumbnails.image_for(url) is None:
        loaded = asyncio.ensure_future(
            next_emission(window.thumbnails.loaded, lambda u, _i: u == url)
        )
        failed = asyncio.ensure_future(
            next_emission(window.thumbnails.failed, lambda u, _r: u == url)
        )
        try:
            await asyncio.wait(
                {loaded, failed}, timeout=_DETAIL_WAIT, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for waiter in (loaded, failed):
                waiter.cancel()
            await asyncio.gather(loaded, failed, return_exceptions=True)


async def take_screenshot(window: MainWindow, path: Path, deadline: float) -> None:
    """Wait for a first full poll (up to ``deadline`` s), the detail, its thumbnail; save a PNG."""
    await _first_sync(window, deadline)
    await _detail_settled(window)
    await asyncio.sleep(_PAINT_WAIT)
    QCoreApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise ScreenshotError(f"could not write a PNG to {path}")

"""Shared fixtures: offscreen Qt, hand-built records, the asyncio loop on Qt, a temp QSettings."""

from __future__ import annotations

import os

# Before anything imports Qt: the tests need no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from collections.abc import Callable, Coroutine, Iterator
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


@pytest.fixture(scope="session", autouse=True)
def _logs_in_a_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test, nor a CLI or GUI process it starts, writes logs into the user's own folders.

    Both variables are set: some tests start the CLI with the ``QIEMONITOR_*``
    variables removed, and then platformdirs' ``XDG_STATE_HOME`` still holds.
    """
    state = tmp_path_factory.mktemp("state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(state))
        patch.setenv("QIEMONITOR_LOG_DIR", str(state / "qiemonitor" / "log"))
        yield


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


@pytest.fixture
def run_async(qt_loop: asyncio.AbstractEventLoop, qtbot: Any) -> Callable[..., Any]:
    """``run_async(coro, timeout=10)``: run a coroutine on the Qt loop and return its result."""

    def run(coro: Coroutine[Any, Any, Any], timeout: float = 10.0) -> Any:
        task = qt_loop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return run


@pytest.fixture(scope="session")
def still_demo_server() -> Iterator[Any]:
    """The demo server (seed 0, 320 rooms) whose rooms change only when a test changes them.

    Shared by the whole session: tests read it, and never send reports to it.
    """
    from qiemonitor.server import EmbeddedServer

    with EmbeddedServer(demo=True, seed=0, demo_interval=None) as server:
        yield server


@pytest.fixture
def changing_demo_server() -> Iterator[Any]:
    """A demo server of this test's own (60 rooms), for tests that send reports to it."""
    from qiemonitor.server import EmbeddedServer

    with EmbeddedServer(demo=True, seed=3, demo_rooms=60, demo_interval=None) as server:
        yield server


@pytest.fixture
def memory_keyring() -> Iterator[Any]:
    """An in-memory keyring for this test: none reads or writes the user's real one.

    ``memory_keyring.secrets`` maps ``(service, username)`` to the stored secret.
    """
    import keyring
    import keyring.backend
    import keyring.errors

    class MemoryKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self.secrets.pop((service, username), None) is None:
                raise keyring.errors.PasswordDeleteError("no such password")

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def qsettings(tmp_path: Any) -> Any:
    """A QSettings file in this test's tmp directory: tests never touch the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "qiemonitor.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(
    qtbot: Any, qsettings: Any, run_async: Callable[..., Any]
) -> Iterator[Callable[..., Any]]:
    """``make_window(url, settings=None)``: a MainWindow on that server, not yet polling.

    Thumbnails never leave the machine (every image answers 404), and each
    window is shut down the way app.py does it: polling, thumbnails, client.
    """
    import httpx

    from qiemonitor.api.client import StreamClient
    from qiemonitor.api.settings import ClientSettings
    from qiemonitor.core.config import AppConfig
    from qiemonitor.core.thumbnails import ThumbnailFetcher
    from qiemonitor.ui.main_window import MainWindow
    from qiemonitor.ui.thumbnail import ThumbnailLoader

    made: list[tuple[Any, httpx.AsyncClient]] = []

    def make(url: str, settings: Any = None, **config: Any) -> Any:
        images = httpx.AsyncClient(transport=httpx.MockTransport(lambda _: httpx.Response(404)))
        client = StreamClient(ClientSettings(base_url=url, retries=0, timeout=5.0))
        window = MainWindow(
            client,
            AppConfig(server_url=url, **config),
            settings if settings is not None else qsettings,
            thumbnails=ThumbnailLoader(ThumbnailFetcher(http=images)),
        )
        qtbot.addWidget(window)
        made.append((window, images))
        return window

    yield make
    for window, images in made:
        run_async(window.stop_polling())
        run_async(window.thumbnails.aclose())
        run_async(window.client.aclose())
        run_async(images.aclose())

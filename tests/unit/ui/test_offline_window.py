"""The main window when the server goes away and comes back, on the real embedded server.

Short poll intervals and backoff caps keep these fast: the poller's own
numbers are set on the window's poller, as the Settings dialog would.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import RoomPage, StreamInfo
from qiemonitor.api.settings import ClientSettings, Endpoints
from qiemonitor.core.poller import PollFailure, PollMode, PollOutcome
from qiemonitor.server import EmbeddedServer
from qiemonitor.ui.connection_indicator import Health
from qiemonitor.ui.event_log import EventKind
from qiemonitor.ui.main_window import MainWindow
from qiemonitor.ui.room_model import STALE_ROLE, Column, RoomModel
from qiemonitor.ui.token_prompt import TokenPrompt

Make = Callable[..., MainWindow]
Run = Callable[..., Any]
NO_LIST = Endpoints(list="/api/v1/live/no-such-list")
# The offscreen platform says so whenever a shown window's size constraints change.
OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _fast(window: MainWindow, interval: float = 0.2, cap: float = 0.4) -> None:
    window.polling.set_interval(interval)
    window.polling.poller.max_backoff = cap


def _values(model: RoomModel) -> list[list[str]]:
    """Every cell but the clocks (data age, live durations), which move on their own."""
    columns = [c for c in Column if c not in (Column.AGE, Column.DURATION)]
    return [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]


def _stale(model: RoomModel) -> list[bool]:
    return [model.index(r, 0).data(STALE_ROLE) for r in range(model.rowCount())]


def _log(window: MainWindow, kind: EventKind) -> list[str]:
    log = window.event_log.model
    return [log.entry(r).text for r in range(log.rowCount()) if log.entry(r).kind is kind]


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[Callable[[], EmbeddedServer]]:
    """``start()`` a demo server on a file database; every call after the first reuses its port."""
    options: dict[str, Any] = {
        "db": str(tmp_path / "server.sqlite3"),
        "demo": True,
        "demo_rooms": 12,
        "demo_interval": None,
    }
    started: list[EmbeddedServer] = []
    ports: list[int] = []

    def start() -> EmbeddedServer:
        for server in started:
            server.stop()
        server = EmbeddedServer(port=ports[0] if ports else 0, **options)
        server.start()
        started.append(server)
        ports.append(int(server.url.rsplit(":", 1)[1]))
        return server

    yield start
    for server in started:
        server.stop()


def test_a_lost_server_leaves_stale_rows_then_recovery_is_logged(
    make_window: Make, restartable: Callable[[], EmbeddedServer], qtbot: Any
) -> None:
    server = restartable()
    window = make_window(server.url)
    _fast(window)
    healths: list[Health] = []
    window.status.health_changed.connect(healths.append)
    with qtbot.waitSignal(window.feed.synced, timeout=10_000):
        window.start_polling()
    assert window.status.health is Health.OK
    assert _stale(window.model) == [False] * 12
    before = _values(window.model)

    server.stop()
    with qtbot.waitSignal(window.polling.sync_failed, timeout=10_000):
        pass
    assert _values(window.model) == before  # nothing lost
    assert _stale(window.model) == [True] * 12
    tip = window.model.index(0, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("stale: last seen ")
    assert window.status.health is Health.FAILING
    assert window.status.countdown_label.text().startswith("retrying")
    assert window.status.retry_button.isVisibleTo(window.status)
    assert "cannot reach server" in window.status.error_text

    qtbot.waitUntil(lambda: window.status.health is Health.DOWN, timeout=10_000)
    assert healths == [Health.OK, Health.FAILING, Health.DOWN]
    assert "failed polls in a row" in window.status.indicator.toolTip()

    # A long wait before the next try; "Retry now" does not wait for it.
    _fast(window, interval=10.0, cap=30.0)
    with qtbot.waitSignal(window.polling.sync_failed, timeout=10_000) as failed:
        pass
    failure: PollFailure = failed.args[0]
    assert failure.retry_in == 30.0
    assert window.status.countdown_label.text() == "retrying in 30 s"
    with qtbot.waitSignal(window.polling.sync_failed, timeout=3_000):
        window.status.retry_button.click()
    failures = window.polling.poller.failures

    restartable()  # the same port, the same database
    _fast(window)
    with qtbot.waitSignal(window.feed.synced, timeout=10_000):
        window.status.retry_button.click()
    restored = _log(window, EventKind.CONNECTION)
    assert len(restored) == 1
    assert restored[0].startswith(f"connection restored after {failures} failed polls / ")
    assert window.status.health is Health.OK
    assert healths[-1] is Health.OK
    assert _stale(window.model) == [False] * 12
    assert _values(window.model) == before
    assert window.status.countdown_label.isHidden()
    assert window.status.retry_button.isHidden()
    assert window.status.error_text == ""


@OFFSCREEN_SIZE_HINTS
def test_a_401_asks_for_the_token_once_and_the_token_gets_in(
    make_window: Make, qtbot: Any, run_async: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[TokenPrompt] = []
    original = TokenPrompt.ask

    def spy(cls: type[TokenPrompt], *args: Any) -> TokenPrompt:
        asked.append(original(*args))
        return asked[-1]

    monkeypatch.setattr(TokenPrompt, "ask", classmethod(spy))
    with EmbeddedServer(token="s3cret", demo=True, demo_rooms=5, demo_interval=None) as server:
        window = make_window(server.url)
        _fast(window, cap=0.3)
        window.start_polling()
        qtbot.waitUntil(lambda: window.polling.poller.failures >= 4, timeout=10_000)
        assert len(asked) == 1  # one prompt for the whole run of 401s
        prompt = asked[0]
        assert prompt.isVisible()
        assert not prompt.isModal()  # the table stays usable meanwhile
        assert "401" in prompt.labelText()
        assert window.status.health is Health.DOWN

        with qtbot.waitSignal(window.token_changed) as changed:
            prompt.setTextValue("s3cret")
            prompt.accept()
        assert changed.args == ["s3cret"]

        # What app.py does with it: a client with the token, and polling afresh.
        client = StreamClient(ClientSettings(base_url=server.url, token="s3cret", retries=0))
        with qtbot.waitSignal(window.feed.synced, timeout=10_000):
            old = run_async(window.replace_client(client))
        run_async(old.aclose())
        assert window.model.rowCount() == 5
        assert window.status.health is Health.OK
        assert len(asked) == 1


def test_without_a_room_list_the_watched_rooms_are_polled_and_the_bar_says_so(
    make_window: Make, still_demo_server: Any, qtbot: Any, run_async: Run
) -> None:
    window = make_window(still_demo_server.url)
    client = StreamClient(
        ClientSettings(base_url=still_demo_server.url, retries=0, endpoints=NO_LIST)
    )
    old = run_async(window.replace_client(client))  # a server whose list answers 404
    run_async(old.aclose())
    for room in ("10002625", "99999999"):  # one room the server has, one it has not
        window.model.set_watched(room, True)
    with qtbot.waitSignal(window.feed.synced, timeout=10_000) as synced:
        window.polling.refresh_now()
    outcome: PollOutcome = synced.args[0]
    assert outcome.mode is PollMode.WATCHED
    assert [window.model.index(r, Column.ROOM).data() for r in range(1)] == ["10002625"]
    assert window.model.rowCount() == 1
    assert window.status.mode_label.text() == "Watched rooms only (2)"
    assert window.status.mode_label.isVisibleTo(window.status)
    assert window.status.health is Health.OK
    assert any("no room list (404)" in text for text in _log(window, EventKind.CONNECTION))


class Switchable:
    """One real server seen through two clients: with its list, or with the list answering 404."""

    def __init__(self, url: str) -> None:
        self.with_list = StreamClient(ClientSettings(base_url=url, retries=0))
        self.without = StreamClient(ClientSettings(base_url=url, retries=0, endpoints=NO_LIST))
        self.list_works = True

    def _client(self) -> StreamClient:
        return self.with_list if self.list_works else self.without

    def iter_rooms(
        self, *, page_size: int = 500, updated_since: int | None = None
    ) -> AsyncIterator[RoomPage]:
        return self._client().iter_rooms(page_size=page_size, updated_since=updated_since)

    async def info(self, room_id: str | None = None) -> StreamInfo:
        return await self._client().info(room_id)

    async def records(self, room_id: str, page: int = 1, page_size: int = 20) -> RoomPage:
        return await self._client().records(room_id, page, page_size)

    async def aclose(self) -> None:
        await self.with_list.aclose()
        await self.without.aclose()


def test_a_list_that_disappears_keeps_every_row_and_only_the_watched_stay_fresh(
    make_window: Make, still_demo_server: Any, qtbot: Any, run_async: Run
) -> None:
    window = make_window(still_demo_server.url)
    source = Switchable(still_demo_server.url)
    try:
        run_async(window.polling.replace_source(source))
        _fast(window)
        window.model.set_watched("10002625", True)
        qtbot.waitUntil(lambda: window.model.rowCount() == 320, timeout=10_000)
        source.list_works = False
        with qtbot.waitSignal(
            window.feed.synced,
            timeout=10_000,
            check_params_cb=lambda outcome: outcome.mode is PollMode.WATCHED,
        ):
            pass
        assert window.model.rowCount() == 320  # unknown is not gone
        assert _log(window, EventKind.ROOM) == []
        watched = window.model.row_of("10002625")
        assert watched is not None
        other = 1 if watched == 0 else 0
        window.start_polling()  # the window's clock, which ages the rows
        qtbot.waitUntil(lambda: window.model.index(other, 0).data(STALE_ROLE), timeout=10_000)
        assert not window.model.index(watched, 0).data(STALE_ROLE)
    finally:
        run_async(window.stop_polling())
        run_async(source.aclose())

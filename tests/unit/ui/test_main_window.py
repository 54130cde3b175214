"""The main window on the real embedded server (loopback): fill, filter, sort, poll, persist."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport, StatusKind, StreamRecord
from qiemonitor.api.settings import ClientSettings
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.poller import PollOutcome
from qiemonitor.ui.event_log import EventKind
from qiemonitor.ui.main_window import MainWindow
from qiemonitor.ui.room_model import Column
from qiemonitor.ui.room_proxy import QuickFilter

Make = Callable[..., MainWindow]
Run = Callable[..., Any]


def _poll(qtbot: Any, window: MainWindow, *, full: bool | None = None) -> PollOutcome:
    """Start polling (or poll now) and wait for the next sync."""
    with qtbot.waitSignal(window.feed.synced, timeout=10_000) as synced:
        if window.polling.poller.running:
            window.polling.refresh_now()
        else:
            window.start_polling()
    outcome: PollOutcome = synced.args[0]
    if full is not None:
        assert outcome.full is full
    return outcome


def _all_rooms(run_async: Run, url: str, **filters: Any) -> list[StreamRecord]:
    async def fetch() -> list[StreamRecord]:
        async with StreamClient(ClientSettings(base_url=url)) as client:
            return await client.all_rooms(**filters)

    result: list[StreamRecord] = run_async(fetch())
    return result


def _shown(window: MainWindow, column: Column = Column.ROOM) -> list[str]:
    proxy = window.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


@pytest.fixture
def demo_window(make_window: Make, still_demo_server: Any, qtbot: Any) -> MainWindow:
    window = make_window(still_demo_server.url)
    _poll(qtbot, window, full=True)
    return window


def test_the_table_fills_with_every_room_and_the_counts_agree(
    demo_window: MainWindow, still_demo_server: Any, run_async: Run, qtmodeltester: Any
) -> None:
    records = _all_rooms(run_async, still_demo_server.url)
    assert demo_window.model.rowCount() == len(records) == 320
    kinds = Counter(record.kind for record in records)
    counts = demo_window.model.counts()
    assert counts["live"] == kinds[StatusKind.LIVE]
    assert counts["ended"] == kinds[StatusKind.ENDED]
    assert counts["idle"] == kinds[StatusKind.IDLE]
    live_button = demo_window.quick_filters.buttons[QuickFilter.LIVE].text()
    assert live_button == f"Live ({kinds[StatusKind.LIVE]})"
    assert "320 rooms" in demo_window.status.counts_label.text()
    assert "Polled" in demo_window.status.poll_label.text()
    qtmodeltester.check(demo_window.model)
    qtmodeltester.check(demo_window.proxy)


def test_the_filter_box_matches_chinese_like_the_server(
    demo_window: MainWindow, still_demo_server: Any, run_async: Run
) -> None:
    expected = {r.room_id for r in _all_rooms(run_async, still_demo_server.url, keyword="足球")}
    assert expected
    demo_window.filter_edit.setText("足球")
    assert set(_shown(demo_window)) == expected


def test_quick_filters_show_one_status(demo_window: MainWindow, qtbot: Any) -> None:
    demo_window.quick_filters.buttons[QuickFilter.IDLE].click()
    assert set(_shown(demo_window, Column.STATUS)) == {"idle"}
    assert demo_window.proxy.rowCount() == demo_window.model.counts()["idle"]


def test_sorting_by_room_id_is_numeric(demo_window: MainWindow) -> None:
    demo_window.table.sortByColumn(Column.ROOM, Qt.SortOrder.DescendingOrder)
    shown = [int(room) for room in _shown(demo_window)]
    assert shown == sorted(shown, reverse=True)


def test_a_quiet_poll_asks_only_for_changes_and_resets_nothing(
    demo_window: MainWindow, qtbot: Any
) -> None:
    with (
        qtbot.assertNotEmitted(demo_window.model.modelReset),
        qtbot.assertNotEmitted(demo_window.model.dataChanged),
    ):
        outcome = _poll(qtbot, demo_window, full=False)
    assert outcome.rooms == 0


# The offscreen platform says so whenever a shown window's size constraints change.
OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@OFFSCREEN_SIZE_HINTS
def test_ctrl_f_focuses_the_filter_box(demo_window: MainWindow, qtbot: Any) -> None:
    demo_window.show()
    qtbot.waitExposed(demo_window)
    demo_window.table.setFocus()
    demo_window.commands.find.trigger()
    qtbot.waitUntil(demo_window.filter_edit.hasFocus)


def test_a_start_report_changes_one_row_keeps_the_selection_and_is_logged(
    make_window: Make, changing_demo_server: Any, qtbot: Any, run_async: Run
) -> None:
    window = make_window(changing_demo_server.url)
    _poll(qtbot, window, full=True)
    idle = [r for r in _all_rooms(run_async, changing_demo_server.url) if r.kind is StatusKind.IDLE]
    target, selected = idle[0], idle[1]
    assert window.table.select_room(selected.room_id)
    changed: list[tuple[int, int]] = []
    window.model.dataChanged.connect(
        lambda top, bottom, *_: changed.append((top.row(), bottom.row()))
    )

    report = StartReport(
        start_time=now_ms(),
        category_id=target.category_id or 1,
        user_id=target.user_id or 1,
        user_name=target.user_name or "主播",
        title="测试开播",
        room_id=target.room_id,
        ip="127.0.0.1",
    )
    run_async(window.client.start(report))
    with qtbot.assertNotEmitted(window.model.modelReset):
        _poll(qtbot, window, full=False)

    row = window.model.row_of(target.room_id)
    assert changed == [(row, row)]
    assert window.table.current_room() == selected.room_id
    log = window.event_log.model
    lines = [log.entry(r) for r in range(log.rowCount())]
    assert any(
        e.kind is EventKind.STATUS and e.room_id == target.room_id and "idle → live" in e.text
        for e in lines
    )


def test_a_failed_poll_keeps_the_rows_and_says_why(make_window: Make, qtbot: Any) -> None:
    from qiemonitor.server import EmbeddedServer

    server = EmbeddedServer(demo=True, demo_rooms=5, demo_interval=None)
    server.start()
    window = make_window(server.url)
    _poll(qtbot, window, full=True)
    rows = window.model.rowCount()
    server.stop()
    with qtbot.waitSignal(window.polling.sync_failed, timeout=10_000):
        window.polling.refresh_now()
    assert window.model.rowCount() == rows
    assert "cannot reach server" in window.status.error_text
    assert (
        window.event_log.model.entry(window.event_log.model.rowCount() - 1).kind is EventKind.ERROR
    )


def test_stars_persist_and_feed_the_watched_filter(
    make_window: Make, still_demo_server: Any, qtbot: Any, qsettings: Any
) -> None:
    window = make_window(still_demo_server.url)
    _poll(qtbot, window, full=True)
    window.table.select_room("10002625")
    window.commands.watch.trigger()
    assert window.model.counts()["watched"] == 1
    window.close()

    again = make_window(still_demo_server.url, settings=qsettings)
    assert again.model.is_watched("10002625")
    _poll(qtbot, again, full=True)
    again.quick_filters.buttons[QuickFilter.WATCHED].click()
    assert _shown(again) == ["10002625"]
    assert again.quick_filters.buttons[QuickFilter.WATCHED].text() == "Watched (1)"


def test_columns_sort_and_splitter_survive_a_restart(
    make_window: Make, still_demo_server: Any, qsettings: Any
) -> None:
    window = make_window(still_demo_server.url)
    header = window.table.horizontalHeader()
    window.table.set_column_visible(Column.CATEGORY, False)
    header.moveSection(header.visualIndex(Column.TITLE), 1)
    header.resizeSection(Column.BROADCASTER, 222)
    window.table.sortByColumn(Column.DURATION, Qt.SortOrder.DescendingOrder)
    window.splitter.setSizes([700, 300])
    sizes = window.splitter.sizes()
    window.close()

    again = make_window(still_demo_server.url, settings=qsettings)
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(Column.CATEGORY)
    assert header.visualIndex(Column.TITLE) == 1
    assert header.sectionSize(Column.BROADCASTER) == 222
    assert header.sortIndicatorSection() == Column.DURATION
    assert again.proxy.sortColumn() == Column.DURATION
    assert again.splitter.sizes() == sizes


def test_select_when_listed_picks_the_room_and_its_detail_follows(
    make_window: Make, still_demo_server: Any, qtbot: Any
) -> None:
    window = make_window(still_demo_server.url)
    window.feed.select_when_listed("10002625")
    with qtbot.waitSignal(window.feed.info_shown, timeout=10_000) as shown:
        window.start_polling()
    assert shown.args == ["10002625"]
    assert window.table.current_room() == "10002625"
    assert window.model.index(window.model.row_of("10002625") or 0, Column.RENDITIONS).data() != "—"

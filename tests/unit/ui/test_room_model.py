"""RoomModel and RoomProxy over hand-built records: diffs, not resets; sort keys; filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from qiemonitor.api.models import Rendition, StatusKind, StreamInfo, StreamRecord
from qiemonitor.ui.room_model import KIND_ROLE, RECORD_ROLE, Column, RoomModel
from qiemonitor.ui.room_proxy import QuickFilter, RoomProxy

Make = Callable[..., StreamRecord]


class Clocks:
    def __init__(self) -> None:
        self.mono = 100.0
        self.wall = 1_700_000_000_000 + 3_600_000  # an hour after conftest's START

    def monotonic(self) -> float:
        return self.mono

    def now_ms(self) -> int:
        return self.wall


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def model(qapp: Any, clocks: Clocks) -> RoomModel:
    return RoomModel(clock=clocks.monotonic, wall_clock=clocks.now_ms)


@pytest.fixture
def proxy(model: RoomModel) -> RoomProxy:
    proxy = RoomProxy()
    proxy.setSourceModel(model)
    return proxy


def _ids(proxy: RoomProxy) -> list[str]:
    return [proxy.index(r, Column.ROOM).data() for r in range(proxy.rowCount())]


def _fill(model: RoomModel, make_record: Make) -> None:
    model.apply_page(
        [
            make_record("900", status=1, user_name="Anna", title="Big Match 足球"),
            make_record("10002625", status=100, user_name="安哥拉男子足球队", duration=41_686_240),
            make_record("1000", status=0, title="late night 聊天"),
            make_record("25", status=7, title="odd"),
        ]
    )


def test_models_pass_the_model_tester(
    qtmodeltester: Any, model: RoomModel, proxy: RoomProxy, make_record: Make
) -> None:
    _fill(model, make_record)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_the_first_page_inserts_rows(qtbot: Any, model: RoomModel, make_record: Make) -> None:
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        _fill(model, make_record)
    assert inserted.args[1:] == [0, 3]
    assert model.rowCount() == 4


def test_a_change_emits_data_changed_not_a_reset(
    qtbot: Any, model: RoomModel, make_record: Make
) -> None:
    _fill(model, make_record)
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.assertNotEmitted(model.rowsInserted),
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        merge = model.apply_page([make_record("1000", status=1, title="late night 聊天")])
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (2, 2)
    assert (top.column(), bottom.column()) == (0, len(Column) - 1)
    assert [(t.old, t.new) for t in merge.transitions] == [(StatusKind.IDLE, StatusKind.LIVE)]


def test_an_unchanged_page_emits_nothing(qtbot: Any, model: RoomModel, make_record: Make) -> None:
    _fill(model, make_record)
    with qtbot.assertNotEmitted(model.dataChanged), qtbot.assertNotEmitted(model.rowsInserted):
        model.apply_page([make_record("900", status=1, user_name="Anna", title="Big Match 足球")])


def test_cells_read_as_the_operator_expects(model: RoomModel, make_record: Make) -> None:
    _fill(model, make_record)

    def cell(row: int, column: Column) -> Any:
        return model.index(row, column).data()

    assert [cell(r, Column.STATUS) for r in range(4)] == ["live", "ended", "idle", "unknown (7)"]
    assert cell(0, Column.DURATION) == "01:00:00"  # live: now − start
    assert cell(1, Column.DURATION) == "11:34:46"  # ended: the record's duration
    assert cell(0, Column.CLARITY) == "FHD (1080p)"
    assert cell(0, Column.RENDITIONS) == "—"
    assert cell(0, Column.WATCHED) == "☆"
    assert model.index(0, 0).data(RECORD_ROLE).room_id == "900"
    assert model.index(0, 0).data(KIND_ROLE) is StatusKind.LIVE
    model.status_labels = {7: "under review"}
    assert cell(3, Column.STATUS) == "under review"


def test_tick_moves_live_durations_and_ages_only(
    qtbot: Any, model: RoomModel, clocks: Clocks, make_record: Make
) -> None:
    _fill(model, make_record)
    model.apply_page([make_record("26", status=1), make_record("27", status=1)])  # rows 4, 5
    clocks.wall += 1000
    clocks.mono += 3
    ranges: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, *_: ranges.append((a.row(), b.row(), a.column(), b.column()))
    )
    model.tick()
    assert ranges == [
        (0, 0, Column.DURATION, Column.DURATION),
        (4, 5, Column.DURATION, Column.DURATION),
        (0, 5, Column.AGE, Column.AGE),
    ]
    assert model.index(0, Column.DURATION).data() == "01:00:01"
    assert model.index(0, Column.AGE).data() == "3 s"
    model.confirm()
    assert model.index(0, Column.AGE).data() == "0 s"


def test_tick_can_be_limited_to_the_rows_on_screen(model: RoomModel, make_record: Make) -> None:
    _fill(model, make_record)
    ranges: list[tuple[int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: ranges.append((a.row(), b.row(), a.column())))
    model.tick(rows=[3, 0, 1, 99])
    assert ranges == [(0, 0, Column.DURATION), (0, 1, Column.AGE), (3, 3, Column.AGE)]


def test_info_fills_in_the_rendition_count(model: RoomModel, make_record: Make) -> None:
    _fill(model, make_record)
    videos = [Rendition(key="a.m3u8"), Rendition(key="b.m3u8")]
    model.apply_info(
        StreamInfo(
            stream=make_record("900", status=1, user_name="Anna", title="Big Match 足球"),
            videos=videos,
        )
    )
    assert model.index(0, Column.RENDITIONS).data() == "2"


def test_remove_missing_removes_rows_in_ranges(
    qtbot: Any, model: RoomModel, make_record: Make
) -> None:
    _fill(model, make_record)
    removed_ranges: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, first, last: removed_ranges.append((first, last)))
    removed = model.remove_missing({"900", "25"})
    assert {row.record.room_id for row in removed} == {"10002625", "1000"}
    assert removed_ranges == [(1, 2)]
    assert model.row_of("25") == 1


def test_counts_follow_the_rows_and_the_stars(
    qtbot: Any, model: RoomModel, make_record: Make
) -> None:
    _fill(model, make_record)
    assert model.counts() == {"all": 4, "live": 1, "ended": 1, "idle": 1, "watched": 0}
    with qtbot.waitSignal(model.counts_changed), qtbot.waitSignal(model.watched_changed) as starred:
        assert model.toggle_watched("1000")
    assert starred.args == ["1000", True]
    model.set_watched("unknown-room", True)
    assert model.counts()["watched"] == 1
    assert model.index(2, Column.WATCHED).data() == "★"


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (Column.ROOM, Qt.SortOrder.AscendingOrder, ["25", "900", "1000", "10002625"]),
        (Column.STATUS, Qt.SortOrder.AscendingOrder, ["900", "1000", "10002625", "25"]),
        (Column.DURATION, Qt.SortOrder.DescendingOrder, ["10002625", "900", "1000", "25"]),
    ],
)
def test_sorting_uses_real_keys(
    proxy: RoomProxy,
    model: RoomModel,
    make_record: Make,
    column: Column,
    order: Qt.SortOrder,
    expected: list[str],
) -> None:
    _fill(model, make_record)
    model.apply_page([make_record("1000", status=0, title="late night 聊天", start_time=None)])
    model.apply_page([make_record("25", status=7, title="odd", start_time=None)])
    proxy.sort(column, order)
    assert _ids(proxy) == expected


def test_text_filter_matches_chinese_and_any_case(
    proxy: RoomProxy, model: RoomModel, make_record: Make
) -> None:
    _fill(model, make_record)
    proxy.sort(Column.ROOM, Qt.SortOrder.AscendingOrder)
    proxy.set_text_filter("足球")
    assert _ids(proxy) == ["900", "10002625"]
    proxy.set_text_filter("BIG match")
    assert _ids(proxy) == ["900"]
    proxy.set_text_filter("10002625ABCD")  # the stream name
    assert _ids(proxy) == ["10002625"]
    proxy.set_text_filter("  ")
    assert proxy.rowCount() == 4


def test_quick_filters_and_watched(
    qtbot: Any, proxy: RoomProxy, model: RoomModel, make_record: Make
) -> None:
    _fill(model, make_record)
    proxy.set_quick_filter(QuickFilter.LIVE)
    assert _ids(proxy) == ["900"]
    proxy.set_quick_filter(QuickFilter.WATCHED)
    assert _ids(proxy) == []
    model.set_watched("1000", True)
    assert _ids(proxy) == ["1000"]
    model.apply_page([make_record("1000", status=1, title="late night 聊天")])
    proxy.set_quick_filter(QuickFilter.LIVE)
    assert sorted(_ids(proxy)) == ["1000", "900"]


def test_a_row_leaving_the_filter_on_a_poll_disappears(
    proxy: RoomProxy, model: RoomModel, make_record: Make
) -> None:
    _fill(model, make_record)
    proxy.set_quick_filter(QuickFilter.LIVE)
    model.apply_page([make_record("900", status=100)])
    assert proxy.rowCount() == 0
    assert proxy.index(0, 0, QModelIndex()).isValid() is False

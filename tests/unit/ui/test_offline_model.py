"""RoomModel's stale rows: last values kept, grey italics and an age tooltip, through roles only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from qiemonitor.api.models import StreamRecord
from qiemonitor.ui.room_model import STALE_ROLE, Column, RoomModel
from qiemonitor.ui.room_proxy import RoomProxy

Make = Callable[..., StreamRecord]
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def model(qapp: Any, clock: Clock, make_record: Make) -> RoomModel:
    model = RoomModel(clock=clock)
    model.apply_page([make_record(room, status=1) for room in ("1", "2", "3", "4")])
    model.confirm()
    return model


def _changes(model: RoomModel) -> list[tuple[int, int, int, int, list[int]]]:
    seen: list[tuple[int, int, int, int, list[int]]] = []
    model.dataChanged.connect(
        lambda a, b, roles=(): seen.append(
            (a.row(), b.row(), a.column(), b.column(), [int(r) for r in roles])
        )
    )
    return seen


def _stale(model: RoomModel) -> list[bool]:
    return [model.index(row, 0).data(STALE_ROLE) for row in range(model.rowCount())]


def test_offline_rows_keep_their_values_and_look_stale(
    qtbot: Any, model: RoomModel, clock: Clock, qtmodeltester: Any
) -> None:
    before = [model.index(r, c).data() for r in range(4) for c in Column if c is not Column.AGE]
    clock.now += 12
    seen = _changes(model)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.layoutChanged):
        model.set_offline(True)
    assert [(first, last, left, right) for first, last, left, right, _ in seen] == [
        (0, 3, 0, len(Column) - 1)
    ]
    assert int(Qt.ItemDataRole.DisplayRole) not in seen[0][4]  # only the look changes
    assert _stale(model) == [True] * 4
    after = [model.index(r, c).data() for r in range(4) for c in Column if c is not Column.AGE]
    assert after == before
    title = model.index(0, Column.TITLE)
    assert QColor(title.data(FOREGROUND)).name() == "#8a8f98"
    assert isinstance(title.data(FONT), QFont)
    assert title.data(FONT).italic()
    assert title.data(TOOLTIP).startswith("stale: last seen 12 s ago\n")  # then the title
    assert model.index(0, Column.ROOM).data(TOOLTIP) == "stale: last seen 12 s ago"
    qtmodeltester.check(model)

    model.set_offline(True)  # no change, no signal
    assert len(seen) == 1
    model.confirm()
    model.set_offline(False)
    assert _stale(model) == [False] * 4
    assert title.data(FONT) is None
    assert title.data(FOREGROUND) is None
    assert not title.data(TOOLTIP).startswith("stale")


def test_rows_older_than_stale_after_turn_stale_on_the_tick_for_shown_rows_only(
    model: RoomModel, clock: Clock, make_record: Make
) -> None:
    model.stale_after = 10.0
    clock.now += 5
    model.apply_page([make_record("3", status=1, title="changed")])  # row 2 is fresher
    seen = _changes(model)
    clock.now += 6  # rows 0, 1, 3 are 11 s old, row 2 is 6 s old
    model.tick(rows=[0, 1, 2])
    flips = [(first, last) for first, last, left, right, roles in seen if int(FONT) in roles]
    assert flips == [(0, 1)]  # row 3 is off screen: it reads its state when painted
    assert _stale(model) == [True, True, False, True]
    seen.clear()
    model.tick(rows=[0, 1, 2])
    assert not [s for s in seen if int(FONT) in s[4]]  # told once, not every second
    model.confirm()  # a poll came: the rows told stale are told fresh at once
    assert [(first, last) for first, last, _, _, roles in seen if int(FONT) in roles] == [(0, 1)]
    assert _stale(model) == [False] * 4


def test_the_proxy_keeps_its_rows_when_rows_go_stale(
    qtbot: Any, model: RoomModel, clock: Clock
) -> None:
    proxy = RoomProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.ROOM, Qt.SortOrder.DescendingOrder)
    order = [proxy.index(r, Column.ROOM).data() for r in range(proxy.rowCount())]
    with qtbot.assertNotEmitted(proxy.modelReset), qtbot.assertNotEmitted(proxy.rowsRemoved):
        model.set_offline(True)
    assert [proxy.index(r, Column.ROOM).data() for r in range(proxy.rowCount())] == order
    assert all(proxy.index(r, 0).data(STALE_ROLE) for r in range(proxy.rowCount()))


def test_removed_and_cleared_rows_are_forgotten(model: RoomModel, clock: Clock) -> None:
    model.stale_after = 1.0
    clock.now += 2
    model.tick()
    model.remove_missing({"1", "2"})
    seen = _changes(model)
    model.confirm()
    assert [(first, last) for first, last, *_ in seen] == [(0, 1)]
    model.clear()
    assert model.rowCount() == 0
    model.set_offline(True)  # nothing to announce, and nothing breaks
    assert model.offline


def test_fresh_rows_say_current_and_the_tick_leaves_them_alone(
    model: RoomModel, clock: Clock
) -> None:
    model.stale_after = 10.0
    seen = _changes(model)
    clock.now += 3
    model.tick()
    assert [s for s in seen if s[2] <= Column.AGE <= s[3]] == []  # no age cell repainted
    assert [model.index(r, Column.AGE).data() for r in range(4)] == ["current"] * 4
    clock.now += 9  # 12 s since the last poll: every row is stale and shows its age
    model.tick(rows=[0, 1])
    age_cells = [(first, last) for first, last, left, _, roles in seen if left == Column.AGE]
    assert age_cells == [(0, 1)]
    assert int(Qt.ItemDataRole.DisplayRole) in seen[-1][4]  # the flip changes the text too
    assert model.index(0, Column.AGE).data() == "12 s"
    seen.clear()
    model.confirm()
    assert [model.index(r, Column.AGE).data() for r in range(4)] == ["current"] * 4
    assert [(s[0], s[1], int(Qt.ItemDataRole.DisplayRole) in s[4]) for s in seen] == [(0, 1, True)]

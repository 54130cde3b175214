"""RoomTable: merging polls into in-place updates, additions, removals and status changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qiemonitor.api.models import StatusKind, StreamRecord
from qiemonitor.core.rooms import RoomTable, StatusChange, merged_ranges, room_number, search_text

Make = Callable[..., StreamRecord]


def _table(make_record: Make, *room_ids: str, status: int = 1) -> RoomTable:
    table = RoomTable()
    merge = table.merge([make_record(room, status=status) for room in room_ids], now=1.0)
    table.append(merge.added, now=1.0)
    return table


def test_merged_ranges_joins_contiguous_rows() -> None:
    assert merged_ranges([5, 1, 2, 3, 7, 2]) == [(1, 3), (5, 5), (7, 7)]
    assert merged_ranges([]) == []


def test_room_number_is_numeric_only_for_digit_ids() -> None:
    assert room_number("10002625") == 10002625
    assert room_number("abc") is None
    assert room_number("１２") is None  # full-width digits are not a room number


def test_search_text_is_casefolded_and_covers_the_four_fields(make_record: Make) -> None:
    record = make_record("42", stream_name="42XyZ", user_name="Anna 足球", title="Big MATCH")
    text = search_text(record)
    for needle in ("42", "42xyz", "anna 足球", "big match"):
        assert needle in text


def test_first_merge_adds_every_room_in_arrival_order(make_record: Make) -> None:
    table = RoomTable()
    merge = table.merge([make_record("3"), make_record("1"), make_record("2")], now=1.0)
    assert [r.room_id for r in merge.added] == ["3", "1", "2"]
    assert merge.changed == []
    table.append(merge.added, now=1.0)
    assert [row.record.room_id for row in table] == ["3", "1", "2"]
    assert table.row_of("1") == 1


def test_a_repeated_room_within_one_page_is_added_once(make_record: Make) -> None:
    table = RoomTable()
    merge = table.merge([make_record("1", title="old"), make_record("1", title="new")], 1.0)
    assert [r.title for r in merge.added] == ["new"]


def test_an_unchanged_record_is_not_a_change_but_is_seen(make_record: Make) -> None:
    table = _table(make_record, "1", "2")
    merge = table.merge([make_record("2")], now=9.0)
    assert not merge
    assert table[1].seen_at == 9.0
    assert table[0].seen_at == 1.0


def test_a_changed_record_updates_its_row_in_place(make_record: Make) -> None:
    table = _table(make_record, "1", "2", "3")
    merge = table.merge([make_record("3", title="新标题"), make_record("1", title="x")], 2.0)
    assert merge.changed == [2, 0]
    assert merge.changed_ranges() == [(0, 0), (2, 2)]
    assert table[2].record.title == "新标题"
    assert "新标题" in table[2].search


def test_status_transitions_are_reported_and_counted(make_record: Make) -> None:
    table = _table(make_record, "1", "2", status=0)
    assert table.counts()[StatusKind.IDLE] == 2
    merge = table.merge([make_record("2", status=1), make_record("1", status=0)], 2.0)
    assert merge.transitions == [
        StatusChange("2", StatusKind.IDLE, StatusKind.LIVE, table[1].record)
    ]
    counts = table.counts()
    assert counts[StatusKind.IDLE] == 1
    assert counts[StatusKind.LIVE] == 1


def test_unknown_status_codes_are_their_own_kind(make_record: Make) -> None:
    table = _table(make_record, "1")
    merge = table.merge([make_record("1", status=7)], 2.0)
    assert merge.transitions[0].new is StatusKind.UNKNOWN


def test_appending_a_known_room_is_a_bug(make_record: Make) -> None:
    table = _table(make_record, "1")
    with pytest.raises(ValueError, match="already"):
        table.append([make_record("1")], 2.0)


def test_missing_ranges_and_remove_keep_the_index_right(make_record: Make) -> None:
    table = _table(make_record, "1", "2", "3", "4", "5")
    ranges = table.missing_ranges({"1", "4"})
    assert ranges == [(1, 2), (4, 4)]
    for first, last in reversed(ranges):
        table.remove(first, last)
    assert [row.record.room_id for row in table] == ["1", "4"]
    assert table.row_of("4") == 1
    assert "2" not in table
    assert table.counts()[StatusKind.LIVE] == 2


def test_data_age_counts_from_the_later_of_seen_and_confirmed(make_record: Make) -> None:
    table = _table(make_record, "1")
    assert table.data_age(table[0], now=4.0) == 3.0
    table.confirmed_at = 3.5
    assert table.data_age(table[0], now=4.0) == 0.5


def test_set_renditions_reports_the_row_only_when_it_changed(make_record: Make) -> None:
    table = _table(make_record, "1", "2")
    assert table[1].renditions is None
    assert table.set_renditions("2", 3) == 1
    assert table.set_renditions("2", 3) is None
    assert table.set_renditions("404", 3) is None

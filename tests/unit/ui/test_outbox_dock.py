"""The outbox list: its model merges without resets, and the dock's retry, discard and copy."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from qiemonitor.api.models import StartReport
from qiemonitor.core.outbox import Outbox, OutboxEntry
from qiemonitor.ui.main_window import MainWindow
from qiemonitor.ui.outbox_model import OutboxModel

T0 = 1_700_000_000_000


def _entry(entry_id: int, **fields: Any) -> OutboxEntry:
    values: dict[str, Any] = {
        "id": entry_id,
        "kind": "start",
        "room_id": str(1000 + entry_id),
        "body": b"{}",
        "state": "pending",
        "attempts": 0,
        "created_ms": T0,
        "next_attempt_ms": T0,
        "last_error": None,
        "answer_code": None,
        "answer": None,
        "delivered_ms": None,
    }
    values.update(fields)
    return OutboxEntry(**values)


def test_the_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = OutboxModel()
    model.set_entries(
        [
            _entry(1, state="delivered", answer_code=200, answer="SUCCESS", delivered_ms=T0),
            _entry(2, state="failed", last_error="server answered code 409: live"),
            _entry(3, blocked_by=2, room_id="1002"),
        ]
    )
    qtmodeltester.check(model)


def test_the_model_merges_by_id_without_a_reset(qtbot: Any) -> None:
    model = OutboxModel()
    model.set_entries([_entry(1), _entry(2), _entry(3)])
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    changed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_entries([_entry(1), _entry(3, state="sending", attempts=1), _entry(4)])
    assert removed == [(1, 1)]
    assert changed == [(1, 1)]
    assert inserted == [(2, 2)]
    assert [model.index(row, OutboxModel.ID).data() for row in range(3)] == ["1", "3", "4"]
    assert model.index(1, OutboxModel.STATE).data() == "sending"


def test_tick_counts_down_only_the_entries_waiting_out_a_backoff(qtbot: Any) -> None:
    model = OutboxModel()
    model.set_entries([_entry(1, state="delivered"), _entry(2, next_attempt_ms=2**50)])
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.tick()
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), top.column(), bottom.row()) == (1, OutboxModel.NOTE, 1)


def test_notes_say_what_happens_next() -> None:
    model = OutboxModel()
    failed = _entry(2, state="failed", last_error="server answered code 409: live")
    assert model.note(failed) == "rejected: server answered code 409: live — retry or discard it"
    assert model.note(_entry(3, blocked_by=2)) == "waiting behind entry 2 of the same room"
    later = _entry(4, next_attempt_ms=2**50, last_error="cannot reach server")
    assert model.note(later).startswith("next try in ")
    assert model.note(later).endswith("; last try: cannot reach server")
    model.server = "http://a"
    elsewhere = _entry(5, server="http://b")
    assert model.note(elsewhere) == "for http://b: sent when qiemonitor is connected to it again"
    assert model.note(dataclasses.replace(elsewhere, server="http://a")) == "due now"
    done = dataclasses.replace(failed, state="delivered", answer_code=200, answer="SUCCESS")
    assert "server answered 200 SUCCESS" in model.note(done)


@pytest.fixture
def failed_window(
    make_window: Callable[..., MainWindow],
    changing_demo_server: Any,
    attach_outbox: Callable[..., Any],
    qtbot: Any,
    run_async: Callable[..., Any],
) -> MainWindow:
    """A window whose outbox holds one rejected start report (a second start for a live room)."""
    window = make_window(changing_demo_server.url)
    attach_outbox(window)
    report = StartReport(
        start_time=T0,
        category_id=1,
        user_id=1,
        user_name="主播",
        title="t",
        room_id="990",
        ip="127.0.0.1",
    )
    assert run_async(window.outbox.submit(report)).outcome == "delivered"
    late = msgspec.structs.replace(report, start_time=T0 + 1)
    assert run_async(window.outbox.submit(late)).outcome == "failed"
    qtbot.waitUntil(lambda: window.outbox_dock.model.rowCount() == 2)
    return window


def test_copy_puts_the_report_body_on_the_clipboard(failed_window: MainWindow) -> None:
    dock = failed_window.outbox_dock
    assert dock.select_entry(2)
    dock.copy_button.click()
    assert QGuiApplication.clipboard().text() == dock.selected_entry().text  # type: ignore[union-attr]
    assert f'"startTime":{T0 + 1}' in QGuiApplication.clipboard().text()


def test_retry_sends_again_and_a_refusal_is_one_line(failed_window: MainWindow, qtbot: Any) -> None:
    dock = failed_window.outbox_dock
    assert dock.select_entry(2)
    assert dock.retry_button.isEnabled()
    assert not dock.select_entry(99)
    dock.retry_button.click()
    # Still a conflict: the server rejects it again, and the entry stays failed.
    qtbot.waitUntil(lambda: dock.model.entry(1).attempts == 2)  # type: ignore[union-attr]
    assert dock.model.entry(1).state == "failed"  # type: ignore[union-attr]
    assert dock.select_entry(1)
    assert not dock.retry_button.isEnabled(), "a delivered entry is history"


def test_discard_asks_first_then_drops_the_entry(
    failed_window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    dock = failed_window.outbox_dock
    assert dock.select_entry(2)
    dock.discard_button.click()
    box = dock.discard_box
    assert box is not None
    assert "never be sent" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        assert len(outbox.entries()) == 2
    dock.discard_button.click()
    assert dock.discard_box is not None
    dock.discard_box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1)
    qtbot.waitUntil(lambda: failed_window.outbox_badge.text() == "Outbox: all delivered")
    lines = failed_window.event_log.model
    assert "outbox entry 2 discarded" in lines.entry(lines.rowCount() - 1).text

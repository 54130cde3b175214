"""The event log dock: lines in order, capped, filtered by text and kind, cleared."""

from __future__ import annotations

from typing import Any

from qiemonitor.ui.event_log import EventKind, EventLogDock, EventLogModel


def test_the_log_models_pass_the_model_tester(qtmodeltester: Any, qtbot: Any) -> None:
    dock = EventLogDock()
    qtbot.addWidget(dock)
    dock.log_event(EventKind.STATUS, "10002625", "idle → live")
    dock.log_event(EventKind.ERROR, None, "cannot reach server")
    qtmodeltester.check(dock.model)
    qtmodeltester.check(dock.filter)


def test_lines_keep_their_order_and_the_cap(qapp: Any) -> None:
    model = EventLogModel(limit=3, clock=lambda: 1_700_000_000_000)
    for n in range(5):
        model.add(EventKind.REPORT, str(n), f"report {n}")
    assert [model.index(r, 2).data() for r in range(3)] == ["2", "3", "4"]
    assert model.index(0, 1).data() == "report"
    assert model.index(0, 3).data() == "report 2"


def test_filter_by_text_and_kind_then_clear(qtbot: Any) -> None:
    dock = EventLogDock()
    qtbot.addWidget(dock)
    dock.log_event(EventKind.STATUS, "10002625", "idle → live")
    dock.log_event(EventKind.REPORT, "10002625", "start report sent: 开播")
    dock.log_event(EventKind.ERROR, None, "Cannot reach server")
    dock.filter_edit.setText("开播")
    assert dock.filter.rowCount() == 1
    dock.filter_edit.setText("CANNOT")
    assert dock.filter.rowCount() == 1
    dock.filter_edit.clear()
    dock.kind_box.setCurrentIndex(dock.kind_box.findData(EventKind.STATUS))
    assert dock.filter.rowCount() == 1
    assert dock.filter.index(0, 3).data() == "idle → live"
    dock.kind_box.setCurrentIndex(0)
    assert dock.filter.rowCount() == 3
    dock.clear_button.click()
    assert dock.model.rowCount() == 0

"""Start and stop reports from the window, through the outbox, against the real embedded server."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from qiemonitor.api.models import StatusKind, StreamRecord
from qiemonitor.core.formatting import now_ms
from qiemonitor.core.outbox import Outbox
from qiemonitor.server import EmbeddedServer
from qiemonitor.ui.event_log import EventKind
from qiemonitor.ui.main_window import MainWindow
from qiemonitor.ui.start_dialog import StartReportDialog
from qiemonitor.ui.stop_dialog import StopReportDialog

Make = Callable[..., MainWindow]
Attach = Callable[..., Any]


def _poll(qtbot: Any, window: MainWindow) -> None:
    with qtbot.waitSignal(window.feed.synced, timeout=10_000):
        if window.polling.poller.running:
            window.polling.refresh_now()
        else:
            window.start_polling()


def _room_of(window: MainWindow, kind: StatusKind) -> StreamRecord:
    rows = (window.model.row_at(row).record for row in range(window.model.rowCount()))
    return min((r for r in rows if r.kind is kind), key=lambda r: int(r.room_id))


def _dialog(window: MainWindow, kind: type[Any]) -> Any:
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def _log_lines(window: MainWindow) -> list[Any]:
    log = window.event_log.model
    return [log.entry(row) for row in range(log.rowCount())]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def window(make_window: Make, changing_demo_server: Any, attach_outbox: Attach, qtbot: Any) -> Any:
    window = make_window(changing_demo_server.url)
    attach_outbox(window)
    _poll(qtbot, window)
    return window


def test_the_start_form_checks_every_field_before_it_can_send(window: Any) -> None:
    room = _room_of(window, StatusKind.IDLE)
    dialog = StartReportDialog(room, "10.1.2.3", window.outbox, window)
    send = dialog.send_button()
    assert send.isEnabled(), "a room's own record fills a valid form"
    assert f'"roomId":"{room.room_id}"' in dialog.preview.toPlainText()
    cases = {
        "userId": ("abc", "whole number"),
        "categoryId": ("1.5", "whole number"),
        "roomId": ("10a", "digits only"),
        "startTime": (str(now_ms() // 1000), "seconds"),
        "ip": ("300.1.1.1", "not an IPv4 or IPv6 address"),
        "title": ("   ", "required"),
    }
    for key, (bad, problem) in cases.items():
        good = dialog.fields[key].text()
        dialog.fields[key].edit.setText(bad)
        assert not send.isEnabled(), key
        assert problem in dialog.fields[key].error.text(), key
        assert "appears here once the form is valid" in dialog.preview.toPlainText()
        dialog.fields[key].edit.setText(good)
        assert send.isEnabled(), key
    dialog.reject()


def test_a_start_report_is_delivered_and_the_table_shows_it(window: Any, qtbot: Any) -> None:
    room = _room_of(window, StatusKind.IDLE)
    assert window.table.select_room(room.room_id)
    window.commands.start_report.trigger()
    dialog = _dialog(window, StartReportDialog)
    with qtbot.waitSignal(dialog.report_sent, timeout=10_000) as sent:
        dialog.send_button().click()
    assert sent.args[1].outcome == "delivered"
    assert dialog.answer.text().startswith("Delivered: server answered 200")
    assert not dialog.send_button().isEnabled(), "one report per dialog"
    qtbot.waitUntil(lambda: window.model.record_of(room.room_id).kind is StatusKind.LIVE)
    assert any(
        e.kind is EventKind.REPORT and e.room_id == room.room_id and "delivered" in e.text
        for e in _log_lines(window)
    )
    qtbot.waitUntil(lambda: window.outbox_badge.text() == "Outbox: all delivered")


def test_no_click_or_key_stops_a_broadcast_until_the_room_id_is_typed(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    room = _room_of(window, StatusKind.LIVE)
    assert window.table.select_room(room.room_id)
    window.commands.stop_report.trigger()
    dialog = _dialog(window, StopReportDialog)
    stop = dialog.send_button()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.isDefault()
    assert not stop.isEnabled()
    assert room.room_id in dialog.windowTitle()
    dialog.confirm.setText(room.room_id[:-1])
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert not stop.isEnabled()
    assert not dialog.sending
    assert dialog.isVisible()
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        assert box.entries() == []
    dialog.confirm.setText(room.room_id)
    assert stop.isEnabled()
    with qtbot.waitSignal(dialog.report_sent, timeout=10_000):
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.record_of(room.room_id).kind is StatusKind.ENDED)


def test_a_rejected_report_is_kept_and_the_corrected_one_replaces_it(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    room = _room_of(window, StatusKind.LIVE)
    dialog = StartReportDialog(room, "10.1.2.3", window.outbox, window)
    start = dialog.fields["startTime"]
    start.edit.setText(str((room.start_time or 0) + 1))  # live since another time: 409
    dialog.send_button().click()
    qtbot.waitUntil(lambda: dialog.answer.text().startswith("Rejected:"), timeout=10_000)
    assert "409" in dialog.answer.text()
    assert dialog.send_button().isEnabled()
    qtbot.waitUntil(lambda: "1 failed" in window.outbox_badge.text())
    start.edit.setText(str(room.start_time))  # the same start again: idempotent, 200
    with qtbot.waitSignal(dialog.report_sent, timeout=10_000):
        dialog.send_button().click()
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        assert [e.state for e in box.entries()] == ["delivered"]
    qtbot.waitUntil(lambda: window.outbox_badge.text() == "Outbox: all delivered")


def _queue_one(window: Any, qtbot: Any, record: StreamRecord) -> None:
    dialog = StartReportDialog(record, "10.1.2.3", window.outbox, window)
    with qtbot.waitSignal(dialog.report_sent, timeout=10_000) as sent:
        dialog.send_button().click()
    assert sent.args[1].outcome == "queued"
    assert dialog.answer.text().startswith("Not delivered yet: cannot reach server")
    assert not dialog.send_button().isEnabled(), "queued is accepted: no second send"
    qtbot.waitUntil(lambda: window.outbox_badge.text() == "Outbox: 1 waiting")
    dialog.accept()


def test_an_outage_queues_the_report_until_the_server_is_back(
    make_window: Make, attach_outbox: Attach, qtbot: Any, make_record: Any
) -> None:
    port = _free_port()
    window = make_window(f"http://127.0.0.1:{port}")
    attach_outbox(window)
    _queue_one(window, qtbot, make_record("880"))
    assert any("trying again" in e.text for e in _log_lines(window) if e.room_id == "880")
    window.show()
    quits: list[bool] = []
    window.quit_requested.connect(lambda: quits.append(True))
    window.close()
    qtbot.waitUntil(lambda: window.quit_box is not None)
    assert window.isVisible()
    assert not quits
    window.quit_box.buttons()[1].click()  # stay and keep sending
    assert window.isVisible()
    assert not quits
    with EmbeddedServer(port=port, demo=False):
        window.outbox_dock.send_now_button.click()
        qtbot.waitUntil(
            lambda: window.outbox_badge.text() == "Outbox: all delivered", timeout=10_000
        )
    assert any("delivered" in e.text for e in _log_lines(window) if e.room_id == "880")


def test_quitting_with_a_queued_report_keeps_it_for_the_next_start(
    make_window: Make, attach_outbox: Attach, qtbot: Any, make_record: Any, tmp_path: Path
) -> None:
    window = make_window(f"http://127.0.0.1:{_free_port()}")
    attach_outbox(window)
    _queue_one(window, qtbot, make_record("881"))
    window.show()
    with qtbot.waitSignal(window.quit_requested):
        window.close()
        qtbot.waitUntil(lambda: window.quit_box is not None)
        assert "1 report(s) have not reached the server" in window.quit_box.text()
        window.quit_box.defaultButton().click()  # the default keeps them
    assert not window.isVisible()
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        assert [(e.room_id, e.state) for e in box.entries()] == [("881", "pending")]


def test_quitting_just_after_a_delivery_does_not_ask(window: Any, qtbot: Any) -> None:
    # The badge's counts are read a moment after each change; the quit check reads them anew.
    window._outbox_counts = {"pending": 1}
    window.show()
    with qtbot.waitSignal(window.quit_requested):
        window.close()
    assert window.quit_box is None

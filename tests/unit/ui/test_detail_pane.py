"""The detail pane over the platform's sample: every field, renditions, raw JSON, copies."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import json
import re
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from PySide6.QtCore import QBuffer, QIODevice, QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from qiemonitor.api.models import RoomPage, StreamInfo, StreamRecord
from qiemonitor.api.wire import decode_envelope, decode_info
from qiemonitor.core.formatting import format_local_time
from qiemonitor.core.playback import PlaybackUrls
from qiemonitor.core.thumbnails import ThumbnailFetcher
from qiemonitor.ui.detail_pane import DetailPane
from qiemonitor.ui.field_model import FieldModel
from qiemonitor.ui.history_model import HistoryModel
from qiemonitor.ui.rendition_model import RenditionModel
from qiemonitor.ui.stream_fields import record_sections
from qiemonitor.ui.thumbnail import HEADER_SIZE, ThumbnailLoader

SAMPLE = Path(__file__).parents[2] / "data" / "seed-sample-response.json"
_OUTSIDE_STRINGS = re.compile(r'("(?:[^"\\]|\\.)*")|\s+')


def _squeeze(text: str) -> str:
    return _OUTSIDE_STRINGS.sub(lambda m: m.group(1) or "", text)


def _wire_sample() -> dict[str, Any]:
    return json.loads(SAMPLE.read_bytes())["result"]


def sample_info() -> StreamInfo:
    return decode_info(decode_envelope(SAMPLE.read_bytes()).payload)


def info_with(stream_changes: dict[str, Any] | None = None, **extra: Any) -> StreamInfo:
    """The sample's result with some stream fields changed or added."""
    result = _wire_sample()
    result["stream"].update(stream_changes or {}, **extra)
    return decode_info(json.dumps(result, ensure_ascii=False).encode())


def jpeg_bytes() -> bytes:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG")
    return bytes(buffer.data().data())


class FakeImageHost:
    """An httpx transport standing in for the image CDN: nothing leaves the machine."""

    def __init__(self) -> None:
        self.body = b""
        self.status = 200
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, content=self.body)


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


@pytest.fixture
def image_host(qapp: Any) -> FakeImageHost:
    host = FakeImageHost()
    host.body = jpeg_bytes()
    return host


@pytest.fixture
def loader(
    qt_loop: asyncio.AbstractEventLoop, qtbot: Any, image_host: FakeImageHost
) -> Iterator[ThumbnailLoader]:
    http = httpx.AsyncClient(transport=httpx.MockTransport(image_host))
    loader = ThumbnailLoader(ThumbnailFetcher(http=http))
    yield loader
    run(qtbot, loader.aclose())
    run(qtbot, http.aclose())


@pytest.fixture
def pane(qtbot: Any, loader: ThumbnailLoader) -> DetailPane:
    pane = DetailPane(loader, PlaybackUrls({"qietv-video-play": "https://play.example.com/vod/"}))
    qtbot.addWidget(pane)
    pane.resize(760, 900)
    return pane


def rows_by_key(model: FieldModel) -> dict[str, tuple[str, str, str]]:
    """Every field row as key → (section title, value, as received)."""
    found = {}
    for number in range(model.rowCount()):
        section = model.index(number, 0)
        for row in range(model.rowCount(section)):
            key = model.index(row, FieldModel.FIELD, section).data()
            value = model.index(row, FieldModel.VALUE, section).data()
            wire = model.index(row, FieldModel.WIRE, section).data()
            found[key] = (section.data(), value, wire)
    return found


# -- fields -------------------------------------------------------------------


def test_every_field_of_the_sample_is_shown_in_its_section(pane: DetailPane) -> None:
    info = sample_info()
    pane.show_record(info.stream)
    pane.set_info(info)
    rows = rows_by_key(pane.field_model)
    wire = _wire_sample()["stream"]
    assert set(rows) == set(wire)
    titles = [pane.field_model.index(n, 0).data() for n in range(pane.field_model.rowCount())]
    assert titles == ["Identity", "State", "Timing", "Delivery", "Storage"]
    assert rows["userName"] == ("Identity", "安哥拉男子足球队", "")
    assert rows["roomId"] == ("Identity", "10002625", "")
    assert rows["resourceId"] == ("Identity", "13113", "")
    assert rows["status"] == ("State", "ended (100)", "100")
    assert rows["clear"] == ("State", "FHD (1080p)", "30")
    assert rows["startTime"] == ("Timing", format_local_time(1477068624056), "1477068624056")
    assert rows["cdnEndTime"] == ("Timing", format_local_time(1477111020388), "1477111020388")
    assert rows["duration"] == ("Timing", "11:34:46", "41686240")
    assert rows["m3u8"] == ("Delivery", "✓ yes", "true")
    assert rows["p2p"] == ("Delivery", "✗ no", "false")
    assert rows["imageCdnType"] == ("Storage", "99", "")
    assert rows["persistentId"][1] == wire["persistentId"]


def test_unknown_fields_appear_under_other_fields(pane: DetailPane) -> None:
    info = info_with(regionCode="华东", weights=[1, 2])
    pane.show_record(info.stream)
    rows = rows_by_key(pane.field_model)
    assert rows["regionCode"] == ("Other fields", "华东", "")
    assert rows["weights"] == ("Other fields", "[1, 2]", "")


def test_a_missing_field_says_it_was_not_sent(pane: DetailPane) -> None:
    pane.show_record(StreamRecord(room_id="42", title="t"))
    rows = rows_by_key(pane.field_model)
    assert rows["userName"] == ("Identity", "—", "(not sent)")
    assert rows["roomId"] == ("Identity", "42", "")


def test_header_names_title_broadcaster_room_and_status(pane: DetailPane) -> None:
    pane.show_record(sample_info().stream)
    header = pane.header
    assert header.title.text() == "【阿森纳】 纪录片+高清比赛"
    assert "安哥拉男子足球队" in header.broadcaster.text()
    assert "10002625" in header.room.text()
    assert header.status.text() == "ended (100)"
    assert "#616161" in header.status.styleSheet()
    pane.show_record(info_with({"status": 1}).stream)
    assert header.status.text() == "live (1)"
    assert "#2e7d32" in header.status.styleSheet()


# -- renditions and raw JSON ----------------------------------------------------


def test_renditions_sorted_by_clarity_with_zero_as_a_dash(pane: DetailPane) -> None:
    info = sample_info()
    pane.show_record(info.stream)
    assert pane.renditions.shown_renditions() == []  # none until the info arrives
    pane.set_info(info)
    proxy = pane.renditions.proxy
    shown = [
        [proxy.index(row, column).data() for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]
    assert [row[RenditionModel.CLARITY] for row in shown] == [
        "FHD (1080p)",
        "HD (720p)",
        "SD (480p)",
    ]
    assert [row[RenditionModel.RESOLUTION] for row in shown] == ["—", "1280 × 1080", "853 × 1080"]
    assert shown[0][RenditionModel.KEY].endswith("-1080.m3u8")
    assert shown[0][RenditionModel.TYPE] == "HLS (m3u8)"
    assert shown[0][RenditionModel.SIZE] == "124.3 KiB"
    assert shown[0][RenditionModel.DURATION] == "11:34:32"


def test_raw_json_is_the_received_text_re_indented(pane: DetailPane) -> None:
    info = sample_info()
    pane.show_record(info.stream)
    record_text = pane.raw_json.toPlainText()
    assert _squeeze(record_text) == _squeeze(info.stream.raw.decode())
    pane.set_info(info)
    text = pane.raw_json.toPlainText()
    assert pane.raw_json.isReadOnly()
    assert json.loads(text) == _wire_sample()
    assert _squeeze(text) == _squeeze(info.raw.decode())
    assert '"userName": "安哥拉男子足球队"' in text


# -- copying ------------------------------------------------------------------


def _field_index(model: FieldModel, key: str, column: int = FieldModel.VALUE) -> QModelIndex:
    for number in range(model.rowCount()):
        section = model.index(number, 0)
        for row in range(model.rowCount(section)):
            if model.index(row, 0, section).data() == key:
                return model.index(row, column, section)
    raise KeyError(key)


def test_copy_value_and_field_and_value(pane: DetailPane, qtbot: Any) -> None:
    pane.show_record(sample_info().stream)
    clipboard = QGuiApplication.clipboard()
    with qtbot.waitSignal(pane.copied) as message:
        pane.fields.copy_value(_field_index(pane.field_model, "userName"))
    assert clipboard.text() == "安哥拉男子足球队"
    assert message.args == ["Copied userName"]
    pane.fields.copy_value(_field_index(pane.field_model, "startTime", FieldModel.WIRE))
    assert clipboard.text() == "1477068624056"
    pane.fields.copy_pair(_field_index(pane.field_model, "duration"))
    assert clipboard.text() == "duration: 11:34:46 (41686240)"


SHOWN = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen plugin


@SHOWN
def test_ctrl_c_copies_the_selected_values(pane: DetailPane, qtbot: Any) -> None:
    pane.show_record(sample_info().stream)
    pane.show()
    qtbot.waitExposed(pane)
    view = pane.fields
    selection = view.selectionModel()
    flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
    selection.select(_field_index(pane.field_model, "streamName"), flags)
    view.setFocus()
    with qtbot.waitSignal(pane.copied):
        qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "10002625rATSDQFg"
    selection.select(_field_index(pane.field_model, "userId"), flags)
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == "streamName: 10002625rATSDQFg\nuserId: 3813709"


def test_copy_all_as_json_for_a_ticket(pane: DetailPane, qtbot: Any) -> None:
    info = info_with(regionCode="华东")
    pane.show_record(info.stream)
    pane.set_info(info)
    with qtbot.waitSignal(pane.copied) as message:
        pane.header.copy_all_button.click()
    text = QGuiApplication.clipboard().text()
    wire = _wire_sample()
    wire["stream"]["regionCode"] = "华东"
    assert json.loads(text) == wire
    assert list(json.loads(text)["stream"]) == list(wire["stream"])  # the server's order
    assert "安哥拉男子足球队" in text
    assert "\\u" not in text
    assert message.args == ["Copied room 10002625 as JSON"]


def test_rendition_actions_copy_the_key_and_playback_url(pane: DetailPane, qtbot: Any) -> None:
    info = sample_info()
    pane.show_record(info.stream)
    pane.set_info(info)
    panel = pane.renditions
    panel.select_row(1)
    with qtbot.waitSignal(pane.copied):
        panel.copy_key_button.click()
    key = "m3u8/20161022/live-10002625rATSDQFg--20161022005023-720.m3u8"
    assert QGuiApplication.clipboard().text() == key
    panel.copy_url_button.click()
    assert QGuiApplication.clipboard().text() == f"https://play.example.com/vod/{key}"


# -- refreshing ---------------------------------------------------------------


@SHOWN
def test_a_refresh_of_the_same_room_keeps_tab_and_scroll_and_repaints_only_changes(
    pane: DetailPane, qtbot: Any
) -> None:
    info = sample_info()
    pane.show_record(info.stream)
    pane.set_info(info)
    pane.show()
    qtbot.waitExposed(pane)
    pane.resize(500, 400)
    pane.tabs.setCurrentIndex(DetailPane.RAW_TAB)
    raw_bar = pane.raw_json.verticalScrollBar()
    qtbot.waitUntil(lambda: raw_bar.maximum() > 0)
    raw_bar.setValue(raw_bar.maximum() // 2)
    fields_bar = pane.fields.verticalScrollBar()
    changed: list[tuple[int, int]] = []
    pane.field_model.dataChanged.connect(lambda a, b: changed.append((a.parent().row(), a.row())))
    with qtbot.assertNotEmitted(pane.field_model.modelReset):
        pane.set_info(info_with({"title": "新标题"}))
    assert pane.tabs.currentIndex() == DetailPane.RAW_TAB
    assert raw_bar.value() == raw_bar.maximum() // 2
    assert changed == [(0, 4)]  # Identity, title
    assert pane.header.title.text() == "新标题"
    assert fields_bar.value() == 0


def test_another_rooms_late_info_and_history_are_ignored(pane: DetailPane) -> None:
    pane.show_record(StreamRecord(room_id="1", title="one"))
    pane.set_info(sample_info())
    assert pane.record() == StreamRecord(room_id="1", title="one")
    assert pane.renditions.shown_renditions() == []
    pane.set_history(RoomPage(total=1, page=1, page_size=20, streams=[sample_info().stream]))
    assert pane.history_model.rowCount() == 0


def test_nothing_selected_shows_the_empty_state(pane: DetailPane) -> None:
    pane.show_record(sample_info().stream)
    pane.show_record(None)
    assert pane.record() is None
    assert pane.field_model.rowCount() == 0
    assert pane.raw_json.toPlainText() == ""
    assert not pane.copy_all_action.isEnabled()
    assert pane.copy_all_json() == ""


def test_history_lists_the_rooms_recent_records(pane: DetailPane, qtmodeltester: Any) -> None:
    first = sample_info().stream
    newer = info_with({"resourceId": 13200, "status": 1, "title": "今晚"}).stream
    pane.show_record(newer)
    pane.set_history(RoomPage(total=2, page=1, page_size=20, streams=[newer, first]))
    model = pane.history_model
    assert model.rowCount() == 2
    assert model.index(0, HistoryModel.STATUS).data() == "live (1)"
    assert model.index(1, HistoryModel.TITLE).data() == "【阿森纳】 纪录片+高清比赛"
    assert model.index(1, HistoryModel.DURATION).data() == "11:34:46"
    assert model.index(1, HistoryModel.START).data() == format_local_time(1477068624056)
    qtmodeltester.check(model)


# -- the thumbnail -------------------------------------------------------------


def test_the_thumbnail_is_fetched_without_the_token_and_shown(
    pane: DetailPane, loader: ThumbnailLoader, image_host: FakeImageHost, qtbot: Any
) -> None:
    info = sample_info()
    with qtbot.waitSignal(loader.loaded, timeout=5000) as loaded:
        pane.show_record(info.stream)
    assert loaded.args[0] == info.stream.image_url
    pixmap = pane.header.image.pixmap()
    assert not pixmap.isNull()
    assert pixmap.size() == HEADER_SIZE
    assert "authorization" not in image_host.requests[0].headers
    pane.show_record(None)
    pane.show_record(info.stream)  # cached: no second request
    assert len(image_host.requests) == 1


def test_a_broken_thumbnail_leaves_a_placeholder_with_the_reason(
    pane: DetailPane, loader: ThumbnailLoader, image_host: FakeImageHost, qtbot: Any
) -> None:
    image_host.body = b"<html>not an image</html>"
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        pane.show_record(sample_info().stream)
    assert failed.args[1] == "not an image this app can read"
    assert pane.header.image.toolTip() == "not an image this app can read"
    assert not pane.header.image.pixmap().isNull()


def test_no_image_url_is_a_placeholder_without_a_request(
    pane: DetailPane, image_host: FakeImageHost
) -> None:
    pane.show_record(StreamRecord(room_id="7"))
    assert not pane.header.image.pixmap().isNull()
    assert image_host.requests == []


# -- models --------------------------------------------------------------------


def test_the_field_model_passes_the_model_tester(qapp: Any, qtmodeltester: Any) -> None:
    model = FieldModel()
    qtmodeltester.check(model)
    model.set_sections(record_sections(info_with(regionCode="华东").stream))
    qtmodeltester.check(model)
    model.set_sections(record_sections(sample_info().stream))
    qtmodeltester.check(model)


def test_the_raw_record_keeps_unknown_fields_byte_for_byte(qapp: Any) -> None:
    info = info_with(bigId=123456789012345678901)
    assert b"123456789012345678901" in info.stream.raw
    assert msgspec.json.decode(info.stream.raw)["bigId"] == 123456789012345678901

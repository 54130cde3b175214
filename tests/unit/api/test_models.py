"""The wire models and envelope decoding against the platform's own sample and bad shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from qiemonitor.api.errors import Conflict, ProtocolError, ServerError
from qiemonitor.api.models import (
    Rendition,
    StartReport,
    StatusKind,
    StopReport,
    StreamRecord,
    clarity_label,
    status_kind,
)
from qiemonitor.api.wire import decode_envelope, decode_info, decode_page

SAMPLE = Path(__file__).parents[2] / "data" / "seed-sample-response.json"
SHARED = Path(__file__).parents[4] / "shared" / "seed-sample-response.json"


def _sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


def _sample() -> dict[str, Any]:
    return json.loads(_sample_bytes())


def _info_body(stream: dict[str, Any], videos: list[Any] | None = None) -> bytes:
    result = {"stream": stream, "videos": videos or []}
    return json.dumps({"code": 200, "message": "SUCCESS", "result": result}).encode()


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside this checkout")
def test_the_test_copy_of_the_sample_is_byte_for_byte_the_platforms() -> None:
    assert SAMPLE.read_bytes() == SHARED.read_bytes()


def test_sample_parses_every_field_with_its_type() -> None:
    envelope = decode_envelope(_sample_bytes())
    assert (envelope.code, envelope.message, envelope.ok) == (200, "SUCCESS", True)
    info = decode_info(envelope.payload)
    stream = info.stream
    wire = _sample()["result"]["stream"]
    for name, field in zip(
        StreamRecord.__struct_fields__, StreamRecord.__struct_encode_fields__, strict=True
    ):
        assert getattr(stream, name) == wire[field], field
        assert type(getattr(stream, name)) is type(wire[field]), field
    assert stream.room_id == "10002625"
    assert stream.user_name == "安哥拉男子足球队"
    assert stream.kind is StatusKind.ENDED
    assert stream.extra == {}
    assert [v.clear for v in info.videos] == [30, 20, 10]
    first = info.videos[0]
    assert (first.width, first.height, first.record_id) == (0, 0, stream.resource_id)
    for video, wire_video in zip(info.videos, _sample()["result"]["videos"], strict=True):
        for name, field in zip(
            Rendition.__struct_fields__, Rendition.__struct_encode_fields__, strict=True
        ):
            assert getattr(video, name) == wire_video[field], field


def test_raw_keeps_the_record_exactly_as_received() -> None:
    info = decode_info(decode_envelope(_sample_bytes()).payload)
    assert json.loads(info.stream.raw) == _sample()["result"]["stream"]
    assert info.stream.raw_object == _sample()["result"]["stream"]
    assert list(info.stream.raw_object) == list(_sample()["result"]["stream"])
    assert json.loads(info.raw) == _sample()["result"]


def test_unknown_fields_are_kept_and_shown() -> None:
    stream = {"roomId": "1", "status": 1, "newField": {"a": [1, 2]}, "liveScore": 9.5}
    video = {"key": "k", "codec": "h265"}
    info = decode_info(decode_envelope(_info_body(stream, [video])).payload)
    assert info.stream.extra == {"newField": {"a": [1, 2]}, "liveScore": 9.5}
    assert info.videos[0].extra == {"codec": "h265"}


def test_missing_optional_fields_default_to_none() -> None:
    info = decode_info(decode_envelope(_info_body({"roomId": "7"})).payload)
    assert info.stream.room_id == "7"
    assert info.stream.status is None
    assert info.stream.kind is StatusKind.UNKNOWN
    assert info.videos == []


def test_data_is_accepted_in_place_of_result() -> None:
    body = json.dumps({"code": 200, "message": "SUCCESS", "data": "OK"}).encode()
    assert decode_envelope(body).result() == "OK"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("userId", "3813709", "Expected `int | null`, got `str` - at `$.result.stream.userId`"),
        ("startTime", 1.5, "got `float` - at `$.result.stream.startTime`"),
        ("roomId", 10002625, "Expected `str`, got `int` - at `$.result.stream.roomId`"),
        ("p2p", 0, "Expected `bool | null`, got `int` - at `$.result.stream.p2p`"),
        ("status", True, "got `bool` - at `$.result.stream.status`"),
        ("title", ["x"], "Expected `str | null`, got `array` - at `$.result.stream.title`"),
    ],
)
def test_a_field_of_the_wrong_type_is_an_error_naming_it(
    field: str, value: Any, expected: str
) -> None:
    stream = _sample()["result"]["stream"] | {field: value}
    envelope = decode_envelope(_info_body(stream))
    with pytest.raises(ProtocolError, match="malformed answer") as caught:
        decode_info(envelope.payload)
    assert expected in caught.value.message


def test_a_rendition_of_the_wrong_type_names_its_index() -> None:
    videos = [{"key": "a"}, {"key": "b", "fileSize": "12"}]
    with pytest.raises(ProtocolError, match=r"\$\.result\.videos\[1\]\.fileSize"):
        decode_info(decode_envelope(_info_body({"roomId": "1"}, videos)).payload)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html>502 Bad Gateway</html>", "body is not valid JSON"),
        (b"", "body is not valid JSON"),
        (b'{"code": 200, "mess', "body is not valid JSON"),
        (b"[1, 2]", "expected a JSON object, got `array`"),
        (b'"OK"', "expected a JSON object, got `str`"),
        (b'{"message": "SUCCESS"}', "no field `code`"),
        (b'{"code": "200"}', "Expected `int`, got `str` - at `$.code`"),
        (b'{"code": 200, "message": 5}', "at `$.message`"),
    ],
)
def test_bad_envelopes_are_protocol_errors(body: bytes, expected: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_envelope(body)
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_an_error_code_inside_http_200_raises_the_specific_error() -> None:
    envelope = decode_envelope(b'{"code": 409, "message": "room 10002625 is already live"}')
    assert not envelope.ok
    with pytest.raises(Conflict) as caught:
        envelope.raise_for_code(http_status=200)
    assert caught.value.message == "server answered code 409: room 10002625 is already live"
    assert caught.value.retryable is False


def test_unknown_error_codes_are_server_errors() -> None:
    with pytest.raises(ServerError, match="code 1234: odd"):
        decode_envelope(b'{"code": 1234, "message": "odd"}').raise_for_code()


def test_page_parses_and_names_the_bad_record() -> None:
    stream = _sample()["result"]["stream"]
    good = {"total": 2, "page": 1, "pageSize": 2, "serverTime": 5, "streams": [stream, stream]}
    page = decode_page(json.dumps(good).encode())
    assert (page.total, page.page_size, page.server_time, len(page.streams)) == (2, 2, 5, 2)
    bad = good | {"streams": [stream, stream | {"clear": "30"}]}
    with pytest.raises(ProtocolError, match=r"\$\.result\.streams\[1\]\.clear"):
        decode_page(json.dumps(bad).encode())
    with pytest.raises(ProtocolError, match="no field `total`"):
        decode_page(b'{"page": 1, "pageSize": 1}')


def test_reports_encode_camel_case_and_omit_absent_optionals() -> None:
    start = StartReport(
        start_time=1,
        category_id=198,
        user_id=2,
        user_name="安哥拉",
        title="t",
        room_id="10002625",
        ip="10.0.0.1",
    )
    assert json.loads(start.to_json()) == {
        "startTime": 1,
        "categoryId": 198,
        "userId": 2,
        "userName": "安哥拉",
        "title": "t",
        "roomId": "10002625",
        "ip": "10.0.0.1",
    }
    stop = StopReport(room_id="1", user_id=2, end_time=3, ip="::1", reason="done")
    assert json.loads(stop.to_json()) == {
        "roomId": "1",
        "userId": 2,
        "endTime": 3,
        "ip": "::1",
        "reason": "done",
    }
    assert "安哥拉".encode() in start.to_json()


def test_a_record_built_in_code_encodes_its_raw() -> None:
    record = StreamRecord(room_id="5", status=1)
    assert msgspec.json.decode(record.raw) == {"roomId": "5", "status": 1}


@pytest.mark.parametrize(
    ("code", "kind"),
    [(0, StatusKind.IDLE), (1, StatusKind.LIVE), (100, StatusKind.ENDED), (7, StatusKind.UNKNOWN)],
)
def test_status_kinds(code: int, kind: StatusKind) -> None:
    assert status_kind(code) is kind


def test_status_overrides_map_unknown_codes() -> None:
    assert status_kind(7, {7: StatusKind.LIVE}) is StatusKind.LIVE


def test_clarity_labels() -> None:
    assert clarity_label(30) == "FHD (1080p)"
    assert clarity_label(10) == "SD (480p)"
    assert clarity_label(15) == "15"
    assert clarity_label(None) == "—"

"""Start and stop reports over real HTTP: state changes, idempotency, conflicts, renditions."""

from __future__ import annotations

import re

from server_helpers import T0, Api

from qiemonitor.api.wire import decode_envelope, decode_info

HOUR = 3_600_000


def test_start_makes_the_room_live(api: Api, room: str) -> None:
    answer = api.start(room, T0)
    assert (answer.status, answer.body) == (
        200,
        {"code": 200, "message": "SUCCESS", "result": "OK"},
    )
    stream = api.info(roomId=room).result["stream"]
    assert stream["status"] == 1
    assert stream["startTime"] == stream["cdnStartTime"] == T0
    assert (stream["userName"], stream["title"], stream["categoryId"]) == (
        "安哥拉男子足球队",
        "【阿森纳】 纪录片+高清比赛",
        198,
    )
    assert stream["categoryName"] == "足球"
    assert re.fullmatch(rf"{room}[A-Za-z]{{8}}", stream["streamName"])
    assert "endTime" not in stream
    assert api.info(roomId=room).result["videos"] == []


def test_the_same_start_twice_changes_nothing(api: Api, room: str) -> None:
    api.start(room, T0)
    before = api.info(roomId=room).result
    assert api.start(room, T0).code == 200
    assert api.info(roomId=room).result == before
    assert api.post("records", {"roomId": room}).result["total"] == 1


def test_a_start_for_a_live_room_with_another_time_conflicts(api: Api, room: str) -> None:
    api.start(room, T0)
    answer = api.start(room, T0 + 1)
    assert (answer.status, answer.message) == (409, f"room {room} is already live")


def test_stop_ends_the_broadcast_and_creates_three_renditions(api: Api, room: str) -> None:
    api.start(room, T0)
    assert api.stop(room, T0 + HOUR).body["result"] == "OK"
    result = api.info(roomId=room).result
    stream, videos = result["stream"], result["videos"]
    assert stream["status"] == 100
    assert (stream["endTime"], stream["cdnEndTime"], stream["duration"]) == (T0 + HOUR,) * 2 + (
        HOUR,
    )
    assert [video["clear"] for video in videos] == [30, 20, 10]
    # T0 is 2030-03-17 17:46:40 UTC, 2030-03-18 01:46:40 in China Standard Time.
    name = stream["streamName"]
    assert [video["key"] for video in videos] == [
        f"m3u8/20300318/live-{name}--20300318014640-{lines}.m3u8" for lines in (1080, 720, 480)
    ]
    for video in videos:
        assert video["recordId"] == stream["resourceId"]
        assert (video["bucket"], video["type"], video["streamName"]) == (
            "qietv-video-play",
            3,
            name,
        )
        assert video["fileSize"] > 0
        assert video["width"] > 0
        assert video["height"] > 0
        assert re.fullmatch(r"F[A-Za-z0-9_-]{27}", video["hash"])
    assert len({video["resourceId"] for video in videos}) == 3


def test_answers_decode_with_the_clients_own_wire_models(api: Api, room: str) -> None:
    api.start(room, T0)
    api.stop(room, T0 + HOUR)
    response = api.client.post("/api/v1/live/info", json={"roomId": room})
    info = decode_info(decode_envelope(response.content).payload)
    assert info.stream.room_id == room
    assert [video.clear for video in info.videos] == [30, 20, 10]


def test_the_same_stop_twice_changes_nothing(api: Api, room: str) -> None:
    api.start(room, T0)
    api.stop(room, T0 + HOUR)
    before = api.info(roomId=room).result
    assert api.stop(room, T0 + HOUR).code == 200
    assert api.info(roomId=room).result == before


def test_replayed_reports_after_the_room_went_live_again_change_nothing(
    api: Api, room: str
) -> None:
    api.start(room, T0)
    api.stop(room, T0 + HOUR)
    api.start(room, T0 + 2 * HOUR)
    before = api.post("records", {"roomId": room}).result["streams"]
    assert api.start(room, T0).code == 200
    assert api.stop(room, T0 + HOUR).code == 200
    assert api.post("records", {"roomId": room}).result["streams"] == before
    assert api.info(roomId=room).result["stream"]["status"] == 1


def test_a_stop_for_a_room_that_is_not_live_conflicts(api: Api, room: str) -> None:
    answer = api.stop(room, T0)
    assert (answer.status, answer.message) == (409, f"room {room} is not live")
    api.start(room, T0)
    api.stop(room, T0 + HOUR)
    assert api.stop(room, T0 + 2 * HOUR).message == f"room {room} is not live"


def test_a_stop_before_the_start_conflicts(api: Api, room: str) -> None:
    api.start(room, T0)
    answer = api.stop(room, T0 - 1)
    assert answer.status == 409
    assert "endTime" in answer.message
    assert "startTime" in answer.message
    assert api.info(roomId=room).result["stream"]["status"] == 1


def test_a_stop_naming_another_stream_conflicts(api: Api, room: str) -> None:
    api.start(room, T0)
    name = api.info(roomId=room).result["stream"]["streamName"]
    assert api.stop(room, T0 + HOUR, streamName="other\nstream").status == 409
    assert api.stop(room, T0 + HOUR, streamName=name, reason="done").code == 200


def test_a_start_before_the_last_broadcast_ended_conflicts(api: Api, room: str) -> None:
    api.start(room, T0)
    api.stop(room, T0 + HOUR)
    answer = api.start(room, T0 + HOUR - 1)
    assert answer.status == 409
    assert "before the end" in answer.message
    assert api.start(room, T0 + HOUR).code == 200


def test_each_start_opens_a_new_record(api: Api, room: str) -> None:
    api.start(room, T0)
    first = api.info(roomId=room).result["stream"]
    api.stop(room, T0 + HOUR)
    api.start(room, T0 + 2 * HOUR, title="第二场")
    second = api.info(roomId=room).result["stream"]
    assert second["resourceId"] != first["resourceId"]
    assert second["streamName"] != first["streamName"]
    assert second["title"] == "第二场"


def test_a_start_without_a_category_name_is_fine(api: Api, room: str) -> None:
    assert api.start(room, T0, categoryName=None).code == 200
    assert "categoryName" not in api.info(roomId=room).result["stream"]

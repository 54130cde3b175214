"""The demo: deterministic seeding, a realistic mix of rooms, and a ticker that changes them."""

from __future__ import annotations

import re
import time
from collections import Counter

from server_helpers import Api, client_for

from qiemonitor.server import EmbeddedServer
from qiemonitor.server.demo import generate
from qiemonitor.server.demo_data import CATEGORIES
from qiemonitor.server.sample import SAMPLE_ROOM_ID, sample_result

NOW = 1_800_000_000_000


def current_records(seed: int, rooms: int) -> list[dict[str, object]]:
    records, _ = generate(seed, rooms, NOW)
    return [record for record, current in records if current]


def test_the_same_seed_gives_the_same_demo() -> None:
    assert generate(3, 50, NOW) == generate(3, 50, NOW)
    assert generate(3, 50, NOW) != generate(4, 50, NOW)


def test_the_demo_has_the_sample_and_a_mix_of_rooms() -> None:
    current = current_records(0, 320)
    assert len(current) == 320
    assert current[0] == sample_result()["stream"]
    rooms = [str(record["roomId"]) for record in current]
    assert len(set(rooms)) == 320
    assert all(re.fullmatch(r"[1-9][0-9]{7}", r) for r in rooms)
    statuses = Counter(record["status"] for record in current[1:])
    assert set(statuses) == {0, 1, 100}
    assert min(statuses.values()) > 30
    categories = {(record["categoryId"], record["categoryName"]) for record in current}
    assert len(categories) >= 10
    assert {
        "足球",
        "篮球",
        "英雄联盟",
        "王者荣耀",
        "户外",
        "音乐",
        "美食",
        "颜值",
        "二次元",
        "单机游戏",
    } <= {category.name for category in CATEGORIES}
    assert all(re.search(r"[\u4e00-\u9fff]", str(record["title"])) for record in current)


def test_idle_records_have_no_times_and_ended_ones_have_renditions() -> None:
    records, videos = generate(1, 200, NOW)
    by_record = Counter(video["recordId"] for video in videos)
    for record, _ in records[1:]:  # the sample's own duration is not end - start
        if record["status"] == 0:
            assert not {"startTime", "endTime", "duration"} & set(record)
        elif record["status"] == 100:
            assert by_record[record["resourceId"]] == 3
            assert record["endTime"] - record["startTime"] == record["duration"] > 0
            assert record["endTime"] < NOW
        else:
            assert record["startTime"] < NOW
            assert "endTime" not in record
            assert by_record[record["resourceId"]] == 0


def test_demo_rooms_sets_the_total() -> None:
    assert len(current_records(0, 1)) == 1
    assert len(current_records(0, 2_000)) == 2_000


def test_two_demo_servers_with_one_seed_serve_the_same_rooms() -> None:
    def rooms() -> list[tuple[object, ...]]:
        server = EmbeddedServer(demo=True, seed=11, demo_interval=None)
        with server, client_for(server.url) as client:
            streams = Api(client).post("list", {"pageSize": 500}).result["streams"]
        keys = ("roomId", "streamName", "userName", "title", "status", "resourceId")
        return [tuple(stream.get(key) for key in keys) for stream in streams]

    first = rooms()
    assert len(first) == 320
    assert first == rooms()


def test_demo_reports_follow_the_rules(demo_api: Api) -> None:
    live = demo_api.post("list", {"status": [1], "pageSize": 1}).result["streams"][0]
    answer = demo_api.start(live["roomId"], live["startTime"] + 1)
    assert (answer.status, answer.message) == (409, f"room {live['roomId']} is already live")


def test_the_ticker_starts_and_ends_broadcasts() -> None:
    server = EmbeddedServer(demo=True, seed=5, demo_interval=0.02)
    with server, client_for(server.url) as client:
        api = Api(client)
        since = api.post("list", {}).result["serverTime"]
        deadline = time.monotonic() + 10
        changed: list[dict[str, object]] = []
        while len(changed) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
            changed = api.post("list", {"updatedSince": since}).result["streams"]
        assert len(changed) >= 3
        assert SAMPLE_ROOM_ID not in {stream["roomId"] for stream in changed}
        for stream in changed:
            assert stream["status"] in (1, 100)
            if stream["status"] == 100:
                assert len(api.info(roomId=stream["roomId"]).result["videos"]) == 3
        assert api.info(roomId=SAMPLE_ROOM_ID).result == sample_result()

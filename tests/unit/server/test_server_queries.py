"""info, list and records over real HTTP, on a server of its own so totals are exact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_helpers import T0, Api, client_for

from qiemonitor.api.wire import decode_envelope, decode_page
from qiemonitor.server import EmbeddedServer

HOUR = 3_600_000
# Rooms of this module, numerically ordered on purpose: "9" sorts before "10".
ROOMS = ["9", "10", "11", "100", "20000001"]


def populate(api: Api) -> Api:
    """ROOMS in the server: 9 and 100 ended, the others live."""
    for number, room in enumerate(ROOMS):
        title = {"9": "Mike的直播间", "11": "深夜电台 · 点歌"}.get(room, f"标题{number}")
        assert api.start(room, T0, title=title, userName=f"主播{room}").code == 200
    for room in ("9", "100"):
        assert api.stop(room, T0 + HOUR).code == 200
    return api


@pytest.fixture(scope="module")
def api(server: EmbeddedServer) -> Iterator[Api]:
    """The module's server with ROOMS in it, for tests that only read."""
    with client_for(server.url) as client:
        yield populate(Api(client))


@pytest.fixture
def own_api() -> Iterator[Api]:
    """A server of the test's own with ROOMS in it, for tests that change rooms."""
    with EmbeddedServer() as server, client_for(server.url) as client:
        yield populate(Api(client))


def rooms_of(result: dict[str, object]) -> list[str]:
    streams = result["streams"]
    assert isinstance(streams, list)
    return [stream["roomId"] for stream in streams]


def test_info_by_room_stream_name_and_vid_agree(api: Api) -> None:
    by_room = api.info(roomId="9").result
    stream = by_room["stream"]
    assert api.info(streamName=stream["streamName"]).result == by_room
    assert api.info(vid=stream["resourceId"]).result == by_room
    assert len(by_room["videos"]) == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"roomId": "123456789"}, "room 123456789 not found"),
        ({"streamName": "nope"}, "stream nope not found"),
        ({"vid": 987654}, "record 987654 not found"),
    ],
)
def test_info_for_something_unknown_is_404(
    api: Api, query: dict[str, object], message: str
) -> None:
    answer = api.info(**query)
    assert (answer.status, answer.message, answer.result) == (404, message, None)


@pytest.mark.parametrize(
    ("query", "got"),
    [({}, ""), ({"roomId": "9", "vid": 1}, " (got roomId, vid)")],
)
def test_info_needs_exactly_one_key(api: Api, query: dict[str, object], got: str) -> None:
    answer = api.info(**query)
    assert answer.status == 400
    assert answer.message == f"bad request: give exactly one of roomId, streamName, vid{got}"


def test_list_orders_rooms_by_number_and_pages(api: Api) -> None:
    everything = api.post("list", {}).result
    assert (everything["total"], everything["page"], everything["pageSize"]) == (5, 1, 100)
    assert rooms_of(everything) == ROOMS
    pages = [api.post("list", {"page": page, "pageSize": 2}).result for page in (1, 2, 3, 4)]
    assert [rooms_of(page) for page in pages] == [["9", "10"], ["11", "100"], ["20000001"], []]
    assert {page["total"] for page in pages} == {5}


def test_list_answers_decode_with_the_clients_page_model(api: Api) -> None:
    response = api.client.post("/api/v1/live/list", json={"pageSize": 500})
    page = decode_page(decode_envelope(response.content).payload)
    assert [stream.room_id for stream in page.streams] == ROOMS
    assert page.server_time is not None


def test_list_filters_by_status(api: Api) -> None:
    assert rooms_of(api.post("list", {"status": [100]}).result) == ["9", "100"]
    assert rooms_of(api.post("list", {"status": [1, 1]}).result) == ["10", "11", "20000001"]
    assert api.post("list", {"status": [0]}).result["total"] == 0
    assert api.post("list", {"status": []}).result["total"] == 5  # an empty list filters nothing


@pytest.mark.parametrize(
    ("keyword", "rooms"),
    [
        ("mike", ["9"]),  # case-insensitive
        ("点歌", ["11"]),  # Chinese, in a title
        ("主播10", ["10", "100"]),  # a user name
        ("000", ["20000001"]),  # a room id
        ("", ROOMS),
    ],
)
def test_list_filters_by_keyword(api: Api, keyword: str, rooms: list[str]) -> None:
    assert rooms_of(api.post("list", {"keyword": keyword}).result) == rooms


def test_list_keyword_matches_stream_names(api: Api) -> None:
    name = api.info(roomId="11").result["stream"]["streamName"]
    assert rooms_of(api.post("list", {"keyword": name.upper()}).result) == ["11"]


def test_updated_since_gives_only_what_changed_after_server_time(own_api: Api) -> None:
    api = own_api
    first = api.post("list", {}).result
    assert rooms_of(api.post("list", {"updatedSince": first["serverTime"]}).result) == []
    assert api.stop("10", T0 + HOUR).code == 200
    assert api.start("100", T0 + 2 * HOUR).code == 200
    changed = api.post("list", {"updatedSince": first["serverTime"]}).result
    assert rooms_of(changed) == ["10", "100"]
    assert changed["serverTime"] >= first["serverTime"]
    assert rooms_of(api.post("list", {"updatedSince": changed["serverTime"]}).result) == []
    assert api.post("list", {"updatedSince": 0}).result["total"] == 5


def test_records_are_newest_first_and_paged(own_api: Api) -> None:
    api = own_api
    assert api.start("9", T0 + 2 * HOUR, title="第二场").code == 200
    records = api.post("records", {"roomId": "9"}).result
    assert records["total"] == 2
    assert [s["status"] for s in records["streams"]] == [1, 100]
    assert records["streams"][0]["title"] == "第二场"
    second = api.post("records", {"roomId": "9", "page": 2, "pageSize": 1}).result
    assert (second["page"], second["pageSize"]) == (2, 1)
    assert second["streams"] == records["streams"][1:]
    assert "serverTime" in second


def test_records_of_an_unknown_room_is_404(api: Api) -> None:
    answer = api.post("records", {"roomId": "55555"})
    assert (answer.status, answer.message) == (404, "room 55555 not found")


def test_a_page_far_past_the_end_is_empty(api: Api) -> None:
    result = api.post("list", {"page": 2**63 - 1, "pageSize": 500}).result
    assert (result["total"], result["streams"]) == (5, [])

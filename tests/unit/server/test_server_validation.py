"""Bad requests: every bad field named at once, strict types, bodies, paths and methods."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from server_helpers import Api, answer_of, raw_request, start_report

from qiemonitor.api.models import StartReport
from qiemonitor.server import EmbeddedServer
from qiemonitor.server.errors import Rejected
from qiemonitor.server.validation import ListQuery, parse

MIB = 1 << 20


def problems_of(api: Api, endpoint: str, body: Any) -> list[str]:
    answer = api.post(endpoint, body)
    assert answer.status == 400
    assert answer.message.startswith("bad request: ")
    return answer.message.removeprefix("bad request: ").split("; ")


def test_every_missing_and_bad_field_is_named_in_one_message(api: Api) -> None:
    message = api.post("start", {"userId": "42", "roomId": "abc", "ip": "999.1.1.1"}).message
    assert message == (
        "bad request: startTime is required; categoryId is required; userId must be an integer;"
        " userName is required; title is required; roomId must be a numeric string"
        " (1 to 32 digits); ip must be an IPv4 or IPv6 address"
    )


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("startTime", "1900000000000", "startTime must be an integer"),
        ("startTime", 1.5, "startTime must be an integer"),
        ("startTime", -1, "startTime must be a time in ms, from 0 to 9999-01-01"),
        ("startTime", 253_370_764_800_001, "startTime must be a time in ms, from 0 to 9999-01-01"),
        ("startTime", 2**63, "startTime must be a 64-bit integer"),
        ("userId", True, "userId must be an integer"),
        ("userId", None, "userId must be an integer"),
        ("categoryId", [1], "categoryId must be an integer"),
        ("userName", 7, "userName must be a string"),
        ("categoryName", 5, "categoryName must be a string"),
        ("roomId", 10002625, "roomId must be a string"),
        ("roomId", "", "roomId must be a numeric string (1 to 32 digits)"),
        ("roomId", "١٢٣", "roomId must be a numeric string (1 to 32 digits)"),
        ("roomId", "123\n", "roomId must be a numeric string (1 to 32 digits)"),
        ("roomId", "1" * 33, "roomId must be a numeric string (1 to 32 digits)"),
        ("ip", "localhost", "ip must be an IPv4 or IPv6 address"),
        ("ip", "fe80::1%eth0", "ip must be an IPv4 or IPv6 address"),
        ("ip", "010.0.0.1", "ip must be an IPv4 or IPv6 address"),
    ],
)
def test_a_bad_start_field_is_named(api: Api, field: str, value: Any, problem: str) -> None:
    assert problems_of(api, "start", start_report("1", **{field: value})) == [problem]


@pytest.mark.parametrize("ip", ["127.0.0.1", "::1", "2001:db8::8a2e:370:7334"])
def test_ipv4_and_ipv6_addresses_are_accepted(ip: str) -> None:
    assert parse(msgspec.json.encode(start_report("1", ip=ip)), StartReport).ip == ip


def test_an_integral_number_is_an_integer_as_json_schema_says() -> None:
    body = start_report("1", startTime=1.9e12, userId=42.0, categoryId=-0.0)
    report = parse(msgspec.json.encode(body), StartReport)
    assert (report.start_time, report.user_id, report.category_id) == (1_900_000_000_000, 42, 0)
    assert type(report.start_time) is int
    assert parse(b'{"status": [1.0, 100]}', ListQuery).status == [1, 100]


def test_stop_fields_are_checked(api: Api) -> None:
    problems = problems_of(api, "stop", {"roomId": "1", "endTime": "soon", "reason": 3})
    assert problems == [
        "userId is required",
        "endTime must be an integer",
        "ip is required",
        "reason must be a string",
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"page": 0}, "page must be 1 or more"),
        ({"pageSize": 0}, "pageSize must be between 1 and 500"),
        ({"pageSize": 501}, "pageSize must be between 1 and 500"),
        ({"pageSize": None}, "pageSize must be an integer"),
        ({"status": 1}, "status must be a list of integers"),
        ({"status": [1, "2"]}, "status must be a list of integers"),
        ({"status": [2**64]}, "status items must be a 64-bit integer"),
        ({"status": list(range(101))}, "status must list at most 100 codes"),
        ({"keyword": 1}, "keyword must be a string"),
        ({"updatedSince": "0"}, "updatedSince must be an integer"),
    ],
)
def test_a_bad_list_field_is_named(api: Api, body: dict[str, Any], problem: str) -> None:
    assert problems_of(api, "list", body) == [problem]


def test_optional_list_fields_may_be_null() -> None:
    query = parse(b'{"status": null, "keyword": null, "updatedSince": null}', ListQuery)
    assert query == ListQuery()


def test_records_needs_a_room(api: Api) -> None:
    assert problems_of(api, "records", {"page": 1}) == ["roomId is required"]


def test_info_key_types_are_checked_with_the_exactly_one_rule(api: Api) -> None:
    assert problems_of(api, "info", {"vid": "1", "roomId": None}) == [
        "roomId must be a string",
        "vid must be an integer",
        "give exactly one of roomId, streamName, vid (got roomId, vid)",
    ]


def test_unknown_fields_are_ignored(api: Api) -> None:
    assert api.post("list", {"page": 1, "somethingNew": {"x": 1}}).status == 200


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the body is empty; send a JSON object"),
        (b"{not json", "the body is not valid JSON (UTF-8)"),
        (b'{"roomId": "\xff"}', "the body is not valid JSON (UTF-8)"),
        (b'"\\ud800"', "the body is not valid JSON (UTF-8)"),
        (b"[" * 100_000, "the body is not valid JSON (UTF-8)"),
        (b"[1, 2]", "the body must be a JSON object"),
        (b"null", "the body must be a JSON object"),
        (b'"text"', "the body must be a JSON object"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_bad_request(
    api: Api, content: bytes, problem: str
) -> None:
    answer = api.post("info", content=content)
    assert (answer.status, answer.message) == (400, f"bad request: {problem}")


def test_a_body_of_exactly_one_mib_is_read(api: Api) -> None:
    body = b'{"keyword": "' + b"x" * (MIB - 15) + b'"}'
    assert len(body) == MIB
    assert api.post("list", content=body).status == 200


def test_a_body_over_one_mib_is_413(api: Api) -> None:
    answer = api.post("list", content=b" " * (MIB + 1))
    assert (answer.status, answer.message) == (413, "request body is over 1 MiB")


def test_a_streamed_body_over_one_mib_is_413_without_a_content_length(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b" " * 65_536

    answer = api.post("list", content=chunks())
    assert answer.status == 413


def test_a_huge_declared_length_is_refused_before_reading(server: EmbeddedServer) -> None:
    head = raw_request(
        server.url,
        b"POST /api/v1/live/list HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n{",
    )
    assert head.startswith(b"HTTP/1.1 413 ")


@pytest.mark.parametrize(
    "path", ["/nope", "/api/v1/live", "/api/v1/live/start/", "/api/v2/live/list"]
)
def test_an_unknown_path_is_a_404_envelope(api: Api, path: str) -> None:
    answer = answer_of(api.client.post(path, json={}))
    assert answer.status == 404
    assert answer.message == f"no such endpoint: POST {path}"


def test_a_path_with_control_characters_stays_one_line(server: EmbeddedServer) -> None:
    answer = raw_request(server.url, b"GET /a%0Ab HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    body = msgspec.json.decode(answer.partition(b"\r\n\r\n")[2])
    assert body["message"] == "no such endpoint: GET /a\\x0ab"


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_a_wrong_method_is_a_405_envelope(api: Api, method: str) -> None:
    response = api.client.request(method, "/api/v1/live/start")
    answer = answer_of(response)
    assert answer.status == 405
    assert response.headers["allow"] == "POST"


def test_parse_raises_rejected_with_code_400() -> None:
    with pytest.raises(Rejected) as caught:
        parse(b"{}", StartReport)
    assert caught.value.code == 400

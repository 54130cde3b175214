"""Helpers for the server tests: a small client that checks every answer's envelope."""

from __future__ import annotations

import itertools
import socket
from dataclasses import dataclass
from typing import Any

import httpx

_room_numbers = itertools.count(30_000_001)

# A start time well after the demo's and the sample's, so tests may start any room.
T0 = 1_900_000_000_000


@dataclass
class Answer:
    """One answer: its HTTP status and decoded envelope."""

    status: int
    body: dict[str, Any]

    @property
    def code(self) -> int:
        code: int = self.body["code"]
        return code

    @property
    def message(self) -> str:
        message: str = self.body["message"]
        return message

    @property
    def result(self) -> Any:
        return self.body["result"]


class Api:
    """Posts JSON to one server and checks every answer is the envelope with status = code."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def post(self, endpoint: str, body: Any = None, **kwargs: Any) -> Answer:
        if body is not None:
            kwargs["json"] = body
        response = self.client.post(f"/api/v1/live/{endpoint}", **kwargs)
        return answer_of(response)

    def start(self, room: str, start: int = T0, **fields: Any) -> Answer:
        return self.post("start", start_report(room, start, **fields))

    def stop(self, room: str, end: int, **fields: Any) -> Answer:
        report = {"roomId": room, "userId": 42, "endTime": end, "ip": "10.0.0.1", **fields}
        return self.post("stop", report)

    def info(self, **query: Any) -> Answer:
        return self.post("info", query)


def answer_of(response: httpx.Response) -> Answer:
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "result"}
    assert response.status_code == body["code"]
    if body["code"] != 200:
        assert "\n" not in body["message"]
    return Answer(response.status_code, body)


def start_report(room: str, start: int = T0, **fields: Any) -> dict[str, Any]:
    report = {
        "startTime": start,
        "categoryId": 198,
        "categoryName": "足球",
        "userId": 42,
        "userName": "安哥拉男子足球队",
        "title": "【阿森纳】 纪录片+高清比赛",
        "roomId": room,
        "ip": "10.0.0.1",
    }
    report.update(fields)
    return report


def raw_request(url: str, request: bytes) -> bytes:
    """Send ``request`` as it is over a new connection; the answer, read until the server closes."""
    host, port = url.removeprefix("http://").split(":")
    answer = b""
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(request)
        while chunk := sock.recv(65_536):
            answer += chunk
    return answer


def client_for(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=10)


def fresh_room() -> str:
    """A room id no other test uses."""
    return str(next(_room_numbers))

"""The embedded sample is the platform's sample, and the demo serves it exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from server_helpers import Api

from qiemonitor.server.sample import SAMPLE_RESPONSE, SAMPLE_ROOM_ID, sample_result

_REPO = Path(__file__).resolve().parents[3]
_SHARED = [Path("/work/shared"), _REPO.parent / "shared"]


def shared_sample() -> dict[str, object]:
    for folder in _SHARED:
        path = folder / "seed-sample-response.json"
        if path.is_file():
            sample: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
            return sample
    pytest.skip("the shared seed-sample-response.json is not here")


def test_the_embedded_sample_equals_the_shared_file() -> None:
    assert json.loads(SAMPLE_RESPONSE) == shared_sample()


def test_the_demo_serves_the_sample_record_exactly(demo_api: Api) -> None:
    expected = shared_sample()["result"]
    response = demo_api.client.post("/api/v1/live/info", json={"roomId": SAMPLE_ROOM_ID})
    assert response.json() == {"code": 200, "message": "SUCCESS", "result": expected}
    assert demo_api.info(vid=13113).result == expected
    assert demo_api.info(streamName="10002625rATSDQFg").result == expected


def test_the_sample_keeps_its_field_order(demo_api: Api) -> None:
    response = demo_api.client.post("/api/v1/live/info", json={"roomId": SAMPLE_ROOM_ID})
    stream = response.json()["result"]["stream"]
    assert list(stream) == list(sample_result()["stream"])

"""The OpenAPI document: valid JSON, every endpoint, and the constraints validation enforces."""

from __future__ import annotations

from typing import Any

import pytest
from server_helpers import Api

PATHS = {f"/api/v1/live/{name}" for name in ("start", "stop", "info", "list", "records")}


@pytest.fixture(scope="module")
def document(api: Api) -> dict[str, Any]:
    response = api.client.get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    document: dict[str, Any] = response.json()
    return document


def resolve(document: dict[str, Any], ref: str) -> dict[str, Any]:
    name = ref.removeprefix("#/components/schemas/")
    schema: dict[str, Any] = document["components"]["schemas"][name]
    return schema


def test_every_endpoint_is_described(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) >= PATHS
    assert "security" not in document  # no token, no security requirement
    for path in PATHS:
        operation = document["paths"][path]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        assert resolve(document, body["$ref"])["type"] == "object"
        assert {"200", "400", "413"} <= set(operation["responses"])
        assert "401" not in operation["responses"]


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if "$ref" in node else []
            return found + [ref for value in node.values() for ref in refs(value)]
        if isinstance(node, list):
            return [ref for value in node for ref in refs(value)]
        return []

    for ref in refs(document):
        assert resolve(document, ref)


def test_request_schemas_carry_the_rules(document: dict[str, Any]) -> None:
    start = resolve(document, "#/components/schemas/StartReport")
    assert start["required"] == [
        "startTime",
        "categoryId",
        "userId",
        "userName",
        "title",
        "roomId",
        "ip",
    ]
    props = start["properties"]
    assert props["roomId"] == {"type": "string", "pattern": "^[0-9]{1,32}$"}
    assert props["startTime"]["minimum"] == 0
    assert props["userId"]["maximum"] == 2**63 - 1
    assert props["ip"]["anyOf"] == [{"format": "ipv4"}, {"format": "ipv6"}]
    listing = resolve(document, "#/components/schemas/ListQuery")["properties"]
    assert listing["pageSize"]["maximum"] == 500
    assert listing["status"]["anyOf"][0]["maxItems"] == 100
    info = resolve(document, "#/components/schemas/InfoQuery")
    assert info["oneOf"] == [
        {"required": ["roomId"]},
        {"required": ["streamName"]},
        {"required": ["vid"]},
    ]


def test_answers_are_described_as_the_envelope(document: dict[str, Any]) -> None:
    responses = document["paths"]["/api/v1/live/info"]["post"]["responses"]
    ok = resolve(document, responses["200"]["content"]["application/json"]["schema"]["$ref"])
    assert ok["required"] == ["code", "message", "result"]
    assert ok["properties"]["result"]["properties"]["stream"] == {
        "$ref": "#/components/schemas/StreamRecord"
    }
    error = resolve(document, responses["404"]["content"]["application/json"]["schema"]["$ref"])
    assert error["properties"]["result"] == {"type": "null"}

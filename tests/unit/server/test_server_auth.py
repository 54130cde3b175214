"""``token``: every endpoint wants ``Authorization: Bearer <token>``; /openapi.json stays public."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_helpers import Api, answer_of, client_for

from qiemonitor.server import EmbeddedServer

TOKEN = "s3cret-令牌"


@pytest.fixture(scope="module")
def guarded() -> Iterator[EmbeddedServer]:
    with EmbeddedServer(token=TOKEN.encode().hex()) as server:
        yield server


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "bearer"}, {"X-Token": "x"}],
)
def test_without_the_token_every_endpoint_is_401(
    guarded: EmbeddedServer, headers: dict[str, str]
) -> None:
    with client_for(guarded.url) as client:
        for path in ("/api/v1/live/list", "/api/v1/live/start", "/nope"):
            response = client.post(path, json={}, headers=headers)
            answer = answer_of(response)
            assert (answer.status, answer.message) == (401, "missing or wrong token")
            assert response.headers["www-authenticate"] == "Bearer"


def test_with_the_token_requests_go_through(guarded: EmbeddedServer) -> None:
    headers = {"Authorization": f"Bearer {TOKEN.encode().hex()}"}
    with client_for(guarded.url) as client:
        api = Api(client)
        assert api.post("list", {}, headers=headers).status == 200
        assert api.post("info", {"roomId": "1"}, headers=headers).status == 404


def test_the_openapi_document_is_public_and_declares_the_token(guarded: EmbeddedServer) -> None:
    with client_for(guarded.url) as client:
        document = client.get("/openapi.json").json()
    assert document["security"] == [{"bearerAuth": []}]
    assert "401" in document["paths"]["/api/v1/live/list"]["post"]["responses"]


def test_an_empty_token_is_refused() -> None:
    with pytest.raises(ValueError, match="token"):
        EmbeddedServer(token="").start()

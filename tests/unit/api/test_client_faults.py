"""Client behaviour on shapes a real server cannot easily make: resets, truncation, floods.

Everything else about the client is proven against the real embedded server
in ``test_client.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from qiemonitor.api.client import StreamClient
from qiemonitor.api.errors import (
    HttpStatusError,
    NotFound,
    ProtocolError,
    RateLimited,
    RequestTimeout,
    ResponseTooLarge,
    ServerUnreachable,
    ServiceUnavailable,
)
from qiemonitor.api.settings import ClientSettings

OK = b'{"code": 200, "message": "SUCCESS", "result": "OK"}'
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that plays a script of answers and records the delays."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def _client(recorder: Recorder, **settings: object) -> StreamClient:
    config = ClientSettings(base_url="http://127.0.0.1:9", **settings)  # type: ignore[arg-type]
    http = httpx.AsyncClient(base_url=config.base_url, transport=httpx.MockTransport(recorder))
    return StreamClient(config, http=http, sleep=recorder.sleep)


def _run(recorder: Recorder, **settings: object) -> object:
    async def go() -> object:
        client = _client(recorder, **settings)
        try:
            return await client.call("/api/v1/live/start", b"{}")
        finally:
            await client._http.aclose()

    return asyncio.run(go())


def test_a_reset_is_retried_then_reported_as_unreachable() -> None:
    recorder = Recorder(httpx.ConnectError("[Errno 104] Connection reset by peer"))
    with pytest.raises(ServerUnreachable, match=r"cannot reach server at http://127\.0\.0\.1:9"):
        _run(recorder, retries=2)
    assert len(recorder.requests) == 3
    assert len(recorder.sleeps) == 2


def test_a_reset_then_success_recovers() -> None:
    recorder = Recorder(httpx.ReadError("reset"), httpx.Response(200, content=OK))
    envelope = _run(recorder)
    assert getattr(envelope, "code", None) == 200
    assert len(recorder.requests) == 2


def test_a_truncated_body_is_malformed_and_not_retried() -> None:
    recorder = Recorder(httpx.Response(200, content=OK[:20]))
    with pytest.raises(ProtocolError, match="not valid JSON"):
        _run(recorder)
    assert len(recorder.requests) == 1


def test_a_timeout_names_the_limit() -> None:
    recorder = Recorder(httpx.ReadTimeout("timed out"))
    with pytest.raises(RequestTimeout, match="did not answer within 2 s"):
        _run(recorder, timeout=2.0, retries=0)


def test_retry_after_seconds_is_honoured_and_capped() -> None:
    busy = httpx.Response(503, headers={"Retry-After": "3"}, content=b"busy")
    flood = httpx.Response(
        429,
        headers={"Retry-After": "120"},
        content=b'{"code":429,"message":"too many requests"}',
    )
    recorder = Recorder(busy, flood, httpx.Response(200, content=OK))
    _run(recorder, retry_max_wait=8.0)
    assert recorder.sleeps == [3.0, 8.0]


def test_backoff_without_retry_after_is_jittered_and_capped() -> None:
    recorder = Recorder(httpx.Response(500, content=b"oops"))
    with pytest.raises(ServiceUnavailable, match="server answered code 500"):
        _run(recorder, retries=6, retry_max_wait=1.0)
    assert len(recorder.sleeps) == 6
    assert all(0 <= s <= 1.0 for s in recorder.sleeps)


def test_rate_limit_gives_up_with_the_servers_message() -> None:
    flood = httpx.Response(429, content=b'{"code":429,"message":"slow down"}')
    with pytest.raises(RateLimited, match="server answered code 429: slow down"):
        _run(Recorder(flood), retries=1)


def test_non_2xx_without_an_envelope_is_an_http_status_error() -> None:
    with pytest.raises(HttpStatusError, match="server answered HTTP 418"):
        _run(Recorder(httpx.Response(418, content=b"<html>teapot</html>")))


def test_plain_404_is_not_found_so_callers_can_fall_back() -> None:
    with pytest.raises(NotFound):
        _run(Recorder(httpx.Response(404, content=b"Not Found")))


def test_an_envelope_saying_200_inside_a_failing_status_is_still_a_failure() -> None:
    with pytest.raises(ServiceUnavailable):
        _run(Recorder(httpx.Response(502, content=OK)), retries=0)


def test_declared_oversize_body_is_refused_before_reading() -> None:
    big = httpx.Response(200, headers={"Content-Length": "99999999"}, content=b"{}")
    with pytest.raises(ResponseTooLarge, match="99999999 bytes"):
        _run(Recorder(big))


def test_oversize_body_is_refused_while_streaming_even_without_content_length() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            yield b" " * 1024

    recorder = Recorder(httpx.Response(200, content=chunks()))
    with pytest.raises(ResponseTooLarge, match="over the 4096-byte cap"):
        _run(recorder, max_response_bytes=4096)


def test_requests_carry_user_agent_token_and_json() -> None:
    recorder = Recorder(httpx.Response(200, content=OK))

    async def go() -> None:
        async with StreamClient(ClientSettings(base_url="http://127.0.0.1:9", token="s3cret")) as c:
            c._http._transport = httpx.MockTransport(recorder)
            await c.call("/x", b"{}")

    asyncio.run(go())
    headers = recorder.requests[0].headers
    assert headers["User-Agent"].startswith("qiemonitor/")
    assert headers["Authorization"] == "Bearer s3cret"
    assert headers["Content-Type"] == "application/json"


def test_settings_never_show_the_token() -> None:
    settings = ClientSettings(token="s3cret")
    assert "s3cret" not in repr(settings)
    assert "s3cret" not in str(settings)

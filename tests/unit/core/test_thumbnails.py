"""Thumbnail bytes from a real local HTTP server: cached, capped, de-duplicated, token-free."""

from __future__ import annotations

import asyncio
import contextlib
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from qiemonitor.core.thumbnails import ThumbnailError, ThumbnailFetcher, ThumbnailLimits


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A valid, tiny RGB PNG, built by hand so this test needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class ImageHost:
    """A stdlib HTTP server in a thread; ``routes`` maps a path to (status, body, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.delay = 0.0
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host.requests.append((self.path, dict(self.headers)))
                time.sleep(host.delay)
                status, body, headers = host.routes.get(self.path, (404, b"no", {}))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The client may give up at its cap, as it should.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def image_host() -> Iterator[ImageHost]:
    host = ImageHost()
    host.routes["/ok.png"] = (200, png_bytes(), {"Content-Type": "image/png"})
    host.routes["/garbage.jpg"] = (200, b"\x00garbage" * 50, {"Content-Type": "image/jpeg"})
    host.routes["/big.png"] = (200, b"\x89PNG" + b"0" * 3_000_000, {})
    # Claims a small size but the cap is checked on what arrives, not what is claimed.
    host.routes["/liar.png"] = (200, b"0" * 300_000, {"Content-Length": "300000"})
    host.routes["/moved"] = (302, b"", {"Location": "/ok.png"})
    yield host
    host.close()


def _run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_fetches_caches_and_sends_no_token(image_host: ImageHost) -> None:
    async def scenario() -> tuple[bytes, bytes]:
        fetcher = ThumbnailFetcher()
        try:
            first = await fetcher.fetch(image_host.url("/ok.png"))
            second = await fetcher.fetch(image_host.url("/ok.png"))
            return first, second
        finally:
            await fetcher.aclose()

    first, second = _run(scenario())
    assert first == second == png_bytes()
    assert len(image_host.requests) == 1
    headers = {name.lower() for name in image_host.requests[0][1]}
    assert "authorization" not in headers
    assert "cookie" not in headers


def test_concurrent_requests_for_one_url_download_once(image_host: ImageHost) -> None:
    image_host.delay = 0.2

    async def scenario() -> list[bytes]:
        fetcher = ThumbnailFetcher()
        try:
            return await asyncio.gather(
                *(fetcher.fetch(image_host.url("/ok.png")) for _ in range(5))
            )
        finally:
            await fetcher.aclose()

    assert _run(scenario()) == [png_bytes()] * 5
    assert len(image_host.requests) == 1


def test_a_body_over_the_cap_is_refused(image_host: ImageHost) -> None:
    async def scenario(path: str, cap: int) -> str:
        fetcher = ThumbnailFetcher(ThumbnailLimits(max_bytes=cap))
        try:
            await fetcher.fetch(image_host.url(path))
        except ThumbnailError as error:
            return error.reason
        finally:
            await fetcher.aclose()
        raise AssertionError("no error")

    assert "over the 2097152-byte cap" in _run(scenario("/big.png", 2 * 1024 * 1024))
    assert "over the 100000-byte cap" in _run(scenario("/liar.png", 100_000))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/missing.png", "HTTP 404"),
        ("ftp://example.com/a.png", "not an http(s) URL"),
        ("", "not an http(s) URL"),
    ],
)
def test_failures_are_one_line_reasons(image_host: ImageHost, url: str, reason: str) -> None:
    target = image_host.url(url) if url.startswith("/") else url

    async def scenario() -> str:
        fetcher = ThumbnailFetcher()
        try:
            await fetcher.fetch(target)
        except ThumbnailError as error:
            return error.reason
        finally:
            await fetcher.aclose()
        raise AssertionError("no error")

    text = _run(scenario())
    assert reason in text
    assert "\n" not in text


def test_a_slow_host_times_out(image_host: ImageHost) -> None:
    image_host.delay = 1.0

    async def scenario() -> str:
        fetcher = ThumbnailFetcher(ThumbnailLimits(timeout=0.2))
        try:
            await fetcher.fetch(image_host.url("/ok.png"))
        except ThumbnailError as error:
            return error.reason
        finally:
            await fetcher.aclose()
        raise AssertionError("no error")

    assert "0.2 s" in _run(scenario())


def test_a_failure_is_remembered_for_a_while_then_retried(image_host: ImageHost) -> None:
    now = [100.0]

    async def scenario() -> bytes:
        fetcher = ThumbnailFetcher(ThumbnailLimits(retry_failed_after=60), clock=lambda: now[0])
        url = image_host.url("/later.png")
        try:
            for _ in range(2):
                with pytest.raises(ThumbnailError, match="HTTP 404"):
                    await fetcher.fetch(url)
            assert len(image_host.requests) == 1
            image_host.routes["/later.png"] = (200, png_bytes(), {})
            now[0] += 61
            return await fetcher.fetch(url)
        finally:
            await fetcher.aclose()

    assert _run(scenario()) == png_bytes()
    assert len(image_host.requests) == 2


def test_redirects_are_followed(image_host: ImageHost) -> None:
    async def scenario() -> bytes:
        fetcher = ThumbnailFetcher()
        try:
            return await fetcher.fetch(image_host.url("/moved"))
        finally:
            await fetcher.aclose()

    assert _run(scenario()) == png_bytes()


def test_the_cache_forgets_the_least_recently_used(image_host: ImageHost) -> None:
    for name in "abc":
        image_host.routes[f"/{name}.png"] = (200, name.encode() * 10, {})

    async def scenario() -> ThumbnailFetcher:
        fetcher = ThumbnailFetcher(ThumbnailLimits(cache_entries=2))
        await fetcher.fetch(image_host.url("/a.png"))
        await fetcher.fetch(image_host.url("/b.png"))
        await fetcher.fetch(image_host.url("/a.png"))  # a is now the most recent
        await fetcher.fetch(image_host.url("/c.png"))
        await fetcher.aclose()
        return fetcher

    fetcher = _run(scenario())
    assert fetcher.cached(image_host.url("/a.png")) == b"a" * 10
    assert fetcher.cached(image_host.url("/b.png")) is None
    assert fetcher.cached(image_host.url("/c.png")) == b"c" * 10

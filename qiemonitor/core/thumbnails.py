"""Fetching thumbnail bytes: a dedicated HTTP client, a byte cap, an LRU cache (no Qt).

The images live on a different host from the API, so they get their own
``httpx.AsyncClient`` that never carries the API token. Every failure is a
:class:`ThumbnailError` with a one-line reason; nothing else escapes.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import truststore

from qiemonitor.api.settings import USER_AGENT

__all__ = ["ThumbnailError", "ThumbnailFetcher", "ThumbnailLimits"]


class ThumbnailError(Exception):
    """A thumbnail could not be fetched; ``reason`` is one line for a tooltip."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ThumbnailLimits:
    """How much a thumbnail may cost: bytes, seconds, cache size, and how long a failure sticks."""

    max_bytes: int = 2 * 1024 * 1024
    timeout: float = 8.0
    cache_entries: int = 256
    cache_bytes: int = 32 * 1024 * 1024
    retry_failed_after: float = 60.0


def _image_client(limits: ThumbnailLimits) -> httpx.AsyncClient:
    # No Authorization header, ever: the token belongs to the API host only.
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": "image/*"},
        timeout=httpx.Timeout(limits.timeout),
        verify=truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
        follow_redirects=True,
        max_redirects=5,
        trust_env=True,
    )


class ThumbnailFetcher:
    """Image bytes by URL, cached (LRU), one download per URL however many ask at once.

    Pass ``http`` to inject a client (it is then not closed by :meth:`aclose`).
    """

    def __init__(
        self,
        limits: ThumbnailLimits | None = None,
        *,
        http: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits or ThumbnailLimits()
        self._owns_http = http is None
        self._http = http or _image_client(self.limits)
        self._clock = clock
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._cache_size = 0
        self._failures: dict[str, tuple[float, str]] = {}
        self._pending: dict[str, asyncio.Task[bytes]] = {}

    def cached(self, url: str) -> bytes | None:
        """The bytes of ``url`` if they are in the cache (and mark them recently used)."""
        data = self._cache.get(url)
        if data is not None:
            self._cache.move_to_end(url)
        return data

    async def fetch(self, url: str) -> bytes:
        """The bytes at ``url``; raises :class:`ThumbnailError`."""
        data = self.cached(url)
        if data is not None:
            return data
        failure = self._failures.get(url)
        if failure and self._clock() - failure[0] < self.limits.retry_failed_after:
            raise ThumbnailError(failure[1])
        task = self._pending.get(url)
        if task is None:
            task = asyncio.ensure_future(self._download(url))
            self._pending[url] = task
            task.add_done_callback(lambda done: self._on_download_done(url, done))
        # A caller that gives up must not cancel the download others wait for.
        return await asyncio.shield(task)

    async def aclose(self) -> None:
        """Cancel downloads in flight and close the client."""
        pending = list(self._pending.values())
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if self._owns_http:
            await self._http.aclose()

    def _on_download_done(self, url: str, task: asyncio.Task[bytes]) -> None:
        self._pending.pop(url, None)
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, ThumbnailError):
            self._failures[url] = (self._clock(), error.reason)
        elif error is None:
            self._failures.pop(url, None)
            self._remember(url, task.result())

    def _remember(self, url: str, data: bytes) -> None:
        self._cache[url] = data
        self._cache_size += len(data)
        limits = self.limits
        while self._cache and (
            len(self._cache) > limits.cache_entries or self._cache_size > limits.cache_bytes
        ):
            _, evicted = self._cache.popitem(last=False)
            self._cache_size -= len(evicted)

    async def _download(self, url: str) -> bytes:
        if not url.startswith(("http://", "https://")):
            raise ThumbnailError(f"not an http(s) URL: {url[:80]!r}")
        try:
            async with asyncio.timeout(self.limits.timeout):
                return await self._read(url)
        except TimeoutError:
            raise ThumbnailError(f"no image within {self.limits.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
            text = str(error).strip() or type(error).__name__
            raise ThumbnailError(f"cannot fetch image: {text.splitlines()[0]}") from None

    async def _read(self, url: str) -> bytes:
        cap = self.limits.max_bytes
        async with self._http.stream("GET", url) as response:
            if response.status_code != 200:
                raise ThumbnailError(f"image host answered HTTP {response.status_code}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                raise ThumbnailError(f"image of {declared} bytes is over the {cap}-byte cap")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > cap:
                    raise ThumbnailError(f"image is over the {cap}-byte cap")
                chunks.append(chunk)
        if not size:
            raise ThumbnailError("image host sent an empty body")
        return b"".join(chunks)

"""The async client for the stream management API, over one ``httpx.AsyncClient``.

Every ``httpx`` error is translated into :mod:`qiemonitor.api.errors` here, at
the boundary. Reads are retried on transport errors, 408, 429 and 5xx with
capped, jittered exponential backoff that honours ``Retry-After``; reports are
retried too, because API.md makes them idempotent.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from types import TracebackType
from typing import Any, Self

import httpx
import msgspec
import tenacity

from qiemonitor.api.errors import (
    ApiError,
    ProtocolError,
    RequestTimeout,
    ResponseTooLarge,
    ServerError,
    ServerUnreachable,
    TransportError,
    server_error_for,
)
from qiemonitor.api.models import RoomPage, StartReport, StopReport, StreamInfo, StreamRecord
from qiemonitor.api.settings import ClientSettings, build_http_client
from qiemonitor.api.wire import Envelope, decode_envelope, decode_info, decode_page

__all__ = ["Ack", "StreamClient"]

_encode = msgspec.json.encode
Sleep = Callable[[float], Awaitable[None]]


class Ack(msgspec.Struct, frozen=True):
    """What the server answered to a report: ``code``, ``message`` and ``result``."""

    code: int
    message: str
    result: Any = None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _Backoff(tenacity.wait.wait_base):
    """Jittered exponential backoff, or the server's ``Retry-After`` if it gave one."""

    def __init__(self, cap: float) -> None:
        self._cap = cap
        self._jitter = tenacity.wait_random_exponential(multiplier=0.25, max=cap)

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        error = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(error, ServerError) and error.retry_after is not None:
            return min(error.retry_after, self._cap)
        return float(self._jitter(retry_state))


def _is_retryable(error: BaseException) -> bool:
    return isinstance(error, ApiError) and error.retryable


class StreamClient:
    """Typed calls to one stream management server.

    Pass ``http`` to share or inject an ``httpx.AsyncClient`` (tests pass one
    over ``httpx.MockTransport``); otherwise the client builds its own and
    closes it in :meth:`aclose`.
    """

    def __init__(
        self,
        settings: ClientSettings | None = None,
        *,
        http: httpx.AsyncClient | None = None,
        sleep: Sleep | None = None,
    ) -> None:
        self.settings = settings or ClientSettings()
        self._owns_http = http is None
        self._http = http or build_http_client(self.settings)
        self._sleep: Sleep = sleep or asyncio.sleep
        self._paths = self.settings.endpoints

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    # -- endpoints -------------------------------------------------------

    async def start(self, report: StartReport) -> Ack:
        """开播: send a start report; a repeat of the same report is harmless."""
        return self._ack(await self.call(self._paths.start, report.to_json()))

    async def stop(self, report: StopReport) -> Ack:
        """关播: send a stop report; a repeat of the same report is harmless."""
        return self._ack(await self.call(self._paths.stop, report.to_json()))

    async def info(
        self,
        room_id: str | None = None,
        *,
        stream_name: str | None = None,
        vid: int | None = None,
    ) -> StreamInfo:
        """A record and its renditions, by exactly one of room, stream name or ``vid``."""
        given = {
            key: value
            for key, value in (("roomId", room_id), ("streamName", stream_name), ("vid", vid))
            if value is not None
        }
        if len(given) != 1:
            raise ValueError("info() takes exactly one of room_id, stream_name or vid")
        envelope = await self.call(self._paths.info, _encode(given))
        return decode_info(envelope.payload)

    async def list_rooms(
        self,
        page: int = 1,
        page_size: int = 100,
        *,
        status: Sequence[int] | None = None,
        keyword: str | None = None,
        updated_since: int | None = None,
    ) -> RoomPage:
        """One page of rooms, each room's latest record, ordered by room id."""
        body: dict[str, Any] = {"page": page, "pageSize": page_size}
        if status is not None:
            body["status"] = list(status)
        if keyword:
            body["keyword"] = keyword
        if updated_since is not None:
            body["updatedSince"] = updated_since
        envelope = await self.call(self._paths.list, _encode(body))
        return decode_page(envelope.payload)

    async def iter_rooms(
        self,
        *,
        page_size: int = 500,
        status: Sequence[int] | None = None,
        keyword: str | None = None,
        updated_since: int | None = None,
    ) -> AsyncIterator[RoomPage]:
        """Every page of the room list, in order, until ``total`` is reached."""
        page_number, seen = 1, 0
        while True:
            page = await self.list_rooms(
                page_number,
                page_size,
                status=status,
                keyword=keyword,
                updated_since=updated_since,
            )
            yield page
            seen += len(page.streams)
            if not page.streams or seen >= page.total:
                return
            page_number += 1

    async def all_rooms(self, **filters: Any) -> list[StreamRecord]:
        """Every room's latest record, fetching every page."""
        return [record async for page in self.iter_rooms(**filters) for record in page.streams]

    async def records(self, room_id: str, page: int = 1, page_size: int = 20) -> RoomPage:
        """A room's past stream records, newest first."""
        body = {"roomId": room_id, "page": page, "pageSize": page_size}
        envelope = await self.call(self._paths.records, _encode(body))
        return decode_page(envelope.payload)

    # -- the one way every call goes -------------------------------------

    async def call(self, path: str, body: bytes, *, retries: int | None = None) -> Envelope:
        """POST ``body`` to ``path``, retrying what may succeed on a retry.

        ``retries`` overrides the settings for this call: the outbox's
        deliverer passes 0, because it schedules its own retries.
        """
        attempts = (self.settings.retries if retries is None else retries) + 1
        retrying = tenacity.AsyncRetrying(
            stop=tenacity.stop_after_attempt(attempts),
            wait=_Backoff(self.settings.retry_max_wait),
            retry=tenacity.retry_if_exception(_is_retryable),
            reraise=True,
            sleep=self._sleep,
        )
        result: Envelope = await retrying(self._post_once, path, body)
        return result

    async def _post_once(self, path: str, body: bytes) -> Envelope:
        headers = {"Content-Type": "application/json"}
        try:
            async with self._http.stream("POST", path, content=body, headers=headers) as response:
                data = await self._read_capped(response)
        except httpx.TimeoutException as error:
            raise RequestTimeout(
                f"server did not answer within {self.settings.timeout:g} s ({self._where(path)})"
            ) from error
        except (httpx.NetworkError, httpx.RemoteProtocolError) as error:
            raise ServerUnreachable(
                f"cannot reach server at {self._where(path)}: {_reason(error)}"
            ) from error
        except httpx.HTTPError as error:
            raise TransportError(
                f"request to {self._where(path)} failed: {_reason(error)}"
            ) from error
        return self._envelope(response, data)

    async def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.settings.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise ResponseTooLarge(
                f"malformed answer: body of {declared} bytes is over the {cap}-byte cap"
            )
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise ResponseTooLarge(f"malformed answer: body is over the {cap}-byte cap")
            chunks.append(chunk)
        return b"".join(chunks)

    def _envelope(self, response: httpx.Response, data: bytes) -> Envelope:
        retry_after = _retry_after(response)
        try:
            envelope = decode_envelope(data)
        except ProtocolError:
            if response.is_success:
                raise
            raise server_error_for(
                response.status_code,
                response.reason_phrase or "error",
                http_status=response.status_code,
                retry_after=retry_after,
                has_envelope=False,
            ) from None
        envelope.raise_for_code(http_status=response.status_code, retry_after=retry_after)
        if not response.is_success:
            # An envelope that says 200 inside a failing HTTP status is still a failure.
            raise server_error_for(
                response.status_code,
                envelope.message or response.reason_phrase,
                http_status=response.status_code,
                retry_after=retry_after,
                has_envelope=False,
            )
        return envelope

    def _ack(self, envelope: Envelope) -> Ack:
        return Ack(envelope.code, envelope.message, envelope.result())

    def _where(self, path: str) -> str:
        base = self.settings.base_url
        if "@" in base:  # a user:password@ in the URL is a credential: keep it out of messages
            base = str(httpx.URL(base).copy_with(username=None, password=None))
        return f"{base.rstrip('/')}{path}"


def _reason(error: httpx.HTTPError) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]

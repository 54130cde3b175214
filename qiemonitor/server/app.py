"""The embedded stream management server as an ASGI app: routes, envelope, errors, auth.

What happens, in order:

1. :func:`create_app` builds the Starlette app; nothing is opened yet.
2. On lifespan startup the :class:`Service` opens the SQLite database on its
   own thread, ``demo`` seeds an empty database, and the demo ticker starts
   as a background task.
3. Each request passes the token gate (when a token is set), has its body
   read with a 1 MiB cap, is validated into a wire model and handed to the
   service; the answer is always the envelope ``{"code","message","result"}``
   with the HTTP status equal to ``code``.
4. With ``faults``, :class:`~qiemonitor.server.faults.FaultInjector` wraps
   the whole app and spoils a share of the answers on purpose (training and
   tests); it sits outside everything, the token gate included, as a proxy
   or an overloaded server would.
5. On lifespan shutdown the ticker is cancelled and awaited, then the
   database is closed and its thread joined.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import msgspec
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.server import demo as demo_module
from qiemonitor.server.errors import Rejected, one_line
from qiemonitor.server.faults import FaultInjector, FaultPlan
from qiemonitor.server.openapi import openapi_document
from qiemonitor.server.service import Service
from qiemonitor.server.validation import InfoQuery, ListQuery, RecordsQuery, parse

__all__ = ["MAX_BODY", "OPENAPI_PATH", "create_app", "envelope"]

MAX_BODY = 1 << 20
# A body over the cap is still read (and dropped) up to this size, so that the
# client, which is still sending, gets to read the 413 instead of a reset.
_DRAIN_LIMIT = 16 << 20
OPENAPI_PATH = "/openapi.json"

_log = logging.getLogger(__name__)

_OK = msgspec.Raw(b'"OK"')
_NULL = msgspec.Raw(b"null")


class _Envelope(msgspec.Struct):
    code: int
    message: str
    result: msgspec.Raw


def envelope(
    code: int, message: str, result: msgspec.Raw = _NULL, headers: Mapping[str, str] | None = None
) -> Response:
    """The answer ``{"code","message","result"}`` with the HTTP status equal to ``code``."""
    body = msgspec.json.encode(_Envelope(code, message, result))
    return Response(body, status_code=code, media_type="application/json", headers=headers)


def _success(result: bytes | msgspec.Raw) -> Response:
    return envelope(200, "SUCCESS", msgspec.Raw(result) if isinstance(result, bytes) else result)


async def read_body(request: Request) -> bytes:
    """The request body, or :class:`Rejected` (413) once it is over :data:`MAX_BODY`."""
    too_large = Rejected(413, f"request body is over {MAX_BODY >> 20} MiB")
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > _DRAIN_LIMIT:
        raise too_large
    chunks, size = [], 0
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise Rejected(400, "the client went away before sending the whole body")
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size <= MAX_BODY:
            chunks.append(chunk)
        if not message.get("more_body", False) or size > _DRAIN_LIMIT:
            break
    if size > MAX_BODY:
        raise too_large
    return b"".join(chunks)


class _TokenGate:
    """Answers 401 unless ``Authorization: Bearer <token>``; the OpenAPI document stays public."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] != OPENAPI_PATH:
            given = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._expected):
                response = envelope(
                    401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


@dataclass(frozen=True, slots=True)
class _Demo:
    seed: int
    rooms: int
    interval: float | None


class _Api:
    """The endpoints over one :class:`Service`, which :meth:`lifespan` opens and closes."""

    def __init__(self, db: str, demo: _Demo | None, openapi: bytes) -> None:
        self._db = db
        self._demo = demo
        self._openapi = openapi
        self._service: Service | None = None

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self._service = service = await Service.open(self._db)
        ticker: asyncio.Task[None] | None = None
        try:
            if self._demo is not None:
                await demo_module.seed_demo(service, self._demo.seed, self._demo.rooms)
                if self._demo.interval is not None:
                    ticker = asyncio.create_task(
                        demo_module.tick_forever(service, self._demo.seed, self._demo.interval)
                    )
            yield
        finally:
            await _cancel(ticker)
            self._service = None
            await service.close()

    @property
    def service(self) -> Service:
        if self._service is None:
            raise Rejected(503, "the server is not running (its lifespan has not started)")
        return self._service

    async def start(self, request: Request) -> Response:
        await self.service.start(parse(await read_body(request), StartReport))
        return _success(_OK)

    async def stop(self, request: Request) -> Response:
        await self.service.stop(parse(await read_body(request), StopReport))
        return _success(_OK)

    async def info(self, request: Request) -> Response:
        return _success(await self.service.info(parse(await read_body(request), InfoQuery)))

    async def list_rooms(self, request: Request) -> Response:
        query = parse(await read_body(request), ListQuery)
        return _success(await self.service.list_rooms(query))

    async def room_records(self, request: Request) -> Response:
        query = parse(await read_body(request), RecordsQuery)
        return _success(await self.service.room_records(query))

    async def openapi_json(self, request: Request) -> Response:
        return Response(self._openapi, media_type="application/json")

    def routes(self) -> list[Route]:
        post: dict[str, Callable[[Request], Awaitable[Response]]] = {
            "start": self.start,
            "stop": self.stop,
            "info": self.info,
            "list": self.list_rooms,
            "records": self.room_records,
        }
        routes = [Route(f"/api/v1/live/{name}", fn, methods=["POST"]) for name, fn in post.items()]
        return [*routes, Route(OPENAPI_PATH, self.openapi_json, methods=["GET"])]


async def _on_rejected(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Rejected)
    # After a body too large to read, the connection's state is unknown: end it.
    headers = {"Connection": "close"} if exc.code == 413 else None
    return envelope(exc.code, exc.message, headers=headers)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    where = one_line(f"{request.method} {request.scope['path']}")
    messages = {404: f"no such endpoint: {where}", 405: f"method not allowed: {where}"}
    message = messages.get(exc.status_code, one_line(exc.detail))
    return envelope(exc.status_code, message, headers=exc.headers)


async def _on_crash(request: Request, exc: Exception) -> Response:
    _log.error("internal error answering %s %s", request.method, request.url.path, exc_info=exc)
    return envelope(500, "internal error")


def create_app(
    *,
    db: str = ":memory:",
    demo: bool = False,
    seed: int = 0,
    token: str | None = None,
    demo_rooms: int = 320,
    demo_interval: float | None = 3.0,
    faults: FaultPlan | None = None,
) -> ASGIApp:
    """The server's ASGI app over the SQLite database at ``db`` (``":memory:"`` is fine).

    ``demo`` seeds an empty database with the sample and ``demo_rooms`` rooms in
    all (deterministic for ``seed``) and, unless ``demo_interval`` is ``None``,
    starts or ends a few broadcasts every ``demo_interval`` seconds. ``token``
    makes every endpoint but ``/openapi.json`` require ``Authorization: Bearer``.
    ``faults`` injects faults into a share of the requests (qiemonitor.server.faults).
    """
    if token is not None and not token:
        raise ValueError("token must not be empty")
    if demo_rooms < 1:
        raise ValueError(f"demo_rooms must be 1 or more, not {demo_rooms}")
    if demo_interval is not None and not demo_interval > 0:
        raise ValueError(f"demo_interval must be above 0 seconds, not {demo_interval}")
    api = _Api(
        db,
        _Demo(seed, demo_rooms, demo_interval) if demo else None,
        msgspec.json.encode(openapi_document(auth=token is not None)),
    )
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        Rejected: _on_rejected,
        HTTPException: _on_http_error,
        Exception: _on_crash,
    }
    middleware = [] if token is None else [Middleware(_TokenGate, token=token)]
    app = Starlette(
        routes=api.routes(),
        middleware=middleware,
        exception_handlers=handlers,
        lifespan=api.lifespan,
    )
    app.router.redirect_slashes = False
    # Outermost, so that its reset and truncate faults get uvicorn's own send.
    return app if faults is None else FaultInjector(app, faults)


async def _cancel(task: asyncio.Task[None] | None) -> None:
    """Cancel the demo ticker and wait for it; a crash of its own is logged, not raised."""
    if task is None:
        return
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    except Exception:
        _log.exception("the demo ticker failed")

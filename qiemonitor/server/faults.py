"""Fault injection for the embedded server (``qiemonitor serve --faults SPEC``): training and tests.

A SPEC is comma-separated ``KEY=VALUE`` parts, e.g. ``rate=0.3,seed=1`` or
``503=0.05,reset=0.05,stall=0.02:30s,paths=start,stop``:

- ``KIND=RATE[:SECONDS]``: that fault on a share ``RATE`` (0 to 1) of requests;
  ``SECONDS`` (``30s``, ``200ms`` or a bare number of seconds) is the delay of
  ``latency`` (default 1 s) and ``stall`` (default 30 s) and the
  ``Retry-After`` of ``500``, ``503`` and ``429`` (default 1 s, sent in whole
  seconds, rounded up).
- ``rate=X``: ``X`` spread evenly over every kind; a kind also named on its
  own keeps its own rate instead (``rate=0.3,stall=0`` turns stalls off).
- ``seed=N``: the random sequence, so a run can be replayed (by default a
  random seed, shown in the startup line).
- ``paths=NAME[,NAME...]``: only these endpoints (``start``, ``stop``,
  ``info``, ``list``, ``records``, i.e. ``/api/v1/live/NAME``); by default
  every ``/api/v1/live/`` endpoint. ``/openapi.json`` is never faulted.

The rates may add up to at most 1; each request gets at most one fault,
drawn from one seeded ``random.Random`` in the order requests arrive.

The kinds, and whether a report still takes effect, as a real server or
proxy would have it — the hardest case for exactly-once delivery is the
answer lost *after* the effect, so every kind that loses or spoils an
answer does exactly that::

    kind      what the client gets                          applied?  StreamClient raises
    latency   the real answer, SECONDS late                 yes       nothing
    500, 503  envelope {code, message}, Retry-After         no        ServiceUnavailable
    429       envelope {code, message}, Retry-After         no        RateLimited
    html      HTTP 502, a text/html proxy error page        no        ServiceUnavailable (502)
    reset     nothing: the connection is reset (TCP RST)    yes       ServerUnreachable
    truncate  headers with the full Content-Length, then    yes       ServerUnreachable
              half the body, then the connection closes
    types     the real answer with a documented int turned  yes       ProtocolError naming it
              into a string (a stream's userId, else code)
    stall     nothing for SECONDS (longer than a client's   yes       RequestTimeout
              timeout), then the answer if still connected

``reset`` and ``truncate`` end the connection through the transport of
uvicorn's h11/httptools request cycle (the ``send`` it hands the app is that
cycle's bound method): an ASGI app has no other way to end a connection
without uvicorn first writing a 500 of its own. So :class:`FaultInjector`
must be the outermost app, with nothing between it and uvicorn that wraps
``send``. Never imports Qt or the client's code.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import logging
import math
import random
import re
import socket
import struct
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ENDPOINTS", "Fault", "FaultInjector", "FaultPlan", "parse_faults"]

_log = logging.getLogger(__name__)

API_PREFIX = "/api/v1/live/"
ENDPOINTS = ("start", "stop", "info", "list", "records")


class Fault(enum.StrEnum):
    """A kind of fault; its value is its name in a SPEC."""

    LATENCY = "latency"
    E500 = "500"
    E503 = "503"
    E429 = "429"
    RESET = "reset"
    TRUNCATE = "truncate"
    HTML = "html"
    TYPES = "types"
    STALL = "stall"


# The kinds that take SECONDS, and their defaults.
_DEFAULT_SECONDS: Mapping[Fault, float] = MappingProxyType(
    {Fault.LATENCY: 1.0, Fault.STALL: 30.0, Fault.E500: 1.0, Fault.E503: 1.0, Fault.E429: 1.0}
)
_KINDS = frozenset(kind.value for kind in Fault)
_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ms|s)?")


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """What to inject: a rate per kind (every kind present), their seconds, the seed and paths.

    ``paths`` holds full request paths; ``None`` means every API endpoint.
    """

    rates: Mapping[Fault, float]
    seconds: Mapping[Fault, float]
    seed: int
    paths: frozenset[str] | None = None

    @property
    def total(self) -> float:
        """The share of requests that get a fault."""
        return sum(self.rates.values())

    def applies_to(self, path: str) -> bool:
        if self.paths is None:
            return path.startswith(API_PREFIX)
        return path in self.paths

    def picker(self) -> Callable[[], Fault | None]:
        """A fresh draw for each request, in order: the same sequence for the same seed."""
        rng = random.Random(self.seed)
        steps = [(kind, rate) for kind, rate in self.rates.items() if rate > 0]

        def pick() -> Fault | None:
            draw = rng.random()
            for kind, rate in steps:
                if draw < rate:
                    return kind
                draw -= rate
            return None

        return pick

    def describe(self) -> str:
        """One line for the startup banner, e.g. ``FAULTS ON: 30% of requests ...``."""
        where = (
            "every endpoint"
            if self.paths is None
            else ", ".join(sorted(p.removeprefix(API_PREFIX) for p in self.paths))
        )
        kinds = []
        for kind, rate in self.rates.items():
            if rate > 0:
                extra = f" ({self.seconds[kind]:g} s)" if kind in self.seconds else ""
                kinds.append(f"{kind} {rate:.3g}{extra}")
        return (
            f"FAULTS ON (training/test mode): {self.total:.0%} of requests to {where}"
            f" fail on purpose: {', '.join(kinds) or 'none'}; seed {self.seed}"
        )


# -- parsing ---------------------------------------------------------------------


def _bad(part: str, why: str) -> ValueError:
    return ValueError(f"bad fault spec part {part!r}: {why}")


def _rate(part: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _bad(part, f"{text!r} is not a rate from 0 to 1") from None
    if not 0 <= value <= 1:
        raise _bad(part, f"{text!r} is not a rate from 0 to 1")
    return value


def _seconds(part: str, text: str) -> float:
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise _bad(part, f"{text!r} is not a duration such as 30s or 200ms")
    value = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
    if not 0 < value <= 3600:
        raise _bad(part, f"{text!r} must be above 0 and at most an hour")
    return value


def _parts(spec: str) -> list[tuple[str, str, str]]:
    """``(part, key, value)`` per part; bare names after ``paths=`` join its value."""
    parts: list[tuple[str, str, str]] = []
    for raw in spec.split(","):
        part = raw.strip()
        if not part:
            raise ValueError(f"bad fault spec {spec!r}: an empty part (two commas in a row?)")
        key, equals, value = part.partition("=")
        if equals:
            parts.append((part, key.strip().lower(), value.strip()))
        elif parts and parts[-1][1] == "paths":
            last = parts.pop()
            parts.append((f"{last[0]},{part}", "paths", f"{last[2]},{part}"))
        else:
            raise _bad(part, "expected KEY=VALUE, e.g. rate=0.3 or 503=0.05")
    return parts


def _paths(part: str, value: str) -> frozenset[str]:
    names = [name.strip().lower() for name in value.split(",")]
    for name in names:
        if name not in ENDPOINTS:
            raise _bad(part, f"unknown endpoint {name!r} (known: {', '.join(ENDPOINTS)})")
    return frozenset(API_PREFIX + name for name in names)


def parse_faults(spec: str) -> FaultPlan:
    """The plan a SPEC describes (see the module docstring); ``ValueError`` in one line if bad."""
    known = ", ".join(["rate", "seed", "paths", *Fault])
    explicit: dict[Fault, float] = {}
    seconds = dict(_DEFAULT_SECONDS)
    spread, seed, paths = 0.0, None, None
    seen: set[str] = set()
    for part, key, value in _parts(spec):
        if key in seen:
            raise _bad(part, f"{key!r} is given twice")
        seen.add(key)
        if key == "rate":
            spread = _rate(part, value)
        elif key == "seed":
            if not re.fullmatch(r"-?\d{1,19}", value):
                raise _bad(part, f"{value!r} is not a whole number")
            seed = int(value)
        elif key == "paths":
            paths = _paths(part, value)
        elif key in _KINDS:
            kind = Fault(key)
            rate, colon, duration = value.partition(":")
            if colon and kind not in _DEFAULT_SECONDS:
                raise _bad(part, f"{kind} takes no duration")
            explicit[kind] = _rate(part, rate)
            if colon:
                seconds[kind] = _seconds(part, duration)
        else:
            raise _bad(part, f"unknown key {key!r} (known: {known})")
    return _plan(explicit, spread, seconds, seed, paths)


def _plan(
    explicit: dict[Fault, float],
    spread: float,
    seconds: dict[Fault, float],
    seed: int | None,
    paths: frozenset[str] | None,
) -> FaultPlan:
    share = spread / len(Fault)
    rates = {kind: explicit.get(kind, share) for kind in Fault}
    total = sum(rates.values())
    if total > 1 + 1e-9:
        raise ValueError(f"bad fault spec: the rates add up to {total:g}, more than 1")
    if seed is None:
        seed = random.SystemRandom().randrange(1 << 31)
    return FaultPlan(MappingProxyType(rates), MappingProxyType(seconds), seed, paths)


# -- the middleware ----------------------------------------------------------------


@dataclass(slots=True)
class _Answer:
    """The answer the real app gave, held back instead of sent."""

    start: Message
    body: bytes

    def headers(self, body: bytes) -> list[tuple[bytes, bytes]]:
        kept = [(k, v) for k, v in self.start.get("headers", []) if k.lower() != b"content-length"]
        return [*kept, (b"content-length", str(len(body)).encode())]


_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"<!-- injected by qiemonitor serve --faults -->\r\n</body>\r\n</html>\r\n"
)
_REFUSALS = {
    Fault.E500: "internal error (injected fault)",
    Fault.E503: "service unavailable (injected fault)",
    Fault.E429: "too many requests (injected fault)",
}


class FaultInjector:
    """ASGI middleware that injects the faults of a :class:`FaultPlan`; must wrap the whole app.

    ``counts`` says how many of each kind it has injected so far.
    """

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan
        self.counts: Counter[Fault] = Counter()
        self._pick = plan.picker()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = None
        if scope["type"] == "http" and self.plan.applies_to(scope["path"]):
            fault = self._pick()
        if fault is None:
            await self.app(scope, receive, send)
            return
        self.counts[fault] += 1
        _log.info("injecting %s into %s %s", fault, scope["method"], scope["path"])
        if fault in _REFUSALS:
            await self._refuse(fault, send)
        elif fault is Fault.HTML:
            await _respond(send, 502, [(b"content-type", b"text/html")], _HTML_502)
        elif fault is Fault.LATENCY:
            await asyncio.sleep(self.plan.seconds[fault])
            await self.app(scope, receive, send)
        else:
            await self._after_effect(fault, scope, receive, send)

    async def _refuse(self, fault: Fault, send: Send) -> None:
        code = int(fault.value)
        retry_after = math.ceil(self.plan.seconds[fault])
        body = json.dumps({"code": code, "message": _REFUSALS[fault], "result": None}).encode()
        headers = [(b"content-type", b"application/json"), (b"retry-after", b"%d" % retry_after)]
        await _respond(send, code, headers, body)

    async def _after_effect(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        """Let the request take effect, then spoil or lose its answer."""
        answer = await _capture(self.app, scope, receive)
        if fault is Fault.TYPES:
            body = _mistyped(answer.body)
            await send({**answer.start, "headers": answer.headers(body)})
            await send({"type": "http.response.body", "body": body})
        elif fault is Fault.STALL:
            if not await _gone_within(receive, self.plan.seconds[fault]):
                await send(answer.start)
                await send({"type": "http.response.body", "body": answer.body})
        elif fault is Fault.TRUNCATE:
            transport = _transport(send)
            await send(answer.start)
            part = answer.body[: len(answer.body) // 2]
            await send({"type": "http.response.body", "body": part, "more_body": True})
            transport.close()  # after the half body is written: an orderly end, too early
            await _gone_within(receive, 2.0)
        else:
            transport = _transport(send)
            # Linger 0 makes the close an RST, which the client reads as a reset.
            sock = transport.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            transport.abort()
            await _gone_within(receive, 2.0)


async def _respond(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    length = (b"content-length", str(len(body)).encode())
    await send({"type": "http.response.start", "status": status, "headers": [*headers, length]})
    await send({"type": "http.response.body", "body": body})


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> _Answer:
    messages: list[Message] = []

    async def keep(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, keep)
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return _Answer(start, body)


async def _gone_within(receive: Receive, seconds: float) -> bool:
    """Whether the client went away within ``seconds`` (the request body is already read).

    Waiting for it also lets uvicorn see the connection lost before the app
    returns, so it neither writes a 500 of its own nor logs an error.
    """
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            while (await receive())["type"] != "http.disconnect":
                pass
            return True
    return False


def _transport(send: Send) -> asyncio.Transport:
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if not isinstance(transport, asyncio.Transport):
        raise RuntimeError("the reset and truncate faults need uvicorn's send, unwrapped")
    return transport


def _mistyped(body: bytes) -> bytes:
    """The answer with a documented integer as a string: a stream's ``userId``, else ``code``."""
    try:
        answer = json.loads(body)
    except ValueError:
        return body
    if not isinstance(answer, dict):
        return body
    target: dict[str, Any] = answer
    key = "code"
    result = answer.get("result")
    stream = result.get("stream") if isinstance(result, dict) else None
    streams = result.get("streams") if isinstance(result, dict) else None
    if isinstance(streams, list) and streams and isinstance(streams[0], dict):
        stream = streams[0]
    if isinstance(stream, dict) and isinstance(stream.get("userId"), int):
        target, key = stream, "userId"
    if isinstance(target.get(key), int):
        target[key] = str(target[key])
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()

"""The one exception the server's rules raise to refuse a request, with its envelope code."""

from __future__ import annotations

__all__ = ["Rejected", "bad_request", "conflict", "not_found", "one_line"]

_MAX_SHOWN = 80


class Rejected(Exception):
    """A request the server refuses; ``code`` is both the envelope code and the HTTP status."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def one_line(text: str) -> str:
    """Client-supplied text made safe to quote in a one-line message."""
    shown = text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in shown)


def bad_request(problems: list[str]) -> Rejected:
    """400 naming every problem, e.g. ``bad request: startTime is required; ...``."""
    return Rejected(400, "bad request: " + "; ".join(problems))


def not_found(message: str) -> Rejected:
    return Rejected(404, message)


def conflict(message: str) -> Rejected:
    return Rejected(409, message)

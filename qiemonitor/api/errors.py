"""The errors the API layer raises; nothing above it ever sees an ``httpx`` error.

The tree::

    ApiError                    anything that went wrong talking to the server
    ├── TransportError          no usable answer arrived (retryable)
    │   ├── ServerUnreachable   could not connect, or the connection was lost
    │   └── RequestTimeout      the server took longer than the timeout
    ├── ProtocolError           an answer arrived but breaks the contract
    │   └── ResponseTooLarge    the body is over the size cap
    └── ServerError             the server answered with an error code
        ├── HttpStatusError     a non-2xx status with no envelope to explain it
        ├── BadRequest          400
        ├── Unauthorized        401
        ├── NotFound            404
        ├── Conflict            409
        ├── RateLimited         429
        └── ServiceUnavailable  500 and above

Every message is one line a person can act on, e.g.
``server answered code 409: room 10002625 is already live``.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "ApiError",
    "BadRequest",
    "Conflict",
    "HttpStatusError",
    "NotFound",
    "ProtocolError",
    "RateLimited",
    "RequestTimeout",
    "ResponseTooLarge",
    "ServerError",
    "ServerUnreachable",
    "ServiceUnavailable",
    "TransportError",
    "Unauthorized",
    "one_line",
    "server_error_for",
]


class ApiError(Exception):
    """Base of every error the API layer raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def retryable(self) -> bool:
        """Whether sending the same request again may succeed."""
        return False


class TransportError(ApiError):
    """No usable answer arrived from the server."""

    @property
    def retryable(self) -> bool:
        return True


class ServerUnreachable(TransportError):
    """The connection could not be made, or was lost before the answer was complete."""


class RequestTimeout(TransportError):
    """The server did not answer within the timeout."""


class ProtocolError(ApiError):
    """The server answered, but not in the shape of the contract (API.md)."""


class ResponseTooLarge(ProtocolError):
    """The answer's body is larger than the configured cap."""


_MAX_SHOWN = 300


def one_line(text: str) -> str:
    """Server-supplied text as one printable line, clipped: control characters are escaped."""
    shown = text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in shown
    )


class ServerError(ApiError):
    """The server answered with an error code, in the envelope or as the HTTP status.

    ``code`` is the envelope's code where there was an envelope, else the HTTP
    status; ``server_message`` is the server's own text; ``retry_after`` is the
    delay in seconds the server asked for, if it did.
    """

    _prefix: ClassVar[str] = "server answered code"

    def __init__(
        self,
        code: int,
        server_message: str,
        *,
        http_status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{self._prefix} {code}: {one_line(server_message)}")
        self.code = code
        self.server_message = server_message
        self.http_status = http_status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.code in (408, 429) or self.code >= 500


class HttpStatusError(ServerError):
    """A non-2xx HTTP status with no envelope in the body to explain it."""

    _prefix = "server answered HTTP"


class BadRequest(ServerError):
    """400: the server rejected the request's parameters."""


class Unauthorized(ServerError):
    """401: the token is missing or wrong."""


class NotFound(ServerError):
    """404: unknown room, record or endpoint."""


class Conflict(ServerError):
    """409: the request conflicts with the room's state."""


class RateLimited(ServerError):
    """429: too many requests; ``retry_after`` says when to come back."""


class ServiceUnavailable(ServerError):
    """500 and above: the server failed or is overloaded."""


_BY_CODE: dict[int, type[ServerError]] = {
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    409: Conflict,
    429: RateLimited,
}


def server_error_for(
    code: int,
    server_message: str,
    *,
    http_status: int | None = None,
    retry_after: float | None = None,
    has_envelope: bool = True,
) -> ServerError:
    """Build the most specific :class:`ServerError` for ``code``."""
    cls = _BY_CODE.get(code)
    if cls is None and code >= 500:
        cls = ServiceUnavailable
    if cls is None:
        cls = ServerError if has_envelope else HttpStatusError
    return cls(code, server_message, http_status=http_status, retry_after=retry_after)

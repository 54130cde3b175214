"""How to reach one server: its URL, credentials, TLS, timeouts and endpoint paths."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field

import httpx
import truststore

from qiemonitor import __version__
from qiemonitor.logs import add_secret

__all__ = ["DEFAULT_SERVER", "ClientSettings", "Endpoints", "build_http_client"]

DEFAULT_SERVER = "http://127.0.0.1:8080"
USER_AGENT = f"qiemonitor/{__version__}"


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Endpoint paths; API.md says why each is configurable per server profile."""

    start: str = "/api/v1/live/start"
    stop: str = "/api/v1/live/stop"
    info: str = "/api/v1/live/info"
    list: str = "/api/v1/live/list"
    records: str = "/api/v1/live/records"


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Everything :class:`~qiemonitor.api.client.StreamClient` needs to know.

    ``insecure`` turns TLS verification off entirely: it exists for test rigs
    with self-signed certificates and is labelled as such wherever it is set.
    """

    base_url: str = DEFAULT_SERVER
    token: str | None = None
    timeout: float = 10.0
    connect_timeout: float = 5.0
    ca_file: str | None = None
    insecure: bool = False
    max_response_bytes: int = 32 * 1024 * 1024
    retries: int = 3
    retry_max_wait: float = 8.0
    endpoints: Endpoints = field(default_factory=Endpoints)

    def __repr__(self) -> str:
        # The token must never reach a log line or a traceback.
        token = "<redacted>" if self.token else None
        return (
            f"ClientSettings(base_url={self.base_url!r}, token={token}, "
            f"timeout={self.timeout}, insecure={self.insecure})"
        )


def _ssl_context(settings: ClientSettings) -> ssl.SSLContext | bool:
    if settings.insecure:
        return False
    if settings.ca_file:
        return ssl.create_default_context(cafile=settings.ca_file)
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def build_http_client(settings: ClientSettings) -> httpx.AsyncClient:
    """The one ``httpx.AsyncClient`` an app keeps for its whole life.

    ``HTTP(S)_PROXY`` and ``NO_PROXY`` are honoured (``trust_env``).
    """
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if settings.token:
        headers["Authorization"] = f"Bearer {settings.token}"
        add_secret(settings.token)  # however it reached us (flag, keyring), never log it
    return httpx.AsyncClient(
        base_url=settings.base_url,
        headers=headers,
        timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
        verify=_ssl_context(settings),
        trust_env=True,
        follow_redirects=False,
    )

"""Running the server on uvicorn: in a background thread (:class:`EmbeddedServer`) or in the
foreground (:func:`serve`, behind ``qiemonitor serve``).

Both bind the listening socket themselves before uvicorn starts, so port 0
yields a real port that is known before the first request, and both leave
logging alone apart from uvicorn's own loggers (warnings only, no access log).
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, TracebackType
from typing import TypedDict, Unpack

import platformdirs
import uvicorn

from qiemonitor.server.app import create_app
from qiemonitor.server.faults import FaultPlan
from qiemonitor.server.store import Store

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "AppOptions",
    "EmbeddedServer",
    "default_db_path",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080  # the CLI's default --server points here
_GRACE_SECONDS = 3


class AppOptions(TypedDict, total=False):
    """The keyword arguments of :func:`create_app`."""

    db: str
    demo: bool
    seed: int
    token: str | None
    demo_rooms: int
    demo_interval: float | None
    faults: FaultPlan | None


def default_db_path() -> str:
    """Where ``qiemonitor serve`` keeps its database unless told otherwise."""
    return str(Path(platformdirs.user_data_dir("qiemonitor")) / "server.sqlite3")


def _bind(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Server(uvicorn.Server):
    """uvicorn's server, telling ``on_ready`` once the app has started and the socket listens."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_ready()


def _config(options: AppOptions) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(**options),
        lifespan="on",
        loop="asyncio",
        http="h11",
        ws="none",
        log_config=None,
        log_level="warning",
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=_GRACE_SECONDS,
    )


class EmbeddedServer:
    """The server on a background thread with its own event loop; a context manager.

    ``start()`` returns once the server answers; ``url`` is then its base URL
    (with the real port when ``port`` is 0); ``stop()`` shuts it down and joins
    the thread.
    """

    def __init__(
        self, host: str = DEFAULT_HOST, port: int = 0, **create_app_kwargs: Unpack[AppOptions]
    ) -> None:
        self._host, self._port = host, port
        self._options = create_app_kwargs
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._server: _Server | None = None
        self._sock: socket.socket | None = None
        self._url = ""
        self._failure: BaseException | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if not self._url:
            raise RuntimeError("the embedded server is not started")
        return self._url

    def start(self, timeout: float = 60.0) -> None:
        """Start serving; block until the server listens (or raise why it could not)."""
        if self._thread is not None:
            raise RuntimeError("the embedded server was already started")
        server = _Server(_config(self._options), self._ready.set)
        self._sock = sock = _bind(self._host, self._port)
        self._server = server
        self._thread = threading.Thread(
            target=self._run, args=(server, sock), name="qiemonitor-server", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(timeout) or not server.started:
            self.stop()
            raise RuntimeError(f"the embedded server did not start: {self._failure!r}")
        self._url = _url(sock)

    def _run(self, server: _Server, sock: socket.socket) -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as failure:  # SystemExit when the app's startup fails
            self._failure = failure
        finally:
            self._ready.set()

    def stop(self) -> None:
        """Shut down (finishing requests in flight) and join the server's thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join()
        if self._sock is not None:
            self._sock.close()
        self._url = ""

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


@contextmanager
def _stop_on_signals(server: _Server) -> Iterator[None]:
    """Make SIGINT/SIGTERM a clean shutdown, also when uvicorn re-raises them on its way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        server.should_exit = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    db: str | None = None,
    demo: bool = False,
    seed: int = 0,
    token: str | None = None,
    demo_rooms: int = 320,
    demo_interval: float | None = 3.0,
    faults: FaultPlan | None = None,
) -> int:
    """Serve in the foreground until SIGINT/SIGTERM; 0 after a clean shutdown, 1 on failure.

    Prints ``qiemonitor server listening on http://HOST:PORT`` to stdout once it
    listens (with the real port when ``port`` is 0). ``db`` defaults to
    :func:`default_db_path`. With ``faults``, a line on stderr says so first:
    nobody should mistake a training server for a broken one.
    """
    options = AppOptions(
        db=db or default_db_path(),
        demo=demo,
        seed=seed,
        token=token,
        demo_rooms=demo_rooms,
        demo_interval=demo_interval,
        faults=faults,
    )
    if faults is not None:
        print(f"qiemonitor server: {faults.describe()}", file=sys.stderr, flush=True)
    try:
        config, sock = _prepare(options, host, port)
    except (OSError, ValueError, sqlite3.Error) as error:
        print(f"qiemonitor server: cannot start: {error}", file=sys.stderr, flush=True)
        return 1
    url = _url(sock)
    server = _Server(config, lambda: print(f"qiemonitor server listening on {url}", flush=True))
    try:
        with _stop_on_signals(server):
            server.run(sockets=[sock])
    except SystemExit:  # uvicorn exits this way when the app's startup fails
        return 1
    finally:
        sock.close()
    return 0


def _prepare(options: AppOptions, host: str, port: int) -> tuple[uvicorn.Config, socket.socket]:
    """Check the database opens, build the app and bind: each failure is one line of text."""
    path = options["db"]
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    Store(path).close()
    return _config(options), _bind(host, port)

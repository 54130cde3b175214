"""Starting and stopping the GUI: ``run_gui(GuiOptions)`` returns the process exit code.

Start-up, in this order:

1. The ``QApplication`` (one per process), named so QSettings finds the
   window's layout and stars, and a translator for ``--lang`` (else the
   system locale) when ``resources/translations`` has one.
2. The asyncio loop on Qt (``qasync.QEventLoop``); the rest runs in one
   coroutine, :meth:`_Session.run`, so nothing ever blocks the GUI thread.
3. With ``--demo``: the embedded demo server as a child process
   (``qiemonitor serve --port 0 --demo``, run as ``python -m qiemonitor`` or as
   the frozen binary: core.demo_process); its URL is read from its output
   without blocking.
4. The settings (``config.toml``) and the token (``--token``, else the
   keyring, read off the GUI thread), and from them the one
   :class:`~qiemonitor.api.client.StreamClient` — the one ``httpx.AsyncClient``
   of the app's life.
5. The main window; polling starts at once, ``--select`` picks its room as
   soon as a page lists it, and ``--screenshot`` waits for the first poll, the
   room's detail and its thumbnail, saves the PNG and quits.
6. The outbox (``--outbox``, else ``outbox.sqlite3`` in the user data folder;
   with ``--demo`` a throwaway file, so demo reports never reach a real
   server) and its deliverer, which at once sends what an earlier run left.

Shut-down, when the window closes or Quit is chosen (or Ctrl+C in the
terminal; the window first asks if reports are undelivered), in this order:
stop polling (the poller's tasks are awaited); close open dialogs; stop the
deliverer after one last pass of at most a few seconds, and close the outbox
(what is left stays in the file for the next start); cancel every task still
running and wait for them; close the thumbnail client and the StreamClient;
stop the demo server; then the coroutine returns, the Qt loop ends and the
asyncio loop is closed with nothing pending.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import tempfile
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from qiemonitor.api.client import StreamClient
from qiemonitor.api.settings import ClientSettings
from qiemonitor.core.config import (
    AppConfig,
    ConfigError,
    TokenStoreError,
    load_token,
    read_config,
    save_config,
    save_token,
)
from qiemonitor.core.demo_process import DemoServerError, DemoServerProcess
from qiemonitor.core.outbox import OutboxError
from qiemonitor.core.report_desk import ReportDesk
from qiemonitor.paths import APP_NAME, resource_path
from qiemonitor.ui import startup_probe
from qiemonitor.ui.event_log import EventKind
from qiemonitor.ui.main_window import MainWindow
from qiemonitor.ui.screenshot import ScreenshotError, take_screenshot

__all__ = ["GuiOptions", "run_gui"]

EXIT_OK = 0
EXIT_FAILED = 1
_LAST_FLUSH_S = 3.0  # at quit: one last try for what is due, then it waits for the next start


@dataclass(frozen=True, slots=True)
class GuiOptions:
    """The GUI's command-line options (the CLI parses them; see ``qiemonitor --help``)."""

    server: str | None = None
    demo: bool = False
    select: str | None = None
    screenshot: Path | None = None
    timeout: float = 10.0  # how long --screenshot waits for a first poll; requests use Settings
    lang: str | None = None  # "zh_CN" or "en"; None follows the system locale
    token: str | None = None
    outbox: Path | str | None = None  # None: the default file (a throwaway one with demo)


def run_gui(options: GuiOptions) -> int:
    """Open the main window and run until it is closed; returns the exit code."""
    app = _application(options.lang)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(_Session(options).run()))
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()


def _application(lang: str | None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("qiemonitor")
    app.setWindowIcon(QIcon(str(resource_path("icons", "qiemonitor.svg"))))
    app.setQuitOnLastWindowClosed(False)  # the session decides when Qt stops (see shut-down)
    locale = QLocale(lang) if lang else QLocale.system()
    QLocale.setDefault(locale)
    _install_translators(app, lang or locale.name())
    return app


def _install_translators(app: QApplication, name: str) -> None:
    ours = QTranslator(app)
    path = resource_path("translations", f"qiemonitor_{name}.qm")
    if path.is_file() and ours.load(str(path)):
        app.installTranslator(ours)
    qt = QTranslator(app)  # Qt's own strings: standard buttons, context menus
    if qt.load(
        QLocale(name), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)


def _fail(message: str) -> int:
    print(f"qiemonitor: {message}", file=sys.stderr)
    return EXIT_FAILED


class _Session:
    """One run of the GUI: what it started, so that shut-down can end each thing in turn."""

    def __init__(self, options: GuiOptions) -> None:
        self.options = options
        self.demo: DemoServerProcess | None = None
        self.client: StreamClient | None = None
        self.window: MainWindow | None = None
        self.desk: ReportDesk | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None  # the demo's outbox
        self.config = AppConfig()
        self._quit = asyncio.Event()
        self._url = ""  # the server the app is connected to, or about to be
        self._changing = asyncio.Lock()  # settings and token changes apply one at a time
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self) -> int:
        try:
            return await self._run()
        except DemoServerError as error:
            return _fail(str(error))
        except ScreenshotError as error:
            return _fail(str(error))
        finally:
            await self._shut_down()

    async def _run(self) -> int:
        loaded = read_config()
        self.config = loaded.config
        self._url = url = await self._server_url()
        token = await self._token(url)
        self.client = StreamClient(self._client_settings(self.config, url, token))
        self.window = window = MainWindow(
            self.client,
            self.config,
            QSettings(),
            token_saved=bool(token) and not self.options.token,
        )
        self._connect_signals(window)
        if loaded.problem:
            window.status.show_error(loaded.problem)
        startup_probe.install(window.table)  # tests/perf/bench_gui.py; a no-op unless asked
        window.show()
        window.start_polling()
        await self._open_outbox(window)
        if self.options.select:
            window.feed.select_when_listed(self.options.select)
        if self.options.screenshot is not None:
            await take_screenshot(window, self.options.screenshot, self.options.timeout)
            return EXIT_OK
        await self._quit.wait()
        return EXIT_OK

    def _connect_signals(self, window: MainWindow) -> None:
        window.quit_requested.connect(self._quit.set)
        window.feed.select_failed.connect(self.on_feed_select_failed)
        window.settings_accepted.connect(self.on_window_settings_accepted)
        window.token_changed.connect(self.on_window_token_changed)
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, window.close)

    async def _server_url(self) -> str:
        if self.options.demo:
            self.demo = DemoServerProcess()
            return await self.demo.start()
        return self.options.server or self.config.server_url

    async def _token(self, url: str) -> str | None:
        if self.options.token or self.options.demo:
            return self.options.token
        try:
            return await asyncio.to_thread(load_token, url)
        except TokenStoreError as error:
            print(f"qiemonitor: {error}", file=sys.stderr)
            return None

    async def _open_outbox(self, window: MainWindow) -> None:
        assert self.client is not None
        path = self.options.outbox
        if path is None and self.options.demo:
            self._scratch = tempfile.TemporaryDirectory(prefix="qiemonitor-demo-")
            path = Path(self._scratch.name) / "outbox.sqlite3"
        try:
            self.desk = await ReportDesk.open(
                path,
                self.client,
                on_event=window.outbox.on_desk_event,
                on_changed=window.outbox.refresh,
            )
        except OutboxError as error:
            window.outbox.attach(None, str(error))
            self._report(str(error))
            return
        window.outbox.attach(self.desk)
        if self.desk.box.recovered:
            text = QCoreApplication.translate(
                "App", "{count} report(s) interrupted by the last exit are sent again"
            )
            window.log_event(EventKind.REPORT, None, text.format(count=self.desk.box.recovered))
        self.desk.start()

    def _client_settings(self, config: AppConfig, url: str, token: str | None) -> ClientSettings:
        return ClientSettings(
            base_url=url,
            token=token,
            timeout=config.timeout,
            ca_file=config.ca_file,
            insecure=config.insecure,
        )

    # -- while running ---------------------------------------------------

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def on_feed_select_failed(self, room_id: str) -> None:
        if self.window is not None:
            text = QCoreApplication.translate("App", "room {room} is not on the server")
            self.window.status.show_error(text.format(room=room_id))

    def on_window_settings_accepted(self, config: AppConfig) -> None:
        # Decided now, not when the task runs: the dialog's token_changed follows at
        # once, and a token typed with a new server URL belongs to the new server.
        old, self.config = self.config, config
        reconnect = _connection(config) != _connection(old)
        if reconnect:
            self._url = config.server_url
        self._spawn(self._apply_settings(config, reconnect=reconnect))

    def on_window_token_changed(self, token: str | None) -> None:
        self._spawn(self._apply_token(self._url, token))

    async def _apply_settings(self, config: AppConfig, *, reconnect: bool) -> None:
        async with self._changing:
            try:
                await asyncio.to_thread(save_config, config)
            except ConfigError as error:
                self._report(str(error))
            if reconnect:
                await self._reconnect(config.server_url, await self._token(config.server_url))

    async def _apply_token(self, url: str, token: str | None) -> None:
        async with self._changing:
            try:
                await asyncio.to_thread(save_token, url, token)
            except TokenStoreError as error:
                self._report(str(error))
            await self._reconnect(url, token)

    async def _reconnect(self, url: str, token: str | None) -> None:
        """One new client for the window and the outbox; the old one is closed."""
        client = StreamClient(self._client_settings(self.config, url, token))
        old, self.client = self.client, client
        if self.desk is not None:
            await self.desk.set_client(client)
        if self.window is not None:
            await self.window.replace_client(client)
        if old is not None:
            await old.aclose()

    def _report(self, message: str) -> None:
        if self.window is not None:
            self.window.status.show_error(message)
            self.window.log_event(EventKind.ERROR, None, message)

    # -- shut-down -------------------------------------------------------

    async def _shut_down(self) -> None:
        window = self.window
        if window is not None:
            await window.stop_polling()
            for dialog in window.findChildren(QDialog):
                dialog.reject()
            window.outbox.detach()
        if self.desk is not None:
            await self.desk.aclose(flush_s=_LAST_FLUSH_S)
        await _cancel_all_but_me()
        if window is not None:
            await window.thumbnails.aclose()
        if self.client is not None:
            await self.client.aclose()
        if self.demo is not None:
            await self.demo.stop()
        if self._scratch is not None:
            self._scratch.cleanup()
        if window is not None:
            window.hide()
            window.deleteLater()


def _connection(config: AppConfig) -> tuple[object, ...]:
    """The settings that need a new client when they change."""
    return (config.server_url, config.ca_file, config.insecure, config.timeout)


async def _cancel_all_but_me() -> None:
    me = asyncio.current_task()
    others = [task for task in asyncio.all_tasks() if task is not me and not task.done()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)

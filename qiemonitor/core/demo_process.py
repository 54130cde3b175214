"""Runs the embedded demo server as a child process and learns its URL from its output (no Qt).

``qiemonitor --demo`` starts ``python -m qiemonitor serve --port 0 --demo`` (a
frozen build starts its own program again: ``qiemonitor serve --port 0
--demo``), reads ``qiemonitor server listening on http://127.0.0.1:PORT`` from
its stdout without blocking the event loop, keeps draining both pipes so the
child never stalls on a full one, and terminates it (then kills it, if it
lingers) when the app shuts down.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
from collections import deque
from collections.abc import Sequence
from types import TracebackType
from typing import Self

__all__ = ["DEMO_ARGUMENTS", "DemoServerError", "DemoServerProcess", "demo_command"]

DEMO_ARGUMENTS = ("serve", "--port", "0", "--demo")
_LISTENING = re.compile(rb"listening on (https?://\S+)")
_KEPT_LINES = 20


def demo_command(*arguments: str) -> tuple[str, ...]:
    """This program again, running ``qiemonitor ARGUMENTS`` (the demo server by default).

    Under a Python interpreter that is ``python -m qiemonitor ...``. A frozen
    build (PyInstaller sets ``sys.frozen``) has no interpreter to hand ``-m``
    to: ``sys.executable`` is the qiemonitor program, which takes the
    subcommand directly.
    """
    arguments = arguments or DEMO_ARGUMENTS
    if getattr(sys, "frozen", False):
        return (sys.executable, *arguments)
    return (sys.executable, "-m", "qiemonitor", *arguments)


class DemoServerError(RuntimeError):
    """The demo server did not start; the message is one line saying why."""


class DemoServerProcess:
    """The child process; ``await start()`` returns its base URL, ``await stop()`` ends it.

    ``command`` is the whole command line, by default :func:`demo_command`'s.
    """

    def __init__(
        self,
        command: Sequence[str] | None = None,
        *,
        start_timeout: float = 30.0,
        stop_timeout: float = 5.0,
    ) -> None:
        self._command = tuple(command) if command is not None else demo_command()
        self._start_timeout = start_timeout
        self._stop_timeout = stop_timeout
        self._process: asyncio.subprocess.Process | None = None
        self._drains: list[asyncio.Task[None]] = []
        self._errors: deque[str] = deque(maxlen=_KEPT_LINES)
        self.url: str | None = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def start(self) -> str:
        """Start the child and wait (without blocking the loop) until it says where it listens."""
        self._process = process = await asyncio.create_subprocess_exec(
            *self._command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        self._drains.append(asyncio.create_task(self._keep(process.stderr), name="demo-stderr"))
        try:
            async with asyncio.timeout(self._start_timeout):
                self.url = await self._read_url(process.stdout)
        except BaseException as error:
            await self.stop()
            if isinstance(error, TimeoutError):
                raise DemoServerError(
                    self._why(f"no answer in {self._start_timeout:g} s")
                ) from None
            raise
        self._drains.append(asyncio.create_task(self._discard(process.stdout), name="demo-stdout"))
        return self.url

    async def _read_url(self, stdout: asyncio.StreamReader) -> str:
        while line := await stdout.readline():
            found = _LISTENING.search(line)
            if found:
                return found.group(1).decode("ascii")
        await asyncio.sleep(0.05)  # let the stderr reader catch the child's last words
        raise DemoServerError(self._why("it exited before listening"))

    def _why(self, what: str) -> str:
        last = self._errors[-1] if self._errors else "no error output"
        return f"the demo server did not start ({what}): {last}"

    async def _keep(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            text = line.decode("utf-8", "replace").strip()
            if text:
                self._errors.append(text)

    @staticmethod
    async def _discard(stream: asyncio.StreamReader) -> None:
        while await stream.read(65536):
            pass

    async def stop(self) -> None:
        """Terminate the child, kill it if it does not go within ``stop_timeout``; idempotent."""
        process, self._process = self._process, None
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            try:
                async with asyncio.timeout(self._stop_timeout):
                    await process.wait()
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        drains, self._drains = self._drains, []
        for task in drains:
            task.cancel()
        for task in drains:
            with contextlib.suppress(asyncio.CancelledError):
                await task

"""DemoServerProcess: the URL from the child's output, one-line failures, and a clean stop."""

from __future__ import annotations

import asyncio
import sys

import pytest

from qiemonitor.core.demo_process import DemoServerError, DemoServerProcess

_SPEAKS = "print('qiemonitor server listening on http://127.0.0.1:4321', flush=True)"


def test_the_url_is_read_from_the_listening_line_and_the_child_is_stopped() -> None:
    async def scenario() -> tuple[str, int | None]:
        child = DemoServerProcess(("-c", f"import time; {_SPEAKS}; time.sleep(60)"))
        url = await child.start()
        process = child._process
        await child.stop()
        await child.stop()  # twice is harmless
        return url, None if process is None else process.returncode

    url, returncode = asyncio.run(scenario())
    assert url == "http://127.0.0.1:4321"
    assert returncode is not None


def test_a_child_that_dies_says_why_in_one_line() -> None:
    code = "import sys; print('port 8080 is taken', file=sys.stderr); sys.exit(3)"
    with pytest.raises(DemoServerError, match=r"exited before listening\): port 8080 is taken$"):
        asyncio.run(DemoServerProcess(("-c", code)).start())


def test_a_silent_child_times_out_and_is_killed() -> None:
    child = DemoServerProcess(("-c", "import time; time.sleep(60)"), start_timeout=0.3)
    with pytest.raises(DemoServerError, match=r"no answer in 0\.3 s"):
        asyncio.run(child.start())
    assert child.pid is None


def test_the_real_demo_server_starts() -> None:
    async def scenario() -> str:
        arguments = ("-m", "qiemonitor", "serve", "--port", "0", "--demo", "--db", ":memory:")
        async with DemoServerProcess(arguments, python=sys.executable) as child:
            assert child.url is not None
            return child.url

    assert asyncio.run(scenario()).startswith("http://127.0.0.1:")

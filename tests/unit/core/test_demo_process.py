"""DemoServerProcess: the URL from the child's output, one-line failures, and a clean stop;
demo_command: how the child is started, from Python and from a frozen build."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from qiemonitor.core.demo_process import DemoServerError, DemoServerProcess, demo_command

_SPEAKS = "print('qiemonitor server listening on http://127.0.0.1:4321', flush=True)"
_DEMO = ("serve", "--port", "0", "--demo")


def _python(code: str) -> tuple[str, ...]:
    return (sys.executable, "-c", code)


def test_the_url_is_read_from_the_listening_line_and_the_child_is_stopped() -> None:
    async def scenario() -> tuple[str, int | None]:
        child = DemoServerProcess(_python(f"import time; {_SPEAKS}; time.sleep(60)"))
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
        asyncio.run(DemoServerProcess(_python(code)).start())


def test_a_silent_child_times_out_and_is_killed() -> None:
    child = DemoServerProcess(_python("import time; time.sleep(60)"), start_timeout=0.3)
    with pytest.raises(DemoServerError, match=r"no answer in 0\.3 s"):
        asyncio.run(child.start())
    assert child.pid is None


def test_the_real_demo_server_starts() -> None:
    async def scenario() -> str:
        async with DemoServerProcess(demo_command(*_DEMO, "--db", ":memory:")) as child:
            assert child.url is not None
            return child.url

    assert asyncio.run(scenario()).startswith("http://127.0.0.1:")


def test_under_python_the_child_is_python_dash_m_qiemonitor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert demo_command() == (sys.executable, "-m", "qiemonitor", *_DEMO)


def test_a_frozen_build_starts_its_own_program_with_the_subcommand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/qiemonitor/qiemonitor")
    assert demo_command() == ("/opt/qiemonitor/qiemonitor", *_DEMO)
    assert demo_command("serve", "--port", "0") == (
        "/opt/qiemonitor/qiemonitor",
        "serve",
        "--port",
        "0",
    )


# Stands in for a frozen qiemonitor: it answers only to the command line a frozen build takes.
_FROZEN_STAND_IN = f"""#!{sys.executable}
import sys
if sys.argv[1:] != {list(_DEMO)!r}:
    sys.exit("wrong command line: " + " ".join(sys.argv[1:]))
{_SPEAKS}
import time; time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")
def test_the_default_child_of_a_frozen_build_is_started_and_heard(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    program = tmp_path / "qiemonitor"
    program.write_text(_FROZEN_STAND_IN, encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))

    async def scenario() -> str | None:
        async with DemoServerProcess(start_timeout=10) as child:
            return child.url

    assert asyncio.run(scenario()) == "http://127.0.0.1:4321"

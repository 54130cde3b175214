"""setup_logging: the rotating file and stderr, their levels, redaction, an unusable folder."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from qiemonitor import logs
from qiemonitor.logs import LOG_FILE, REDACTED, add_secret, setup_logging
from qiemonitor.paths import user_log_dir

log = logging.getLogger("qiemonitor.test_logs")


@pytest.fixture(autouse=True)
def restore_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test's setup_logging is undone: handlers closed, levels and secrets restored."""
    root = logging.getLogger()
    chatty = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    level = root.level
    monkeypatch.setattr(logs, "_secrets", set())
    yield
    for handler in [h for h in root.handlers if h.get_name() == "qiemonitor"]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    for name, old in chatty.items():
        logging.getLogger(name).setLevel(old)


def test_the_file_gets_info_and_the_terminal_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(False, log_dir=tmp_path)
    assert path == tmp_path / LOG_FILE
    log.debug("a debug line")
    log.info("an info line")
    log.warning("a warning line")
    text = path.read_text(encoding="utf-8")
    assert "a debug line" not in text
    assert "INFO qiemonitor.test_logs: an info line" in text
    assert "WARNING qiemonitor.test_logs: a warning line" in text
    assert capsys.readouterr().err == "WARNING qiemonitor.test_logs: a warning line\n"


def test_verbose_sends_debug_to_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = setup_logging(True, log_dir=tmp_path)
    assert path is not None
    log.debug("a debug line")
    assert "a debug line" in path.read_text(encoding="utf-8")
    assert "DEBUG qiemonitor.test_logs: a debug line" in capsys.readouterr().err


def test_calling_it_again_does_not_double_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging(False, log_dir=tmp_path / "first")
    path = setup_logging(False, log_dir=tmp_path)
    assert path is not None
    log.warning("once")
    assert capsys.readouterr().err.count("once") == 1
    assert path.read_text(encoding="utf-8").count("once") == 1
    assert "once" not in (tmp_path / "first" / LOG_FILE).read_text(encoding="utf-8")


def test_the_file_rotates_at_one_mib_keeping_five(tmp_path: Path) -> None:
    setup_logging(False, log_dir=tmp_path)
    (handler,) = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert (handler.maxBytes, handler.backupCount) == (1 << 20, 5)
    line = "x" * 1000
    for _ in range(1200):  # a little over 1 MiB
        log.info(line)
    assert (tmp_path / f"{LOG_FILE}.1").stat().st_size <= 1 << 20
    assert (tmp_path / LOG_FILE).stat().st_size < 1 << 20


def test_a_folder_it_cannot_create_gives_one_warning_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert setup_logging(False, log_dir=blocker / "logs") is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"WARNING qiemonitor.logs: cannot write the log file in {blocker}")
    assert err.endswith("; logging to the terminal only\n")
    log.error("still logged")
    assert capsys.readouterr().err == "ERROR qiemonitor.test_logs: still logged\n"


def test_the_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QIEMONITOR_LOG_DIR", str(tmp_path / "from-env"))
    assert setup_logging(False) == tmp_path / "from-env" / LOG_FILE


def test_the_test_run_keeps_out_of_the_users_folders(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # conftest points both the variable and platformdirs' state home into the run's temp folder.
    temp_root = tmp_path_factory.getbasetemp()
    assert Path(os.environ["QIEMONITOR_LOG_DIR"]).is_relative_to(temp_root)
    if sys.platform.startswith("linux"):  # where platformdirs follows XDG_STATE_HOME
        assert user_log_dir().is_relative_to(temp_root)


def test_secrets_and_credentials_are_redacted_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(True, log_dir=tmp_path, secrets=["tok-3f9a1c", None])
    add_secret("keyring-7d2e")
    log.debug("token tok-3f9a1c and %s", "keyring-7d2e")
    log.debug("headers: {'Authorization': 'Bearer abc.DEF-123'}")
    log.debug("retrying with bearer abc.DEF-123")
    log.debug("send [(b'authorization', b'Token custom-scheme-value')]")
    log.debug("url http://operator:pa55word@127.0.0.1:8080/api")
    try:
        raise RuntimeError("rejected tok-3f9a1c")
    except RuntimeError:
        log.exception("failed with Basic dXNlcjpwYXNz")
    assert path is not None
    for text in (path.read_text(encoding="utf-8"), capsys.readouterr().err):
        for secret in ("tok-3f9a1c", "keyring-7d2e", "abc.DEF-123", "custom-scheme", "pa55word"):
            assert secret not in text
        assert "dXNlcjpwYXNz" not in text
        assert f"token {REDACTED} and {REDACTED}" in text
        assert f"{{'Authorization': '{REDACTED}'}}" in text
        assert f"with bearer {REDACTED}" in text
        assert f"failed with Basic {REDACTED}" in text
        assert f"http://operator:{REDACTED}@127.0.0.1:8080/api" in text
        assert f"RuntimeError: rejected {REDACTED}" in text  # the traceback too

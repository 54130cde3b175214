"""Where log lines go: a rotating file in the user's log folder and stderr, secrets redacted.

:func:`setup_logging` is called once at start-up (by ``cli.main``). Every
line, to either place, passes :class:`RedactFilter`, which replaces the
secrets given to :func:`add_secret` (the API token), any ``Bearer``/``Basic``
credential or ``Authorization`` header value, and the password in a
``scheme://user:password@host`` URL with ``<redacted>``. No Qt here.

The file is ``qiemonitor.log`` in :func:`qiemonitor.paths.user_log_dir`, or in
``$QIEMONITOR_LOG_DIR`` when that is set (tests and portable installs set it).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from qiemonitor.paths import user_log_dir

__all__ = [
    "LOG_DIR_ENV",
    "LOG_FILE",
    "REDACTED",
    "RedactFilter",
    "add_secret",
    "log_dir",
    "redact",
    "setup_logging",
]

LOG_DIR_ENV = "QIEMONITOR_LOG_DIR"
LOG_FILE = "qiemonitor.log"
MAX_BYTES = 1 << 20
BACKUPS = 5
REDACTED = "<redacted>"

_FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"
# At INFO these log a line per request: a poll every few seconds would fill the file with them.
_CHATTY = ("httpx", "httpcore")

_secrets: set[str] = set()
_PATTERNS = (
    # "Bearer abc", "basic dXNlcjpw": the scheme stays, the credential goes.
    (re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9\-._~+/]+=*"), rf"\1\2{REDACTED}"),
    # "Authorization: X", "'authorization': 'X'", "(b'authorization', b'X')": all of X.
    (
        re.compile(r"""(?i)(authorization['"]?\s*[:=,]\s*b?['"]?)[^'"\r\n]+"""),
        rf"\1{REDACTED}",
    ),
    # "https://user:password@host": the password.
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^\s/:@]*:)[^\s/@]+@"), rf"\1{REDACTED}@"),
)


def add_secret(value: str | None) -> None:
    """Show ``value`` (a token) as ``<redacted>`` in every log line from now on."""
    if value:
        _secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every known secret and credential-looking value replaced."""
    for secret in sorted(_secrets, key=len, reverse=True):  # a longer secret may hold a shorter
        text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack with :func:`redact` before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: the handler reports it (logging never raises)
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_dir() -> Path:
    """``$QIEMONITOR_LOG_DIR`` if set, else the user log folder (created if missing)."""
    given = os.environ.get(LOG_DIR_ENV)
    return Path(given) if given else user_log_dir()


def _file_handler(folder: Path | None) -> tuple[RotatingFileHandler | None, str]:
    """The rotating file handler, or ``None`` and the one-line reason it cannot be made."""
    try:
        folder = folder if folder is not None else log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        where = f" in {folder}" if folder is not None else ""
        return None, f"cannot write the log file{where}: {error.strerror or error}"
    return handler, ""


def _install(handler: logging.Handler, level: int, fmt: str) -> None:
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(fmt))
    handler.addFilter(RedactFilter())
    handler.set_name("qiemonitor")
    logging.getLogger().addHandler(handler)


def _remove_ours() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "qiemonitor"]:
        root.removeHandler(handler)
        handler.close()


def setup_logging(
    verbose: bool, *, log_dir: Path | None = None, secrets: Iterable[str | None] = ()
) -> Path | None:
    """Log to the rotating file (INFO, or DEBUG when ``verbose``) and stderr (WARNING, or DEBUG).

    ``log_dir`` overrides where the file goes. If the file cannot be opened,
    logging goes on to stderr alone after one warning line. Calling this again
    replaces what an earlier call installed. Returns the log file, if any.
    """
    for secret in secrets:
        add_secret(secret)
    _remove_ours()
    logging.getLogger().setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)
    _install(
        logging.StreamHandler(sys.stderr),
        logging.DEBUG if verbose else logging.WARNING,
        _STDERR_FORMAT,
    )
    handler, problem = _file_handler(log_dir)
    if handler is None:
        logging.getLogger(__name__).warning("%s; logging to the terminal only", problem)
        return None
    _install(handler, logging.DEBUG if verbose else logging.INFO, _FILE_FORMAT)
    return Path(handler.baseFilename)

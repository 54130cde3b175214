"""The command line's exit codes (sysexits) and the failure a subcommand raises to use one."""

from __future__ import annotations

__all__ = [
    "EX_BROKEN_PIPE",
    "EX_DATAERR",
    "EX_INTERRUPTED",
    "EX_IOERR",
    "EX_OK",
    "EX_PROTOCOL",
    "EX_SERVER",
    "EX_TEMPFAIL",
    "EX_UNAVAILABLE",
    "CommandFailed",
]

EX_OK = 0
EX_SERVER = 1
EX_DATAERR = 65
EX_UNAVAILABLE = 69
EX_IOERR = 74
EX_TEMPFAIL = 75
EX_PROTOCOL = 76
EX_INTERRUPTED = 130
EX_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of our output went away


class CommandFailed(Exception):
    """A subcommand's own failure: ``message`` is the one line to show, ``code`` the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

"""Entry point: parse, dispatch to the GUI or a subcommand, map failures to exit codes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence

from qiemonitor.api.errors import ApiError, ProtocolError, ServerError, TransportError
from qiemonitor.cli.exits import (
    EX_BROKEN_PIPE,
    EX_INTERRUPTED,
    EX_PROTOCOL,
    EX_SERVER,
    EX_UNAVAILABLE,
    CommandFailed,
)
from qiemonitor.cli.parser import EX_USAGE, UsageError, build_parser
from qiemonitor.logs import setup_logging

__all__ = ["main"]


def _exit_code(error: ApiError) -> int:
    if isinstance(error, ServerError):
        return EX_SERVER
    if isinstance(error, TransportError):
        return EX_UNAVAILABLE
    if isinstance(error, ProtocolError):
        return EX_PROTOCOL
    return EX_SERVER


def _fail(message: str, code: int) -> int:
    print(f"qiemonitor: {message}", file=sys.stderr)
    return code


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from qiemonitor.cli.gui import run

        return run(args)
    if args.command == "serve":
        from qiemonitor.cli.serve import run as serve

        return serve(args)
    from qiemonitor.cli import commands

    return asyncio.run(commands.run(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        # The parser names itself ("qiemonitor serve: ..."): no second "qiemonitor: ".
        return _fail(str(error).removeprefix("qiemonitor").removeprefix(":").strip(), EX_USAGE)
    setup_logging(args.verbose, secrets=[args.token])
    try:
        return _dispatch(args)
    except UsageError as error:
        return _fail(str(error), EX_USAGE)
    except CommandFailed as error:
        return _fail(error.message, error.code)
    except ApiError as error:
        if args.verbose:
            logging.exception("request failed")
        return _fail(error.message, _exit_code(error))
    except KeyboardInterrupt:
        return _fail("interrupted", EX_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`qiemonitor rooms | head`): stop quietly, as a C tool would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EX_BROKEN_PIPE

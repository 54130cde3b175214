"""The command line's grammar: common options, the GUI's options, each subcommand's."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from qiemonitor import __version__
from qiemonitor.api.settings import DEFAULT_SERVER

if TYPE_CHECKING:
    from qiemonitor.server.faults import FaultPlan

__all__ = ["EX_USAGE", "UsageError", "build_parser"]

EX_USAGE = 2
STATUS_CHOICES = ("live", "ended", "idle", "all")


class UsageError(Exception):
    """The command line is wrong; the message is the one line to show."""


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line, per the exit-code contract."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def _entry_id(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not an outbox entry id: {text!r}")
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0: {text!r}")
    return int(text)


def _fault_plan(text: str) -> FaultPlan:
    # Imported here: only ``serve --faults`` needs the server's code.
    from qiemonitor.server.faults import parse_faults

    try:
        return parse_faults(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _room_id(text: str) -> str:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"room id must be numeric: {text!r}")
    return text


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Options accepted both before and after the subcommand.

    The subcommand's copies default to SUPPRESS, so a value given before the
    subcommand is not overwritten by the subcommand's default.
    """

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group("connection")
    group.add_argument(
        "--server",
        metavar="URL",
        default=default(os.environ.get("QIEMONITOR_SERVER")),
        help=f"server base URL (env QIEMONITOR_SERVER; default {DEFAULT_SERVER})",
    )
    group.add_argument(
        "--token",
        metavar="TOKEN",
        default=default(os.environ.get("QIEMONITOR_TOKEN")),
        help="bearer token (env QIEMONITOR_TOKEN); never echoed",
    )
    group.add_argument(
        "--timeout",
        metavar="S",
        type=_positive_float,
        default=default(10.0),
        help="seconds to wait for an answer (default 10)",
    )
    group.add_argument(
        "-v", "--verbose", action="store_true", default=default(False), help="show details"
    )
    if top:
        group.add_argument("--version", action="version", version=f"qiemonitor {__version__}")


def _add_gui(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("window (when no subcommand is given)")
    group.add_argument(
        "--demo", action="store_true", help="start the embedded demo server and connect to it"
    )
    group.add_argument("--select", metavar="ROOM_ID", type=_room_id, help="select this room")
    group.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="save a PNG of the window once the data settles, then exit",
    )
    group.add_argument("--lang", choices=("zh_CN", "en"), help="user interface language")
    _add_outbox_path(group, top=True)


def _add_serve(sub: argparse._SubParsersAction[_Parser]) -> None:
    serve = sub.add_parser("serve", help="run the embedded stream management server")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8080, help="port (default 8080; 0 = any)")
    serve.add_argument("--db", metavar="PATH", help="SQLite file, or :memory:")
    serve.add_argument("--demo", action="store_true", help="seed demo rooms and keep them moving")
    serve.add_argument("--seed", type=int, default=0, help="demo random seed (default 0)")
    serve.add_argument("--demo-rooms", type=int, default=320, metavar="N", help="demo room count")
    serve.add_argument(
        "--demo-interval",
        type=_positive_float,
        default=3.0,
        metavar="S",
        help="seconds between demo changes (default 3)",
    )
    serve.add_argument(
        "--faults",
        metavar="SPEC",
        type=_fault_plan,
        help="inject faults for training and tests, e.g. rate=0.3,seed=1 or"
        " 503=0.05,reset=0.05,stall=0.02:30s,paths=start,stop (see qiemonitor.server.faults)",
    )
    _add_common(serve, top=False)


def _add_reads(sub: argparse._SubParsersAction[_Parser]) -> None:
    rooms = sub.add_parser("rooms", help="list rooms and their live status")
    rooms.add_argument("--status", choices=STATUS_CHOICES, default="all")
    rooms.add_argument("--keyword", metavar="K", help="match room id, stream, user or title")
    rooms.add_argument("--json", action="store_true", help="print a JSON array")
    _add_common(rooms, top=False)

    show = sub.add_parser("show", help="every field of a room's stream record and renditions")
    target = show.add_mutually_exclusive_group(required=True)
    target.add_argument("room_id", nargs="?", type=_room_id, metavar="ROOM_ID")
    target.add_argument("--vid", type=int, metavar="N", help="a record's resourceId")
    target.add_argument("--stream", metavar="NAME", help="a stream name")
    show.add_argument("--json", action="store_true", help="print the result as the server sent it")
    _add_common(show, top=False)


def _add_outbox_path(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, *, top: bool = False
) -> None:
    # As in _add_common: a subcommand's copy must not overwrite a value given before it.
    parser.add_argument(
        "--outbox",
        metavar="PATH",
        default=os.environ.get("QIEMONITOR_OUTBOX") if top else argparse.SUPPRESS,
        help="the outbox file (env QIEMONITOR_OUTBOX; default: in the user data folder)",
    )


def _add_queue(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--queue",
        action="store_true",
        help="store the report in the outbox first, then send it; exit 75 if it stays queued",
    )
    _add_outbox_path(parser)


def _add_outbox(sub: argparse._SubParsersAction[_Parser]) -> None:
    outbox = sub.add_parser(
        "outbox",
        help="reports waiting to reach the server: list, flush, retry or discard them",
        description="A failed entry holds back its room's later reports until it is"
        " retried or discarded.",
    )
    outbox.add_argument(
        "action",
        nargs="?",
        default="list",
        choices=("list", "flush", "discard", "retry"),
        help="list (default); flush: send everything now; discard ID; retry ID",
    )
    outbox.add_argument("entry_id", nargs="?", type=_entry_id, metavar="ID")
    outbox.add_argument("--limit", type=_count, default=50, metavar="N", help="list the newest N")
    outbox.add_argument("--json", action="store_true", help="print JSON")
    _add_outbox_path(outbox)
    _add_common(outbox, top=False)


def _add_reports(sub: argparse._SubParsersAction[_Parser]) -> None:
    start = sub.add_parser("start", help="send a start-broadcast report (开播)")
    start.add_argument("--room", required=True, type=_room_id, metavar="R")
    start.add_argument("--user-id", required=True, type=int, metavar="N")
    start.add_argument("--user-name", required=True, metavar="S")
    start.add_argument("--title", required=True, metavar="S")
    start.add_argument("--category-id", required=True, type=int, metavar="N")
    start.add_argument("--category-name", metavar="S")
    start.add_argument("--ip", metavar="IP", help="broadcaster's IP (default: this machine's)")
    start.add_argument("--start-time", type=int, metavar="MS", help="ms since epoch (default now)")
    start.add_argument("--json", action="store_true", help="print the answer as JSON")
    _add_queue(start)
    _add_common(start, top=False)

    stop = sub.add_parser("stop", help="send a stop-broadcast report (关播)")
    stop.add_argument("--room", required=True, type=_room_id, metavar="R")
    stop.add_argument("--user-id", required=True, type=int, metavar="N")
    stop.add_argument("--end-time", type=int, metavar="MS", help="ms since epoch (default now)")
    stop.add_argument("--ip", metavar="IP", help="broadcaster's IP (default: this machine's)")
    stop.add_argument("--stream-name", metavar="NAME")
    stop.add_argument("--reason", metavar="S")
    stop.add_argument("--json", action="store_true", help="print the answer as JSON")
    _add_queue(stop)
    _add_common(stop, top=False)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="qiemonitor",
        description="Monitor and control the stream management server (流管理系统).",
    )
    _add_common(parser, top=True)
    _add_gui(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_serve(sub)
    _add_reads(sub)
    _add_reports(sub)
    _add_outbox(sub)
    return parser

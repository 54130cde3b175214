"""The headless subcommands that talk to a server: rooms, show, start, stop (and outbox)."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable

from qiemonitor.api.client import Ack, StreamClient
from qiemonitor.api.models import STATUS_CODES, StartReport, StatusKind, StopReport
from qiemonitor.api.settings import DEFAULT_SERVER, ClientSettings
from qiemonitor.cli import output
from qiemonitor.cli.parser import UsageError
from qiemonitor.core.formatting import now_ms

__all__ = ["run"]

Command = Callable[[StreamClient, argparse.Namespace], Awaitable[int]]


def client_settings(args: argparse.Namespace) -> ClientSettings:
    server = args.server or DEFAULT_SERVER
    if not server.startswith(("http://", "https://")):
        raise UsageError(f"--server must be an http:// or https:// URL, not {server!r}")
    return ClientSettings(base_url=server, token=args.token or None, timeout=args.timeout)


async def run(args: argparse.Namespace) -> int:
    if args.command == "outbox":
        from qiemonitor.cli import outbox

        return await outbox.run(args)
    command = _COMMANDS[args.command]
    async with StreamClient(client_settings(args)) as client:
        return await command(client, args)


async def _rooms(client: StreamClient, args: argparse.Namespace) -> int:
    status = None if args.status == "all" else [STATUS_CODES[StatusKind(args.status)]]
    records = await client.all_rooms(status=status, keyword=args.keyword)
    if args.json:
        print(output.dumps([record.raw_object for record in records]))
    else:
        print(output.rooms_table(records, now_ms()))
    return 0


async def _show(client: StreamClient, args: argparse.Namespace) -> int:
    info = await client.info(args.room_id, stream_name=args.stream, vid=args.vid)
    if args.json:
        print(output.dumps(info.raw_object))
    else:
        print(output.record_lines(info))
    return 0


def _ip(given: str | None) -> str:
    if given:
        return given
    from qiemonitor.core.netinfo import outbound_ip

    return outbound_ip()


def _print_ack(ack: Ack, as_json: bool) -> int:
    if as_json:
        print(output.dumps({"code": ack.code, "message": ack.message, "result": ack.result}))
    else:
        message, result = output.printable(ack.message), output.printable(str(ack.result))
        print(f"server answered code {ack.code}: {message} (result: {result})")
    return 0


async def _start(client: StreamClient, args: argparse.Namespace) -> int:
    report = StartReport(
        start_time=args.start_time if args.start_time is not None else now_ms(),
        category_id=args.category_id,
        category_name=args.category_name,
        user_id=args.user_id,
        user_name=args.user_name,
        title=args.title,
        room_id=args.room,
        ip=_ip(args.ip),
    )
    if args.queue:
        return await _queued(client, report, args)
    return _print_ack(await client.start(report), args.json)


async def _stop(client: StreamClient, args: argparse.Namespace) -> int:
    report = StopReport(
        room_id=args.room,
        user_id=args.user_id,
        end_time=args.end_time if args.end_time is not None else now_ms(),
        ip=_ip(args.ip),
        stream_name=args.stream_name,
        reason=args.reason,
    )
    if args.queue:
        return await _queued(client, report, args)
    return _print_ack(await client.stop(report), args.json)


async def _queued(
    client: StreamClient, report: StartReport | StopReport, args: argparse.Namespace
) -> int:
    from qiemonitor.cli import outbox

    return await outbox.send_queued(client, report, args)


_COMMANDS: dict[str, Command] = {
    "rooms": _rooms,
    "show": _show,
    "start": _start,
    "stop": _stop,
}

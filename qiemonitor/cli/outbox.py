"""``qiemonitor outbox`` and ``start``/``stop --queue``: reports kept until the server has them."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from qiemonitor.api.client import StreamClient
from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.cli import output
from qiemonitor.cli.commands import client_settings
from qiemonitor.cli.exits import EX_DATAERR, EX_IOERR, EX_SERVER, EX_TEMPFAIL, CommandFailed
from qiemonitor.cli.parser import UsageError
from qiemonitor.core.async_outbox import AsyncOutbox
from qiemonitor.core.delivery import Deliverer, DeliveryEvent
from qiemonitor.core.formatting import format_duration, format_local_time, now_ms
from qiemonitor.core.outbox import EntryError, OutboxEntry, OutboxError, State

__all__ = ["run", "send_queued"]

Action = Callable[[argparse.Namespace], Awaitable[int]]

_HEADERS = ("ID", "STATE", "KIND", "ROOM", "TRIES", "AGE", "NOTE")
_HOLD_BACK = (
    "a failed entry holds back its room's later reports:"
    " `qiemonitor outbox retry ID` sends it again, `qiemonitor outbox discard ID` drops it"
)
_UNDELIVERED: tuple[State, ...] = ("pending", "sending", "failed")


async def run(args: argparse.Namespace) -> int:
    """``qiemonitor outbox [list|flush|discard ID|retry ID]``."""
    needs_id = args.action in ("discard", "retry")
    if needs_id and args.entry_id is None:
        raise UsageError(f"outbox {args.action} needs an entry ID (see qiemonitor outbox --help)")
    if not needs_id and args.entry_id is not None:
        raise UsageError(f"outbox {args.action} takes no entry ID (see qiemonitor outbox --help)")
    return await _ACTIONS[args.action](args)


@asynccontextmanager
async def _opened(args: argparse.Namespace) -> AsyncIterator[AsyncOutbox]:
    """The outbox, with its failures turned into one line and a sysexits code."""
    try:
        server = client_settings(args).base_url  # flush and --queue send only its reports
        async with await AsyncOutbox.open(args.outbox or None, server=server) as box:
            yield box
    except EntryError as error:
        raise CommandFailed(str(error), EX_DATAERR) from None
    except OutboxError as error:
        raise CommandFailed(str(error), EX_IOERR) from None


# -- list ----------------------------------------------------------------------------------


async def _list(args: argparse.Namespace) -> int:
    async with _opened(args) as box:
        entries = await box.entries(limit=args.limit)
        server = box.outbox.server
    now = now_ms()
    if args.json:
        print(output.dumps([_entry_object(entry) for entry in entries]))
        return 0
    if not entries:
        print("the outbox is empty")
        return 0
    rows = (
        [
            str(e.id),
            e.state,
            e.kind,
            e.room_id,
            str(e.attempts),
            format_duration(max(0, now - e.created_ms)),
            output.clip(_note(e, now, server), 100),
        ]
        for e in entries
    )
    print(output.table(_HEADERS, rows))
    if any(entry.state == "failed" for entry in entries):
        print(_HOLD_BACK)
    return 0


def _note(entry: OutboxEntry, now: int, server: str) -> str:
    if entry.state != "delivered" and entry.server and entry.server != server:
        return f"for {entry.server}: sent when qiemonitor is pointed at it"
    if entry.state == "delivered":
        when = format_local_time(entry.delivered_ms)
        return f"delivered {when}: code {entry.answer_code} {entry.answer}"
    if entry.state == "failed":
        return entry.last_error or "failed"
    if entry.state == "sending":
        return "being sent"
    if entry.blocked_by is not None:
        return f"waiting behind #{entry.blocked_by}"
    due = entry.next_attempt_ms - now
    when = "due now" if due <= 0 else f"next try in {format_duration(due)}"
    return f"{when}; last try: {entry.last_error}" if entry.last_error else when


def _entry_object(entry: OutboxEntry) -> dict[str, Any]:
    fields = dataclasses.asdict(entry)
    del fields["body"]
    fields["report"] = json.loads(entry.body)
    return fields


# -- flush ---------------------------------------------------------------------------------


async def _flush(args: argparse.Namespace) -> int:
    events: list[DeliveryEvent] = []
    async with StreamClient(client_settings(args)) as client, _opened(args) as box:
        deliverer = _deliverer(box, client, events.append)
        await deliverer.flush(force=True)
        left = await box.entries(_UNDELIVERED)
    delivered = sum(event.outcome == "delivered" for event in events)
    failed = [entry for entry in left if entry.state == "failed"]
    if args.json:
        summary = {
            "delivered": delivered,
            "pending": len(left) - len(failed),
            "failed": len(failed),
            "events": [dataclasses.asdict(event) for event in events],
        }
        print(output.dumps(summary))
    if failed:
        first = failed[0]
        raise CommandFailed(
            f"{delivered} delivered, {len(failed)} failed, {len(left) - len(failed)} still"
            f" queued; #{first.id}: {first.last_error} (see `qiemonitor outbox list`)",
            EX_SERVER,
        )
    if left:
        raise CommandFailed(
            f"{delivered} delivered, {len(left)} still queued: {_why_waiting(left[0])}",
            EX_TEMPFAIL,
        )
    if not args.json:
        print(f"delivered {delivered}; nothing is left to send")
    return 0


def _deliverer(
    box: AsyncOutbox, client: StreamClient, on_event: Callable[[DeliveryEvent], None] | None
) -> Deliverer:
    # One pass, with the client's quick retries: no later pass is coming from this process.
    return Deliverer(box, client, on_event=on_event, client_retries=client.settings.retries)


def _why_waiting(entry: OutboxEntry, blocker: OutboxEntry | None = None) -> str:
    if entry.blocked_by is not None:
        why = f"waiting behind outbox entry {entry.blocked_by}"
        if blocker is not None and blocker.state == "failed":
            why += f", which failed ({blocker.last_error}): retry or discard it"
        return why
    if entry.state == "sending":
        return "another qiemonitor is sending it"
    return entry.last_error or "not sent yet"


# -- discard and retry -----------------------------------------------------------------------


async def _discard(args: argparse.Namespace) -> int:
    async with _opened(args) as box:
        entry = await box.discard(args.entry_id)
    if args.json:
        print(output.dumps(_entry_object(entry)))
    else:
        print(f"discarded outbox entry {entry.id} ({entry.kind}, room {entry.room_id})")
    return 0


async def _retry(args: argparse.Namespace) -> int:
    async with _opened(args) as box:
        entry = await box.retry(args.entry_id)
    if args.json:
        print(output.dumps(_entry_object(entry)))
    else:
        print(
            f"outbox entry {entry.id} ({entry.kind}, room {entry.room_id}) is due again;"
            " `qiemonitor outbox flush` sends it now"
        )
    return 0


_ACTIONS: dict[str, Action] = {
    "list": _list,
    "flush": _flush,
    "discard": _discard,
    "retry": _retry,
}


# -- start/stop --queue ------------------------------------------------------------------------


async def send_queued(
    client: StreamClient, report: StartReport | StopReport, args: argparse.Namespace
) -> int:
    """Store ``report`` in the outbox, then try once to deliver it (after its room's elders)."""
    async with _opened(args) as box:
        entry = await box.add(report)
        await _deliverer(box, client, None).flush(force=True, room_id=entry.room_id)
        final = await box.get(entry.id)
        blocker = None
        if final is not None and final.blocked_by is not None:
            blocker = await box.get(final.blocked_by)
    if final is None:
        raise CommandFailed(f"outbox entry {entry.id} was discarded meanwhile", EX_DATAERR)
    if final.state == "delivered":
        return _print_delivered(final, args.json)
    if final.state == "failed":
        raise CommandFailed(
            f"{final.last_error} (kept as outbox entry {final.id}: retry or discard it)",
            EX_SERVER,
        )
    reason = _why_waiting(final, blocker)
    raise CommandFailed(f"report queued (outbox id {final.id}): {reason}", EX_TEMPFAIL)


def _print_delivered(entry: OutboxEntry, as_json: bool) -> int:
    if as_json:
        answer = {"code": entry.answer_code, "message": entry.answer, "outbox_id": entry.id}
        print(output.dumps(answer))
    else:
        print(f"server answered code {entry.answer_code}: {entry.answer} (outbox id {entry.id})")
    return 0

"""The demo: the platform's sample record plus generated rooms, and a ticker that changes them.

:func:`generate` is a pure function of ``(seed, rooms, now_ms)``: the same
seed gives the same rooms, people, titles and ids, with times laid out
backwards from ``now_ms``. The sample room (10002625) is seeded exactly as
the platform's document gives it and the ticker never touches it, so the
demo always shows it as documented. The ticker sends start and stop reports
through :class:`Service` like any client, so every rule holds for it too.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.server.demo_data import CATEGORIES, Category, user_name
from qiemonitor.server.errors import Rejected
from qiemonitor.server.records import (
    ENDED,
    IDLE,
    LIVE,
    Record,
    ended_record,
    idle_record,
    live_record,
    new_stream_name,
    renditions,
)
from qiemonitor.server.sample import SAMPLE_ROOM_ID, sample_result
from qiemonitor.server.service import Service
from qiemonitor.server.store import Store

__all__ = ["DEMO_IP", "generate", "seed_demo", "tick_forever"]

DEMO_IP = "127.0.0.1"

_log = logging.getLogger(__name__)

_MINUTE = 60_000
_HOUR = 60 * _MINUTE
_KINDS = (LIVE, ENDED, IDLE)
_KIND_WEIGHTS = (3, 5, 2)
_BY_CATEGORY_ID = {category.id: category for category in CATEGORIES}


class _Seed:
    """The generator's running state: its random source, next ids and output."""

    def __init__(self, seed: int) -> None:
        sample = sample_result()
        self.rng = random.Random(seed)
        self.records: list[tuple[Record, bool]] = [(sample["stream"], True)]
        self.videos: list[Record] = list(sample["videos"])
        self.next_record = int(sample["stream"]["resourceId"]) + 1
        self.next_video = max(int(video["resourceId"]) for video in self.videos) + 1

    def broadcast(self, report: StartReport, end_time: int | None, current: bool) -> None:
        """One broadcast of a room: live if ``end_time`` is ``None``, else ended."""
        name = new_stream_name(report.room_id, self.rng)
        record = live_record(report, self.next_record, name, self.rng)
        self.next_record += 1
        if end_time is not None:
            record = ended_record(record, end_time, self.rng)
            self.videos += renditions(record, self.next_video, self.rng)
            self.next_video += 3
        self.records.append((record, current))

    def idle(self, report: StartReport, now_ms: int) -> None:
        name = new_stream_name(report.room_id, self.rng)
        shot = now_ms - self.rng.randint(_HOUR, 30 * 24 * _HOUR)
        self.records.append((idle_record(report, self.next_record, name, self.rng, shot), True))
        self.next_record += 1


def _room_ids(rng: random.Random, count: int) -> list[str]:
    drawn = rng.sample(range(10_000_000, 100_000_000), count + 1)
    return sorted(str(room) for room in drawn if str(room) != SAMPLE_ROOM_ID)[:count]


def _sessions(rng: random.Random, kind: int, now_ms: int) -> list[tuple[int, int | None]]:
    """``(start, end)`` of a room's broadcasts, oldest first; ``end`` None means live."""
    if kind == LIVE:
        start, end = now_ms - rng.randint(_MINUTE, 8 * _HOUR), None
    else:
        end = now_ms - rng.randint(_MINUTE, 72 * _HOUR)
        start = end - rng.randint(15 * _MINUTE, 6 * _HOUR)
    sessions: list[tuple[int, int | None]] = [(start, end)]
    for _ in range(rng.choice((0, 1, 1, 2))):
        earlier_end = sessions[0][0] - rng.randint(_HOUR, 48 * _HOUR)
        sessions.insert(0, (earlier_end - rng.randint(15 * _MINUTE, 6 * _HOUR), earlier_end))
    return sessions


def _room(state: _Seed, room_id: str, now_ms: int) -> None:
    rng = state.rng
    category = rng.choice(CATEGORIES)
    person: dict[str, Any] = {
        "room_id": room_id,
        "user_id": rng.randint(1_000_000, 99_999_999),
        "user_name": user_name(category, rng),
        "category_id": category.id,
        "category_name": category.name,
        "ip": DEMO_IP,
    }
    kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
    if kind == IDLE:
        state.idle(StartReport(start_time=0, title=category.title(rng), **person), now_ms)
        return
    sessions = _sessions(rng, kind, now_ms)
    for number, (start, end) in enumerate(sessions, 1):
        report = StartReport(start_time=start, title=category.title(rng), **person)
        state.broadcast(report, end, current=number == len(sessions))


def generate(seed: int, rooms: int, now_ms: int) -> tuple[list[tuple[Record, bool]], list[Record]]:
    """``(records, videos)`` of the demo: ``rooms`` rooms in all, the sample's among them.

    ``records`` pairs each record with whether it is its room's current one;
    each room's records come oldest first, with increasing ``resourceId``.
    """
    if rooms < 1:
        raise ValueError(f"the demo needs at least 1 room, not {rooms}")
    state = _Seed(seed)
    for room_id in _room_ids(state.rng, rooms - 1):
        _room(state, room_id, now_ms)
    return state.records, state.videos


def _seed_store(store: Store, seed: int, rooms: int) -> bool:
    if not store.is_empty():
        return False
    records, videos = generate(seed, rooms, time.time_ns() // 1_000_000)
    with store.transaction():
        store.load(records, videos, store.change_time())
    return True


async def seed_demo(service: Service, seed: int, rooms: int) -> bool:
    """Seed an empty database with the demo (one transaction); ``False`` if it had data."""
    return await service.call(_seed_store, service.store, seed, rooms)


async def _toggle(service: Service, room_id: str, rng: random.Random) -> None:
    """End the room's broadcast if it is live, else start one, as a client would report it."""
    record = await service.current_record(room_id)
    if record is None:
        return
    now = time.time_ns() // 1_000_000
    user_id = record.get("userId")
    user_id = user_id if isinstance(user_id, int) else 0
    if record.get("status") == LIVE:
        await service.stop(StopReport(room_id=room_id, user_id=user_id, end_time=now, ip=DEMO_IP))
        return
    category: Category = _BY_CATEGORY_ID.get(record.get("categoryId", 0), CATEGORIES[0])
    title = record.get("title")
    report = StartReport(
        start_time=now,
        category_id=category.id,
        category_name=category.name,
        user_id=user_id,
        user_name=str(record.get("userName") or room_id),
        title=title if isinstance(title, str) and rng.random() < 0.7 else category.title(rng),
        room_id=room_id,
        ip=DEMO_IP,
    )
    await service.start(report)


async def tick_forever(service: Service, seed: int, interval: float) -> None:
    """Every ``interval`` seconds, start or end the broadcasts of one to three demo rooms."""
    rng = random.Random(f"qiemonitor-demo-ticker-{seed}")
    rooms = [room for room in await service.call(service.store.room_ids) if room != SAMPLE_ROOM_ID]
    while True:
        await asyncio.sleep(interval)
        for room_id in rng.sample(rooms, min(len(rooms), rng.randint(1, 3))):
            try:
                await _toggle(service, room_id, rng)
            except Rejected as refused:  # a real report changed the room meanwhile
                _log.debug("demo ticker: %s", refused.message)
            except Exception:  # keep the demo going; the next tick may well succeed
                _log.exception("demo ticker: changing room %s failed", room_id)

"""The outbox store: round trip, state machine, order per room, crash recovery, bad files."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.async_outbox import AsyncOutbox
from qiemonitor.core.outbox import EntryError, Outbox, OutboxError
from qiemonitor.core.outbox_file import SCHEMA_VERSION

T0 = 1_700_000_000_000


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: int = T0) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def start(room: str = "10002625", at: int = T0) -> StartReport:
    return StartReport(
        start_time=at,
        category_id=198,
        category_name="足球",
        user_id=3813709,
        user_name="安哥拉男子足球队",
        title="测试 \u2028 直播",
        room_id=room,
        ip="192.0.2.7",
    )


def stop(room: str = "10002625", at: int = T0 + 60_000) -> StopReport:
    return StopReport(room_id=room, user_id=3813709, end_time=at, ip="192.0.2.7", reason="完")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "outbox.sqlite3"


@pytest.fixture
def box(path: Path, clock: Clock) -> Iterator[Outbox]:
    with Outbox(path, clock=clock) as outbox:
        yield outbox


def one_line_error(error: pytest.ExceptionInfo[OutboxError], path: Path) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message
    return message


# -- round trip ---------------------------------------------------------------------------


def test_a_report_is_stored_byte_for_byte_and_survives_reopening(
    box: Outbox, path: Path, clock: Clock
) -> None:
    report = start()
    entry = box.add(report)
    assert entry.body == report.to_json()
    assert (entry.kind, entry.room_id, entry.state, entry.attempts) == (
        "start",
        "10002625",
        "pending",
        0,
    )
    assert entry.created_ms == entry.next_attempt_ms == clock.now
    box.close()
    with Outbox(path, clock=clock) as again:
        (stored,) = again.entries()
        assert stored == entry
        assert stored.text == report.to_json().decode()


def test_the_file_is_wal_at_the_current_schema(box: Outbox, path: Path) -> None:
    box.add(start())
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


def test_storing_a_report_commits_with_synchronous_full(box: Outbox) -> None:
    statements: list[str] = []
    box._conn.set_trace_callback(statements.append)
    box.add(stop())
    box._conn.set_trace_callback(None)
    full = statements.index("PRAGMA synchronous = FULL")
    commit = statements.index("COMMIT")
    normal = statements.index("PRAGMA synchronous = NORMAL")
    assert full < commit < normal
    assert any(s.startswith("INSERT") for s in statements[full:commit])


def test_counts_and_lists(box: Outbox) -> None:
    ids = [box.add(start(room=str(20000000 + i))).id for i in range(5)]
    box.claim_due(T0, limit=2)
    assert box.counts() == {"pending": 3, "sending": 2, "delivered": 0, "failed": 0}
    assert [e.id for e in box.entries(limit=2)] == ids[-2:]
    assert [e.id for e in box.entries(["sending"])] == ids[:2]
    assert box.entries([]) == []


# -- the state machine ----------------------------------------------------------------------


def test_claim_retry_fail_retry_deliver(box: Outbox, clock: Clock) -> None:
    entry = box.add(start())
    (claimed,) = box.claim_due(clock.now)
    assert (claimed.id, claimed.state, claimed.attempts) == (entry.id, "sending", 1)
    assert box.claim_due(clock.now) == []  # taken: nobody else gets it

    assert box.mark_retry(entry.id, "cannot reach\nserver", clock.now + 5_000)
    waiting = box.get(entry.id)
    assert waiting is not None
    assert (waiting.state, waiting.last_error) == ("pending", "cannot reach server")
    assert box.next_due_ms() == clock.now + 5_000
    assert box.claim_due(clock.now + 4_999) == []
    assert [e.attempts for e in box.claim_due(clock.now + 5_000)] == [2]

    assert box.mark_failed(entry.id, "server answered code 409: busy", code=409, message="busy")
    failed = box.get(entry.id)
    assert failed is not None
    assert (failed.state, failed.answer_code, failed.answer) == ("failed", 409, "busy")
    assert box.claim_due(clock.now + 10**9) == []  # failed waits for the operator

    clock.now += 1_000
    again = box.retry(entry.id)
    assert (again.state, again.next_attempt_ms) == ("pending", clock.now)
    (claimed,) = box.claim_due(clock.now)
    assert box.mark_delivered(claimed.id, 200, "SUCCESS")
    done = box.get(entry.id)
    assert done is not None
    assert (done.state, done.delivered_ms, done.answer_code, done.answer, done.attempts) == (
        "delivered",
        clock.now,
        200,
        "SUCCESS",
        3,
    )
    # Delivered is final: a late outcome (from another process, say) changes nothing.
    assert not box.mark_retry(entry.id, "late", 0)
    assert not box.mark_failed(entry.id, "late")
    assert box.get(entry.id) == done


def test_discard_and_retry_refuse_what_they_cannot_change(box: Outbox, path: Path) -> None:
    sending = box.add(start(room="1"))
    delivered = box.add(start(room="2"))
    pending = box.add(start(room="3"))
    box.claim_due(T0, room_id="1")
    box.claim_due(T0, room_id="2")
    box.mark_delivered(delivered.id, 200, "SUCCESS")

    for action in (box.discard, box.retry):
        with pytest.raises(EntryError, match=r"no outbox entry 99$"):
            action(99)
        with pytest.raises(EntryError, match="was delivered; delivered entries are history"):
            action(delivered.id)
        with pytest.raises(EntryError, match="is being sent right now"):
            action(sending.id)

    assert box.discard(pending.id).id == pending.id
    assert box.get(pending.id) is None
    assert box.counts() == {"pending": 0, "sending": 1, "delivered": 1, "failed": 0}


def test_release_and_hasten_make_entries_due_now(box: Outbox, clock: Clock) -> None:
    a, b = box.add(start(room="1")), box.add(start(room="2"))
    box.claim_due(clock.now)
    box.mark_retry(a.id, "down", clock.now + 60_000)
    clock.now += 10
    assert box.release(b.id)
    assert box.get(b.id).next_attempt_ms == clock.now  # type: ignore[union-attr]
    assert box.hasten(clock.now, room_id="2") == 0
    assert box.hasten(clock.now) == 1
    assert {e.id for e in box.claim_due(clock.now)} == {a.id, b.id}


def test_purge_forgets_only_old_deliveries(box: Outbox, clock: Clock) -> None:
    old, new, waiting = (box.add(start(room=r)) for r in ("1", "2", "3"))
    box.claim_due(clock.now, room_id="1")
    box.mark_delivered(old.id, 200, "SUCCESS")
    clock.now += 1_000
    box.claim_due(clock.now, room_id="2")
    box.mark_delivered(new.id, 200, "SUCCESS")
    assert box.purge_delivered(clock.now) == 1
    assert [e.id for e in box.entries()] == [new.id, waiting.id]


# -- order per room ----------------------------------------------------------------------------


def test_a_stop_never_overtakes_its_start(box: Outbox, clock: Clock) -> None:
    first = box.add(start(room="1"))
    then = box.add(stop(room="1"))
    other = box.add(start(room="2"))
    assert box.get(then.id).blocked_by == first.id  # type: ignore[union-attr]
    assert [e.id for e in box.claim_due(clock.now)] == [first.id, other.id]
    assert box.claim_due(clock.now) == []  # the stop waits while its start is in flight
    box.mark_retry(first.id, "down", clock.now + 1_000)
    assert box.claim_due(clock.now + 500) == []  # ...and while its start waits out a backoff
    assert [e.id for e in box.claim_due(clock.now + 1_000)] == [first.id]
    box.mark_delivered(first.id, 200, "SUCCESS")
    assert box.get(then.id).blocked_by is None  # type: ignore[union-attr]
    assert [e.id for e in box.claim_due(clock.now + 1_000)] == [then.id]


def test_a_failed_entry_holds_back_its_room_until_discarded(box: Outbox, clock: Clock) -> None:
    bad = box.add(start(room="1"))
    later = box.add(stop(room="1"))
    box.claim_due(clock.now)
    box.mark_failed(bad.id, "server answered code 409: room 1 is already live")
    assert box.claim_due(clock.now + 10**9) == []
    assert box.next_due_ms() is None
    box.discard(bad.id)
    assert [e.id for e in box.claim_due(clock.now)] == [later.id]


def test_claims_are_one_per_room_oldest_due_first(box: Outbox, clock: Clock) -> None:
    late = box.add(start(room="1"))
    clock.now += 1
    early = box.add(start(room="2"))
    box.add(stop(room="2"))
    box.claim_due(clock.now)
    box.mark_retry(late.id, "down", clock.now + 10)
    box.mark_retry(early.id, "down", clock.now + 5)
    assert [e.id for e in box.claim_due(clock.now + 10, limit=1)] == [early.id]


def test_two_handles_on_one_file_never_claim_the_same_entry(path: Path, clock: Clock) -> None:
    with Outbox(path, clock=clock) as a:
        for room in range(20):
            a.add(start(room=str(room + 1)))
        with Outbox(path, clock=clock) as b:
            got: list[list[int]] = [[], []]

            def take(box: Outbox, into: list[int]) -> None:
                for _ in range(10):
                    into.extend(e.id for e in box.claim_due(clock.now, limit=1))

            threads = [
                threading.Thread(target=take, args=(h, got[i])) for i, h in enumerate((a, b))
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    assert len(got[0]) + len(got[1]) == 20
    assert not set(got[0]) & set(got[1])


# -- crash recovery ------------------------------------------------------------------------------


def test_entries_left_sending_go_back_to_pending_on_reopen(path: Path, clock: Clock) -> None:
    with Outbox(path, clock=clock) as box:
        entry = box.add(start())
        box.claim_due(clock.now)
    with Outbox(path, clock=clock) as box:
        assert box.recovered == 1
        again = box.get(entry.id)
        assert again is not None
        assert (again.state, again.attempts) == ("pending", 1)


CRASHER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from qiemonitor.api.models import StopReport
    from qiemonitor.core.outbox import Outbox

    path = sys.argv[1]
    box = Outbox(path)
    box.add(StopReport(room_id="1", user_id=1, end_time=1, ip="192.0.2.1"))
    box.claim_due(box.next_due_ms())
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN IMMEDIATE")
    raw.execute(
        "INSERT INTO entries (kind, room_id, body, created_ms, next_attempt_ms)"
        " VALUES ('stop', '2', x'00', 0, 0)"
    )
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_a_process_killed_mid_send_and_mid_transaction_loses_nothing(path: Path) -> None:
    crasher = subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert crasher.stdout is not None
        assert crasher.stdout.readline().strip() == "ready"
    finally:
        crasher.kill()
        crasher.communicate(timeout=30)
    with Outbox(path) as box:
        assert box.recovered == 1
        (entry,) = box.entries()  # the uncommitted insert is gone, the claimed stop is back
        assert (entry.room_id, entry.state, entry.attempts) == ("1", "pending", 1)


# -- files that are not a usable outbox ---------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(path: Path) -> None:
    garbage = b"this is not SQLite at all\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(OutboxError) as error:
        Outbox(path)
    assert "not a database" in one_line_error(error, path)
    assert path.read_bytes() == garbage


def test_a_damaged_outbox_is_refused(path: Path) -> None:
    with Outbox(path) as box:
        for room in range(200):
            box.add(start(room=str(room + 1)))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # scribble over the table's root page
    path.write_bytes(bytes(data))
    with pytest.raises(OutboxError) as error:
        Outbox(path)
    one_line_error(error, path)


def test_another_programs_database_is_refused(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(OutboxError) as error:
        Outbox(path)
    assert "not a qiemonitor outbox" in one_line_error(error, path)


def test_an_outbox_from_a_newer_version_is_refused(path: Path) -> None:
    Outbox(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(OutboxError) as error:
        Outbox(path)
    assert "newer qiemonitor" in one_line_error(error, path)


def test_an_unopenable_path_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutboxError) as error:
        Outbox(blocker / "outbox.sqlite3")
    one_line_error(error, blocker)


# -- the async facade ----------------------------------------------------------------


def outbox_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("qiemonitor-outbox")]


def test_the_async_facade_runs_on_its_own_thread_and_leaves_none(path: Path) -> None:
    async def go() -> None:
        async with await AsyncOutbox.open(path) as box:
            entry = await box.add(start())
            assert outbox_threads()
            (claimed,) = await box.claim_due(entry.next_attempt_ms)
            assert await box.mark_delivered(claimed.id, 200, "SUCCESS")
            assert (await box.counts())["delivered"] == 1
            assert [e.state for e in await box.entries()] == ["delivered"]

    asyncio.run(go())
    assert outbox_threads() == []


def test_the_async_facade_reports_a_bad_file_and_leaves_no_thread(path: Path) -> None:
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(OutboxError):
        asyncio.run(AsyncOutbox.open(path))
    assert outbox_threads() == []


A, B = "http://a.example:8080", "https://b.example"


def test_an_outbox_sends_only_the_reports_of_its_server(path: Path, clock: Clock) -> None:
    with (
        Outbox(path, clock=clock, server=A + "/") as box_a,
        Outbox(path, clock=clock, server=B) as box_b,
    ):
        for_a = box_a.add(start("1"))
        for_b = box_b.add(start("1"))
        later_a = box_a.add(stop("1"))
        assert (for_a.server, for_b.server) == (A, B)
        # Order is kept per room and server: B's start does not wait behind A's.
        assert box_b.get(for_b.id).blocked_by is None  # type: ignore[union-attr]
        assert box_a.get(later_a.id).blocked_by == for_a.id  # type: ignore[union-attr]
        assert [e.id for e in box_a.claim_due(clock.now)] == [for_a.id]
        assert [e.id for e in box_b.claim_due(clock.now)] == [for_b.id]
        assert box_a.mark_sending(for_b.id) is None
        box_a.mark_retry(for_a.id, "down", clock.now + 5_000)
        box_b.mark_retry(for_b.id, "down", clock.now + 9_000)
        assert box_a.next_due_ms() == clock.now + 5_000
        assert box_a.hasten(clock.now) == 1  # A's only
        assert box_b.next_due_ms() == clock.now + 9_000
        box_a.set_server(B)
        assert [e.id for e in box_a.claim_due(clock.now + 9_000)] == [for_b.id]


def test_a_schema_1_outbox_is_migrated_and_its_reports_go_to_any_server(
    path: Path, clock: Clock
) -> None:
    from qiemonitor.core.outbox_file import _MIGRATIONS

    conn = sqlite3.connect(path)
    for statement in _MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA application_id = 1363756354")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO entries (kind, room_id, body, created_ms, next_attempt_ms)"
        " VALUES ('start', '7', X'7B7D', ?, ?)",
        (T0, T0),
    )
    conn.commit()
    conn.close()
    with Outbox(path, clock=clock, server=B) as box:
        [old] = box.entries()
        assert old.server == ""
        assert [e.id for e in box.claim_due(clock.now)] == [old.id]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()

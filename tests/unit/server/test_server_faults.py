"""``serve --faults``: the SPEC grammar, and each fault as a real client on loopback sees it."""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_helpers import T0, fresh_room

from qiemonitor.api.client import StreamClient
from qiemonitor.api.errors import (
    ApiError,
    ProtocolError,
    RateLimited,
    RequestTimeout,
    ServerUnreachable,
    ServiceUnavailable,
)
from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.api.settings import ClientSettings
from qiemonitor.cli import main
from qiemonitor.core.async_outbox import AsyncOutbox
from qiemonitor.core.delivery import Backoff, Deliverer
from qiemonitor.server import EmbeddedServer
from qiemonitor.server.faults import Fault, FaultPlan, parse_faults

REPO = Path(__file__).resolve().parents[3]
SAMPLE_ROOM = "10002625"  # the demo's seeded sample room


def start_report(room: str, at: int = T0) -> StartReport:
    return StartReport(
        start_time=at,
        category_id=198,
        user_id=42,
        user_name="测试主播",
        title="演练",
        room_id=room,
        ip="192.0.2.7",
    )


def stop_report(room: str, at: int) -> StopReport:
    return StopReport(room_id=room, user_id=42, end_time=at, ip="192.0.2.7")


def faulty_server(spec: str) -> EmbeddedServer:
    return EmbeddedServer(demo=True, demo_rooms=3, demo_interval=None, faults=parse_faults(spec))


def run_client(url: str, work: Callable[[StreamClient], Awaitable[Any]], **settings: Any) -> Any:
    """Run ``work`` with a StreamClient that makes no retries of its own unless told."""
    settings.setdefault("retries", 0)

    async def no_wait(seconds: float) -> None:
        pass

    async def go() -> Any:
        config = ClientSettings(base_url=url, **settings)
        async with StreamClient(config, sleep=no_wait) as client:
            return await work(client)

    return asyncio.run(go())


def clean_records(url: str, room: str) -> list[dict[str, Any]]:
    """The room's records, read over ``records``, which the tests leave unfaulted."""
    response = httpx.post(f"{url}/api/v1/live/records", json={"roomId": room}, timeout=10)
    if response.status_code == 404:
        return []
    streams: list[dict[str, Any]] = response.json()["result"]["streams"]
    return streams


# -- the SPEC --------------------------------------------------------------------------------


def test_rate_spreads_evenly_over_every_kind() -> None:
    plan = parse_faults("rate=0.3,seed=1")
    assert plan.seed == 1
    assert plan.paths is None
    assert set(plan.rates) == set(Fault)
    assert all(rate == pytest.approx(0.3 / 9) for rate in plan.rates.values())
    assert plan.total == pytest.approx(0.3)
    assert plan.seconds[Fault.STALL] == 30
    assert plan.applies_to("/api/v1/live/info")
    assert not plan.applies_to("/openapi.json")


def test_kinds_with_rates_durations_and_paths() -> None:
    plan = parse_faults("503=0.05,reset=0.05,stall=0.02:30s,paths=start,stop,latency=0.1:200ms")
    assert {k: r for k, r in plan.rates.items() if r} == {
        Fault.E503: 0.05,
        Fault.RESET: 0.05,
        Fault.STALL: 0.02,
        Fault.LATENCY: 0.1,
    }
    assert plan.seconds[Fault.STALL] == 30
    assert plan.seconds[Fault.LATENCY] == pytest.approx(0.2)
    assert plan.paths == {"/api/v1/live/start", "/api/v1/live/stop"}
    assert plan.applies_to("/api/v1/live/stop")
    assert not plan.applies_to("/api/v1/live/list")


def test_a_kind_named_beside_rate_keeps_its_own_rate() -> None:
    plan = parse_faults(" rate=0.9 , stall=0 , 429=0.2:3 ")
    assert plan.rates[Fault.STALL] == 0
    assert plan.rates[Fault.E429] == 0.2
    assert plan.rates[Fault.HTML] == pytest.approx(0.1)
    assert plan.seconds[Fault.E429] == 3


def test_without_a_seed_one_is_chosen_and_shown() -> None:
    plan = parse_faults("rate=0.1")
    assert f"seed {plan.seed}" in plan.describe()


def test_the_plan_is_frozen() -> None:
    plan = parse_faults("rate=0.1,seed=3")
    with pytest.raises(AttributeError):
        plan.seed = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        plan.rates[Fault.RESET] = 1.0  # type: ignore[index]


@pytest.mark.parametrize(
    ("spec", "named"),
    [
        ("", "empty part"),
        ("rate=0.1,,seed=1", "empty part"),
        ("rate", "'rate'"),
        ("rate=2", "'rate=2'"),
        ("rate=x", "'rate=x'"),
        ("rate=nan", "'rate=nan'"),
        ("boom=0.1", "unknown key 'boom'"),
        ("reset=0.1:2s", "reset takes no duration"),
        ("stall=0.1:xs", "'xs' is not a duration"),
        ("stall=0.1:0s", "'0s' must be above 0"),
        ("seed=abc", "'abc' is not a whole number"),
        ("paths=start,nope", "unknown endpoint 'nope'"),
        ("rate=0.1,rate=0.2", "'rate' is given twice"),
        ("503=0.6,500=0.6", "add up to 1.2"),
        ("start,stop", "expected KEY=VALUE"),
    ],
)
def test_a_bad_spec_is_one_line_naming_the_bad_part(spec: str, named: str) -> None:
    with pytest.raises(ValueError, match=r"^bad fault spec") as caught:
        parse_faults(spec)
    message = str(caught.value)
    assert named in message
    assert "\n" not in message


def test_the_command_line_turns_a_bad_spec_into_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "0", "--faults", "rate=0.3,reset=0.9"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "--faults" in err
    assert "add up to" in err


def test_serve_says_on_stderr_that_faults_are_on() -> None:
    command = [sys.executable, "-m", "qiemonitor", "serve", "--port", "0", "--db", ":memory:"]
    command += ["--faults", "rate=0.3,seed=5,paths=start,stop"]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stderr is not None
        banner = process.stderr.readline()
        listening = process.stdout.readline()
        assert listening.startswith("qiemonitor server listening on http://127.0.0.1:")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert banner.startswith("qiemonitor server: FAULTS ON (training/test mode): 30% of requests")
    assert "start, stop" in banner
    assert "seed 5" in banner
    assert (process.returncode, out, err) == (0, "", "")


# -- each kind, through the client ----------------------------------------------------------


def info_error(spec: str, **settings: Any) -> ApiError:
    with faulty_server(spec) as server, pytest.raises(ApiError) as caught:
        run_client(server.url, lambda client: client.info(SAMPLE_ROOM), **settings)
    return caught.value


@pytest.mark.parametrize(
    ("spec", "error", "retry_after"),
    [
        ("500=1", ServiceUnavailable, 1.0),
        ("503=1:2s", ServiceUnavailable, 2.0),
        ("429=1:3s", RateLimited, 3.0),
    ],
)
def test_refusals_carry_their_code_and_retry_after(
    spec: str, error: type[ServiceUnavailable], retry_after: float
) -> None:
    failure = info_error(spec)
    assert type(failure) is error
    assert failure.code == failure.http_status == int(spec[:3])
    assert failure.retry_after == retry_after
    assert "injected fault" in failure.message
    assert failure.retryable


def test_an_html_proxy_page_is_a_retryable_bad_gateway() -> None:
    with faulty_server("html=1") as server:
        raw = httpx.post(f"{server.url}/api/v1/live/info", json={"roomId": SAMPLE_ROOM})
        failure = info_error("html=1")
    assert raw.status_code == 502
    assert raw.headers["content-type"] == "text/html"
    assert raw.text.startswith("<html>")
    assert type(failure) is ServiceUnavailable
    assert failure.http_status == 502
    assert failure.retryable


def test_a_reset_is_a_lost_connection() -> None:
    with faulty_server("reset=1") as server, pytest.raises(httpx.ReadError, match="reset"):
        httpx.post(f"{server.url}/api/v1/live/info", json={"roomId": SAMPLE_ROOM})
    failure = info_error("reset=1")
    assert type(failure) is ServerUnreachable
    assert failure.retryable


def test_a_truncated_body_is_a_lost_connection_not_a_parse_error() -> None:
    truncated = pytest.raises(httpx.RemoteProtocolError, match="complete message body")
    with faulty_server("truncate=1") as server, truncated:
        httpx.post(f"{server.url}/api/v1/live/info", json={"roomId": SAMPLE_ROOM})
    failure = info_error("truncate=1")
    assert type(failure) is ServerUnreachable
    assert "complete message body" in failure.message


def test_wrong_types_are_a_protocol_error_naming_the_field() -> None:
    assert "$.result.stream.userId" in info_error("types=1").message
    with faulty_server("types=1") as server:
        with pytest.raises(ProtocolError, match=r"`\$\.code`"):
            run_client(server.url, lambda client: client.start(start_report(fresh_room())))
        with pytest.raises(ProtocolError, match=r"userId"):
            run_client(server.url, lambda client: client.list_rooms())


def test_a_stall_outlasts_the_client_timeout() -> None:
    began = time.monotonic()
    failure = info_error("stall=1:20s", timeout=0.3)
    assert type(failure) is RequestTimeout
    # The server let go once the client did, instead of holding on for 20 s.
    assert time.monotonic() - began < 10


def test_latency_delays_the_real_answer() -> None:
    with faulty_server("latency=1:300ms") as server:
        began = time.monotonic()
        info = run_client(server.url, lambda client: client.info(SAMPLE_ROOM))
        assert time.monotonic() - began >= 0.3
    assert info.stream.room_id == SAMPLE_ROOM


@pytest.mark.parametrize(
    ("kind", "applied"),
    [
        ("latency=1:10ms", True),
        ("reset=1", True),
        ("truncate=1", True),
        ("types=1", True),
        ("stall=1:5s", True),
        ("500=1", False),
        ("503=1", False),
        ("429=1", False),
        ("html=1", False),
    ],
)
def test_which_faults_lose_the_answer_after_the_report_took_effect(
    kind: str, applied: bool
) -> None:
    room = fresh_room()
    with faulty_server(f"{kind},paths=start") as server:
        with contextlib.suppress(ApiError):
            run_client(server.url, lambda client: client.start(start_report(room)), timeout=0.5)
        records = clean_records(server.url, room)
    assert [(r["startTime"], r["status"]) for r in records] == ([(T0, 1)] if applied else [])


# -- rates, paths, exactly once ---------------------------------------------------------------


def test_the_rates_hold_over_a_seeded_run() -> None:
    plan = parse_faults("rate=0.9,seed=11")
    pick = plan.picker()
    draws = Counter(pick() for _ in range(20_000))
    for kind, rate in plan.rates.items():
        # Five standard deviations of a binomial count: never flaky, still tight.
        assert abs(draws[kind] - 20_000 * rate) < 5 * math.sqrt(20_000 * rate * (1 - rate))
    assert draws[None] == pytest.approx(2_000, abs=5 * math.sqrt(20_000 * 0.09))


def _observed(client: httpx.Client) -> Fault | None:
    """Which fault one ``info`` request met, judged from the outside only."""
    try:
        response = client.post("/api/v1/live/info", json={"roomId": SAMPLE_ROOM})
    except httpx.ReadTimeout:
        return Fault.STALL
    except httpx.ReadError:
        return Fault.RESET
    except httpx.RemoteProtocolError:
        return Fault.TRUNCATE
    statuses = {500: Fault.E500, 503: Fault.E503, 429: Fault.E429, 502: Fault.HTML}
    if response.status_code in statuses:
        return statuses[response.status_code]
    assert response.status_code == 200
    user_id = response.json()["result"]["stream"]["userId"]
    return Fault.TYPES if isinstance(user_id, str) else None


def test_the_server_injects_exactly_what_its_seeded_plan_draws() -> None:
    spec = "rate=0.8,latency=0.09:100ms,stall=0.01:5s,seed=8"
    plan: FaultPlan = parse_faults(spec)
    pick = plan.picker()
    expected = [pick() for _ in range(150)]
    seen, slow = [], []
    # A new connection per request: a closed one never eats the next request.
    limits = httpx.Limits(max_keepalive_connections=0)
    with (
        faulty_server(spec) as server,
        httpx.Client(base_url=server.url, timeout=1.0, limits=limits) as client,
    ):
        for want in expected:
            began = time.monotonic()
            seen.append(_observed(client))
            if want is Fault.LATENCY:
                slow.append(time.monotonic() - began)
    assert seen == [None if want is Fault.LATENCY else want for want in expected]
    assert slow
    assert min(slow) >= 0.1
    assert set(expected) == {*Fault, None}  # every kind met at least once
    assert 0.6 < sum(want is not None for want in expected) / 150 < 0.95


def test_paths_limits_faults_to_those_endpoints() -> None:
    with faulty_server("503=1,paths=start,stop") as server:
        info = run_client(server.url, lambda client: client.info(SAMPLE_ROOM))
        assert info.stream.room_id == SAMPLE_ROOM
        assert run_client(server.url, lambda client: client.list_rooms()).total >= 1
        for report in (start_report(fresh_room()), stop_report(fresh_room(), T0)):
            with pytest.raises(ServiceUnavailable):
                run_client(server.url, lambda client, r=report: client.call(_path(r), r.to_json()))
        assert httpx.get(f"{server.url}/openapi.json").status_code == 200


def _path(report: StartReport | StopReport) -> str:
    return "/api/v1/live/start" if isinstance(report, StartReport) else "/api/v1/live/stop"


def test_the_openapi_document_is_never_faulted() -> None:
    with faulty_server("503=1") as server:
        assert httpx.get(f"{server.url}/openapi.json").status_code == 200
        assert httpx.post(f"{server.url}/api/v1/live/list", json={}).status_code == 503


def test_a_report_under_reset_is_applied_exactly_once_despite_retries() -> None:
    room = fresh_room()
    with faulty_server("reset=1,paths=start,stop") as server:
        for report in (start_report(room), stop_report(room, T0 + 60_000)):
            with pytest.raises(ServerUnreachable):
                run_client(server.url, lambda c, r=report: c.call(_path(r), r.to_json()), retries=4)
            # Five tries, each one applied before its answer was lost: still one record.
            records = clean_records(server.url, room)
            assert len(records) == 1
        assert records[0]["status"] == 100
        assert (records[0]["startTime"], records[0]["endTime"]) == (T0, T0 + 60_000)


def test_the_outbox_delivers_through_half_the_requests_failing(tmp_path: Path) -> None:
    rooms = [fresh_room() for _ in range(6)]
    reports: list[StartReport | StopReport] = []
    for n in range(3):  # three broadcasts per room, in order
        for room in rooms:
            reports += [start_report(room, T0 + n * 1000), stop_report(room, T0 + n * 1000 + 500)]
    spec = "rate=0.5,stall=0.05:3s,latency=0.05:50ms,seed=9,paths=start,stop"

    async def deliver(url: str) -> int:
        settings = ClientSettings(base_url=url, timeout=0.5)
        quick = Backoff(first_s=0.01, cap_s=0.05, floor_s=0.01)
        async with (
            await AsyncOutbox.open(tmp_path / "outbox.sqlite3") as box,
            StreamClient(settings) as client,
        ):
            for report in reports:
                await box.add(report)
            deliverer = Deliverer(box, client, backoff=quick)
            left = len(reports)
            for _ in range(200):
                left = await deliverer.flush(timeout=5, force=True)
                if not left:
                    break
            return left

    with faulty_server(spec) as server:
        assert asyncio.run(deliver(server.url)) == 0
        for room in rooms:
            records = clean_records(server.url, room)
            ended = sorted((r["startTime"], r["endTime"], r["status"]) for r in records)
            expected = [(T0 + n * 1000, T0 + n * 1000 + 500, 100) for n in range(3)]
            assert ended == expected, room


def test_the_banner_names_every_kind_on() -> None:
    line = parse_faults("reset=0.1,stall=0.05:2s,seed=2").describe()
    assert re.fullmatch(
        r"FAULTS ON \(training/test mode\): 15% of requests to every endpoint fail on purpose:"
        r" reset 0\.1, stall 0\.05 \(2 s\); seed 2",
        line,
    ), line

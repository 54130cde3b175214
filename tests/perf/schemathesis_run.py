"""Run Schemathesis against the embedded server's own OpenAPI document; prints figures.

The server runs on 127.0.0.1 (a demo database, so lookups find rooms, and a
bearer token, so the token gate is in the path). Every operation in the
document gets ``--examples`` schema-valid cases and as many schema-invalid
ones, each checked for:

- a server error (any 5xx);
- non-conformance: a status, content type, header or body the document does
  not declare, a schema-valid request refused with 400, or a schema-invalid
  one accepted.

Run: ``.venv/bin/python tests/perf/schemathesis_run.py [--examples N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from qiemonitor.server import EmbeddedServer

TOKEN = "schemathesis-run-token"
# Schema-valid requests may still meet an unknown room (404) or a room's state (409).
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["200", "404", "409"]
[checks.negative_data_rejection]
expected-statuses = ["400", "401"]
"""
CONFORMANCE = [
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MODE_CHECKS = {
    GenerationMode.POSITIVE: positive_data_acceptance,
    GenerationMode.NEGATIVE: negative_data_rejection,
}


@dataclass
class Tally:
    """One operation in one generation mode: cases, statuses, failures."""

    label: str
    cases: int = 0
    server_errors: int = 0
    nonconformant: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    first_failure: str = ""


def run_operation(operation: Any, mode: GenerationMode, url: str, examples: int) -> Tally:
    """Send ``examples`` generated cases to one operation; count, never stop at a failure."""
    tally = Tally(f"{operation.label} [{mode.value}]")
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {TOKEN}"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case: Any) -> None:
        response = case.call(base_url=url, session=session, timeout=10)
        tally.cases += 1
        tally.statuses[response.status_code] += 1
        if response.status_code >= 500:
            tally.server_errors += 1
        try:
            case.validate_response(
                response,
                checks=[not_a_server_error, *CONFORMANCE, MODE_CHECKS[mode]],
                headers=dict(session.headers),
            )
        except FailureGroup as failure:
            tally.nonconformant += 1
            tally.first_failure = tally.first_failure or str(failure)

    send()
    return tally


def report(tallies: list[Tally], operations: int, seconds: float) -> None:
    width = max(len(t.label) for t in tallies)
    print(f"schemathesis {schemathesis.__version__}: {operations} operations tested")
    print(f"{'operation'.ljust(width)}  {'cases':>6}  {'5xx':>4}  {'nonconf':>7}  statuses")
    for t in tallies:
        statuses = " ".join(f"{code}:{n}" for code, n in sorted(t.statuses.items()))
        counts = f"{t.cases:>6}  {t.server_errors:>4}  {t.nonconformant:>7}"
        print(f"{t.label.ljust(width)}  {counts}  {statuses}")
    cases = sum(t.cases for t in tallies)
    errors = sum(t.server_errors for t in tallies)
    nonconformant = sum(t.nonconformant for t in tallies)
    print(f"{'total'.ljust(width)}  {cases:>6}  {errors:>4}  {nonconformant:>7}")
    print(f"operations tested: {operations}")
    print(f"cases: {cases}")
    print(f"server errors (5xx): {errors}")
    print(f"non-conformant answers: {nonconformant}")
    print(f"time: {seconds:.1f} s")
    for t in tallies:
        if t.first_failure:
            print(f"\n--- first failure of {t.label}:\n{t.first_failure}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500, help="cases per operation and mode")
    args = parser.parse_args()
    with EmbeddedServer("127.0.0.1", demo=True, seed=5, demo_interval=None, token=TOKEN) as server:
        config = schemathesis.Config.from_str(CONFIG)
        schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json", config=config)
        operations = [result.ok() for result in schema.get_all_operations()]
        started = time.perf_counter()
        tallies = [
            run_operation(operation, mode, server.url, args.examples)
            for operation in operations
            for mode in MODE_CHECKS
        ]
        report(tallies, len(operations), time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())

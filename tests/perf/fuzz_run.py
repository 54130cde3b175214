"""Run the parser and CLI-output fuzz properties with a big budget; prints figures, asserts none.

The properties are the ones the normal test run checks with a few dozen
examples each (``tests/unit/api/test_fuzz_parsers.py`` and
``tests/unit/cli/test_fuzz_output.py``); here each gets ``--examples`` of
them (default 1,200, so over 10,000 cases in all). For each property it
prints the cases run, the cases that raised (an unexpected exception, or a
broken property), and the time taken.

Run: ``.venv/bin/python tests/perf/fuzz_run.py [--examples N]``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

TESTS = Path(__file__).resolve().parents[1] / "unit"
MODULES = {"api": "test_fuzz_parsers", "cli": "test_fuzz_output"}


@dataclass
class Tally:
    """What one property did: cases run, cases that raised, and the first failure."""

    name: str
    cases: int = 0
    crashes: int = 0  # anything but an AssertionError: a parser or printer blew up
    broken: int = 0  # an AssertionError: the property itself does not hold
    seconds: float = 0.0
    failure: str = field(default="", repr=False)


def _load(examples: int) -> list[ModuleType]:
    # The modules read their budget when they are imported.
    os.environ["QIEMONITOR_FUZZ_EXAMPLES"] = str(examples)
    modules = []
    for folder, name in MODULES.items():
        sys.path.insert(0, str(TESTS / folder))
        modules.append(importlib.import_module(name))
    return modules


def _counting(inner: Callable[..., Any], tally: Tally) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        tally.cases += 1
        try:
            return inner(*args, **kwargs)
        except AssertionError:
            tally.broken += 1
            raise
        except Exception:
            tally.crashes += 1
            raise

    return run


def run_property(name: str, test: Any) -> Tally:
    """Run one ``@given`` test to its budget, counting every case Hypothesis ran."""
    tally = Tally(name)
    # Hypothesis documents ``.hypothesis.inner_test`` as the hook for wrapping a test.
    test.hypothesis.inner_test = _counting(test.hypothesis.inner_test, tally)
    started = time.perf_counter()
    try:
        test()
    except Exception:
        tally.failure = traceback.format_exc(limit=3)
    tally.seconds = time.perf_counter() - started
    return tally


def properties(modules: list[ModuleType]) -> list[tuple[str, Any]]:
    found = []
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("test_") and hasattr(value, "hypothesis"):
                found.append((f"{module.__name__.removeprefix('test_')}.{name[5:]}", value))
    return found


def report(tallies: list[Tally], examples: int) -> None:
    width = max(len(t.name) for t in tallies)
    print(f"fuzz run: {len(tallies)} properties, budget {examples} examples each")
    print(f"{'property'.ljust(width)}  {'cases':>7}  {'crashes':>7}  {'broken':>6}  {'time':>7}")
    for t in tallies:
        row = f"{t.cases:>7}  {t.crashes:>7}  {t.broken:>6}  {t.seconds:>6.1f}s"
        print(f"{t.name.ljust(width)}  {row}")
    total = sum(t.cases for t in tallies)
    crashes = sum(t.crashes for t in tallies)
    broken = sum(t.broken for t in tallies)
    seconds = sum(t.seconds for t in tallies)
    print(f"{'total'.ljust(width)}  {total:>7}  {crashes:>7}  {broken:>6}  {seconds:>6.1f}s")
    print(f"cases/s: {total / seconds:,.0f}")
    for t in tallies:
        if t.failure:
            print(f"\n--- {t.name} failed:\n{t.failure}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1200, help="examples per property")
    args = parser.parse_args()
    tallies = [run_property(name, test) for name, test in properties(_load(args.examples))]
    report(tallies, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())

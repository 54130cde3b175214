"""UI fixtures: a window's outbox, opened in this test's tmp directory the way app.py does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from qiemonitor.core.report_desk import ReportDesk


@pytest.fixture
def attach_outbox(
    make_window: Callable[..., Any], tmp_path: Path, run_async: Callable[..., Any]
) -> Iterator[Callable[..., ReportDesk]]:
    """``attach_outbox(window, path=None)``: open an outbox for the window and start delivering."""
    attached: list[tuple[Any, ReportDesk]] = []

    def attach(window: Any, path: Path | None = None) -> ReportDesk:
        desk: ReportDesk = run_async(
            ReportDesk.open(
                path or tmp_path / "outbox.sqlite3",
                window.client,
                on_event=window.outbox.on_desk_event,
                on_changed=window.outbox.refresh,
            )
        )
        window.outbox.attach(desk)
        desk.start()
        attached.append((window, desk))
        return desk

    yield attach
    for window, desk in attached:
        window.outbox.detach()
        run_async(desk.aclose())

"""The start-up probe: one line when a view first paints rows, and nothing without its variable."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication, QTableView

from qiemonitor.ui import startup_probe
from qiemonitor.ui.startup_probe import PROBE_ENV


def _view(qtbot: Any, rows: list[str]) -> QTableView:
    view = QTableView()
    view.setModel(QStringListModel(rows, view))
    qtbot.addWidget(view)
    return view


def test_writes_the_moment_rows_are_first_painted(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "probe.txt"
    monkeypatch.setenv(PROBE_ENV, str(target))
    view = _view(qtbot, ["10002625", "10002626"])
    before = time.monotonic()
    startup_probe.install(view)
    view.show()
    qtbot.waitUntil(target.exists)
    word, moment, wall, rows, window_word, first_paint = target.read_text("ascii").split()
    assert (word, window_word, int(rows)) == ("rows", "window", 2)
    assert before <= float(first_paint) <= float(moment) <= time.monotonic()
    assert abs(float(wall) - time.time()) < 60
    assert not target.with_name("probe.txt.part").exists()


def test_waits_for_rows_to_be_painted(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "probe.txt"
    monkeypatch.setenv(PROBE_ENV, str(target))
    view = _view(qtbot, [])
    startup_probe.install(view)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()  # an empty table painted (and its queued write, had there been one)
    QApplication.processEvents()
    assert not target.exists()
    model = view.model()
    assert isinstance(model, QStringListModel)
    model.setStringList(["10002625"])
    qtbot.waitUntil(target.exists)
    assert target.read_text("ascii").split()[3] == "1"


def test_does_nothing_without_its_variable(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PROBE_ENV, raising=False)
    view = _view(qtbot, ["10002625"])
    startup_probe.install(view)
    target = tmp_path / "probe.txt"
    monkeypatch.setenv(PROBE_ENV, str(target))  # read once, at install: too late now
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()
    QApplication.processEvents()
    assert not target.exists()

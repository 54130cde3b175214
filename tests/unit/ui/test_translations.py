"""The Chinese translation: complete, safe to .format(), compiled, and what the window shows."""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator

from qiemonitor.paths import resource_path
from qiemonitor.ui.room_cells import Column

ROOT = Path(__file__).resolve().parents[3]
TS = resource_path("translations", "qiemonitor_zh_CN.ts")
QM = resource_path("translations", "qiemonitor_zh_CN.qm")
RERUN = (
    "run .venv/bin/python packaging/update_translations.py (see packaging/translations_zh_CN.py)"
)
# What .format() and QString.arg() fill in; a translation that drops or renames one
# raises KeyError/IndexError at run time, or shows the raw marker.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def script() -> ModuleType:
    """packaging/update_translations.py: how the strings are extracted and compiled."""
    path = ROOT / "packaging" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while built
    spec.loader.exec_module(module)
    return module


def _committed() -> dict[tuple[str, str], ET.Element]:
    """The committed .ts's messages, by (context, source)."""
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _translation(message: ET.Element) -> str:
    element = message.find("translation")
    assert element is not None
    forms = element.findall("numerusform")
    return (forms[0].text if forms else element.text) or ""


def _unfinished(message: ET.Element) -> bool:
    marked = message.find("translation[@type='unfinished']") is not None
    return marked or not _translation(message)


def test_the_ts_covers_every_string_the_code_translates(script: ModuleType) -> None:
    in_code = {(message.context, message.source): message for message in script.extract()}
    committed = _committed()
    missing = sorted(
        f"{message.where}: {message.context} / {message.source!r}"
        for key, message in in_code.items()
        if key not in committed
    )
    assert not missing, f"not in {TS.name}; {RERUN}:\n" + "\n".join(missing)
    unfinished = sorted(
        f"{context} / {source!r}"
        for (context, source), message in committed.items()
        if (context, source) in in_code and _unfinished(message)
    )
    assert not unfinished, f"untranslated in {TS.name}; {RERUN}:\n" + "\n".join(unfinished)


def test_every_translation_keeps_the_placeholders_of_its_source() -> None:
    broken = [
        f"{context} / {source!r} → {_translation(message)!r}"
        for (context, source), message in _committed().items()
        if sorted(_PLACEHOLDER.findall(source))
        != sorted(_PLACEHOLDER.findall(_translation(message)))
    ]
    assert not broken, "placeholders lost or renamed:\n" + "\n".join(broken)


def test_every_mnemonic_survives_translation() -> None:
    """``&File`` → ``文件(&F)``: a menu without its mnemonic cannot be reached by Alt+key."""

    def has_mnemonic(text: str) -> bool:
        return re.search(r"&[^&\s]", text.replace("&&", "")) is not None

    lost = [
        f"{context} / {source!r} → {_translation(message)!r}"
        for (context, source), message in _committed().items()
        if has_mnemonic(source) and not has_mnemonic(_translation(message))
    ]
    assert not lost, "mnemonic dropped:\n" + "\n".join(lost)


def test_the_committed_qm_is_the_compiled_ts(script: ModuleType, tmp_path: Path) -> None:
    fresh = tmp_path / QM.name
    script.release(TS, fresh)
    assert QM.is_file(), f"{QM.name} is missing; {RERUN}"
    assert fresh.read_bytes() == QM.read_bytes(), f"{QM.name} is older than {TS.name}; {RERUN}"


@pytest.fixture
def chinese(qapp: Any) -> Iterator[QTranslator]:
    """The zh_CN translator on the application for this test, as app.py installs it."""
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_the_window_shows_chinese_menus_and_headers(
    chinese: QTranslator, make_window: Callable[..., Any], still_demo_server: Any
) -> None:
    window = make_window(still_demo_server.url)

    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0] == "文件(&F)"
    assert all(_CJK.search(title) for title in menus), menus
    headers = [
        window.proxy.headerData(column, Qt.Orientation.Horizontal)
        for column in (Column.STATUS, Column.ROOM, Column.BROADCASTER, Column.CLARITY)
    ]
    assert headers == ["状态", "房间", "主播", "最高清晰度"]
    # actions.py translates through an alias lupdate cannot follow (BARE_TR_CONTEXT).
    assert window.commands.refresh.text() == "刷新(&R)"
    # The toolbar and tooltips drop a Chinese-style mnemonic whole, not just its "&".
    assert window.commands.refresh.iconText() == "刷新"
    assert window.commands.refresh.toolTip().startswith("刷新 (")


def test_without_the_translator_the_window_stays_english(
    make_window: Callable[..., Any], still_demo_server: Any
) -> None:
    window = make_window(still_demo_server.url)

    assert window.menuBar().actions()[0].text() == "&File"
    assert window.proxy.headerData(Column.ROOM, Qt.Orientation.Horizontal) == "Room"

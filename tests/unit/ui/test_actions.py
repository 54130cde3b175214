"""Keyboard access to the main window: shortcuts in tooltips, mnemonics in menus, Tab order."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from qiemonitor.ui.actions import MainActions
from qiemonitor.ui.main_window import MainWindow

Make = Callable[..., MainWindow]
NATIVE = QKeySequence.SequenceFormat.NativeText


@pytest.fixture
def window(make_window: Make, still_demo_server: Any) -> MainWindow:
    return make_window(still_demo_server.url)


def _main_actions(window: MainWindow) -> dict[str, QAction]:
    return {
        name: value for name, value in vars(window.commands).items() if isinstance(value, QAction)
    }


def _plain(text: str) -> str:
    return re.sub("&(.)", r"\1", text).rstrip("…")


def _mnemonic(text: str) -> str | None:
    match = re.search("&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _menus(window: MainWindow) -> Iterator[QMenu]:
    """Every menu of the menu bar, submenus included."""
    pending = [action.menu() for action in window.menuBar().actions()]
    while pending:
        menu = pending.pop(0)
        if isinstance(menu, QMenu):
            yield menu
            pending += [action.menu() for action in menu.actions() if action.menu()]


# -- tooltips --------------------------------------------------------------


def test_every_shortcut_is_named_in_its_actions_tooltip(window: MainWindow) -> None:
    actions = _main_actions(window)
    assert len(actions) >= 10
    with_keys = {name: a for name, a in actions.items() if not a.shortcut().isEmpty()}
    assert set(actions) - set(with_keys) <= {"about"}
    for name, action in with_keys.items():
        keys = action.shortcut().toString(NATIVE)
        assert action.toolTip() == f"{_plain(action.text())} ({keys})", name
        assert "&" not in action.toolTip(), name


def test_the_pause_tooltip_follows_its_new_title(window: MainWindow) -> None:
    pause = window.commands.pause
    pause.trigger()
    assert pause.isChecked()
    assert pause.toolTip() == f"Resume polling ({pause.shortcut().toString(NATIVE)})"
    pause.trigger()
    assert pause.toolTip() == f"Pause polling ({pause.shortcut().toString(NATIVE)})"


def test_an_action_made_elsewhere_can_follow_the_same_rule(window: MainWindow) -> None:
    action = MainActions.follow(QAction("Show the &event log", window))
    assert action.toolTip() == "Show the event log"
    action.setShortcut(QKeySequence("Ctrl+L"))
    assert action.toolTip() == f"Show the event log ({QKeySequence('Ctrl+L').toString(NATIVE)})"
    action.setText("R&&D log")
    assert action.toolTip().startswith("R&D log (")


def test_shortcuts_are_shown_in_menus_and_the_tables_context_menu(window: MainWindow) -> None:
    for name, action in _main_actions(window).items():
        assert action.isShortcutVisibleInContextMenu(), name
    assert window.commands.copy_room in window.table.actions()
    assert window.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


# -- menus -----------------------------------------------------------------


def test_every_menu_and_menu_entry_has_a_mnemonic_or_a_shortcut(window: MainWindow) -> None:
    for top in window.menuBar().actions():
        assert _mnemonic(top.text()), top.text()
    for menu in _menus(window):
        if menu.title() == "&Columns":
            continue  # its entries are the table's column names, picked with the arrows
        entries = [a for a in menu.actions() if not a.isSeparator()]
        assert entries, menu.title()
        for action in entries:
            assert _mnemonic(action.text()) or not action.shortcut().isEmpty(), (
                menu.title(),
                action.text(),
            )


def test_no_two_entries_of_a_menu_share_a_mnemonic(window: MainWindow) -> None:
    menus: list[tuple[str, list[QAction]]] = [("menu bar", window.menuBar().actions())]
    menus += [(menu.title(), menu.actions()) for menu in _menus(window)]
    for title, actions in menus:
        keys = [_mnemonic(a.text()) for a in actions if not a.isSeparator()]
        keys = [key for key in keys if key]
        assert len(keys) == len(set(keys)), (title, [a.text() for a in actions])


def test_no_two_commands_share_a_shortcut(window: MainWindow) -> None:
    """An ambiguous shortcut does nothing at all in Qt, so a clash silently loses a command."""
    actions = set(window.findChildren(QAction))
    for menu in _menus(window):
        actions.update(menu.actions())
    owners: dict[str, set[str]] = defaultdict(set)
    for action in actions:
        for key in action.shortcuts():
            owners[key.toString()].add(action.text())
    clashes = {key: texts for key, texts in owners.items() if len(texts) > 1}
    assert clashes == {}
    assert {"Ctrl+F", "Ctrl+Q", "Ctrl+P"} <= set(owners)


# -- Tab order -------------------------------------------------------------


def _tab_stops(qtbot: Any, start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits from ``start``, pressing Tab on each as a user would."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    stops: list[QWidget] = []
    for _ in range(count):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in stops:
            break
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return stops


def test_tab_goes_from_the_filter_to_the_table_to_the_detail(
    window: MainWindow, qtbot: Any
) -> None:
    with qtbot.waitSignal(window.feed.synced, timeout=10_000):
        window.start_polling()
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.table.current_room() is not None)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stops = _tab_stops(qtbot, window.filter_edit, 40)
    assert stops[0] is window.filter_edit
    assert window.table in stops
    table_at = stops.index(window.table)
    # Between the filter box and the table only its own quick-filter buttons.
    assert all(window.quick_filters.isAncestorOf(w) for w in stops[1:table_at])
    assert window.detail.isAncestorOf(stops[table_at + 1]), stops[table_at + 1]


def test_everything_in_the_window_is_reached_by_tab(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(window.feed.synced, timeout=10_000):
        window.start_polling()
    window.table.selectRow(0)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stops = _tab_stops(qtbot, window.filter_edit, 60)
    for part in (window.quick_filters, window.detail, window.event_log):
        assert any(part.isAncestorOf(w) for w in stops), part
    assert window.table in stops

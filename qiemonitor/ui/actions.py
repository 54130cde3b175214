"""The main window's actions: one QAction per command, with its shortcut shown in menus and tips.

Every action has a mnemonic for its menu and, where it is used often, a
shortcut; its tooltip (what the toolbar shows) names that shortcut and follows
any later change of its text or keys.
"""

from __future__ import annotations

import re
from functools import partial

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

__all__ = ["MainActions"]

_Key = QKeySequence.StandardKey
_CJK_MNEMONIC = re.compile(r"\(&\w\)")  # Chinese UIs put the mnemonic after the text


class MainActions(QObject):
    """Builds the actions on ``window`` (so their shortcuts work anywhere in it).

    A stop report is never one key or one click away from being sent: its
    action only opens the confirmation dialog, and its shortcut needs three keys.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        style = window.style()
        self.refresh = self._make(
            self.tr("&Refresh"), [QKeySequence(_Key.Refresh), QKeySequence("F5")]
        )
        self.refresh.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.pause = self._make(self.tr("&Pause polling"), [QKeySequence("Ctrl+P")])
        self.pause.setCheckable(True)
        self.pause.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause))
        self.start_report = self._make(self.tr("&Start report…"), [QKeySequence("Ctrl+N")])
        self.start_report.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.stop_report = self._make(self.tr("S&top report…"), [QKeySequence("Ctrl+Shift+E")])
        self.stop_report.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop))
        self.settings = self._make(
            self.tr("Se&ttings…"), [QKeySequence(_Key.Preferences), QKeySequence("Ctrl+,")]
        )
        self.quit = self._make(self.tr("&Quit"), [QKeySequence(_Key.Quit), QKeySequence("Ctrl+Q")])
        self.find = self._make(self.tr("&Find rooms"), [QKeySequence(_Key.Find)])
        self.watch = self._make(self.tr("&Watch room"), [QKeySequence("Ctrl+D")], window_wide=False)
        self.watch.setCheckable(True)
        self.copy_room = self._make(
            self.tr("&Copy room id"), [QKeySequence(_Key.Copy)], window_wide=False
        )
        self.about = self._make(self.tr("&About qiemonitor"), [])
        self.pause.setStatusTip(self.tr("Stop or restart the periodic refresh of the room list"))
        self.stop_report.setStatusTip(
            self.tr("Opens a confirmation first; nothing is sent until you confirm")
        )

    def _make(self, text: str, keys: list[QKeySequence], *, window_wide: bool = True) -> QAction:
        """An action; ``window_wide=False`` leaves it to the widget it acts on (the table),
        so its shortcut cannot collide with the same keys elsewhere (Ctrl+C in a text field)."""
        action = QAction(text, self._window)
        unique = {key.toString(): key for key in keys if not key.isEmpty()}
        if unique:
            action.setShortcuts(list(unique.values()))
        action.setShortcutVisibleInContextMenu(True)
        self.follow(action)
        if window_wide:
            self._window.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return action

    @classmethod
    def follow(cls, action: QAction) -> QAction:
        """Keep ``action``'s tooltip its text plus its shortcut, now and whenever either
        changes; for the window's other actions too (a dock's toggle, say)."""
        cls._set_tooltip(action)
        # Setting the same tooltip again emits nothing, so this cannot loop.
        action.changed.connect(partial(cls._set_tooltip, action))
        return action

    @staticmethod
    def _set_tooltip(action: QAction) -> None:
        if not shiboken6.isValid(action):  # a dock's toggle announces its end while it goes
            return
        text = _CJK_MNEMONIC.sub("", action.text())  # "刷新(&R)" shows as "刷新"
        plain = re.sub("&(.)", r"\1", text).rstrip("…")  # "&&" stays one "&"
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setIconText(plain)  # what the toolbar shows
        action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)

    def retitle_pause(self, paused: bool) -> None:
        """The pause action reads as what it will do next."""
        self.pause.setText(self.tr("&Resume polling") if paused else self.tr("&Pause polling"))
        style = self._window.style()
        icon = QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause
        self.pause.setIcon(style.standardIcon(icon))

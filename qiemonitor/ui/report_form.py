"""What the start and stop report dialogs share: checked fields, a preview, an async send."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar, cast

import msgspec
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from qiemonitor.api.client import Ack
from qiemonitor.api.errors import ApiError
from qiemonitor.ui.async_slots import async_slot
from qiemonitor.ui.checked_field import ERROR_STYLE, CheckedField

__all__ = [
    "INT32_MAX",
    "FormChecks",
    "ReportDialog",
    "check_id",
    "check_ip",
    "check_ms",
    "check_room_id",
    "check_text",
]

INT32_MAX = 2**31 - 1
T = TypeVar("T")
Send = Callable[[Any], Awaitable[Ack]]
OK_STYLE = "color: #2e7d32;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportForm", text)


# -- checks: each returns (value, "") or (None, what is wrong) ----------------


def check_text(text: str, *, required: bool) -> tuple[str | None, str]:
    value = text.strip()
    if not value:
        return None, _tr("required") if required else ""
    return value, ""


def check_id(text: str, *, low: int = 1, high: int = INT32_MAX) -> tuple[int | None, str]:
    """A whole number in ``low..high`` (the contract's ``int``)."""
    value = text.strip()
    if not value:
        return None, _tr("required")
    if not (value.isascii() and value.lstrip("-").isdigit()):
        return None, _tr("must be a whole number, not “{0}”").format(value)
    number = int(value)
    if not low <= number <= high:
        return None, _tr("must be between {0} and {1}").format(low, high)
    return number, ""


def check_room_id(text: str) -> tuple[str | None, str]:
    """A room id is a numeric string, sent as a string."""
    value = text.strip()
    if not value:
        return None, _tr("required")
    if not (value.isascii() and value.isdigit()) or len(value) > 20:
        return None, _tr("must be digits only (a numeric room id), not “{0}”").format(value)
    return value, ""


def check_ms(text: str) -> tuple[int | None, str]:
    """A UNIX time in milliseconds: 13 digits for any date from 2001 to 2286."""
    value = text.strip()
    if not value:
        return None, _tr("required")
    if not (value.isascii() and value.isdigit()):
        return None, _tr("must be a UNIX time in milliseconds, not “{0}”").format(value)
    if len(value) == 10:
        return None, _tr("looks like seconds: milliseconds have 13 digits")
    if len(value) != 13:
        return None, _tr("must be a UNIX time in milliseconds (13 digits)")
    return int(value), ""


def check_ip(text: str) -> tuple[str | None, str]:
    value = text.strip()
    if not value:
        return None, _tr("required")
    try:
        return str(ipaddress.ip_address(value)), ""
    except ValueError:
        return None, _tr("“{0}” is not an IPv4 or IPv6 address").format(value)


class FormChecks:
    """Runs checks over a form's fields, showing each problem beside its field."""

    def __init__(self, fields: Mapping[str, CheckedField]) -> None:
        self._fields = fields
        self.ok = True

    def required(self, key: str, result: tuple[T | None, str]) -> T:
        value, problem = result
        self._show(key, problem)
        # None only comes with a problem, and then the caller builds nothing.
        return cast(T, value)

    def optional(self, key: str, result: tuple[T | None, str]) -> T | None:
        value, problem = result
        self._show(key, problem)
        return value

    def _show(self, key: str, problem: str) -> None:
        self._fields[key].set_error(problem)
        self.ok = self.ok and not problem


class ReportDialog(QDialog):
    """A report form: subclasses build the report, this class previews and sends it.

    The send runs as a task on the asyncio loop (``open()``, never ``exec()``:
    qasync #59); while it runs the send button is disabled, so a report goes
    out once per click. Closing the dialog cancels a send in flight.

    Signals:
        report_sent(object, object): the report and the server's :class:`Ack`.
    """

    report_sent = Signal(object, object)

    def __init__(self, send: Send, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._send = send
        self._task: asyncio.Task[None] | None = None
        self._sent = False
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(90)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.preview.setFont(font)
        self.answer = QLabel(self)
        self.answer.setObjectName("answer")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.hide()

    # -- for subclasses --------------------------------------------------

    def build_report(self) -> msgspec.Struct | None:
        """Check every field, show what is wrong, and return the report if it is valid."""
        raise NotImplementedError

    def send_button(self) -> QPushButton:
        raise NotImplementedError

    def can_send(self) -> bool:
        return not self._sent and self._task is None and self.build_report() is not None

    def refresh(self) -> None:
        """Re-check the form: errors, preview, and whether send is possible."""
        report = self.build_report()
        if report is None:
            self.preview.setPlainText(
                self.tr("(the request body appears here once the form is valid)")
            )
        else:
            self.preview.setPlainText(msgspec.json.encode(report).decode("utf-8"))
        self.send_button().setEnabled(self.can_send())

    def set_form_enabled(self, enabled: bool) -> None:
        """Subclasses lock their inputs while a send runs and after it succeeds."""

    # -- sending ---------------------------------------------------------

    @property
    def sending(self) -> bool:
        return self._task is not None

    @property
    def sent(self) -> bool:
        return self._sent

    @async_slot()
    async def on_send_clicked(self) -> None:
        report = self.build_report() if self.can_send() else None
        if report is None:
            return
        self._task = asyncio.current_task()
        self._begin_send()
        try:
            ack = await self._send(report)
        except asyncio.CancelledError:
            self._task = None  # the dialog is closing: leave its widgets alone
            raise
        except ApiError as error:
            self._end_send(error.message, ok=False)
            return
        except Exception as error:
            self._end_send(self.tr("Could not send: {0}").format(error), ok=False)
            raise
        self._sent = True
        self._end_send(self._ack_text(ack), ok=True)
        self.report_sent.emit(report, ack)

    def show_answer(self, text: str, *, ok: bool) -> None:
        self.answer.setText(text)
        self.answer.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.answer.show()

    def _ack_text(self, ack: Ack) -> str:
        result = "" if ack.result is None else f": {ack.result}"
        return self.tr("Server answered {0} {1}{2}").format(ack.code, ack.message, result)

    def _begin_send(self) -> None:
        self.send_button().setEnabled(False)
        self.set_form_enabled(False)
        self.show_answer(self.tr("Sending…"), ok=True)

    def _end_send(self, answer: str, *, ok: bool) -> None:
        self._task = None
        self.show_answer(answer, ok=ok)
        self.set_form_enabled(not self._sent)
        self.refresh()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
        super().done(result)

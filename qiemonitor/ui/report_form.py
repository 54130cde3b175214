"""What the start and stop report dialogs share: checked fields, a preview, an async send."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Mapping
from typing import Protocol, TypeVar, cast

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

from qiemonitor.api.models import StartReport, StopReport
from qiemonitor.core.outbox import OutboxEntry, OutboxError
from qiemonitor.core.report_desk import Receipt
from qiemonitor.ui.async_slots import async_slot
from qiemonitor.ui.checked_field import ERROR_STYLE, CheckedField

__all__ = [
    "INT32_MAX",
    "Desk",
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
OK_STYLE = "color: #2e7d32;"
WAITING_STYLE = "color: #b26a00;"


# -- checks: each returns (value, "") or (None, what is wrong) ----------------


def check_text(text: str, *, required: bool) -> tuple[str | None, str]:
    value = text.strip()
    if not value:
        return None, QCoreApplication.translate("ReportForm", "required") if required else ""
    return value, ""


def check_id(text: str, *, low: int = 1, high: int = INT32_MAX) -> tuple[int | None, str]:
    """A whole number in ``low..high`` (the contract's ``int``)."""
    value = text.strip()
    if not value:
        return None, QCoreApplication.translate("ReportForm", "required")
    if not (value.isascii() and value.lstrip("-").isdigit()):
        return None, QCoreApplication.translate(
            "ReportForm", "must be a whole number, not “{0}”"
        ).format(value)
    number = int(value)
    if not low <= number <= high:
        return None, QCoreApplication.translate("ReportForm", "must be between {0} and {1}").format(
            low, high
        )
    return number, ""


def check_room_id(text: str) -> tuple[str | None, str]:
    """A room id is a numeric string, sent as a string."""
    value = text.strip()
    if not value:
        return None, QCoreApplication.translate("ReportForm", "required")
    if not (value.isascii() and value.isdigit()) or len(value) > 20:
        return None, QCoreApplication.translate(
            "ReportForm", "must be digits only (a numeric room id), not “{0}”"
        ).format(value)
    return value, ""


def check_ms(text: str) -> tuple[int | None, str]:
    """A UNIX time in milliseconds: 13 digits for any date from 2001 to 2286."""
    value = text.strip()
    if not value:
        return None, QCoreApplication.translate("ReportForm", "required")
    if not (value.isascii() and value.isdigit()):
        return None, QCoreApplication.translate(
            "ReportForm", "must be a UNIX time in milliseconds, not “{0}”"
        ).format(value)
    if len(value) == 10:
        return None, QCoreApplication.translate(
            "ReportForm", "looks like seconds: milliseconds have 13 digits"
        )
    if len(value) != 13:
        return None, QCoreApplication.translate(
            "ReportForm", "must be a UNIX time in milliseconds (13 digits)"
        )
    return int(value), ""


def check_ip(text: str) -> tuple[str | None, str]:
    value = text.strip()
    if not value:
        return None, QCoreApplication.translate("ReportForm", "required")
    try:
        return str(ipaddress.ip_address(value)), ""
    except ValueError:
        return None, QCoreApplication.translate(
            "ReportForm", "“{0}” is not an IPv4 or IPv6 address"
        ).format(value)


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


class Desk(Protocol):
    """Where a dialog hands its report (ui.outbox_controller.OutboxController)."""

    async def submit(self, report: StartReport | StopReport) -> Receipt: ...

    async def discard(self, entry_id: int) -> OutboxEntry: ...


class ReportDialog(QDialog):
    """A report form: subclasses build the report, this class previews and sends it.

    Sending hands the report to the outbox (:class:`Desk`), which stores it
    before the first try, and shows what became of that try: delivered,
    queued (kept and retried on its own), or rejected. The send runs as a
    task on the asyncio loop (``open()``, never ``exec()``: qasync #59);
    while it runs the send button is disabled, and once the report is
    delivered or queued the form locks, so a report goes out once per dialog.
    A rejected report stays in the outbox; sending the corrected form
    replaces it there. Closing the dialog stops waiting, never the report.

    Signals:
        report_sent(object, object): the report and its :class:`Receipt` (delivered or queued).
    """

    report_sent = Signal(object, object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._task: asyncio.Task[None] | None = None
        self._sent = False
        self._rejected: int | None = None  # the outbox entry of a rejected try, to replace
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

    def build_report(self) -> StartReport | StopReport | None:
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
            if self._rejected is not None:
                await self._desk.discard(self._rejected)  # the corrected form replaces it
                self._rejected = None
            receipt = await self._desk.submit(report)
        except asyncio.CancelledError:
            self._task = None  # the dialog is closing: leave its widgets alone
            raise
        except OutboxError as error:
            self._end_send(self.tr("Not sent: {0}").format(error), style=ERROR_STYLE)
            return
        except Exception as error:  # a bug: say so in the dialog, and let qasync log it
            self._end_send(self.tr("Could not send: {0}").format(error), style=ERROR_STYLE)
            raise
        self._show_receipt(report, receipt)

    def _show_receipt(self, report: StartReport | StopReport, receipt: Receipt) -> None:
        entry = receipt.entry
        if receipt.outcome == "failed":
            self._rejected = entry.id
            text = self.tr(
                "Rejected: {0}. Kept as outbox entry {1}: correct the form and send again"
                " to replace it, or retry or discard it in the outbox."
            ).format(entry.last_error, entry.id)
            self._end_send(text, style=ERROR_STYLE)
            return
        self._sent = True
        if receipt.outcome == "delivered":
            text = self.tr("Delivered: server answered {0} {1} (outbox entry {2}).").format(
                entry.answer_code, entry.answer, entry.id
            )
            style = OK_STYLE
        else:
            reason = receipt.event.message if receipt.event else self.tr("no answer yet")
            text = self.tr(
                "Not delivered yet: {0}. Kept as outbox entry {1}; it is sent again"
                " automatically, also after a restart."
            ).format(reason, entry.id)
            style = WAITING_STYLE
        self._end_send(text, style=style)
        self.report_sent.emit(report, receipt)

    def show_answer(self, text: str, *, style: str = OK_STYLE) -> None:
        self.answer.setText(text)
        self.answer.setStyleSheet(style)
        self.answer.show()

    def _begin_send(self) -> None:
        self.send_button().setEnabled(False)
        self.set_form_enabled(False)
        self.show_answer(self.tr("Sending…"))

    def _end_send(self, answer: str, *, style: str) -> None:
        self._task = None
        self.show_answer(answer, style=style)
        self.set_form_enabled(not self._sent)
        self.refresh()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()  # stops the wait; the stored report is still delivered
        super().done(result)

"""The stop report (关播) dialog: a confirmation that takes the typed room id to arm it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.api.models import StatusKind, StopReport, StreamRecord
from qiemonitor.core.formatting import now_ms
from qiemonitor.ui.checked_field import ERROR_STYLE, CheckedField
from qiemonitor.ui.report_form import (
    Desk,
    FormChecks,
    ReportDialog,
    check_id,
    check_ip,
    check_ms,
    check_text,
)
from qiemonitor.ui.stream_labels import status_text

__all__ = ["StopReportDialog"]

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class StopReportDialog(ReportDialog):
    """Report that a room stopped broadcasting (``POST /api/v1/live/stop``).

    No single click or key stops a broadcast: the operator types the room id
    (the Stop button stays disabled until it matches exactly), Cancel is the
    default button, and Enter only confirms from the room-id field once it
    matches. The typed id is asked for whatever the status says, since the
    status shown may be a poll behind.

    Signals:
        report_sent(object, object): the :class:`StopReport` and its :class:`Receipt`.
    """

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        record: StreamRecord,
        ip: str,
        desk: Desk,
    ) -> StopReportDialog:
        """Open the confirmation (``open()``, never ``exec()``) and return it."""
        dialog = cls(record, ip, desk, parent)
        dialog.open()
        return dialog

    def __init__(
        self,
        record: StreamRecord,
        ip: str,
        desk: Desk,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, parent)
        self.record = record
        self.setWindowTitle(self.tr("Stop report (关播) — room {0}").format(record.room_id))
        user_id = "" if record.user_id is None else str(record.user_id)
        self.fields: dict[str, CheckedField] = {
            "userId": CheckedField("userId", user_id, self),
            "endTime": CheckedField("endTime", str(now_ms()), self),
            "ip": CheckedField("ip", ip, self),
            "reason": CheckedField("reason", "", self),
        }
        self.confirm = QLineEdit(self)
        self.confirm.setObjectName("confirmRoomId")
        self.confirm.setPlaceholderText(record.room_id)
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(self)
        self._stop_button = self.buttons.addButton(
            self.tr("Stop broadcast"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self._stop_button.setObjectName("stopButton")
        self._stop_button.setAutoDefault(False)
        self._cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._cancel_button.setDefault(True)
        self._lay_out()
        self._connect_signals()
        self.refresh()
        self.confirm.setFocus()

    def _lay_out(self) -> None:
        record = self.record
        question = QLabel(self._question(), self)
        question.setWordWrap(True)
        question.setStyleSheet("font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.tr("Room id (roomId)"), QLabel(record.room_id, self))
        form.addRow(self.tr("Stream (streamName)"), QLabel(record.stream_name or "—", self))
        form.addRow(self.tr("Status"), QLabel(status_text(record.status), self))
        form.addRow(self.tr("User id (userId) *"), self.fields["userId"])
        end_row = QHBoxLayout()
        end_row.addWidget(self.fields["endTime"], 1)
        end_row.addWidget(self.now_button)
        form.addRow(self.tr("End time, ms (endTime) *"), end_row)
        form.addRow(self.tr("IP (ip) *"), self.fields["ip"])
        form.addRow(self.tr("Reason (reason)"), self.fields["reason"])
        confirm_label = QLabel(
            self.tr("Type the room id {0} to confirm *").format(record.room_id), self
        )
        confirm_label.setStyleSheet(ERROR_STYLE)
        form.addRow(confirm_label, self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("The body as it will be sent:"), self))
        layout.addWidget(self.preview)
        layout.addWidget(self.answer)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _question(self) -> str:
        record = self.record
        who = record.user_name or self.tr("(unknown broadcaster)")
        if record.kind is StatusKind.LIVE:
            text = self.tr("Stop the live broadcast of room {0} by {1}? Viewers will be cut off.")
        else:
            text = self.tr("Report the end of the broadcast of room {0} by {1}?")
        return text.format(record.room_id, who)

    def _connect_signals(self) -> None:
        for field in self.fields.values():
            field.edit.textChanged.connect(self.on_field_changed)
        self.confirm.textChanged.connect(self.on_field_changed)
        self.confirm.returnPressed.connect(self.on_confirm_return_pressed)
        self.now_button.clicked.connect(self.on_now_clicked)
        self._stop_button.clicked.connect(self.on_send_clicked)
        self._cancel_button.clicked.connect(self.reject)

    # -- ReportDialog ----------------------------------------------------

    def send_button(self) -> QPushButton:
        return self._stop_button

    def confirmed(self) -> bool:
        """Whether the typed room id matches exactly."""
        return self.confirm.text() == self.record.room_id

    def can_send(self) -> bool:
        return self.confirmed() and super().can_send()

    def build_report(self) -> StopReport | None:
        text = {key: field.text() for key, field in self.fields.items()}
        checks = FormChecks(self.fields)
        report = StopReport(
            room_id=self.record.room_id,
            user_id=checks.required("userId", check_id(text["userId"])),
            end_time=checks.required("endTime", check_ms(text["endTime"])),
            ip=checks.required("ip", check_ip(text["ip"])),
            stream_name=self.record.stream_name or None,
            reason=checks.optional("reason", check_text(text["reason"], required=False)),
        )
        return report if checks.ok else None

    def set_form_enabled(self, enabled: bool) -> None:
        for field in self.fields.values():
            field.edit.setReadOnly(not enabled)
        self.confirm.setReadOnly(not enabled)
        self.now_button.setEnabled(enabled)
        if self.sent:
            self._cancel_button.setText(self.tr("Close"))

    # -- slots and events ------------------------------------------------

    def on_field_changed(self, text: str) -> None:
        self.refresh()

    def on_now_clicked(self) -> None:
        self.fields["endTime"].edit.setText(str(now_ms()))

    def on_confirm_return_pressed(self) -> None:
        if self.can_send():
            self._stop_button.click()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS and self.focusWidget() is self.confirm:
            # Enter in the room-id field never reaches the default button (Cancel):
            # it confirms there once the id matches (on_confirm_return_pressed), else nothing.
            event.accept()
            return
        super().keyPressEvent(event)

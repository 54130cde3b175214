"""The start report (开播) dialog: every field checked, the body previewed, the answer inline."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.api.models import StartReport, StreamRecord
from qiemonitor.core.formatting import now_ms
from qiemonitor.ui.checked_field import CheckedField
from qiemonitor.ui.report_form import (
    Desk,
    FormChecks,
    ReportDialog,
    check_id,
    check_ip,
    check_ms,
    check_room_id,
    check_text,
)

__all__ = ["StartReportDialog"]


def _text(value: object) -> str:
    return "" if value is None else str(value)


class StartReportDialog(ReportDialog):
    """Report that a room started broadcasting (``POST /api/v1/live/start``).

    Prefilled from the selected record, with ``startTime`` now and ``ip``
    this machine's outbound address; Send stays disabled while any field is
    wrong, and each wrong field says why beneath it.

    Signals:
        report_sent(object, object): the :class:`StartReport` and its :class:`Receipt`.
    """

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        prefill: StreamRecord | None,
        ip: str,
        desk: Desk,
    ) -> StartReportDialog:
        """Open the dialog (non-modal to the loop: ``open()``) and return it."""
        dialog = cls(prefill, ip, desk, parent)
        dialog.open()
        return dialog

    def __init__(
        self,
        prefill: StreamRecord | None,
        ip: str,
        desk: Desk,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("Start report (开播)"))
        record = prefill
        self.fields: dict[str, CheckedField] = {
            "startTime": CheckedField("startTime", str(now_ms()), self),
            "categoryId": CheckedField("categoryId", _text(record and record.category_id), self),
            "categoryName": CheckedField(
                "categoryName", _text(record and record.category_name), self
            ),
            "userId": CheckedField("userId", _text(record and record.user_id), self),
            "userName": CheckedField("userName", _text(record and record.user_name), self),
            "title": CheckedField("title", _text(record and record.title), self),
            "roomId": CheckedField("roomId", _text(record and record.room_id), self),
            "ip": CheckedField("ip", ip, self),
        }
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(self)
        self._send_button = self.buttons.addButton(
            self.tr("Send"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self._send_button.setObjectName("sendButton")
        self._close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        self._connect_signals()
        self.refresh()

    def _lay_out(self) -> None:
        labels = {
            "startTime": self.tr("Start time, ms (startTime) *"),
            "categoryId": self.tr("Category id (categoryId) *"),
            "categoryName": self.tr("Category name (categoryName)"),
            "userId": self.tr("User id (userId) *"),
            "userName": self.tr("User name (userName) *"),
            "title": self.tr("Title (title) *"),
            "roomId": self.tr("Room id (roomId) *"),
            "ip": self.tr("Broadcaster's IP (ip) *"),
        }
        form = QFormLayout()
        for key, field in self.fields.items():
            if key == "startTime":
                row = QHBoxLayout()
                row.addWidget(field, 1)
                row.addWidget(self.now_button)
                form.addRow(labels[key], row)
            else:
                form.addRow(labels[key], field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(self.tr("Required fields are marked *. The body as it will be sent:"), self)
        )
        layout.addWidget(self.preview)
        layout.addWidget(self.answer)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _connect_signals(self) -> None:
        for field in self.fields.values():
            field.edit.textChanged.connect(self.on_field_changed)
        self.now_button.clicked.connect(self.on_now_clicked)
        self._send_button.clicked.connect(self.on_send_clicked)
        self._close_button.clicked.connect(self.reject)

    # -- ReportDialog ----------------------------------------------------

    def send_button(self) -> QPushButton:
        return self._send_button

    def build_report(self) -> StartReport | None:
        text = {key: field.text() for key, field in self.fields.items()}
        checks = FormChecks(self.fields)
        report = StartReport(
            start_time=checks.required("startTime", check_ms(text["startTime"])),
            category_id=checks.required("categoryId", check_id(text["categoryId"], low=0)),
            category_name=checks.optional(
                "categoryName", check_text(text["categoryName"], required=False)
            ),
            user_id=checks.required("userId", check_id(text["userId"])),
            user_name=checks.required("userName", check_text(text["userName"], required=True)),
            title=checks.required("title", check_text(text["title"], required=True)),
            room_id=checks.required("roomId", check_room_id(text["roomId"])),
            ip=checks.required("ip", check_ip(text["ip"])),
        )
        return report if checks.ok else None

    def set_form_enabled(self, enabled: bool) -> None:
        for field in self.fields.values():
            field.edit.setReadOnly(not enabled)
        self.now_button.setEnabled(enabled)
        if self.sent:
            self._close_button.setText(self.tr("Close"))

    # -- slots -----------------------------------------------------------

    def on_field_changed(self, text: str) -> None:
        self.refresh()

    def on_now_clicked(self) -> None:
        self.fields["startTime"].edit.setText(str(now_ms()))

"""The Settings dialog: server, timing, TLS, the API token and playback base URLs."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.core.config import (
    POLL_RANGE,
    TIMEOUT_RANGE,
    AppConfig,
    http_url_problem,
    token_problem,
)
from qiemonitor.ui.bucket_table import BucketTable
from qiemonitor.ui.checked_field import ERROR_STYLE, CheckedField

__all__ = ["SettingsDialog", "parse_seconds"]

SAVED_TOKEN_MARK = "••••••••"
_WARNING_STYLE = f"{ERROR_STYLE} font-weight: bold;"


def parse_seconds(text: str) -> float | None:
    """A number of seconds as typed (``2.5`` or ``2,5``), or ``None`` when it is not one."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _seconds_text(value: float) -> str:
    """``30`` rather than ``30.0``, yet never a rounded value."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


class SettingsDialog(QDialog):
    """Edits an :class:`AppConfig` and the token; the caller saves what it is handed.

    The token is never shown again once saved (the dialog is only told
    *whether* one is saved): it says so, and offers a field to replace it
    and a box to forget it. Every field is checked as it is typed; a problem
    shows as one line beneath its field and keeps OK disabled.

    Signals:
        accepted_config(object): the new :class:`AppConfig`, after OK with every field valid.
        token_changed(object): the new token (``str``), or ``None`` to delete the saved one;
            only when the operator changed it, and always after ``accepted_config``.
    """

    accepted_config = Signal(object)
    token_changed = Signal(object)

    @classmethod
    def ask(cls, parent: QWidget | None, config: AppConfig, token_saved: bool) -> SettingsDialog:
        """Open the dialog (``open()``, never ``exec()``) and return it."""
        dialog = cls(config, token_saved, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def __init__(self, config: AppConfig, token_saved: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._config = config
        self._token_saved = token_saved
        self._make_server_fields(config)
        self._make_token_fields()
        self.buckets = BucketTable(config.bucket_base_urls, self)
        self.buckets_error = QLabel(self)
        self.buckets_error.setObjectName("bucketsError")
        self.buckets_error.setStyleSheet(ERROR_STYLE)
        self.buckets_error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._lay_out()
        self._connect_signals()
        self.on_insecure_toggled(config.insecure)
        self.refresh()

    # -- building --------------------------------------------------------

    def _make_server_fields(self, config: AppConfig) -> None:
        self.server_url = self._field("serverUrl", config.server_url)
        self.server_url.edit.setPlaceholderText(self.tr("https://streams.example.com"))
        self.timeout = self._field("timeout", _seconds_text(config.timeout))
        self.poll_interval = self._field("pollInterval", _seconds_text(config.poll_interval))
        for field, (low, high) in ((self.timeout, TIMEOUT_RANGE), (self.poll_interval, POLL_RANGE)):
            field.edit.setPlaceholderText(self.tr("{0} to {1}").format(f"{low:g}", f"{high:g}"))
            field.edit.setMaximumWidth(120)
        self.ca_file = self._field("caFile", config.ca_file or "")
        self.ca_file.edit.setPlaceholderText(self.tr("The system's certificates"))
        self.browse_button = QPushButton(self.tr("Bro&wse…"), self)
        self.browse_button.setAutoDefault(False)
        self._make_insecure_fields(config)

    def _make_insecure_fields(self, config: AppConfig) -> None:
        self.insecure = QCheckBox(self.tr("Do &not verify TLS certificates (insecure)"), self)
        self.insecure.setObjectName("insecure")
        self.insecure.setChecked(config.insecure)
        self.insecure_warning = QLabel(
            self.tr(
                "TLS verification is off: anyone on the network path can read the token "
                "and change what this window shows. Use this only on a test rig."
            ),
            self,
        )
        self.insecure_warning.setObjectName("insecureWarning")
        self.insecure_warning.setStyleSheet(_WARNING_STYLE)
        self.insecure_warning.setWordWrap(True)
        self.insecure_row = QWidget(self)
        row = QHBoxLayout(self.insecure_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(_warning_icon(self), 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.insecure_warning, 1)

    def _field(self, name: str, text: str) -> CheckedField:
        field = CheckedField(name, text, self)
        field.setFocusProxy(field.edit)  # so that field.setFocus() reaches the line edit
        return field

    def _make_token_fields(self) -> None:
        self.token_state = QLabel(self)
        self.token_state.setObjectName("tokenState")
        self.token = self._field("token", "")
        self.token.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_token = QCheckBox(self.tr("For&get the saved token"), self)
        self.forget_token.setObjectName("forgetToken")
        if self._token_saved:
            self.token_state.setText(
                SAVED_TOKEN_MARK + "  " + self.tr("saved in the system keyring")
            )
            self.token.edit.setPlaceholderText(self.tr("Leave empty to keep the saved token"))
        else:
            self.token_state.setText(self.tr("None saved"))
            self.token.edit.setPlaceholderText(self.tr("Paste the API token here"))
        self.forget_token.setVisible(self._token_saved)

    def _label(self, text: str, field: CheckedField) -> QLabel:
        """A form label whose mnemonic reaches the line edit: QLabel checks its buddy's
        own focus policy, not its focus proxy's, so the wrapper will not do."""
        label = QLabel(text, self)
        label.setBuddy(field.edit)
        return label

    def _server_form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(self._label(self.tr("&Server URL"), self.server_url), self.server_url)
        form.addRow(self._label(self.tr("Request &timeout (seconds)"), self.timeout), self.timeout)
        form.addRow(
            self._label(self.tr("&Poll every (seconds)"), self.poll_interval), self.poll_interval
        )
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self._label(self.tr("CA certificates &file"), self.ca_file), ca_row)
        form.addRow("", self.insecure)
        form.addRow("", self.insecure_row)
        return form

    def _token_form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Saved token"), self), self.token_state)
        form.addRow(self._label(self.tr("New to&ken"), self.token), self.token)
        form.addRow("", self.forget_token)
        return form

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        forms = (self._server_form(), self._token_form())
        for title, form in zip((self.tr("Server"), self.tr("API token")), forms, strict=True):
            box = QGroupBox(title, self)
            box.setLayout(form)
            layout.addWidget(box)
        _align_labels(forms)
        # The group's mnemonic moves focus to its first child, the table.
        playback = QGroupBox(self.tr("Play&back URLs"), self)
        column = QVBoxLayout(playback)
        hint = QLabel(self.tr("A rendition plays from {base}/{key}; set the base per bucket."))
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(self.buckets)
        column.addWidget(self.buckets_error)
        layout.addWidget(playback, 1)
        layout.addWidget(self.buttons)
        self.resize(600, self.sizeHint().height())

    def _connect_signals(self) -> None:
        for field in (self.server_url, self.timeout, self.poll_interval, self.ca_file, self.token):
            field.edit.textChanged.connect(self.on_input_changed)
        self.buckets.changed.connect(self.on_input_changed)
        self.insecure.toggled.connect(self.on_insecure_toggled)
        self.forget_token.toggled.connect(self.on_forget_token_toggled)
        self.browse_button.clicked.connect(self.on_browse_clicked)
        self.buttons.accepted.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    # -- checking --------------------------------------------------------

    def problems(self) -> dict[str, str]:
        """What is wrong, by field (its object name); empty when OK may be pressed."""
        found: dict[str, str] = {}
        if http_url_problem(self.server_url.text()):
            found["serverUrl"] = self.tr("Must be an http:// or https:// URL with a host.")
        for field, bounds in ((self.timeout, TIMEOUT_RANGE), (self.poll_interval, POLL_RANGE)):
            if problem := self._seconds_problem(field.text(), bounds):
                found[field.edit.objectName()] = problem
        ca_file = self.ca_file.text().strip()
        # With verification off the CA file is not used, so it cannot be wrong.
        if ca_file and not self.insecure.isChecked() and not Path(ca_file).is_file():
            found["caFile"] = self.tr("No such file: {0}").format(ca_file)
        typed = self.token.text().strip()
        if typed and token_problem(typed):
            found["token"] = self.tr("A token is printable ASCII, with no spaces or line breaks.")
        if problem := self.buckets.problem():
            found["buckets"] = problem
        return found

    def _seconds_problem(self, text: str, bounds: tuple[float, float]) -> str:
        low, high = bounds
        value = parse_seconds(text)
        if value is None:
            return self.tr("Enter a number of seconds.")
        if not low <= value <= high:
            return self.tr("Must be between {0} and {1} seconds.").format(f"{low:g}", f"{high:g}")
        return ""

    def refresh(self) -> None:
        """Show each field's problem beneath it, and allow OK only when there is none."""
        problems = self.problems()
        for field in (self.server_url, self.timeout, self.poll_interval, self.ca_file, self.token):
            field.set_error(problems.get(field.edit.objectName(), ""))
        self.buckets_error.setText(problems.get("buckets", ""))
        self.buckets_error.setVisible("buckets" in problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def config(self) -> AppConfig:
        """The settings as the form stands (check :meth:`problems` first)."""
        return self._config.with_changes(
            server_url=self.server_url.text().strip(),
            timeout=parse_seconds(self.timeout.text()),
            poll_interval=parse_seconds(self.poll_interval.text()),
            ca_file=self.ca_file.text().strip() or None,
            insecure=self.insecure.isChecked(),
            bucket_base_urls=self.buckets.bases(),
        )

    def new_token(self) -> tuple[bool, str | None]:
        """(changed, token): a typed token replaces; "forget" deletes; else unchanged."""
        if self._token_saved and self.forget_token.isChecked():
            return True, None
        typed = self.token.text().strip()
        return (True, typed) if typed else (False, None)

    # -- slots -----------------------------------------------------------

    def on_input_changed(self) -> None:
        self.refresh()

    def on_insecure_toggled(self, checked: bool) -> None:
        self.insecure_row.setVisible(checked)
        # Bold always, so it is never mistaken for an ordinary option; red only when on,
        # so that when off it is not mistaken for one of the fields' error lines.
        style = _WARNING_STYLE if checked else "font-weight: bold;"
        self.insecure.setStyleSheet(f"QCheckBox {{ {style} }}")
        self.ca_file.setEnabled(not checked)
        self.browse_button.setEnabled(not checked)
        self.refresh()

    def on_forget_token_toggled(self, checked: bool) -> None:
        self.token.setEnabled(not checked)
        if checked:
            self.token.edit.clear()

    def on_browse_clicked(self) -> None:
        # open() rather than the static getOpenFileName, which runs a nested loop.
        chooser = QFileDialog(self, self.tr("CA certificates file"))
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        chooser.fileSelected.connect(self.ca_file.edit.setText)
        chooser.open()

    def on_ok_clicked(self) -> None:
        self.refresh()
        if self.problems():
            return
        self.accepted_config.emit(self.config())
        changed, token = self.new_token()
        if changed:
            self.token_changed.emit(token)
        self.accept()


def _align_labels(forms: tuple[QFormLayout, ...]) -> None:
    """Give every form's labels one width, so the groups' fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def _warning_icon(parent: QWidget) -> QLabel:
    """A small warning sign, for a line that must not be missed."""
    icon = QLabel(parent)
    style = parent.style()
    size = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
    return icon

"""The Settings dialog: server, timing, TLS, the API token and playback base URLs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.core.config import POLL_RANGE, TIMEOUT_RANGE, AppConfig, http_url_problem
from qiemonitor.ui.bucket_table import BucketTable
from qiemonitor.ui.checked_field import ERROR_STYLE, CheckedField

__all__ = ["SettingsDialog"]

SAVED_TOKEN_MARK = "•••• "


def _seconds_box(value: float, bounds: tuple[float, float], parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(*bounds)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" s")
    box.setValue(value)
    return box


class SettingsDialog(QDialog):
    """Edits an :class:`AppConfig` and the token; the caller saves what it is handed.

    The token is never shown again once saved: the dialog says it is saved
    and offers a field to replace it or a box to forget it.

    Signals:
        accepted_config(object): the new :class:`AppConfig`, after OK with every field valid.
        token_changed(object): the new token (``str``), or ``None`` to delete the saved one;
            only when the operator changed it.
    """

    accepted_config = Signal(object)
    token_changed = Signal(object)

    @classmethod
    def ask(cls, parent: QWidget | None, config: AppConfig, token_saved: bool) -> SettingsDialog:
        """Open the dialog (``open()``, never ``exec()``) and return it."""
        dialog = cls(config, token_saved, parent)
        dialog.open()
        return dialog

    def __init__(self, config: AppConfig, token_saved: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._config = config
        self._token_saved = token_saved
        self.server_url = CheckedField("serverUrl", config.server_url, self)
        self.timeout = _seconds_box(config.timeout, TIMEOUT_RANGE, self)
        self.poll_interval = _seconds_box(config.poll_interval, POLL_RANGE, self)
        self.ca_file = CheckedField("caFile", config.ca_file or "", self)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.insecure = QCheckBox(self.tr("Do not verify TLS certificates (insecure)"), self)
        self.insecure.setObjectName("insecure")
        self.insecure.setStyleSheet(f"QCheckBox {{ {ERROR_STYLE} font-weight: bold; }}")
        self.insecure.setChecked(config.insecure)
        self.token_state = QLabel(self)
        self.token = QLineEdit(self)
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_token = QCheckBox(self.tr("Forget the saved token"), self)
        self.buckets = BucketTable(config.bucket_base_urls, self)
        self.buckets_error = QLabel(self)
        self.buckets_error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._show_token_state()
        self._lay_out()
        self._connect_signals()
        self.refresh()

    def _show_token_state(self) -> None:
        if self._token_saved:
            self.token_state.setText(SAVED_TOKEN_MARK + self.tr("(saved)"))
            self.token.setPlaceholderText(self.tr("Replace…"))
        else:
            self.token_state.setText(self.tr("No token saved"))
            self.token.setPlaceholderText(self.tr("API token (kept in the system keyring)"))
        self.forget_token.setVisible(self._token_saved)

    def _lay_out(self) -> None:
        server = QFormLayout()
        server.addRow(self.tr("Server URL"), self.server_url)
        server.addRow(self.tr("Request timeout"), self.timeout)
        server.addRow(self.tr("Poll every"), self.poll_interval)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse_button)
        server.addRow(self.tr("CA certificates file"), ca_row)
        server.addRow("", self.insecure)
        token = QFormLayout()
        token.addRow(self.tr("Token"), self.token_state)
        token.addRow("", self.token)
        token.addRow("", self.forget_token)
        groups = (
            (self.tr("Server"), server),
            (self.tr("API token"), token),
        )
        layout = QVBoxLayout(self)
        for title, form in groups:
            box = QGroupBox(title, self)
            box.setLayout(form)
            layout.addWidget(box)
        playback = QGroupBox(self.tr("Playback URLs"), self)
        column = QVBoxLayout(playback)
        column.addWidget(
            QLabel(self.tr("A rendition plays from {base}/{key}; set the base per bucket."), self)
        )
        column.addWidget(self.buckets)
        column.addWidget(self.buckets_error)
        layout.addWidget(playback)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _connect_signals(self) -> None:
        self.server_url.edit.textChanged.connect(self.on_input_changed)
        self.ca_file.edit.textChanged.connect(self.on_input_changed)
        self.buckets.changed.connect(self.on_input_changed)
        self.forget_token.toggled.connect(self.on_forget_token_toggled)
        self.browse_button.clicked.connect(self.on_browse_clicked)
        self.buttons.accepted.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    # -- checking --------------------------------------------------------

    def problems(self) -> dict[str, str]:
        """What is wrong, by field; empty when OK may be pressed."""
        found: dict[str, str] = {}
        if http_url_problem(self.server_url.text()):
            found["serverUrl"] = self.tr("Must be an http:// or https:// URL with a host.")
        ca_file = self.ca_file.text().strip()
        if ca_file and not Path(ca_file).is_file():
            found["caFile"] = self.tr("No such file: {0}").format(ca_file)
        if problem := self.buckets.problem():
            found["buckets"] = problem
        return found

    def refresh(self) -> None:
        problems = self.problems()
        self.server_url.set_error(problems.get("serverUrl", ""))
        self.ca_file.set_error(problems.get("caFile", ""))
        self.buckets_error.setText(problems.get("buckets", ""))
        self.buckets_error.setVisible("buckets" in problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def config(self) -> AppConfig:
        """The settings as the form stands (check :meth:`problems` first)."""
        return self._config.with_changes(
            server_url=self.server_url.text().strip(),
            timeout=self.timeout.value(),
            poll_interval=self.poll_interval.value(),
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

    def on_forget_token_toggled(self, checked: bool) -> None:
        self.token.setEnabled(not checked)
        if checked:
            self.token.clear()

    def on_browse_clicked(self) -> None:
        # open() rather than the static getOpenFileName, which runs a nested loop.
        chooser = QFileDialog(self, self.tr("CA certificates file"))
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

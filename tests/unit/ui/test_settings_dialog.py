"""The Settings dialog: prefilled, checked as typed, persisted, and the token never shown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from qiemonitor.core.config import AppConfig, load_token, read_config, save_config, save_token
from qiemonitor.ui.settings_dialog import SettingsDialog, parse_seconds

SECRET = "s3cret-Token_0123456789abcdef"


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring: Any) -> None:
    """Every test here gets the in-memory keyring (tests/conftest.py)."""


@pytest.fixture
def ca_file(tmp_path: Path) -> Path:
    path = tmp_path / "our-ca.pem"
    path.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    return path


@pytest.fixture
def full_config(ca_file: Path) -> AppConfig:
    return AppConfig(
        server_url="https://streams.example.com:8443",
        timeout=2.5,
        poll_interval=30,
        bucket_base_urls={"qietv-video-play": "https://play.example.com/vod", "直播": "http://x/"},
        ca_file=str(ca_file),
        insecure=False,
        status_labels={2: "banned"},
    )


def _dialog(qtbot: Any, config: AppConfig, *, token_saved: bool = False) -> SettingsDialog:
    dialog = SettingsDialog(config, token_saved)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog: SettingsDialog) -> QAbstractButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _error(dialog: SettingsDialog, name: str) -> QLabel:
    label = dialog.findChild(QLabel, f"{name}Error")
    assert label is not None, name
    return label


def _shown_errors(dialog: SettingsDialog) -> dict[str, str]:
    labels = dialog.findChildren(QLabel)
    return {
        label.objectName(): label.text()
        for label in labels
        if label.objectName().endswith("Error") and label.isVisibleTo(dialog)
    }


def _accept(qtbot: Any, dialog: SettingsDialog) -> AppConfig:
    with qtbot.waitSignal(dialog.accepted_config, timeout=1000) as accepted:
        _ok(dialog).click()
    config: AppConfig = accepted.args[0]
    return config


# -- opening ---------------------------------------------------------------


def test_the_dialog_opens_prefilled_from_the_config(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config)
    assert dialog.server_url.text() == "https://streams.example.com:8443"
    assert dialog.timeout.text() == "2.5"
    assert dialog.poll_interval.text() == "30"
    assert dialog.ca_file.text() == full_config.ca_file
    assert not dialog.insecure.isChecked()
    assert dialog.buckets.rows() == [
        ("qietv-video-play", "https://play.example.com/vod"),
        ("直播", "http://x/"),
    ]
    assert dialog.problems() == {}
    assert _shown_errors(dialog) == {}
    assert _ok(dialog).isEnabled()
    assert dialog.token.text() == ""
    assert dialog.token_state.text() == "None saved"
    assert not dialog.forget_token.isVisibleTo(dialog)


def test_ok_without_changes_gives_back_the_same_config(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config)
    with qtbot.assertNotEmitted(dialog.token_changed):
        assert _accept(qtbot, dialog) == full_config


def test_edited_settings_are_emitted_as_a_new_config(
    qtbot: Any, full_config: AppConfig, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, full_config)
    dialog.server_url.edit.setText("  http://10.0.0.7:8080/  ")
    dialog.timeout.edit.setText("7,5")
    dialog.poll_interval.edit.setText("120")
    dialog.ca_file.edit.setText("")
    dialog.insecure.setChecked(True)
    dialog.buckets.add_row("rec", "https://rec.example.com/")
    assert _accept(qtbot, dialog) == AppConfig(
        server_url="http://10.0.0.7:8080/",
        timeout=7.5,
        poll_interval=120.0,
        bucket_base_urls={
            "qietv-video-play": "https://play.example.com/vod",
            "直播": "http://x/",
            "rec": "https://rec.example.com/",
        },
        ca_file=None,
        insecure=True,
        status_labels={2: "banned"},  # not on the form, and not lost
    )


def test_ask_opens_without_a_nested_loop_and_the_dialog_goes_when_closed(
    qtbot: Any, full_config: AppConfig
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = SettingsDialog.ask(parent, full_config, token_saved=False)  # returns at once
    assert dialog.isVisible()
    assert dialog.isModal()  # window-modal through open(), not exec()
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert parent.findChildren(SettingsDialog) == []


# -- refusing bad input ----------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("server_url", "streams.example.com", "Must be an http:// or https:// URL with a host."),
        ("server_url", "http://host:port", "Must be an http:// or https:// URL with a host."),
        ("server_url", "", "Must be an http:// or https:// URL with a host."),
        ("timeout", "ten", "Enter a number of seconds."),
        ("timeout", "", "Enter a number of seconds."),
        ("timeout", "nan", "Enter a number of seconds."),
        ("timeout", "500", "Must be between 0.5 and 120 seconds."),
        ("poll_interval", "0.2", "Must be between 1 and 3600 seconds."),
        ("poll_interval", "-5", "Must be between 1 and 3600 seconds."),
        ("poll_interval", "1e9", "Must be between 1 and 3600 seconds."),
        ("token", "two words", "A token is printable ASCII, with no spaces or line breaks."),
        ("token", "令牌", "A token is printable ASCII, with no spaces or line breaks."),
    ],
)
def test_bad_input_is_refused_with_one_line_beside_its_field(
    qtbot: Any, full_config: AppConfig, field: str, text: str, message: str
) -> None:
    dialog = _dialog(qtbot, full_config)
    edit: QLineEdit = getattr(dialog, field).edit
    edit.setText(text)
    error = _error(dialog, edit.objectName())
    assert _shown_errors(dialog) == {error.objectName(): message}
    assert "\n" not in error.text()
    assert not _ok(dialog).isEnabled()
    with (
        qtbot.assertNotEmitted(dialog.accepted_config),
        qtbot.assertNotEmitted(dialog.token_changed),
    ):
        dialog.on_ok_clicked()  # even if OK were pressed some other way
    assert dialog.isVisible()
    edit.setText(GOOD_TEXT[field])
    assert _shown_errors(dialog) == {}
    assert _ok(dialog).isEnabled()


GOOD_TEXT = {
    "server_url": "http://127.0.0.1:8080",
    "timeout": "10",
    "poll_interval": "5",
    "token": "",
}


def test_enter_in_a_bad_field_does_not_accept_and_escape_cancels(
    qtbot: Any, full_config: AppConfig
) -> None:
    dialog = _dialog(qtbot, full_config)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.poll_interval.edit.setText("0")
    dialog.poll_interval.setFocus()
    with qtbot.assertNotEmitted(dialog.accepted_config):
        qtbot.keyClick(dialog.poll_interval.edit, Qt.Key.Key_Return)
        assert dialog.isVisible()
        dialog.poll_interval.edit.setText("60")
        qtbot.keyClick(dialog.poll_interval.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_enter_accepts_once_every_field_is_good(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.poll_interval.setFocus()
    dialog.poll_interval.edit.setText("60")
    with qtbot.waitSignal(dialog.accepted_config, timeout=1000) as accepted:
        qtbot.keyClick(dialog.poll_interval.edit, Qt.Key.Key_Return)
    assert accepted.args[0].poll_interval == 60.0


def test_a_missing_ca_file_is_refused_and_names_the_file(
    qtbot: Any, full_config: AppConfig, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, full_config)
    missing = tmp_path / "gone.pem"
    dialog.ca_file.edit.setText(str(missing))
    assert _shown_errors(dialog) == {"caFileError": f"No such file: {missing}"}
    assert not _ok(dialog).isEnabled()
    dialog.ca_file.edit.setText(str(tmp_path))  # a directory is not a file either
    assert "caFileError" in _shown_errors(dialog)


@pytest.mark.parametrize(
    ("bucket", "base", "message"),
    [
        ("rec", "not a url", "Bucket “rec”: the base URL must be http:// or https:// with a host."),
        ("rec", "", "Bucket “rec”: the base URL must be http:// or https:// with a host."),
        ("", "https://rec.example.com", "A base URL has no bucket name."),
        ("直播", "https://again.example.com", "Bucket “直播” is listed twice."),
    ],
)
def test_a_bad_bucket_row_is_refused_beneath_the_table(
    qtbot: Any, full_config: AppConfig, bucket: str, base: str, message: str
) -> None:
    dialog = _dialog(qtbot, full_config)
    row = dialog.buckets.add_row(bucket, base)
    assert _shown_errors(dialog) == {"bucketsError": message}
    assert not _ok(dialog).isEnabled()
    dialog.buckets.table.selectRow(row)
    dialog.buckets.remove_button.click()
    assert _shown_errors(dialog) == {}
    assert _ok(dialog).isEnabled()


def test_an_empty_added_row_is_ignored_not_refused(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config)
    dialog.buckets.add_button.click()
    assert _ok(dialog).isEnabled()
    assert _accept(qtbot, dialog).bucket_base_urls == full_config.bucket_base_urls


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2.5", 2.5), (" 2,5 ", 2.5), ("10", 10.0), ("", None), ("inf", None), ("1s", None)],
)
def test_parse_seconds(text: str, seconds: float | None) -> None:
    assert parse_seconds(text) == seconds


# -- TLS -------------------------------------------------------------------


def test_turning_tls_verification_off_is_loudly_labelled(
    qtbot: Any, full_config: AppConfig
) -> None:
    dialog = _dialog(qtbot, full_config)
    assert "insecure" in dialog.insecure.text()
    assert "font-weight: bold" in dialog.insecure.styleSheet()
    assert "#c62828" not in dialog.insecure.styleSheet()  # off: not red like an error line
    assert not dialog.insecure_warning.isVisibleTo(dialog)
    dialog.insecure.setChecked(True)
    assert "#c62828" in dialog.insecure.styleSheet()  # on: red, and the warning beneath
    assert dialog.insecure_warning.isVisibleTo(dialog)
    assert "TLS verification is off" in dialog.insecure_warning.text()
    assert "token" in dialog.insecure_warning.text()
    assert "font-weight: bold" in dialog.insecure_warning.styleSheet()
    # The CA file is not used without verification: greyed out, and never blocks OK.
    assert not dialog.ca_file.isEnabled()
    assert not dialog.browse_button.isEnabled()
    dialog.ca_file.edit.setText("/no/such/ca.pem")
    assert _ok(dialog).isEnabled()
    dialog.insecure.setChecked(False)
    assert not dialog.insecure_warning.isVisibleTo(dialog)
    assert not _ok(dialog).isEnabled()


def test_a_saved_insecure_setting_opens_with_its_warning(
    qtbot: Any, full_config: AppConfig
) -> None:
    dialog = _dialog(qtbot, full_config.with_changes(insecure=True))
    assert dialog.insecure.isChecked()
    assert dialog.insecure_warning.isVisibleTo(dialog)


# -- the token -------------------------------------------------------------


def _all_text(dialog: SettingsDialog) -> str:
    parts = [edit.text() for edit in dialog.findChildren(QLineEdit)]
    parts += [edit.placeholderText() for edit in dialog.findChildren(QLineEdit)]
    parts += [label.text() for label in dialog.findChildren(QLabel)]
    parts += [widget.toolTip() for widget in dialog.findChildren(QWidget)]
    return "\n".join(parts)


def test_a_saved_token_is_never_shown_only_that_one_is_saved(
    qtbot: Any, full_config: AppConfig
) -> None:
    save_token(full_config.server_url, SECRET)
    dialog = _dialog(qtbot, full_config, token_saved=load_token(full_config.server_url) is not None)
    assert "saved in the system keyring" in dialog.token_state.text()
    assert dialog.token.text() == ""
    assert dialog.token.edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.forget_token.isVisibleTo(dialog)
    assert SECRET not in _all_text(dialog)
    assert SECRET[:6] not in _all_text(dialog)


def test_a_typed_token_is_emitted_after_the_config(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config, token_saved=True)
    dialog.token.edit.setText(f"  {SECRET}  ")
    assert dialog.token.edit.echoMode() == QLineEdit.EchoMode.Password
    order: list[str] = []
    dialog.accepted_config.connect(lambda _: order.append("config"))
    dialog.token_changed.connect(lambda _: order.append("token"))
    with qtbot.waitSignal(dialog.token_changed, timeout=1000) as changed:
        _ok(dialog).click()
    assert changed.args == [SECRET]
    assert order == ["config", "token"]


def test_forget_emits_none_and_empties_the_new_token_field(
    qtbot: Any, full_config: AppConfig
) -> None:
    dialog = _dialog(qtbot, full_config, token_saved=True)
    dialog.token.edit.setText("half-typed")
    dialog.forget_token.setChecked(True)
    assert dialog.token.text() == ""
    assert not dialog.token.isEnabled()
    with qtbot.waitSignal(dialog.token_changed, timeout=1000) as changed:
        _ok(dialog).click()
    assert changed.args == [None]


def test_no_token_typed_means_no_token_change(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config, token_saved=True)
    dialog.timeout.edit.setText("3")
    with qtbot.assertNotEmitted(dialog.token_changed):
        assert _accept(qtbot, dialog).timeout == 3.0


# -- settings persist ------------------------------------------------------


def test_settings_persist_through_the_file_and_the_token_through_the_keyring(
    qtbot: Any, full_config: AppConfig, tmp_path: Path, memory_keyring: Any
) -> None:
    """What app.py does with the dialog's signals, then a second start reading it back."""
    path = tmp_path / "config" / "config.toml"
    dialog = _dialog(qtbot, AppConfig())
    dialog.server_url.edit.setText(full_config.server_url)
    dialog.timeout.edit.setText("2.5")
    dialog.poll_interval.edit.setText("30")
    dialog.ca_file.edit.setText(full_config.ca_file or "")
    dialog.insecure.setChecked(True)
    for bucket, base in full_config.bucket_base_urls.items():
        dialog.buckets.add_row(bucket, base)
    dialog.token.edit.setText(SECRET)
    saved: list[AppConfig] = []
    dialog.accepted_config.connect(lambda config: (save_config(config, path), saved.append(config)))
    dialog.token_changed.connect(lambda token: save_token(saved[-1].server_url, token))
    with qtbot.waitSignal(dialog.token_changed, timeout=1000):
        _ok(dialog).click()

    loaded = read_config(path)
    assert loaded.problem is None
    assert loaded.config == full_config.with_changes(insecure=True, status_labels={})
    assert SECRET not in path.read_text(encoding="utf-8")
    assert "token" not in path.read_text(encoding="utf-8")
    assert memory_keyring.secrets == {("qiemonitor", full_config.server_url): SECRET}
    assert load_token(full_config.server_url + "/") == SECRET  # one token per server

    again = _dialog(qtbot, loaded.config, token_saved=True)
    assert (again.server_url.text(), again.timeout.text(), again.poll_interval.text()) == (
        full_config.server_url,
        "2.5",
        "30",
    )
    assert again.insecure.isChecked()
    assert dict(again.buckets.rows()) == full_config.bucket_base_urls
    assert SECRET not in _all_text(again)


def test_forgetting_the_token_leaves_nothing_in_the_keyring(
    qtbot: Any, full_config: AppConfig, memory_keyring: Any
) -> None:
    save_token(full_config.server_url, SECRET)
    dialog = _dialog(qtbot, full_config, token_saved=True)
    dialog.token_changed.connect(lambda token: save_token(full_config.server_url, token))
    dialog.forget_token.setChecked(True)
    with qtbot.waitSignal(dialog.token_changed, timeout=1000):
        _ok(dialog).click()
    assert memory_keyring.secrets == {}


# -- the keyboard ----------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def test_every_label_and_button_has_its_own_mnemonic(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config, token_saved=True)
    buttons = dialog.buttons.buttons()
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b not in buttons]
    texts += [box.title() for box in dialog.findChildren(QGroupBox) if "&" in box.title()]
    texts += [b.text() for b in buttons if "&" in b.text()]  # OK/Cancel, where the style adds one
    keys = [_mnemonic(text) for text in texts if text]
    assert None not in keys, texts
    assert len(keys) == len(set(keys)), texts
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None:
            assert label.buddy().focusPolicy() != Qt.FocusPolicy.NoFocus, label.text()


def test_tab_reaches_every_control(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config, token_saved=True)
    dialog.buckets.table.selectRow(0)  # so that Remove is enabled
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.server_url.setFocus()
    qtbot.waitUntil(lambda: dialog.server_url.edit.hasFocus())
    reached: list[QWidget] = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        if widget in reached:
            break
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)  # the widget's own Tab handling, as a user's
    expected = [
        dialog.server_url.edit,
        dialog.timeout.edit,
        dialog.poll_interval.edit,
        dialog.ca_file.edit,
        dialog.browse_button,
        dialog.insecure,
        dialog.token.edit,
        dialog.forget_token,
        dialog.buckets.table,
        dialog.buckets.add_button,
        dialog.buckets.remove_button,
        _ok(dialog),
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
    ]
    assert reached == expected


def test_delete_on_the_table_removes_the_selected_row(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config)
    table = dialog.buckets.table
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    table.setFocus()
    table.selectRow(0)
    assert "Del" in dialog.buckets.remove_button.toolTip()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert dialog.buckets.rows() == [("直播", "http://x/")]
    assert not dialog.buckets.remove_button.isEnabled()  # nothing selected any more


@pytest.mark.parametrize(
    ("key", "target"),
    [
        (Qt.Key.Key_S, "server_url"),
        (Qt.Key.Key_T, "timeout"),
        (Qt.Key.Key_P, "poll_interval"),
        (Qt.Key.Key_F, "ca_file"),
        (Qt.Key.Key_K, "token"),
    ],
)
def test_alt_and_a_labels_letter_moves_to_its_field(
    qtbot: Any, full_config: AppConfig, key: Qt.Key, target: str
) -> None:
    dialog = _dialog(qtbot, full_config)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).setFocus()
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is getattr(dialog, target).edit


def test_alt_b_moves_to_the_playback_table(qtbot: Any, full_config: AppConfig) -> None:
    dialog = _dialog(qtbot, full_config)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.buckets.table

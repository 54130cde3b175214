"""Settings round-trip through TOML and fail in one line; the token stays in the keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from qiemonitor.core import config as config_module
from qiemonitor.core.config import (
    AppConfig,
    ConfigError,
    TokenStoreError,
    http_url_problem,
    load_config,
    load_token,
    read_config,
    save_config,
    save_token,
)


@pytest.fixture
def failing_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _full_config() -> AppConfig:
    return AppConfig(
        server_url="https://streams.example.com:8443/",
        timeout=2.5,
        poll_interval=30,
        bucket_base_urls={"qietv-video-play": "https://play.example.com/vod", "直播": "http://x/"},
        ca_file="/etc/ssl/our-ca.pem",
        insecure=True,
        status_labels={2: "banned", 7: "审核中"},
    )


def test_a_missing_file_is_the_defaults_without_a_problem(tmp_path: Path) -> None:
    loaded = read_config(tmp_path / "absent.toml")
    assert loaded.config == AppConfig()
    assert loaded.problem is None
    assert loaded.config.poll_interval == 5.0


def test_settings_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    save_config(_full_config(), path)
    loaded = load_config(path)
    assert loaded == _full_config()
    assert isinstance(loaded.poll_interval, float)
    assert "token" not in path.read_text(encoding="utf-8")


def test_saving_leaves_no_temporary_file_and_replaces_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(AppConfig(timeout=3), path)
    save_config(AppConfig(timeout=4), path)
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]
    assert load_config(path).timeout == 4


def test_a_failed_write_keeps_the_old_file_and_says_why_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    save_config(AppConfig(timeout=3), path)

    def broken_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(config_module.os, "replace", broken_replace)
    with pytest.raises(ConfigError, match=r"^cannot write settings file .*Permission denied$"):
        save_config(AppConfig(timeout=9), path)
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]
    assert load_config(path).timeout == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("timeout = [1, 2", "not valid TOML"),
        ("timeout = 500.0", "timeout must be between 0.5 and 120 seconds"),
        ('timeout = "fast"', "timeout must be a number of seconds"),
        ("poll_interval = 0.1", "poll_interval must be between 1 and 3600 seconds"),
        ('server_url = "ftp://example.com"', "must start with http:// or https://"),
        ("insecure = 1", "insecure must be a true or false"),
        ('[bucket_base_urls]\nrec = "not a url"', "bucket_base_urls.rec"),
        ('[status_labels]\nlive = "x"', "status_labels"),
    ],
)
def test_a_bad_file_gives_one_line_naming_the_file_and_the_defaults(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    loaded = read_config(path)
    assert loaded.config == AppConfig()
    assert loaded.problem is not None
    assert "\n" not in loaded.problem
    assert str(path) in loaded.problem
    assert expected in loaded.problem
    assert loaded.problem.endswith("using the defaults")


def test_bytes_that_are_not_utf8_are_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'server_url = "\xff\xfe"')
    loaded = read_config(path)
    assert loaded.config == AppConfig()
    assert loaded.problem
    assert str(path) in loaded.problem


def test_load_config_logs_the_problem(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "config.toml"
    path.write_text("= nonsense", encoding="utf-8")
    assert load_config(path) == AppConfig()
    assert str(path) in caplog.text


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://127.0.0.1:8080", True),
        ("https://example.com/base/", True),
        ("example.com", False),
        ("https://", False),
        ("http://host:port", False),
        ("file:///etc/passwd", False),
    ],
)
def test_http_url_problem(url: str, ok: bool) -> None:
    assert (http_url_problem(url) is None) is ok


def test_the_token_is_kept_per_server_in_the_keyring(memory_keyring: Any) -> None:
    assert load_token("http://a") is None
    save_token("http://a", "s3cret")
    save_token("http://b", "other")
    assert load_token("http://a") == "s3cret"
    assert memory_keyring.secrets[("qiemonitor", "http://a")] == "s3cret"
    save_token("http://a", None)
    assert load_token("http://a") is None
    save_token("http://a", None)  # deleting what is not there is fine
    assert load_token("http://b") == "other"


def test_no_keyring_backend_is_one_line_and_not_a_crash(failing_keyring: None) -> None:
    with pytest.raises(TokenStoreError, match=r"^cannot read the token from the keyring: ") as read:
        load_token("http://a")
    with pytest.raises(TokenStoreError, match=r"^cannot store the token in the keyring: "):
        save_token("http://a", "x")
    with pytest.raises(TokenStoreError, match=r"^cannot delete the token in the keyring: "):
        save_token("http://a", None)
    assert "\n" not in str(read.value)

"""The user's settings file (TOML) and the API token in the system keyring (no Qt).

The settings live in ``config.toml`` under ``platformdirs.user_config_dir``;
they are read with :mod:`tomllib` and written atomically (a temporary file in
the same directory, then :func:`os.replace`), so a crash never leaves half a
file. A file that cannot be used gives one line naming the file and the
problem, and the defaults are used instead.

The token never touches a plain file: it is kept by :mod:`keyring` under the
service ``qiemonitor`` with the server URL as the user name (without a trailing
``/``, so ``https://host/`` and ``https://host`` share one token).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import keyring
import keyring.errors
import platformdirs
import tomli_w

from qiemonitor.api.settings import DEFAULT_SERVER
from qiemonitor.paths import APP_NAME

__all__ = [
    "KEYRING_SERVICE",
    "POLL_RANGE",
    "TIMEOUT_RANGE",
    "AppConfig",
    "ConfigError",
    "LoadedConfig",
    "TokenStoreError",
    "default_config_path",
    "http_url_problem",
    "load_config",
    "load_token",
    "read_config",
    "save_config",
    "save_token",
    "token_problem",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = APP_NAME
TIMEOUT_RANGE = (0.5, 120.0)
POLL_RANGE = (1.0, 3600.0)


class ConfigError(ValueError):
    """A settings file or value that cannot be used; the message is one line."""


class TokenStoreError(RuntimeError):
    """The keyring could not read, store or delete the token; the message is one line."""


@dataclass(frozen=True, slots=True)
class AppConfig:
    """Everything the user can set in the Settings dialog (the token is kept apart).

    ``bucket_base_urls`` maps a storage bucket to the base URL its renditions
    play from; ``status_labels`` names status codes that API.md leaves open.
    """

    server_url: str = DEFAULT_SERVER
    timeout: float = 10.0
    poll_interval: float = 5.0
    bucket_base_urls: Mapping[str, str] = field(default_factory=dict)
    ca_file: str | None = None
    insecure: bool = False
    status_labels: Mapping[int, str] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> AppConfig:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """What :func:`read_config` found: the settings, and why the file was not used if so."""

    config: AppConfig
    problem: str | None = None


def default_config_path() -> Path:
    """``config.toml`` in the per-user configuration directory."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def http_url_problem(url: str) -> str | None:
    """Why ``url`` is not an ``http``/``https`` URL with a host, or ``None`` when it is."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as error:
        return f"{url!r} is not a valid URL ({error})"
    if parts.scheme not in ("http", "https"):
        return f"{url!r} must start with http:// or https://"
    if not parts.hostname:
        return f"{url!r} has no host"
    return None


def token_problem(token: str) -> str | None:
    """Why ``token`` cannot be sent as ``Authorization: Bearer …``, or ``None`` when it can.

    An HTTP header carries printable ASCII only: a pasted token with a space,
    a line break or a non-ASCII character would fail on every request.
    """
    if not token:
        return "the token is empty"
    if not all("!" <= char <= "~" for char in token):
        return "a token is printable ASCII with no spaces or line breaks"
    return None


# -- reading ---------------------------------------------------------------


def read_config(path: Path | None = None) -> LoadedConfig:
    """Read the settings file; a missing file is the defaults, a bad one is the defaults
    plus a one-line ``problem`` naming the file."""
    path = path or default_config_path()
    try:
        with path.open("rb") as stream:
            document = tomllib.load(stream)
        return LoadedConfig(_from_document(document))
    except FileNotFoundError:
        return LoadedConfig(AppConfig())
    except tomllib.TOMLDecodeError as error:
        return _unusable(path, f"not valid TOML ({error})")
    except (ConfigError, UnicodeDecodeError) as error:
        return _unusable(path, str(error))
    except OSError as error:
        return _unusable(path, error.strerror or str(error))


def load_config(path: Path | None = None) -> AppConfig:
    """The settings to use; a problem with the file is logged as one line."""
    loaded = read_config(path)
    if loaded.problem:
        log.warning("%s", loaded.problem)
    return loaded.config


def _unusable(path: Path, reason: str) -> LoadedConfig:
    reason = " ".join(reason.split())  # one line, whatever the parser said
    return LoadedConfig(AppConfig(), f"settings file {path}: {reason}; using the defaults")


def _from_document(document: dict[str, Any]) -> AppConfig:
    defaults = AppConfig()
    server_url = _get(document, "server_url", str, defaults.server_url)
    if problem := http_url_problem(server_url):
        raise ConfigError(f"server_url: {problem}")
    ca_file = _get(document, "ca_file", str, "") or None
    return AppConfig(
        server_url=server_url,
        timeout=_number(document, "timeout", defaults.timeout, TIMEOUT_RANGE),
        poll_interval=_number(document, "poll_interval", defaults.poll_interval, POLL_RANGE),
        bucket_base_urls=_bucket_bases(document.get("bucket_base_urls", {})),
        ca_file=ca_file,
        insecure=_get(document, "insecure", bool, defaults.insecure),
        status_labels=_status_labels(document.get("status_labels", {})),
    )


def _get(document: dict[str, Any], key: str, kind: type[Any], default: Any) -> Any:
    value = document.get(key, default)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ConfigError(f"{key} must be a {_KIND_NAMES[kind]}, not {value!r}")
    return value


_KIND_NAMES: dict[type[Any], str] = {str: "string", bool: "true or false", dict: "table"}


def _number(
    document: dict[str, Any], key: str, default: float, bounds: tuple[float, float]
) -> float:
    value = document.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ConfigError(f"{key} must be a number of seconds, not {value!r}")
    low, high = bounds
    if not low <= value <= high:
        raise ConfigError(f"{key} must be between {low:g} and {high:g} seconds, not {value!r}")
    return float(value)


def _bucket_bases(table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"bucket_base_urls must be a table, not {table!r}")
    bases: dict[str, str] = {}
    for bucket, base in table.items():
        if not isinstance(base, str):
            raise ConfigError(f"bucket_base_urls.{bucket} must be a string, not {base!r}")
        if problem := http_url_problem(base):
            raise ConfigError(f"bucket_base_urls.{bucket}: {problem}")
        bases[bucket] = base
    return bases


def _status_labels(table: Any) -> dict[int, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"status_labels must be a table, not {table!r}")
    labels: dict[int, str] = {}
    for code, label in table.items():
        if not code.lstrip("-").isdigit() or not isinstance(label, str):
            raise ConfigError(f"status_labels: {code} = {label!r} must be a number = a string")
        labels[int(code)] = label
    return labels


# -- writing ---------------------------------------------------------------


def _to_document(config: AppConfig) -> dict[str, Any]:
    document: dict[str, Any] = {
        "server_url": config.server_url,
        "timeout": float(config.timeout),
        "poll_interval": float(config.poll_interval),
        "insecure": config.insecure,
    }
    if config.ca_file:
        document["ca_file"] = config.ca_file
    document["bucket_base_urls"] = dict(sorted(config.bucket_base_urls.items()))
    document["status_labels"] = {str(code): text for code, text in config.status_labels.items()}
    return document


def save_config(config: AppConfig, path: Path | None = None) -> None:
    """Write the settings atomically; raises :class:`ConfigError` (one line) on failure."""
    path = path or default_config_path()
    text = tomli_w.dumps(_to_document(config))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ConfigError(f"cannot write settings file {path}: {error.strerror or error}") from None


# -- the token -------------------------------------------------------------


def _token_user(server_url: str) -> str:
    return server_url.strip().rstrip("/")


def load_token(server_url: str) -> str | None:
    """The token saved for ``server_url``; raises :class:`TokenStoreError` (one line)."""
    try:
        token: str | None = keyring.get_password(KEYRING_SERVICE, _token_user(server_url))
    except Exception as error:  # keyring backends raise anything from D-Bus to OS errors
        raise TokenStoreError(f"cannot read the token from the keyring: {_reason(error)}") from None
    return token or None


def save_token(server_url: str, token: str | None) -> None:
    """Save the token for ``server_url``, or delete it when ``token`` is empty or ``None``."""
    user = _token_user(server_url)
    try:
        if token:
            keyring.set_password(KEYRING_SERVICE, user, token)
            return
        # Nothing saved is already the state asked for.
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(KEYRING_SERVICE, user)
    except Exception as error:  # see load_token
        action = "store" if token else "delete"
        raise TokenStoreError(
            f"cannot {action} the token in the keyring: {_reason(error)}"
        ) from None


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]

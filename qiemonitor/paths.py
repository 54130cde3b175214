"""Where qiemonitor finds its bundled resources and keeps its per-user files."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

__all__ = ["APP_NAME", "resource_path", "user_data_dir", "user_log_dir"]

APP_NAME = "qiemonitor"


def _resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # a PyInstaller build unpacks resources beside the code
        return Path(frozen) / "resources"
    installed = Path(__file__).with_name("resources")
    if installed.is_dir():  # a wheel install (see pyproject's package-dir)
        return installed
    return Path(__file__).resolve().parent.parent / "resources"  # a source checkout


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (icons, translations, demo data)."""
    return _resource_root().joinpath(*parts)


def user_data_dir() -> Path:
    """Per-user data (the outbox, the embedded server's database); created on demand."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, ensure_exists=True))


def user_log_dir() -> Path:
    """Per-user log files; created on demand."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False, ensure_exists=True))

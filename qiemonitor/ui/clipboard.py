"""Putting text on the system clipboard, in one place so every copy behaves the same."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

__all__ = ["copy_text"]


def copy_text(text: str) -> None:
    """Replace the clipboard's contents with ``text`` (plain text)."""
    QGuiApplication.clipboard().setText(text)

"""A line edit with its problem shown beneath it in red: the dialogs' checked input."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

__all__ = ["ERROR_STYLE", "CheckedField"]

ERROR_STYLE = "color: #c62828;"


class CheckedField(QWidget):
    """A line edit with its error shown beneath it, in red, naming what is wrong."""

    def __init__(self, name: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(text, self)
        self.edit.setObjectName(name)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}Error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def text(self) -> str:
        return self.edit.text()

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

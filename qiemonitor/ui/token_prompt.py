"""Asks for the API token when the server answers 401: a small non-modal dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from qiemonitor.core.config import token_problem

__all__ = ["TokenPrompt"]


class TokenPrompt(QInputDialog):
    """A password field for the token; the window goes on showing (stale) rooms meanwhile.

    Shown with ``show()``, never ``exec()``: a nested event loop would stall the
    asyncio loop (qasync #59), and a modal prompt would hide the table the
    operator may still need.

    Signals:
        token_entered(str): the operator typed a token and pressed OK.
    """

    token_entered = Signal(str)

    @classmethod
    def ask(cls, parent: QWidget | None, server: str, reason: str) -> TokenPrompt:
        """Show the prompt and return it (tests replace this to answer it)."""
        prompt = cls(server, reason, parent)
        prompt.show()
        return prompt

    def __init__(self, server: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("token_prompt")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setWindowTitle(self.tr("API token needed"))
        self.setInputMode(QInputDialog.InputMode.TextInput)
        self.setTextEchoMode(QLineEdit.EchoMode.Password)
        self._question = self.tr(
            "{server} refused the request ({reason}).\n"
            "Enter the API token; it is kept in the system keyring."
        ).format(server=server, reason=reason)
        self.setLabelText(self._question)
        self.setOkButtonText(self.tr("Use token"))
        self.textValueSelected.connect(self.on_text_value_selected)

    def done(self, result: int) -> None:
        problem = token_problem(self.textValue().strip())
        if result == QDialog.DialogCode.Accepted and problem:
            # Stay open: a token that cannot go in a header would fail every request.
            self.setLabelText(
                self.tr("{question}\nThis token cannot be used: {problem}.").format(
                    question=self._question, problem=problem
                )
            )
            return
        super().done(result)

    def on_text_value_selected(self, text: str) -> None:
        token = text.strip()
        if token:
            self.token_entered.emit(token)

"""The Outbox dock: every stored report with its state, and retry / discard / copy / send now."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qiemonitor.core.outbox import OutboxEntry, OutboxError
from qiemonitor.ui.async_slots import async_slot
from qiemonitor.ui.checked_field import ERROR_STYLE
from qiemonitor.ui.clipboard import copy_text
from qiemonitor.ui.outbox_controller import OutboxController
from qiemonitor.ui.outbox_model import OutboxModel

__all__ = ["OutboxDock"]

T = TypeVar("T")


class OutboxDock(QDockWidget):
    """A table of the outbox and the operator's actions on the selected entry.

    The actions go through ``outbox`` (the window's
    :class:`~qiemonitor.ui.outbox_controller.OutboxController`); a refusal
    (an entry being sent right now, an unusable file) is one line above the
    table. Discard asks for confirmation first: a discarded report is never sent.

    Signals:
        discarded(object): the operator dropped this OutboxEntry for good.
        copied(str): a report was copied; the line says which.
    """

    discarded = Signal(object)
    copied = Signal(str)

    def __init__(self, outbox: OutboxController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Outbox"), parent)
        self.setObjectName("outbox_dock")  # saveState() finds docks by object name
        self.outbox = outbox
        self.model = OutboxModel(self)
        self.view = self._build_view()
        self.summary = QLabel(self.tr("No reports stored yet."))
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.discard_button = QPushButton(self.tr("&Discard…"))
        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.send_now_button = QPushButton(self.tr("&Send all now"))
        self.discard_box: QMessageBox | None = None  # the open confirmation, if any
        self._lay_out()
        self._connect_signals()
        self.on_selection_changed()

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("outbox_view")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OutboxModel.NOTE, QHeaderView.ResizeMode.Stretch)
        return view

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (
            self.retry_button,
            self.discard_button,
            self.copy_button,
            self.send_now_button,
        ):
            buttons.addWidget(button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(self.view)
        self.setWidget(body)

    def _connect_signals(self) -> None:
        self.view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.model.dataChanged.connect(self.on_selection_changed)
        self.retry_button.clicked.connect(self.on_retry_clicked)
        self.discard_button.clicked.connect(self.on_discard_clicked)
        self.copy_button.clicked.connect(self.on_copy_clicked)
        self.send_now_button.clicked.connect(self.on_send_now_clicked)
        self.outbox.entries_changed.connect(self.on_outbox_entries_changed)

    # -- what the window calls ---------------------------------------------

    def on_outbox_entries_changed(self, entries: list[OutboxEntry], counts: dict[str, int]) -> None:
        self.model.set_entries(entries)
        if self.outbox.desk is None:
            self.show_problem(self.outbox.problem)
        waiting = counts.get("pending", 0) + counts.get("sending", 0)
        failed = counts.get("failed", 0)
        if waiting or failed:
            self.summary.setText(
                self.tr("{waiting} waiting, {failed} failed").format(waiting=waiting, failed=failed)
            )
        elif entries:
            self.summary.setText(self.tr("Every report was delivered."))
        self.send_now_button.setEnabled(waiting > 0)
        self.on_selection_changed()

    def show_problem(self, text: str) -> None:
        """One line above the table (a refused retry, an unusable outbox); empty hides it."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def selected_entry(self) -> OutboxEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int) -> bool:
        for row in range(self.model.rowCount()):
            entry = self.model.entry(row)
            if entry is not None and entry.id == entry_id:
                self.view.selectRow(row)
                return True
        return False

    # -- slots -----------------------------------------------------------

    def on_selection_changed(self, *_: object) -> None:
        entry = self.selected_entry()
        changeable = entry is not None and entry.state in ("pending", "failed")
        self.retry_button.setEnabled(changeable)
        self.discard_button.setEnabled(changeable)
        self.copy_button.setEnabled(entry is not None)

    @async_slot()
    async def on_retry_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            await self._act(self.outbox.retry(entry.id))

    @async_slot()
    async def on_send_now_clicked(self) -> None:
        await self._act(self.outbox.send_now())

    def on_copy_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            copy_text(entry.text)
            self.copied.emit(self.tr("Copied the report of outbox entry {id}").format(id=entry.id))

    def on_discard_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Discard report"),
            self.tr(
                "Discard outbox entry {id} ({kind}, room {room})? It will never be sent."
            ).format(id=entry.id, kind=self.model.kind_text(entry.kind), room=entry.room_id),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        entry_id = entry.id
        box.finished.connect(lambda result: self._on_discard_answered(entry_id, result))
        box.open()  # never exec(): a nested loop would stall the asyncio loop (qasync #59)
        self.discard_box = box

    @async_slot(int, int)
    async def _on_discard_answered(self, entry_id: int, result: int) -> None:
        if result != QMessageBox.StandardButton.Discard.value:
            return
        entry = await self._act(self.outbox.discard(entry_id))
        if entry is not None:
            self.discarded.emit(entry)

    async def _act(self, action: Awaitable[T]) -> T | None:
        """Run an operator's action; a refusal is one line above the table."""
        try:
            result = await action
        except OutboxError as error:
            self.show_problem(str(error))
            return None
        self.show_problem("")
        return result

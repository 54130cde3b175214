"""The Outbox dock: every stored report with its state, and retry / discard / copy / send now."""

from __future__ import annotations

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

from qiemonitor.core.outbox import OutboxEntry
from qiemonitor.ui.checked_field import ERROR_STYLE
from qiemonitor.ui.outbox_model import OutboxModel

__all__ = ["OutboxDock"]


class OutboxDock(QDockWidget):
    """A table of the outbox and the operator's actions on the selected entry.

    The dock only asks; the window carries the actions out through the
    :class:`~qiemonitor.ui.outbox_controller.OutboxController`. Discard asks
    for confirmation first, since a discarded report is never sent.

    Signals:
        retry_requested(int): send this failed or waiting entry again now.
        discard_requested(int): drop this entry for good (already confirmed).
        copy_requested(object): copy this entry's report (an OutboxEntry).
        send_now_requested(): send everything waiting now.
    """

    retry_requested = Signal(int)
    discard_requested = Signal(int)
    copy_requested = Signal(object)
    send_now_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Outbox"), parent)
        self.setObjectName("outbox_dock")  # saveState() finds docks by object name
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
        self.send_now_button.clicked.connect(self.send_now_requested)

    # -- what the window calls ---------------------------------------------

    def set_entries(self, entries: list[OutboxEntry], counts: dict[str, int]) -> None:
        self.model.set_entries(entries)
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

    def on_retry_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.retry_requested.emit(entry.id)

    def on_copy_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.copy_requested.emit(entry)

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

    def _on_discard_answered(self, entry_id: int, result: int) -> None:
        if result == QMessageBox.StandardButton.Discard.value:
            self.discard_requested.emit(entry_id)

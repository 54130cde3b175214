"""The report dialogs in one import: start (开播) and stop (关播)."""

from qiemonitor.ui.start_dialog import StartReportDialog
from qiemonitor.ui.stop_dialog import StopReportDialog

__all__ = ["StartReportDialog", "StopReportDialog"]

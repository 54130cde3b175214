"""The user interface: every Qt import in qiemonitor lives under this package."""

from qiemonitor.ui import pyside_compat

pyside_compat.apply()  # before any widget emits a signal (see pyside_compat)

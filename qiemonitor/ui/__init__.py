"""The user interface: every Qt import in qiemonitor lives under this package."""

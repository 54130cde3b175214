"""qiemonitor: monitor and control a live-streaming platform's stream management server."""

__version__ = "0.1.0"

"""The ``qiemonitor`` command: the GUI by default, or a headless subcommand.

Exit codes follow sysexits: 0 success, 1 the server answered an error code,
2 usage, 69 server unreachable, 75 report queued instead of delivered,
76 malformed answer. On failure stderr holds exactly one line; ``-v`` adds
the details.
"""

from __future__ import annotations

from qiemonitor.cli.main import main

__all__ = ["main"]

"""The ``qiemonitor`` command: the GUI by default, or a headless subcommand.

Exit codes follow sysexits: 0 success, 1 the server answered an error code
(or rejected a queued report), 2 usage, 65 no such outbox entry (or not in a
state to change), 69 server unreachable, 74 the outbox file is unusable,
75 report queued instead of delivered, 76 malformed answer. On failure
stderr holds exactly one line; ``-v`` adds the details.
"""

from __future__ import annotations

from qiemonitor.cli.main import main

__all__ = ["main"]

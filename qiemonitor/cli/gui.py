"""The default command: open the main window."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from qiemonitor.app import GuiOptions, run_gui

    return run_gui(
        GuiOptions(
            server=args.server,
            demo=args.demo,
            select=args.select,
            screenshot=args.screenshot,
            timeout=args.timeout,
            lang=args.lang,
            token=args.token or None,
            outbox=args.outbox or None,
        )
    )

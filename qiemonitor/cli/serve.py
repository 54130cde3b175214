"""``qiemonitor serve``: the embedded stream management server in the foreground."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from qiemonitor.server import serve

    return serve(
        args.host,
        args.port,
        db=args.db,
        demo=args.demo,
        seed=args.seed,
        token=args.token or None,
        demo_rooms=args.demo_rooms,
        demo_interval=args.demo_interval,
        faults=args.faults,
    )

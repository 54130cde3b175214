"""Build the frozen app into dist/qiemonitor/ with PyInstaller, then (unless told not to)
smoke-test it.

    .venv/bin/pip install -e '.[packaging]'
    .venv/bin/python packaging/build.py            # build, then packaging/smoke_test.py
    .venv/bin/python packaging/build.py --no-smoke

The same command works on Linux, Windows and macOS; PyInstaller builds for the
system it runs on. Intermediate files go to build/pyinstaller/, both git-ignored.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "qiemonitor.spec"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"


def folder_size(folder: Path) -> int:
    """Bytes in every file below ``folder`` (links not followed)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file())


def build() -> int:
    """Run PyInstaller on the spec; returns its exit code."""
    if importlib.util.find_spec("PyInstaller") is None:
        print("build: PyInstaller is missing: pip install -e '.[packaging]'", file=sys.stderr)
        return 1
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK}",
        str(SPEC),
    ]
    started = time.monotonic()
    # The build imports PySide6 to inspect it; no display is needed for that.
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = subprocess.call(command, cwd=REPO, env=environment)
    if code == 0:
        folder = DIST / "qiemonitor"
        size = folder_size(folder) / 1024**2
        print(f"build: {folder} ({size:.1f} MiB) in {time.monotonic() - started:.0f} s")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke test")
    args = parser.parse_args()
    code = build()
    if code != 0 or args.no_smoke:
        return code
    smoke = REPO / "packaging" / "smoke_test.py"
    return subprocess.call([sys.executable, str(smoke), str(DIST / "qiemonitor")])


if __name__ == "__main__":
    sys.exit(main())

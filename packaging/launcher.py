"""The frozen program's entry point: the same as the ``qiemonitor`` command."""

import sys

from qiemonitor.cli import main

if __name__ == "__main__":
    sys.exit(main())

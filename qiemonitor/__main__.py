"""``python -m qiemonitor``: the same as the ``qiemonitor`` command."""

import sys

from qiemonitor.cli import main

sys.exit(main())

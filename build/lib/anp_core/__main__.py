"""Entry point for ``python -m anp_core``."""

import sys

from anp_core.cli import main

sys.exit(main())

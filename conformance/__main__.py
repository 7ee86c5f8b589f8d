"""``python -m conformance``: the same entry point as the ``drf-conformance`` console script."""

import sys

from conformance.cli import main

sys.exit(main())

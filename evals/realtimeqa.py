"""`python -m evals.realtimeqa`: RealTimeQA weeks as a corpus folder and an open-question case set.

    python -m evals.realtimeqa stats --split dev
    python -m evals.realtimeqa build --split ci

The commands and their flags are `evals.realnews.cli`; the data they read is
`evals.realnews.realtimeqa`. This module only starts the command line.
"""

from __future__ import annotations

import sys

from evals.realnews.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())

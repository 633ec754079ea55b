"""Machine: what a benchmark ran on, and how busy it was, written beside the figures.

    meta = machine()          # date, CPUs, Python, platform, load average now
    describe(meta)            # 'Measured 2026-... on 2 CPUs, Python 3.11.7, ...; load average ...'

Other work on the machine moves every timing, so the load average at the end
of a run is recorded with it. This module measures nothing else.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Mapping
from datetime import UTC, datetime

__all__ = ["machine", "describe"]


def machine() -> dict[str, object]:
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_at_end": [round(x, 2) for x in load],
    }


def describe(meta: Mapping[str, object]) -> str:
    """One sentence for the results.

    Example: 'Measured 2026-11-23T06:51:24+00:00 on 2 CPUs, Python 3.11.7, Linux-...; load average
    at the end (1, 5, 15 min): 1.83, 1.87, 1.98.'
    """
    load = ", ".join(str(x) for x in meta["load_at_end"])  # type: ignore[attr-defined]
    return (
        f"Measured {meta['date']} on {meta['cpus']} CPUs, Python {meta['python']}, {meta['platform']}; "
        f"load average at the end (1, 5, 15 min): {load}."
    )

"""Regressions: the committed per-case record of which cases our assistant passes.

`evals/baseline.json` is written by `python -m evals --update-baseline`:

    {"cases": {"single-001": "pass", "unanswerable-003": "fail", ...}}

A case that passed there and fails now is a regression. Case ids are unique
across case files, so one record serves both the main and the held-out set:
updating it replaces the entries of the cases just run and keeps the others.

This module does not run or score cases.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

__all__ = ["BaselineError", "load_baseline", "merge_baseline", "save_baseline", "find_regressions"]

PASS = "pass"
FAIL = "fail"


class BaselineError(ValueError):
    """The baseline file cannot be used."""


def load_baseline(path: Path | str) -> dict[str, bool]:
    """Case id -> passed, or {} when there is no baseline file yet."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"'{path}' is not valid JSON ({error.msg}): restore it from git or rerun "
            "'python -m evals --update-baseline'."
        ) from None
    cases = raw.get("cases") if isinstance(raw, dict) else None
    if not isinstance(cases, dict) or not all(v in (PASS, FAIL) for v in cases.values()):
        raise BaselineError(
            f'\'{path}\' must look like {{"cases": {{"<case id>": "pass"|"fail"}}}}: '
            "rerun 'python -m evals --update-baseline'."
        )
    return {case_id: value == PASS for case_id, value in cases.items()}


def merge_baseline(old: Mapping[str, bool], new: Mapping[str, bool]) -> dict[str, bool]:
    """Example: ({'a': True, 'b': True}, {'b': False}) -> {'a': True, 'b': False}"""
    return {**old, **new}


def save_baseline(path: Path | str, passed: Mapping[str, bool]) -> None:
    """Write the record sorted by case id, so diffs stay small."""
    body = {"cases": {case_id: PASS if ok else FAIL for case_id, ok in sorted(passed.items())}}
    Path(path).write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def find_regressions(baseline: Mapping[str, bool], passed: Mapping[str, bool]) -> list[str]:
    """Ids that passed in `baseline` and fail now, in run order.

    Example: ({'a': True, 'b': False}, {'a': False, 'b': False, 'c': False}) -> ['a']
    """
    return [case_id for case_id, ok in passed.items() if not ok and baseline.get(case_id, False)]

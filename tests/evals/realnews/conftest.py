"""The realnews tests' fixtures: a hand-made two-week RealTimeQA folder and the case set it makes."""

from __future__ import annotations

import pytest
from realnews_weeks import RUN, write_weeks

from evals.realnews.realtimeqa import WeekFiles
from evals.realnews.runs import CaseSet, build_case_set


@pytest.fixture()
def files(tmp_path) -> WeekFiles:
    return WeekFiles.locate(write_weeks(tmp_path / "rtqa"))


@pytest.fixture()
def case_set(files) -> CaseSet:
    return build_case_set(RUN, files)

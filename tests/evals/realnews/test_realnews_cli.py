"""`python -m evals.realtimeqa`: convert, stats and build, and the messages when the input is wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from realnews_weeks import ABSENT_WEEK, CORPUS_WEEK, write_weeks

from evals.realnews.cli import SOURCE_ENV, main
from index.articles import load_corpus

PROJECT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def source(tmp_path) -> Path:
    return write_weeks(tmp_path / "rtqa")


def test_convert__writes_the_weeks_as_a_corpus_and_is_idempotent(source, tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["convert", "--weeks", CORPUS_WEEK, "--out", str(out), "--source", str(source)]) == 0
    assert "4 articles from 1 week(s)" in capsys.readouterr().out
    assert len(load_corpus(out)) == 4
    assert main(["convert", "--weeks", CORPUS_WEEK, "--out", str(out), "--source", str(source)]) == 0
    assert "0 written, 4 unchanged" in capsys.readouterr().out


def test_stats__prints_the_counts_and_reads_the_folder_named_by_the_environment(source, capsys):
    code = main(
        ["stats", "--weeks", CORPUS_WEEK, "--absent-weeks", ABSENT_WEEK], environ={SOURCE_ENV: str(source)}
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "distinct articles" in out and "absent-answer cases" in out


def test_build__writes_corpus_and_cases_into_the_cache(source, tmp_path, capsys):
    cache = tmp_path / "cache"
    argv = ["build", "--weeks", CORPUS_WEEK, "--absent-weeks", ABSENT_WEEK, "--cache-dir", str(cache)]
    assert main([*argv, "--source", str(source)]) == 0
    run_dir = cache / f"weeks-{CORPUS_WEEK}-a{ABSENT_WEEK}"
    assert (run_dir / "cases.jsonl").read_text().count("\n") == 3
    assert len(load_corpus(run_dir / "corpus")) == 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["convert", "--weeks", "20250705", "--out", "x"], "Unknown week '20250705'"),
        (["stats", "--split", "ci", "--absent-weeks", "20250801"], "--absent-weeks goes with --weeks"),
        (
            ["stats", "--weeks", "20250704", "--absent-weeks", "20250704"],
            "both corpus and absent-answer weeks",
        ),
        (["stats", "--weeks", "20250718"], "20250718_gcs.jsonl' is missing: the folder"),
    ],
)
def test_errors__exit_2_with_a_message_that_says_what_to_do(source, argv, message, capsys):
    assert main([*argv, "--source", str(source)]) == 2
    assert message in capsys.readouterr().err


def test_errors__a_missing_source_folder(tmp_path, capsys):
    assert main(["stats", "--split", "ci"], environ={SOURCE_ENV: str(tmp_path / "none")}) == 2
    assert "No RealTimeQA folder at" in capsys.readouterr().err


def test_module__runs_as_python_m_evals_realtimeqa(source):
    done = subprocess.run(
        [sys.executable, "-m", "evals.realtimeqa", "stats", "--weeks", CORPUS_WEEK, "--source", str(source)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "answerable cases" in done.stdout and not done.stderr

"""What the eval commands print: progress and failures on stderr, paths as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import console


def test_fail__prints_the_reason_after_the_command_name_and_returns_2(capsys):
    assert console.fail("--sample must be at least 1, not 0.") == 2
    assert capsys.readouterr().err == "evals: --sample must be at least 1, not 0.\n"


def test_progress__one_line_on_stderr(capsys):
    console.progress("Building the LlamaIndex peer baseline …")
    assert capsys.readouterr() == ("", "Building the LlamaIndex peer baseline …\n")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("evals/cases.jsonl", "evals/cases.jsonl"),
        ("./evals/../evals/cases.jsonl", "evals/cases.jsonl"),
        ("{cwd}/evals/results/latest.json", "evals/results/latest.json"),
        ("/elsewhere/latest.json", "/elsewhere/latest.json"),
    ],
)
def test_shown__relative_to_the_working_folder_when_inside_it(tmp_path, monkeypatch, path, expected):
    monkeypatch.chdir(tmp_path)
    assert console.shown(Path(path.format(cwd=tmp_path))) == expected


def test_wrote__names_every_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = [tmp_path / "results" / "latest.json", tmp_path / "results" / "REPORT.md"]
    assert console.wrote(paths) == "Wrote results/latest.json, results/REPORT.md"

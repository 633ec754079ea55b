"""`python -m evals.summary`: reading results folders, the Markdown it writes, and the docs page's markers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.figures import END_MARKER, START_MARKER, replace_between_markers
from evals.results import SETS, load_result
from evals.summary import main

PROJECT = Path(__file__).resolve().parents[2]
START, END = START_MARKER, END_MARKER


@pytest.mark.parametrize(
    ("text", "replaced"),
    [
        (f"a\n{START}\nold\n{END}\nb\n", f"a\n{START}\nnew\n{END}\nb\n"),
        (f"{START}{END}", f"{START}\nnew\n{END}"),
        # Only the first block is replaced; what follows the end marker is kept as it was.
        (f"{START}\nold\n{END}\n{START}\nother\n{END}\n", f"{START}\nnew\n{END}\n{START}\nother\n{END}\n"),
        ("no markers here\n", None),
        (f"only the start {START}\n", None),
        (f"{END} before {START}", None),
    ],
)
def test_replace_between_markers__replaces_only_the_text_between_both_markers(text, replaced):
    assert replace_between_markers(text, "new\n") == replaced


def _result(verdict="pass", *, reader="extractive reader", realnews=False, ece=0.25, cases=3):
    run = {"reader": reader, "started_at": "2026-01-02T03:04:05+00:00", "case_count": cases, "k": 8}
    ours = {"crag_score": 0.5, "expected_calibration_error": ece, "answer_in_quote": 0.6}
    if realnews:
        run |= {
            "corpus_weeks": ["20250103", "20250110"],
            "absent_weeks": ["20250523"],
            "answerable_cases": cases - 1,
            "absent_cases": 1,
        }
    return {
        "verdict": verdict,
        "run": run,
        "metrics": {"ours": ours, "peer": {"crag_score": -0.2, "answer_in_quote": 0.4}},
        "thresholds": {"crag_score": {"min": 0.4, "target": 0.8, "status": "ok"}},
        "calibration": {
            "bins": [
                {
                    "low": i / 10,
                    "high": (i + 1) / 10,
                    "count": 0,
                    "mean_confidence": None,
                    "share_right": None,
                }
                for i in range(9)
            ]
            + [{"low": 0.9, "high": 1.0, "count": cases, "mean_confidence": 0.95, "share_right": 0.7}]
        },
    }


def _write(root: Path, name: str, result: dict) -> None:
    (root / name).mkdir(parents=True, exist_ok=True)
    (root / name / "latest.json").write_text(json.dumps(result))


def test_summary__no_run_summarises_the_results_there_side_by_side(tmp_path):
    _write(tmp_path, "seeds-main", _result())
    _write(tmp_path, "seeds-main-llm", _result(reader="LLM reader (local)", cases=2, ece=0.1))
    _write(tmp_path, "realnews-dev", _result("fail", realnews=True, cases=5))

    assert main(["--no-run", "--results-dir", str(tmp_path)]) == 0

    summary = (tmp_path / "SUMMARY.md").read_text()
    assert summary.startswith("# Evaluation summary\n")
    assert (
        "| Seeds: main (evals/cases.jsonl) | 3; LLM: 2 | – | PASS (2026-01-02) | PASS (2026-01-02) |"
        in summary
    )
    assert (
        "| Realnews: dev (RealTimeQA, tuning allowed) | 5 (4 answerable, 1 absent-answer) "
        "| corpus 20250103 … 20250110 (2), absent-answer 20250523; development weeks | FAIL (2026-01-02) "
        "| not run |"
    ) in summary
    assert "| Metric | Extractive | LLM | Peer | Floor | Target |" in summary
    assert "| CRAG-style score | 0.500 | 0.500 | -0.200 | ≥ 0.40 | ≥ 0.80 |" in summary
    assert "| Calibration error (ECE) | 0.250 | 0.100 | – |  |  |" in summary
    assert "| Answer in quote (peer: in context) | 0.600 | 0.400 |  |  |" in summary
    assert "Reliability, LLM reader (local) (right = CRAG outcome correct):" in summary
    assert "| 0.9–1.0 | 3 | 0.950 | 0.700 | 0.250 |" in summary
    assert (
        "## Seeds: held-out (evals/heldout.jsonl, never tuned on)\n\nNot run yet: `python -m evals --cases evals/heldout.jsonl`."
        in summary
    )


def test_summary__the_docs_page_gets_the_tables_between_the_markers_without_reliability_of_tuned_sets(
    tmp_path,
):
    _write(tmp_path, "seeds-main", _result())
    doc = tmp_path / "evals.md"
    doc.write_text(f"# Project\n\n{START}\nold figures\n{END}\n\nMore.\n")

    assert main(["--no-run", "--results-dir", str(tmp_path), "--doc", str(doc)]) == 0

    text = doc.read_text()
    assert text.startswith(f"# Project\n\n{START}\nMade by `python -m evals.summary` on ")
    assert text.endswith(f"\n{END}\n\nMore.\n")
    assert "old figures" not in text and "| CRAG-style score | 0.500 | -0.200 | ≥ 0.40 | ≥ 0.80 |" in text
    assert "Reliability" not in text and "# Evaluation summary" not in text


def test_summary__the_docs_page_gets_the_reliability_tables_of_the_held_out_sets(tmp_path):
    _write(tmp_path, "seeds-main", _result())
    _write(tmp_path, "seeds-heldout", _result())
    doc = tmp_path / "evals.md"
    doc.write_text(f"{START}\n{END}\n")

    assert main(["--no-run", "--results-dir", str(tmp_path), "--doc", str(doc)]) == 0

    text = doc.read_text()
    held_out = text[text.index("## Seeds: held-out") :]
    assert text.count("Reliability") == 1 and "Reliability, extractive" in held_out


def test_summary__a_docs_page_without_markers_is_left_unchanged_and_the_command_says_so(tmp_path, capsys):
    doc = tmp_path / "evals.md"
    doc.write_text("# Project\n")

    assert main(["--no-run", "--results-dir", str(tmp_path), "--doc", str(doc)]) == 1

    assert doc.read_text() == "# Project\n"
    assert capsys.readouterr().err == (
        f"summary: '{doc}' has no {START} … {END} pair: add both markers, each on its own line, "
        "where the figures should go; the file was left unchanged.\n"
    )
    assert (tmp_path / "SUMMARY.md").is_file()


@pytest.mark.parametrize("flag", ["--doc", "--readme"])
def test_summary__the_page_is_named_by_doc_or_by_its_older_name_readme(tmp_path, flag):
    doc = tmp_path / "evals.md"
    doc.write_text(f"{START}\n{END}\n")

    assert main(["--no-run", "--results-dir", str(tmp_path), flag, str(doc)]) == 0

    assert doc.read_text().startswith(f"{START}\nMade by `python -m evals.summary`")


def test_summary__a_missing_page_is_named_and_the_command_says_which_to_pass(tmp_path, capsys):
    missing = tmp_path / "nowhere.md"

    assert main(["--no-run", "--results-dir", str(tmp_path), "--doc", str(missing)]) == 1

    assert capsys.readouterr().err == (
        f"summary: no file at '{missing}': pass --doc docs/evals.md from the project folder.\n"
    )


def test_summary__make_evals_full_writes_the_figures_into_the_docs_page():
    makefile = (PROJECT / "Makefile").read_text()
    page = (PROJECT / "docs" / "evals.md").read_text()

    assert "-m evals.summary --doc docs/evals.md" in makefile
    assert page.count(START) == 1 and page.index(START) < page.index(END)


def test_summary__runs_each_set_with_each_reader_and_reuse_skips_those_with_results(tmp_path):
    calls = []

    def runner(argv):
        calls.append(argv)
        return 2 if "realnews" in argv and "llm" in argv else 1

    _write(tmp_path, "seeds-main", _result())
    argv = ["--reuse", "--with-llm", "4", "--sets", "seeds-main,realnews-dev", "--results-dir", str(tmp_path)]
    assert main(argv, runner=runner) == 1  # the realnews LLM run could not start

    assert calls == [
        [
            "--cases", "evals/cases.jsonl", "--quiet", "--results-dir", str(tmp_path / "seeds-main-llm"),
            "--reader", "llm", "--llm-local", "--no-peer", "--no-baseline", "--sample", "4",
        ],
        ["--set", "realnews", "--run", "dev", "--quiet", "--results-dir", str(tmp_path / "realnews-dev")],
        [
            "--set", "realnews", "--run", "dev", "--quiet", "--results-dir", str(tmp_path / "realnews-dev-llm"),
            "--reader", "llm", "--llm-local", "--no-peer", "--sample", "4",
        ],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--sets", "seeds-main,nope"],
            "summary: Unknown set(s) nope: use some of " + ", ".join(s.name for s in SETS) + ".\n",
        ),
        (["--with-llm", "0"], "summary: --with-llm takes the number of cases per set (at least 1), not 0.\n"),
    ],
)
def test_summary__refuses_bad_flags_with_a_message_that_names_the_fix(argv, message, tmp_path, capsys):
    assert main([*argv, "--no-run", "--results-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == message


def test_load_result__names_the_file_and_the_fix_for_a_broken_results_file(tmp_path, capsys):
    (tmp_path / "seeds-main").mkdir()
    (tmp_path / "seeds-main" / "latest.json").write_text('{"verdict": "pass"}')
    assert load_result(tmp_path / "nothing") is None
    assert main(["--no-run", "--results-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"summary: '{tmp_path / 'seeds-main' / 'latest.json'}' is not a results file of `python -m evals` "
        "(KeyError: 'run'): delete it and run the set again (python -m evals.summary --reuse).\n"
    )

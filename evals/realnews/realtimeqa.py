"""RealTimeQA: reading the benchmark's weekly files, and the fixed split of its 2025 weeks.

Each week `YYYYMMDD` of RealTimeQA 2025 is two JSONL files: `YYYYMMDD_qa.jsonl`
(multiple-choice questions about that week's news) and `YYYYMMDD_gcs.jsonl`
(for each question, the news articles a web search returned). `WeekFiles` finds
them, `read_questions` and `read_results` turn their lines into frozen
`Question` and `SearchResult` values, and `RUNS` names the weeks each run uses:

    files = WeekFiles.locate()                    # ../shared/realtimeqa/2025, else the bundled CI slice
    questions = read_questions(files, RUNS["ci"].corpus_weeks)
    questions[0].gold                             # the right choice's text

The data folder is found in this order: an explicit folder (a `--source` flag or
the `REALTIMEQA_DIR` variable, read by the command line, never here); else the
shared folder beside the project; else, when that is missing (a fresh clone in
CI), the copy of the CI slice bundled in `evals/realnews/data/` (gzipped, byte
for byte the shared files), which holds only the CI weeks.

This module does not convert articles, match answers or build cases; see
`evals.realnews.corpus`, `evals.realnews.answer_match` and `evals.realnews.questions`.
`python -m evals.realtimeqa` is the command line (`evals.realnews.cli`).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from evals.cases import json_lines

__all__ = [
    "ALL_WEEKS",
    "DEV_WEEKS",
    "HELDOUT_WEEKS",
    "CI_CORPUS_WEEKS",
    "CI_ABSENT_WEEKS",
    "RUNS",
    "DEFAULT_SOURCE",
    "SOURCE_ENV",
    "BUNDLED_DIR",
    "RealTimeQAError",
    "Run",
    "Question",
    "SearchResult",
    "WeekFiles",
    "custom_run",
    "iso_date",
    "parse_weeks",
    "read_questions",
    "read_results",
]

PROJECT_DIR: Path = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE: Path = PROJECT_DIR.parent / "shared" / "realtimeqa" / "2025"
BUNDLED_DIR: Path = Path(__file__).resolve().parent / "data"
# The variable the command lines read for the data folder (this module reads no environment).
SOURCE_ENV = "REALTIMEQA_DIR"

# RealTimeQA publishes one set a week, dated on Fridays: 2025-01-03 ... 2025-12-26.
ALL_WEEKS: tuple[str, ...] = tuple(
    (date(2025, 1, 3) + timedelta(weeks=n)).strftime("%Y%m%d") for n in range(52)
)

# The split is fixed so that the held-out questions stay out of tuning: anything
# may be looked at and tuned on the development weeks (20250103 ... 20250627);
# the held-out weeks (20250704 ... 20251226) are only ever scored.
DEV_WEEKS: tuple[str, ...] = ALL_WEEKS[:26]
HELDOUT_WEEKS: tuple[str, ...] = ALL_WEEKS[26:]
# Within a split, a run takes its first 20 weeks as the corpus and the source of
# answerable questions, and its last 6 as the source of absent-answer questions:
# later news, so the corpus can hold related stories but not their answers.
RUN_CORPUS_WEEKS = 20
# The CI slice: small enough to index in a CI job, from the held-out weeks.
CI_CORPUS_WEEKS: tuple[str, ...] = ("20250704", "20250711", "20250718")
CI_ABSENT_WEEKS: tuple[str, ...] = ("20250725",)


class RealTimeQAError(ValueError):
    """The RealTimeQA files cannot be found or read; the message says what to do."""


@dataclass(frozen=True)
class Run:
    """The weeks a run uses: its corpus (and answerable questions) and its absent-answer questions."""

    name: str
    corpus_weeks: tuple[str, ...]
    absent_weeks: tuple[str, ...]

    @property
    def weeks(self) -> tuple[str, ...]:
        return self.corpus_weeks + self.absent_weeks


RUNS: dict[str, Run] = {
    "dev": Run("dev", DEV_WEEKS[:RUN_CORPUS_WEEKS], DEV_WEEKS[RUN_CORPUS_WEEKS:]),
    "heldout": Run("heldout", HELDOUT_WEEKS[:RUN_CORPUS_WEEKS], HELDOUT_WEEKS[RUN_CORPUS_WEEKS:]),
    "ci": Run("ci", CI_CORPUS_WEEKS, CI_ABSENT_WEEKS),
}


@dataclass(frozen=True)
class Question:
    """One quiz question; `gold` is the text of its right choice."""

    id: str
    week: str
    date: str  # ISO, 'YYYY-MM-DD'
    sentence: str  # as given: may hold HTML links or a stray heading
    choices: tuple[str, ...]
    answer_index: int
    source: str = ""

    @property
    def gold(self) -> str:
        return self.choices[self.answer_index]


@dataclass(frozen=True)
class SearchResult:
    """One article a web search returned for a question; `text` may be empty."""

    question_id: str
    week: str
    rank: int
    url: str
    title: str
    text: str
    authors: tuple[str, ...]
    publish_date: str  # as given, e.g. '2021/02/03'; may be ''


@dataclass(frozen=True)
class WeekFiles:
    """Where each week's two files are: a data folder, or the bundled CI slice."""

    folder: Path
    bundled: bool = False

    @classmethod
    def locate(cls, source: Path | str | None = None, *, default: Path = DEFAULT_SOURCE) -> WeekFiles:
        """An explicit `source` must exist; without one, `default`, else the bundled slice.

        Example: WeekFiles.locate() -> WeekFiles(folder=.../shared/realtimeqa/2025, bundled=False)
        """
        if source is not None:
            folder = Path(source)
            if not folder.is_dir():
                raise RealTimeQAError(
                    f"No RealTimeQA folder at '{folder}': pass --source DIR (or set REALTIMEQA_DIR) "
                    "to the folder holding the YYYYMMDD_qa.jsonl and YYYYMMDD_gcs.jsonl files."
                )
            return cls(folder)
        if default.is_dir():
            return cls(default)
        return cls(BUNDLED_DIR, bundled=True)

    def path(self, week: str, kind: str) -> Path:
        """The file of one week; `kind` is 'qa' or 'gcs'. Raises when it is not there."""
        _check_week(week)
        name = f"{week}_{kind}.jsonl" + (".gz" if self.bundled else "")
        path = self.folder / name
        if not path.is_file():
            if self.bundled:
                raise RealTimeQAError(
                    f"Week {week} is not bundled with the project (only the CI slice "
                    f"{', '.join(CI_CORPUS_WEEKS + CI_ABSENT_WEEKS)} is) and the shared folder "
                    f"'{DEFAULT_SOURCE}' is missing: pass --source DIR or set REALTIMEQA_DIR to the "
                    "RealTimeQA 2025 folder."
                )
            raise RealTimeQAError(
                f"'{path}' is missing: the folder '{self.folder}' should hold both files of every "
                "week; copy them from realtimeqa/realtimeqa_public (past/2025) or pass --source DIR."
            )
        return path

    def lines(self, week: str, kind: str) -> Iterator[tuple[str, dict]]:
        """Each non-blank line of a week's file as (its place 'file:number', JSON object)."""
        path = self.path(week, kind)
        opener = gzip.open if self.bundled else open
        with opener(path, "rt", encoding="utf-8") as handle:
            fix = "restore the file from the RealTimeQA repository."
            for where, raw in json_lines(handle, path, error=RealTimeQAError, fix=fix):
                if not isinstance(raw, dict):
                    raise RealTimeQAError(f"{where}: expected a JSON object: restore the file.")
                yield where, raw


def parse_weeks(text: str) -> tuple[str, ...]:
    """Weeks given as 'YYYYMMDD,YYYYMMDD', checked, in calendar order, without repeats.

    Example: '20250711, 20250704' -> ('20250704', '20250711')
    """
    weeks = [part.strip() for part in text.split(",") if part.strip()]
    if not weeks:
        raise RealTimeQAError("No weeks given: pass them as YYYYMMDD,YYYYMMDD (e.g. 20250704,20250711).")
    for week in weeks:
        _check_week(week)
    return tuple(sorted(set(weeks)))


def custom_run(corpus_weeks: Iterable[str], absent_weeks: Iterable[str] = ()) -> Run:
    """A run over any weeks; the two sets must not share a week.

    Example: custom_run(['20250704'], ['20250711']).name -> 'weeks-20250704-a20250711'
    """
    corpus = tuple(sorted(set(corpus_weeks)))
    absent = tuple(sorted(set(absent_weeks)))
    for week in corpus + absent:
        _check_week(week)
    if not corpus:
        raise RealTimeQAError("A run needs at least one corpus week: pass --weeks YYYYMMDD,...")
    shared = sorted(set(corpus) & set(absent))
    if shared:
        raise RealTimeQAError(
            f"Week(s) {', '.join(shared)} are both corpus and absent-answer weeks: an absent-answer "
            "question must come from a week outside the corpus; drop them from one list."
        )
    name = "weeks-" + "-".join(corpus) + "".join(f"-a{week}" for week in absent)
    return Run(name, corpus, absent)


def read_questions(files: WeekFiles, weeks: Sequence[str]) -> tuple[Question, ...]:
    """Every question of the weeks, in week then file order."""
    out: list[Question] = []
    for week in weeks:
        for where, raw in files.lines(week, "qa"):
            out.append(_question(raw, week, where))
    return tuple(out)


def read_results(files: WeekFiles, weeks: Sequence[str]) -> tuple[SearchResult, ...]:
    """Every search result of the weeks, in week, file and rank order (texts may be empty)."""
    out: list[SearchResult] = []
    for week in weeks:
        for where, raw in files.lines(week, "gcs"):
            question_id = raw.get("question_id")
            results = raw.get("search_result")
            if not isinstance(question_id, str) or not isinstance(results, list):
                raise RealTimeQAError(
                    f"{where}: a search line needs 'question_id' and a 'search_result' list: "
                    "restore the file."
                )
            for rank, item in enumerate(results):
                if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                    raise RealTimeQAError(f"{where}: result {rank} has no 'url': restore the file.")
                authors = item.get("authors") or []
                if not isinstance(authors, list):  # one name given as a string
                    authors = [authors]
                text = item.get("text")
                out.append(
                    SearchResult(
                        question_id=question_id,
                        week=week,
                        rank=rank,
                        url=item["url"],
                        title=_text(item.get("title")),
                        text=text if isinstance(text, str) else "",
                        authors=tuple(str(a) for a in authors if str(a).strip()),
                        publish_date=_text(item.get("publish_date")),
                    )
                )
    return tuple(out)


def _question(raw: dict, week: str, where: str) -> Question:
    choices = raw.get("choices")
    answer = raw.get("answer")
    if not isinstance(raw.get("question_id"), str) or not isinstance(raw.get("question_sentence"), str):
        raise RealTimeQAError(
            f"{where}: a question needs 'question_id' and 'question_sentence': restore the file."
        )
    if not isinstance(choices, list) or not choices or not isinstance(answer, list) or len(answer) != 1:
        raise RealTimeQAError(
            f"{where}: a question needs a 'choices' list and an 'answer' list of one index: restore the file."
        )
    try:
        index = int(answer[0])
    except (TypeError, ValueError):
        index = -1
    if not 0 <= index < len(choices):
        raise RealTimeQAError(
            f"{where}: answer {answer[0]!r} is not the index of one of the {len(choices)} choices: "
            "restore the file."
        )
    return Question(
        id=raw["question_id"],
        week=week,
        date=iso_date(_text(raw.get("question_date"))) or "",
        sentence=raw["question_sentence"],
        choices=tuple(_text(choice) for choice in choices),
        answer_index=index,
        source=_text(raw.get("question_source")),
    )


def iso_date(value: str) -> str | None:
    """A date written 'YYYY/MM/DD' or 'YYYY-MM-DD' (time after it ignored), as ISO; None if not one.

    Example: '2021/02/03' -> '2021-02-03'; '2021/02/30' -> None
    """
    match = re.match(r"\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?!\d)", value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def _check_week(week: str) -> None:
    if week not in ALL_WEEKS:
        raise RealTimeQAError(
            f"Unknown week '{week}': RealTimeQA 2025 weeks are the Fridays {ALL_WEEKS[0]} ... "
            f"{ALL_WEEKS[-1]}, written YYYYMMDD (e.g. {ALL_WEEKS[26]})."
        )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))

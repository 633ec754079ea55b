"""Small corpora for the reliability tests: the shipped articles plus a few written here.

The articles written here are fictional (a made-up county), short, and each
holds one fact a question can find, so a test can tell which article answered.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["SHIPPED", "EXTRA", "QUESTIONS", "FEW", "make_corpus", "article_file"]

SHIPPED = Path(__file__).resolve().parents[2] / "corpus"


def article_file(article_id: str, title: str, body: str, *, date: str = "2019-05") -> str:
    """The text of an article file with front matter."""
    return (
        f'---\nid: {article_id}\ntitle: "{title}"\noutlet: Alder Valley Courier\ndate: "{date}"\n---\n{body}'
    )


EXTRA = {
    "alder-jail-audit.txt": article_file(
        "alder-jail-audit",
        "Grand jury audits the Alder County jail",
        "ALDER COUNTY -- A grand jury audit of the Alder County jail was released on Tuesday.\n"
        "The auditors counted 41 detainer requests received by the jail during 2016.\n"
        "Jail commander Rosa Quintero said the jail had answered every request within two days.\n"
        "The audit recommends that the jail publish its detainer figures every quarter.\n",
    ),
    "alder-council-vote.txt": article_file(
        "alder-council-vote",
        "Alder city council votes on a sanctuary resolution",
        "The Alder city council voted 4 to 1 on Monday night to adopt a sanctuary resolution.\n"
        "Council member Dana Whitlock cast the only vote against the resolution.\n"
        "More than 200 residents attended the meeting, which lasted until after midnight.\n"
        "The resolution bars city employees from asking residents about their immigration status.\n",
        date="2018-03",
    ),
    "alder-interpreters.txt": article_file(
        "alder-interpreters",
        "Alder County courts hire more interpreters",
        "The Alder County superior court hired nine new Spanish and Hmong interpreters this spring.\n"
        "Court administrator Felix Ambrose said hearings had been postponed for lack of interpreters.\n"
        "The new interpreters will cost the county about $600,000 a year.\n",
        date="2020-04",
    ),
}

# Two of the shipped articles: enough for tests that build many indexes, each embedding costs time.
FEW = ("fresno-bee-aclu-letter-2015.txt", "ksee-aclu-report-2022.txt")

# Questions whose answers the tests compare between two builds: about FEW and EXTRA, and one off topic.
QUESTIONS = [
    "How many immigrants had been placed in deportation proceedings?",
    "How many organizations signed the ACLU letter?",
    "How many detainer requests did the Alder County jail receive?",
    "How did the Alder city council vote on the sanctuary resolution?",
    "How many interpreters did the Alder County court hire?",
    "What is the capital of France?",
]


def make_corpus(
    folder: Path, *, shipped: tuple[str, ...] | None = None, extra: dict[str, str] | None = None
) -> Path:
    """A new corpus folder: copies of the shipped articles (or those named) plus `extra` (default EXTRA)."""
    folder.mkdir(parents=True)
    for path in sorted(SHIPPED.glob("*.txt")):
        if shipped is None or path.name in shipped:
            shutil.copy(path, folder / path.name)
    for name, text in (EXTRA if extra is None else extra).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder

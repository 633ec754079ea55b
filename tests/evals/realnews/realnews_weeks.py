"""A tiny hand-made RealTimeQA folder for the realnews tests: two weeks, written as the real files are.

Week 20250704 is the corpus week, 20250711 the absent-answer week. What each
question is there to show:

    20250704_0  gold 'Ship Bottom', held by the article returned for it     -> answerable
    20250704_1  'Which of the following ...'                                -> left out (choices)
    20250704_2  gold '$1.2 billion', held as '1.2 billion' and as '$1.2bn'  -> answerable, two articles
    20250704_3  gold '25%', its words far apart in one long article         -> left out (unheld)
    20250704_4  right choice 'All of the above'                             -> left out (choices)
    20250711_0  gold 'Longwood Gardens', only in the absent week's article  -> absent-answer case
    20250711_1  gold 'Ship Bottom', which the corpus holds                  -> rejected
    20250711_2  gold 'Osaka Castle', its words far apart in a corpus article -> rejected (anywhere counts)
    20250711_3  'Which one of these ...'                                    -> left out (choices)
"""

from __future__ import annotations

import json
from pathlib import Path

from evals.realnews.realtimeqa import custom_run

CORPUS_WEEK = "20250704"
ABSENT_WEEK = "20250711"
# The run of these two weeks: the corpus week's questions answerable, the other's absent-answer.
RUN = custom_run([CORPUS_WEEK], [ABSENT_WEEK])

TOWER = "Lifeguard tower washes ashore\n\nThe tower that washed up in Delaware came from Ship Bottom, N.J., officials said.\n"
DEAL = "The deal cost 1.2 billion dollars, the company said.\nShares rose."
DEAL_COPY_URL = "https://www.cnn.com/2025/07/01/business/deal-copy/index.html"
BRIEFS = "In other news, a $1.2bn bond was sold. Rain fell on Tuesday.\n"
FILLER = " ".join(["Nothing happened at the board meeting again this week."] * 30)
ABSENCES = (
    f"About 25 students in Osaka were interviewed. {FILLER} Attendance was 90 percent at the castle school."
)
ABSENT_WEEK_ARTICLE = "Longwood Gardens bought the Granogue estate."


def question(qid: str, sentence: str, choices: list[str], answer: int, date: str = "2025/07/02") -> dict:
    return {
        "question_id": qid,
        "question_date": date,
        "question_source": "Test",
        "question_url": "https://example.com/quiz",
        "question_sentence": sentence,
        "choices": choices,
        "answer": [str(answer)],
        "evidence": "",
    }


def result(
    url: str, title: str, text: str | None, *, authors: list[str] | None = None, date: str = "2025/07/01"
) -> dict:
    return {"url": url, "title": title, "text": text, "authors": authors or [], "publish_date": date}


TOWER_URL = (
    "https://www.usatoday.com/story/news/local/delaware/2025/07/01/lifeguard-tower-ship-bottom/123456789/"
)
DEAL_URL = "https://www.usatoday.com/story/money/2025/07/01/big-deal/987654/"
BRIEFS_URL = "https://theweek.co.uk/news/briefs-of-the-day"
ABSENCES_URL = "https://www.usatoday.com/story/news/education/2025/07/01/absences/111/"

QUESTIONS = {
    CORPUS_WEEK: [
        question(
            "20250704_0",
            "Where did the lifeguard tower that washed ashore come from?",
            ["Cape May", "Ship Bottom", "Ocean City", "Lewes"],
            1,
        ),
        question(
            "20250704_1",
            "Which of the following is the world's largest coral reef?",
            ["Great Barrier Reef", "Belize", "Red Sea", "Florida"],
            0,
        ),
        question(
            "20250704_2",
            "How much did the deal cost?",
            ["$1.2 billion", "$2 billion", "$3 billion", "$4 billion"],
            0,
        ),
        question(
            "20250704_3",
            "What share of students are chronically absent?",
            ["10%", "25%", "50%", "75%"],
            1,
            date="2025-07-03",
        ),
        question(
            "20250704_4", "What did the thieves steal?", ["Gold", "Jewels", "Cash", "All of the above"], 3
        ),
    ],
    ABSENT_WEEK: [
        question(
            "20250711_0",
            "Who is the new owner of the Granogue estate?",
            ["Longwood Gardens", "Winterthur", "Hagley", "Nemours"],
            0,
            date="2025/07/09",
        ),
        question(
            "20250711_1",
            "Where did the second tower come from?",
            ["Ship Bottom", "Cape May", "Lewes", "Dover"],
            0,
            date="2025/07/09",
        ),
        question(
            "20250711_2",
            "Which landmark reopened?",
            ["Osaka Castle", "Tokyo Tower", "Kyoto Station", "Nara Park"],
            0,
            date="2025/07/09",
        ),
        question(
            "20250711_3",
            "Which one of these cities hosted the summit?",
            ["Paris", "Rome", "Oslo", "Bern"],
            2,
            date="2025/07/09",
        ),
    ],
}

RESULTS = {
    CORPUS_WEEK: {
        "20250704_0": [
            result(
                TOWER_URL, "Lifeguard tower from Ship Bottom washes ashore", TOWER, authors=["Jane Doe", "  "]
            ),
            result(BRIEFS_URL, "Briefs: bonds, rain", BRIEFS),
        ],
        "20250704_1": [result("https://www.cnn.com/reef", "Reef", None)],
        "20250704_2": [
            result(DEAL_URL, "Big deal", DEAL),
            result(DEAL_COPY_URL, "Big deal (copy)", DEAL),
        ],
        "20250704_3": [
            result(ABSENCES_URL, "Absences", ABSENCES),
            result("https://www.usatoday.com/blank", "Blank", "   \n"),
        ],
        "20250704_4": [],
    },
    ABSENT_WEEK: {
        "20250711_0": [
            result("https://www.delawareonline.com/granogue", "Granogue sold", ABSENT_WEEK_ARTICLE)
        ],
        "20250711_1": [],
        "20250711_2": [],
        "20250711_3": [],
    },
}


def write_weeks(folder: Path) -> Path:
    """Write both weeks' _qa.jsonl and _gcs.jsonl files into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for week, questions in QUESTIONS.items():
        (folder / f"{week}_qa.jsonl").write_text(
            "".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8"
        )
        (folder / f"{week}_gcs.jsonl").write_text(
            "".join(
                json.dumps({"question_id": qid, "search_time": "2025/07/05/00:00", "search_result": items})
                + "\n"
                for qid, items in RESULTS[week].items()
            ),
            encoding="utf-8",
        )
    return folder

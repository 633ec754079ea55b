"""A messy corpus folder: indexing finishes, names each file left out and why, and answers from the rest."""

from __future__ import annotations

import pytest
from corpora import FEW, SHIPPED, article_file, make_corpus
from invariants import assert_grounded, assert_index_matches

from assistant import Assistant

pytestmark = pytest.mark.slow

LEVEE_FACT = "The levee inspection found 17 cracks along the north bank of the river."
WATER_FACT = "The São Joaquin water board approved a 12 percent rate increase on Wednesday."


def _long_line_article() -> str:
    """One line of about 12,000 characters with a fact in the middle, then a 4,000-character token."""
    filler = [
        f"Inspectors walked section {n} of the levee and logged the state of its gates, pumps and culverts."
        for n in range(1, 121)
    ]
    line = " ".join(filler[:60] + [LEVEE_FACT] + filler[60:])
    token = "https://example.org/levee-report?" + "a1b2c3d4" * 500
    return article_file(
        "levee-inspection", "Levee inspection finds cracks", f"{line} {token}\nEnd of report.\n"
    )


MESSY_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.md": b" \n\t\n",
    "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "latin1.txt": "Le café de la gare a fermé ses portes après 40 ans.".encode("latin-1"),
    "huge.txt": b"All work and no play makes a dull article. " * 232_559,  # 10 MB
    "copies/fresno letter (copy).txt": (SHIPPED / "fresno-bee-aclu-letter-2015.txt").read_bytes(),
    "copies/same text, no front matter.md": (SHIPPED / "ksee-aclu-report-2022.txt")
    .read_text(encoding="utf-8")
    .split("---\n", 2)[2]
    .encode(),
    "reports/levee inspection – long lines.txt": _long_line_article().encode(),
    "local news/São Joaquin água.md": f"Water rates rise in São Joaquin\n{WATER_FACT}\n"
    "Board president Amélie Duarte said the increase pays for new pipes.\n".encode(),
}

# What `python -m assistant index` says about each file it leaves out, one line each.
SKIPPED_LINES = {
    "skipped blank.md: empty file",
    # Of two files with one id or one text, the first in path order is kept ("copies/" sorts first).
    "skipped fresno-bee-aclu-letter-2015.txt: id 'fresno-bee-aclu-letter-2015' is already used by "
    "copies/fresno letter (copy).txt: give one of them another id in its front matter",
    "skipped ksee-aclu-report-2022.txt: same text as copies/same text, no front matter.md: "
    "duplicate left out",
    "skipped empty.txt: empty file",
    "skipped huge.txt: 10.0 MB is over the 1 MB limit for one article: split it into several files",
    "skipped latin1.txt: not UTF-8 text (byte 0xe9 at offset 6): convert it, e.g. iconv -f latin1 -t utf-8",
    "skipped photo.txt: binary file, not text",
}


@pytest.fixture(scope="module")
def messy_corpus(tmp_path_factory):
    corpus = make_corpus(tmp_path_factory.mktemp("messy") / "corpus", shipped=FEW, extra={})
    for name, data in MESSY_FILES.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_bytes(data)
    assert (corpus / "huge.txt").stat().st_size == 10_000_037
    return corpus


@pytest.fixture(scope="module")
def indexed(messy_corpus, tmp_path_factory, forkserver):
    """`python -m assistant index` over the messy folder, run in a child process; its result."""
    import json

    import index_runs

    index_dir = tmp_path_factory.mktemp("messy-index")
    result = index_dir.parent / f"{index_dir.name}-result.json"
    child = forkserver.Process(
        target=index_runs.run_cli_index,
        args=(str(messy_corpus), str(index_dir)),
        kwargs={"result": str(result)},
    )
    child.start()
    child.join(180)
    assert child.exitcode == 0
    return index_dir, json.loads(result.read_text(encoding="utf-8"))


def test_index__names_every_skipped_file_with_its_reason_on_one_line_and_exits_3(indexed):
    _, result = indexed
    assert result["exit"] == 3
    lines = result["stderr"].splitlines()
    assert {line for line in lines if line.startswith("skipped ")} == SKIPPED_LINES
    assert len([line for line in lines if line.startswith("skipped ")]) == len(SKIPPED_LINES)
    assert f"{len(SKIPPED_LINES)} file(s) left out, see above" in lines[-1]
    assert "Traceback" not in result["stderr"]
    assert result["stdout"].startswith("4 articles indexed")


@pytest.fixture(scope="module")
def bot(indexed, messy_corpus) -> Assistant:
    return Assistant.from_corpus(messy_corpus, index_dir=indexed[0])


def test_index__holds_exactly_the_usable_articles_once_each(indexed, messy_corpus, bot):
    index_dir, _ = indexed
    assert not bot.last_sync.changed
    assert sorted(a.id for a in bot.articles) == [
        "copies-same-text-no-front-matter",
        "fresno-bee-aclu-letter-2015",
        "levee-inspection",
        "local-news-são-joaquin-água",
    ]
    assert_index_matches(index_dir, messy_corpus, lexical_size=len(bot.catalog.retriever.lexical))


@pytest.mark.parametrize(
    ("question", "article_id", "fact"),
    [
        ("How many cracks did the levee inspection find?", "levee-inspection", LEVEE_FACT),
        (
            "What rate increase did the São Joaquin water board approve?",
            "local-news-são-joaquin-água",
            WATER_FACT,
        ),
        (
            "How many immigrants had been placed in deportation proceedings?",
            "fresno-bee-aclu-letter-2015",
            "134",
        ),
    ],
)
def test_ask__answers_from_the_usable_articles(bot, question, article_id, fact):
    answer = bot.ask(question)
    assert_grounded(answer, {a.id: a for a in bot.articles})
    assert not answer.abstained
    assert answer.citations[0].article_id == article_id
    assert fact in answer.citations[0].quote

"""Property-based tests over hostile questions and article texts: no crash, offsets always right.

The pure parts (sentence spans, passage offsets, reading files) run many
examples; the ones that go through the real model and store run fewer, with no
deadline, since one example embeds text.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from corpora import article_file, make_corpus
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from invariants import assert_grounded, expected_passages

from assistant import Assistant, InvalidQuestion
from assistant.questions import analyze
from assistant.sentences import split_sentences
from index.articles import Article, load_corpus
from index.chunking import Chunker
from index.errors import EmptyCorpus

pytestmark = pytest.mark.slow

VOCABULARY = ["sheriff", "ICE", "jail", "letter", "Fresno", "county", "134", "immigrants", "ACLU", "2015"]
SEPARATORS = [
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u2028",
    ". ",
    "? ",
    "! ",
    "\n\n",
    " — ",
    '" ',
    "“",
    "” ",
    "...",
    "\x00",
    "\x1b[31m",
]
INVALID_QUESTION = re.compile(r"^The question is (empty|[\d,]+ characters long; the limit is 2,000): \w")

words = st.one_of(st.sampled_from(VOCABULARY), st.text(min_size=1, max_size=12))
article_texts = (
    st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), min_size=1, max_size=60)
    .map(lambda parts: "".join(w + s for w, s in parts))
    .filter(lambda text: text.strip() != "")
)
questions = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "So", "Mn"])),
    st.lists(words, min_size=1, max_size=400).map(" ".join),
)


def _article(text: str) -> Article:
    return Article(id="a", title="t", outlet="o", date=None, date_approximate=False, text=text)


@settings(max_examples=300, deadline=None)
@given(article_texts)
def test_split_sentences__spans_are_ordered_trimmed_non_empty_pieces_of_the_text(text):
    spans = split_sentences(text)
    for span in spans:
        piece = text[span.start : span.end]
        assert 0 <= span.start < span.end <= len(text)
        assert piece == piece.strip() and piece
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


@settings(max_examples=100, deadline=None)
@given(article_texts)
def test_chunker__every_passage_is_the_article_text_at_its_offsets(text):
    article = _article(text)
    passages = Chunker(chunk_size=48, chunk_overlap=0).split(article)
    assert passages
    for number, passage in enumerate(passages):
        assert article.text[passage.start : passage.end] == passage.text
        assert passage.id.endswith(f"#{number}")


@settings(max_examples=300, deadline=None)
@given(questions)
def test_analyze__reads_any_text_without_failing(question):
    parsed = analyze(question)
    assert parsed.answer_type in {"number", "date", "person", "place", "other"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | article_texts.map(lambda t: t.encode("utf-8")))
def test_load_corpus__any_file_is_an_article_or_skipped_with_a_one_line_reason(data):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "file.txt").write_bytes(data)
        try:
            corpus = load_corpus(folder)
        except EmptyCorpus as error:
            assert "add .txt or .md files" in str(error)
            return
    assert len(corpus) + len(corpus.skipped) == 1
    for skipped in corpus.skipped:
        assert "\n" not in str(skipped) and skipped.reason
    for article in corpus:
        assert article.text.strip()
        assert data.decode("utf-8-sig").endswith(article.text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(questions)
@example("\ud800 who signed the letter?")  # a lone surrogate, as a broken client may send
@example("\x00\x07\x1b[2J" + "?" * 10)
@example("Who signed the letter?" + "\u202e" + "\u0301" * 50)
@example("x" * 2001)
@example(" \t\n\u2028\u00a0 ")
@example("<script>alert(1)</script> {{7*7}} '; DROP TABLE passages; --")
def test_ask__any_question_gets_a_grounded_answer_or_a_clear_error(bot, question):
    try:
        answer = bot.ask(question)
    except InvalidQuestion as error:
        assert INVALID_QUESTION.match(str(error)), str(error)
        return
    assert_grounded(answer, {a.id: a for a in bot.articles})


@pytest.fixture(scope="module")
def article_folder(tmp_path_factory) -> tuple[Path, Path]:
    corpus = make_corpus(
        tmp_path_factory.mktemp("hostile") / "corpus", shipped=("ksee-aclu-report-2022.txt",), extra={}
    )
    return corpus, corpus.parent / "index"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article_texts.filter(lambda text: "\x00" not in text))  # a NUL byte makes it a binary file
def test_ask__quotes_from_any_article_text_are_that_text_at_their_offsets(article_folder, text):
    corpus, index_dir = article_folder
    # The front matter is written with \n; the text after it is byte for byte the generated one.
    (corpus / "generated.txt").write_bytes(article_file("generated", "Generated", text).encode("utf-8"))
    bot = Assistant.from_corpus(corpus, index_dir=index_dir)
    article = bot.article("generated")
    assert article.text == text
    chunked = expected_passages(corpus)  # the passages a fresh chunking cuts, by id
    question = " ".join(w for w in re.findall(r"\w+", text)[:8]) or "What does it say?"
    for hit in bot.retrieve(question):
        assert (hit.article_id, hit.start, hit.end) == chunked[hit.passage_id]
    assert_grounded(bot.ask(question), {a.id: a for a in bot.articles})

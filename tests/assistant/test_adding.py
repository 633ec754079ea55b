"""Adding and removing articles on a running assistant, with the real model and Chroma.

One assistant over a copy of the corpus for the whole module; the tests run in
order: refusals (which change nothing), then an HTML page and a PDF added and
asked about, a question answered while another file is indexed, and removals.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from index.articles import load_corpus
from index.corpus_changes import remove_from
from index.corpus_folder import CannotRemove
from index.errors import UnknownArticle
from tests.index.pdf_files import LIBRARY, TRANSIT, write_pdf
from tests.index.test_uploads import ELF, KFSN, MB, SAVED_PAGE, SCRIPT_ONLY_PAGE, body_of
from webui.service import ChatService

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BRIDGE_QUESTION = "How much will the Willow Creek bridge repairs cost?"
PELL_QUESTION = "Who voted against the transit plan?"
LIBRARY_QUESTION = "When will the Dorrance library open on Sundays?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    from assistant import Assistant

    work = tmp_path_factory.mktemp("adding")
    corpus = work / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    bot = Assistant.from_corpus(corpus, index_dir=work / "index")
    return SimpleNamespace(bot=bot, corpus=corpus, index_dir=work / "index")


def state(library: SimpleNamespace) -> tuple[object, ...]:
    """The corpus folder's files, the store's articles, the BM25 file, the cache and the assistant's view."""
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(library.corpus.iterdir())}
    lexical = (library.index_dir / "lexical.pkl").read_bytes()
    cache = sorted(p.name for p in (library.index_dir / "extracted").glob("*")) \
        if (library.index_dir / "extracted").is_dir() else []
    return (files, library.bot.catalog.retriever.store.articles(), lexical, cache,
            [a.id for a in library.bot.articles])


REFUSED = [
    ("../../x.md", b"A story about a bridge that will close for repairs."),
    ("big.pdf", b"%PDF-1.7\n" + b"\0" * (50 * MB)),
    ("page.html", SCRIPT_ONLY_PAGE),
    ("report.pdf", ELF),
    ("notes.txt", b"abc\x00\x01\x02 not text"),
    (KFSN, b"A new story about the jail."),
]


@pytest.mark.parametrize("name, data", REFUSED, ids=[n for n, _ in REFUSED])
def test_add__a_refused_file_changes_nothing(library, name, data):
    before = state(library)

    report = library.bot.add([(name, data)])

    assert report.added == () and [r.name for r in report.refused] == [name]
    assert state(library) == before


def test_add__duplicate_text_and_too_many_files_change_nothing(library):
    before = state(library)
    many = [(f"fair-{i}.txt", f"Story {i} about the county fair.".encode()) for i in range(21)]

    same_text = library.bot.add([("copy.txt", body_of(KFSN, library.corpus))])
    too_many = library.bot.add(many)

    assert same_text.refused[0].reason == f"same text as {KFSN}, which is already in the corpus: nothing to add"
    assert len(too_many.refused) == 21 and too_many.added == ()
    assert state(library) == before


def test_add__an_html_page_and_a_pdf_are_answerable_at_once_with_cited_quotes(library):
    bot = library.bot
    heard: list[tuple[str, int, int]] = []

    report = bot.add(
        [("bridge-closure.html", SAVED_PAGE), ("transit-plan.pdf", write_pdf(TRANSIT)), ("fake.pdf", ELF)],
        progress=lambda *event: heard.append(event),
    )

    assert [(a.name, a.article_id) for a in report.added] == [
        ("bridge-closure.html", "bridge-closure"),
        ("transit-plan.pdf", "transit-plan"),
    ]
    assert [r.name for r in report.refused] == ["fake.pdf"]
    assert report.sync is not None and sorted(report.sync.added) == ["bridge-closure", "transit-plan"]
    assert ("indexing", 2, 2) in heard and heard[0] == ("checking", 0, 3)
    assert (library.corpus / "bridge-closure.html").read_bytes() == SAVED_PAGE
    assert not (library.corpus / "fake.pdf").exists()
    assert not [p for p in library.corpus.iterdir() if p.name.startswith(".")]

    bridge = bot.ask(BRIDGE_QUESTION)
    assert not bridge.abstained
    cited = bridge.citations[0]
    assert cited.article_id == "bridge-closure" and "$3.8 million" in bridge.text
    assert bot.article(cited.article_id).text[cited.start : cited.end] == cited.quote
    assert cited.page is None

    pell = bot.ask(PELL_QUESTION)
    first = pell.citations[0]
    assert (first.article_id, first.quote) == ("transit-plan", "Council member Arthur Pell voted against the plan.")
    assert bot.article("transit-plan").text[first.start : first.end] == first.quote
    assert first.page == 2

    # What the assistant answers from is what a fresh load of the folder reads.
    assert {a.id: a.text for a in load_corpus(library.corpus)} == {a.id: a.text for a in bot.articles}


def test_add__questions_are_answered_from_the_old_corpus_while_new_files_are_indexed(library):
    service = ChatService(library.bot)
    during: dict[str, object] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage == "indexing" and done == 0:
            asking = threading.Thread(target=lambda: during.update(answer=service.ask(BRIDGE_QUESTION)))
            asking.start()
            asking.join(timeout=60)  # would time out if indexing held the question lock
            during["finished"] = not asking.is_alive()

    report = service.add([_write(library, "library-sundays.pdf", write_pdf(LIBRARY))], progress=on_progress)

    assert [a.article_id for a in report.added] == ["library-sundays"]
    assert during["finished"] is True
    answer = during["answer"]
    assert isinstance(answer, dict) and answer["citations"][0]["article_id"] == "bridge-closure"
    after = service.ask(LIBRARY_QUESTION)
    assert after["citations"][0]["article_id"] == "library-sundays"
    assert service.article("library-sundays") is not None


def test_remove__the_article_leaves_the_folder_the_index_and_the_answers(library):
    bot = library.bot

    bot.remove("bridge-closure")

    assert not (library.corpus / "bridge-closure.html").exists()
    assert not [p for p in library.corpus.iterdir() if p.name.startswith(".")]
    assert "bridge-closure" not in bot.catalog.retriever.store.articles()
    assert "bridge-closure" not in {a.id for a in bot.articles}
    answer = bot.ask(BRIDGE_QUESTION)
    assert all(c.article_id != "bridge-closure" for c in answer.citations)
    with pytest.raises(UnknownArticle):
        bot.article("bridge-closure")


def test_remove__an_unknown_id_changes_nothing(library):
    before = state(library)

    with pytest.raises(UnknownArticle):
        library.bot.remove("no-such-article")

    assert state(library) == before


def test_remove__a_removed_article_can_be_added_again(library):
    report = library.bot.add([("bridge-closure.html", SAVED_PAGE)])

    assert [a.article_id for a in report.added] == ["bridge-closure"]
    assert library.bot.ask(BRIDGE_QUESTION).citations[0].article_id == "bridge-closure"


def test_remove_from__the_only_article_is_refused(tmp_path):
    (tmp_path / "only.txt").write_text("The only story in this corpus.")
    catalog = SimpleNamespace(corpus=load_corpus(tmp_path), settings=SimpleNamespace(corpus_dir=tmp_path))

    with pytest.raises(CannotRemove) as error:
        remove_from(catalog, "only")  # type: ignore[arg-type]

    assert str(error.value) == (
        "'only' is the only article in the corpus, and a corpus cannot be empty: "
        "add another article first, then remove this one."
    )
    assert (tmp_path / "only.txt").exists()


def _write(library: SimpleNamespace, name: str, data: bytes) -> Path:
    """A file outside the corpus, as an upload arrives: the service is given its path."""
    inbox = library.index_dir.parent / "inbox"
    inbox.mkdir(exist_ok=True)
    path = inbox / name
    path.write_bytes(data)
    return path

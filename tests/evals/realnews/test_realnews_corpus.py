"""The realnews corpus: one Markdown article per URL that the project's loader reads back unchanged."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from realnews_weeks import CORPUS_WEEK, DEAL, DEAL_COPY_URL, DEAL_URL, TOWER, TOWER_URL, write_weeks

from evals.realnews.corpus import (
    NewsArticle,
    article_id,
    collect_articles,
    outlet_of,
    write_corpus,
)
from evals.realnews.realtimeqa import SearchResult, WeekFiles, read_results
from index.articles import Article, load_corpus, parse_article


def result(url: str, text: str | None, *, week: str = "20250704", title: str = "T", **extra) -> SearchResult:
    fields = {"authors": (), "publish_date": "2025/07/01"} | extra
    return SearchResult(
        question_id=f"{week}_0", week=week, rank=0, url=url, title=title, text=text or "", **fields
    )


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.usatoday.com/story/news/x/", "usatoday.com"),
        ("https://college.usatoday.com/2025/a", "college.usatoday.com"),
        ("https://theweek.co.uk/news/a", "theweek.co.uk"),
        ("http://WWW.CNN.com:443/a", "cnn.com"),
        ("not a url", "unknown"),
    ],
)
def test_outlet_of__the_host_without_www(url, outlet):
    assert outlet_of(url) == outlet


@pytest.mark.parametrize(
    ("url", "prefix"),
    [
        (
            "https://www.usatoday.com/story/travel/news/2024/07/12/venice-tourist-tax-hike-2025/74384859007/",
            "usatoday.com-venice-tourist-tax-hike-2025-",
        ),
        (
            "https://www.cnn.com/2022/10/09/health/colonoscopy-cancer-death-study/index.html",
            "cnn.com-colonoscopy-cancer-death-study-",
        ),
        ("https://theweek.co.uk/news/caf%C3%A9-society", "theweek.co.uk-caf-society-"),
        ("https://www.cnn.com/", "cnn.com-"),
    ],
)
def test_article_id__outlet_slug_and_a_short_hash_of_the_url(url, prefix):
    found = article_id(url)
    assert found.startswith(prefix)
    assert len(found) - len(prefix) == 10 and all(c in "0123456789abcdef" for c in found[len(prefix) :])
    assert found == article_id(url)


def test_article_id__is_stable_across_runs_and_machines():
    # A change here renames every article file and makes every index re-embed the corpus.
    url = "https://www.usatoday.com/story/travel/news/2024/07/12/venice-tourist-tax-hike-2025/74384859007/"
    assert article_id(url) == "usatoday.com-venice-tourist-tax-hike-2025-8e27ae1ab6"


def test_article_id__a_long_slug_is_cut_at_a_word():
    found = article_id("https://cnn.com/" + "-".join(["word"] * 40))
    slug = found[len("cnn.com-") : -11]
    assert len(slug) <= 60 and not slug.endswith("-") and set(slug.split("-")) == {"word"}


def test_collect__one_article_per_url_the_latest_week_s_version():
    results = [
        result("https://cnn.com/a", "Old text.", week="20250704", title="Old"),
        result("https://cnn.com/a", "New text.", week="20250711", title="New"),
        result("https://cnn.com/a", "Same week, later rank.", week="20250711", title="Later"),
    ]
    (article,) = collect_articles(results).articles
    assert (article.text, article.title) == ("New text.", "New")


def test_collect__results_without_text_and_repeated_texts_are_left_out_and_counted():
    results = [
        result("https://cnn.com/none", None),
        result("https://cnn.com/blank", " \n "),
        result("https://cnn.com/nul", "A\0B"),
        result("https://cnn.com/one", "Shared text."),
        result("https://cnn.com/two", "Shared text."),
    ]
    collection = collect_articles(results)
    assert (collection.results, collection.without_text, collection.duplicate_texts) == (5, 3, 1)
    (kept,) = collection.articles
    assert kept.id == min(article_id("https://cnn.com/one"), article_id("https://cnn.com/two"))
    assert collection.ids_by_url == {"https://cnn.com/one": kept.id, "https://cnn.com/two": kept.id}


def test_collect__metadata_from_the_result():
    (article,) = collect_articles(
        [
            result(
                TOWER_URL,
                TOWER,
                title="  Two\nlines ",
                authors=("Jane Doe", "Jane Doe", " "),
                publish_date="2025/7/1",
            )
        ]
    ).articles
    assert (article.title, article.outlet, article.date, article.authors, article.url) == (
        "Two lines",
        "usatoday.com",
        "2025-07-01",
        ("Jane Doe",),
        TOWER_URL,
    )
    assert collect_articles([result(TOWER_URL, TOWER, publish_date="soon")]).articles[0].date is None


def test_write_corpus__the_loader_reads_every_field_and_the_text_byte_for_byte(tmp_path):
    files = WeekFiles.locate(write_weeks(tmp_path / "rtqa"))
    collection = collect_articles(read_results(files, [CORPUS_WEEK]))
    write_corpus(collection.articles, tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    assert not corpus.skipped
    assert [a.id for a in corpus] == [a.id for a in collection.articles]
    for written, loaded in zip(collection.articles, corpus, strict=True):
        assert (loaded.title, loaded.outlet, loaded.date) == (written.title, written.outlet, written.date)
        assert loaded.text == written.text
        raw = (tmp_path / "corpus" / written.file_name).read_bytes()
        assert raw.endswith(written.text.encode("utf-8"))
        meta = yaml.safe_load(raw.decode("utf-8").split("---\n")[1])
        assert (meta["authors"], meta["url"]) == (list(written.authors), written.url)
    # Two URLs with one text are one article.
    assert len({a.url for a in collection.articles} & {DEAL_URL, DEAL_COPY_URL}) == 1
    assert DEAL in {a.text for a in corpus}


@pytest.mark.skipif(not hasattr(Article, "authors"), reason="this loader does not read authors and url yet")
def test_write_corpus__the_loader_reads_authors_and_url_back(tmp_path):
    files = WeekFiles.locate(write_weeks(tmp_path / "rtqa"))
    collection = collect_articles(read_results(files, [CORPUS_WEEK]))
    write_corpus(collection.articles, tmp_path / "corpus")
    loaded = [(a.id, a.authors, a.url) for a in load_corpus(tmp_path / "corpus")]
    assert loaded == [(a.id, a.authors, a.url) for a in collection.articles]


def test_write_corpus__rewriting_leaves_unchanged_files_untouched(tmp_path):
    articles = [_article("a", "Text A."), _article("b", "Text B.")]
    first = write_corpus(articles, tmp_path)
    stamps = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in tmp_path.iterdir()}
    second = write_corpus(articles, tmp_path)
    assert (first.written, first.unchanged, second.written, second.unchanged) == (2, 0, 0, 2)
    assert {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in tmp_path.iterdir()} == stamps
    third = write_corpus([_article("a", "Text A, changed."), articles[1]], tmp_path)
    assert (third.written, third.unchanged) == (1, 1)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_write_corpus__prune_removes_other_articles_only_when_asked(tmp_path):
    write_corpus([_article("a", "A."), _article("b", "B.")], tmp_path)
    (tmp_path / "notes.txt").write_text("kept")
    assert write_corpus([_article("a", "A.")], tmp_path).removed == 0
    assert (tmp_path / "b.md").exists()
    assert write_corpus([_article("a", "A.")], tmp_path, prune=True).removed == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "notes.txt"]


def test_write_corpus__a_folder_that_cannot_be_made_says_what_to_do(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(
        OSError, match="Cannot create the corpus folder .*choose another folder with --out DIR"
    ):
        write_corpus([_article("a", "A.")], tmp_path / "file" / "corpus")


_line = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    title=_line, authors=st.lists(_line, max_size=3), text=_line.filter(lambda t: t.strip() and "\0" not in t)
)
def test_to_markdown__any_title_authors_and_text_round_trip_through_the_loader(title, authors, text):
    (article,) = collect_articles(
        [result("https://www.cnn.com/x", text, title=title, authors=tuple(authors))]
    ).articles
    markdown = article.to_markdown()
    loaded = parse_article(markdown, default_id="fallback")
    assert loaded.id == article.id and loaded.outlet == "cnn.com" and loaded.date == "2025-07-01"
    assert loaded.text == text
    assert loaded.title == (" ".join(title.split()) or loaded.title)
    meta = yaml.safe_load(markdown[4 : markdown.index("\n---\n") + 1])
    names = [" ".join(a.split()) for a in authors]
    assert meta["authors"] == list(dict.fromkeys(n for n in names if n))
    assert meta["url"] == "https://www.cnn.com/x"


def _article(article_id: str, text: str) -> NewsArticle:
    return NewsArticle(
        article_id, "Title", "cnn.com", "2025-07-01", (), f"https://cnn.com/{article_id}", text
    )

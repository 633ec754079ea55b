"""Saved news pages: the article's paragraphs and metadata come out, the page's furniture does not.

Each page in `pages/` is a made-up story in a different layout; beside it,
`<name>.body` holds the story's paragraphs as the reader should see them
(blank lines between).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index import webpages
from index.articles import load_corpus
from index.errors import ExtractionError

PAGES = Path(__file__).resolve().parent / "pages"

# file, title, outlet, authors, date, url
METADATA = [
    (
        "millbrook-ledger-bridge-closure.html",
        "Willow Creek bridge to close for six months of repairs",
        "Millbrook Ledger",  # og:site_name, not the article:publisher link beside it
        ("Dana Whitfield",),
        "2023-02-14",
        "https://www.millbrookledger.com/news/local/willow-creek-bridge-closure",
    ),
    (
        "coastal-star-wire-ferry-rescue.html",  # JSON-LD
        "Ferry crew pulls two kayakers from Sound after sudden squall",
        "Coastal Daily Star",
        ("Marta Ellison", "Theo Brandt"),
        "2024-06-09",  # published, not updated
        "https://coastaldailystar.com/2024/06/09/ferry-crew-rescues-kayakers/",
    ),
    (
        "eastside-notes-community-garden.html",  # a blog: no site name, so the host
        "The Fifth Street garden gets a second season",
        "eastsidenotes.blog",
        ("June Takahashi",),
        "2022-04-18",
        "https://eastsidenotes.blog/2022/04/fifth-street-garden-second-season/",
    ),
    (
        "kfrv-school-board-boundaries.html",  # Open Graph tags only; <title> is the station's name
        "School board redraws Dorrance attendance boundaries",
        "KFRV 7 News",
        ("Owen Castillo",),
        "2021-09-22",
        "https://www.kfrv7.com/story/2021/09/22/school-board-redraws-boundaries",
    ),
    (
        # A 2007 table layout in Latin-1 without metadata: the URL from the browser's "saved from"
        # note, the outlet its host, the date read from the text by htmldate, the headline from
        # the half of <title> that is not the site's name.
        "harlow-valley-news-barn-fire.htm",
        "Fire destroys historic Ashby barn; volunteers save the livestock",
        "harlowvalleynews.com",
        (),
        "2007-10-09",
        "http://www.harlowvalleynews.com/stories/2007/ashby-barn-fire.html",
    ),
]

# Text that is on the page but not in the story: menus, ads, share and cookie bars, related
# links, comments, captions and credits, footers, and the code of scripts and styles.
FURNITURE = {
    "millbrook-ledger-bridge-closure.html": [
        "We use cookies",
        "Accept all cookies",
        "Manage preferences",
        "Obituaries",
        "Classifieds",
        "Subscribe for $1",
        "Advertisement",
        "Hartley Motors",
        "Refinance today",
        "Share on Facebook",
        "Tweet this story",
        "Email a friend",
        "Photo: Lena Ortiz",
        "Read more",
        "Route 9 paving wraps up",
        "Related stories",
        "Dorrance water main break",
        "riverrat62",
        "shaking under my truck",
        "work nights and weekends",
        "Nobody asked us",
        "Join the conversation",
        "Most read",
        "Beloved Main Street diner",
        "Hot tubs",
        "morning headlines",
        "All rights reserved",
        "Privacy policy",
        "dataLayer",
        "gtag",
        "trackShare",
        "initLedgerSite",
        "acceptAllCookies",
        "tracking pixel",
        "cookie-banner",
        "min-height",
    ],
    "coastal-star-wire-ferry-rescue.html": [
        "72°F Sunny",
        "Log in",
        "Puzzles",
        "BREAKING:",
        "free articles remaining",
        "Sponsored:",
        "island cabins",
        "You may also like",
        "Harbor seals return",
        "Ferry fares to rise",
        "Tidewater Media",
        "privacy choices",
        "googletag",
        "adUnits",
        "createElement",
        "font-family",
        "NewsArticle",
        "Tags:",
        "openLogin",
    ],
    "eastside-notes-community-garden.html": [
        "A neighbourhood blog about",
        "Send a tip",
        "Share this:",
        "Click to share",
        "Volunteers clear",
        "Previous post",
        "Bus route 12",
        "great Orchard Avenue yard sale",
        "thoughts on",
        "pumpkin patch",
        "more taxes",
        "Leave a Reply",
        "will not be published",
        "Search this blog",
        "About me",
        "since 1998",
        "Archives",
        "March 2022",
        "zoning",
        "Proudly powered by WordPress",
        "_paq",
        "trackPageView",
        "jQuery",
        "window.open",
        "border-left",
        "Posted in",
    ],
    "kfrv-school-board-boundaries.html": [
        "7-day forecast",
        "Watch live",
        "First Alert Weather",
        "Contests",
        "Parents pack the school board",
        "breaking news alerts",
        "Download our free app",
        "Trending on KFRV 7",
        "County fair attendance",
        "Storm damage photos",
        "__APP_STATE__",
        "adsEnabled",
        "addEventListener",
        "loadHls",
        "expandWeather",
        "aspect-ratio",
    ],
    "harlow-valley-news-barn-fire.htm": [
        "Front Page",
        "Valley Sports",
        "Church Directory",
        "Farm Weather",
        "Weekly Poll",
        "Feed and Seed",
        "Story archive",
        "Print this page",
        "E-mail the editor",
        "visitor number",
        "Harlow Valley Publishing",
        "MM_swapImage",
        "popUp",
        "hitCount",
        "document.write",
        "font-family",
        "MM_preloadImages",
    ],
}


def _extract(name: str):
    return webpages.extract((PAGES / name).read_bytes())


def _body(name: str) -> list[str]:
    return (PAGES / name).with_suffix(".body").read_text(encoding="utf-8").strip().split("\n\n")


@pytest.mark.parametrize("name", list(FURNITURE))
def test_webpage__body_kept_and_furniture_dropped(name):
    text = _extract(name).text
    paragraphs = text.split("\n\n")
    for paragraph in _body(name):
        assert paragraph in paragraphs, f"missing or not a paragraph of its own: {paragraph[:60]}..."
    for furniture in FURNITURE[name]:
        assert furniture not in text, furniture
    assert "<" not in text and "function" not in text


@pytest.mark.parametrize(("name", "title", "outlet", "authors", "date", "url"), METADATA)
def test_webpage__metadata_read_from_the_page(name, title, outlet, authors, date, url):
    extraction = _extract(name)
    assert (extraction.title, extraction.outlet, extraction.authors, extraction.date, extraction.url) == (
        title,
        outlet,
        authors,
        date,
        url,
    )
    assert extraction.pages == ()


def test_webpage__paragraphs_are_single_lines_with_single_spaces():
    text = _extract("harlow-valley-news-barn-fire.htm").text
    assert "\n\n\n" not in text and text == text.strip()
    assert all("\n" not in p and "  " not in p and p == p.strip() for p in text.split("\n\n"))
    assert "Mrs. Kessler's café-style apple pie" in text  # Latin-1 read as its <meta> says


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = 1; document.write('<p>' + a + '</p>');</script></head><body>"
        "<script src='/app.js'></script><style>p { color: red }</style></body></html>",
        '<!DOCTYPE html><html><head><title>Loading</title></head><body><div id="root"></div>'
        "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sports'>Sports</a>"
        "</nav></body></html>",
        "<html><body></body></html>",
    ],
    ids=["scripts-only", "app-shell", "menu-only", "empty-body"],
)
def test_webpage__a_page_without_article_text_raises_with_the_reason(html):
    with pytest.raises(ExtractionError) as raised:
        webpages.extract(html.encode())
    assert str(raised.value) == webpages.NO_TEXT_REASON


def test_webpage__unsafe_addresses_are_not_kept():
    page = (
        '<html><head><meta property="og:url" content="javascript:alert(1)">'
        '<meta property="og:site_name" content="Valley Times"></head><body><article>'
        "<p>The county fair opened on Friday with a record crowd of more than nine thousand people.</p>"
        "</article></body></html>"
    )
    extraction = webpages.extract(page.encode())
    assert extraction.url is None and extraction.outlet == "Valley Times"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"\x7fELF\x02\x01\x01\x00" + bytes(64),
            "by its first bytes it is an ELF executable (a Linux program), not a web page: remove it from the corpus",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "by its first bytes it is a PNG image, not a web page: remove it from the corpus",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "by its first bytes it is a PDF document, not a web page: rename it to .pdf",
        ),
        (b"<html>\x00\x01\x02\x03 binary", "binary file, not a web page: remove it from the corpus"),
        (b"Just a note, no markup.\n", "no HTML markup in the file: if it is plain text, rename it to .txt"),
        (b"<html><script>track()</script></html>", webpages.NO_TEXT_REASON),
    ],
    ids=["elf", "png", "pdf", "binary", "plain-text", "scripts-only"],
)
def test_load_corpus__a_webpage_that_is_not_one_is_skipped_with_what_it_is(tmp_path, data, reason):
    (tmp_path / "ok.md").write_text("An article. It has text.", encoding="utf-8")
    (tmp_path / "page.html").write_bytes(data)
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus] == ["ok.md"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [("page.html", reason)]


def test_load_corpus__a_webpage_becomes_an_article_with_its_metadata(tmp_path):
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "Bridge Closure.HTML").write_bytes(
        (PAGES / "millbrook-ledger-bridge-closure.html").read_bytes()
    )
    (article,) = load_corpus(tmp_path)
    assert (article.id, article.path) == ("local-bridge-closure", "local/Bridge Closure.HTML")
    assert (article.title, article.outlet, article.date, article.date_approximate) == (
        "Willow Creek bridge to close for six months of repairs",
        "Millbrook Ledger",
        "2023-02-14",
        False,
    )
    assert article.authors == ("Dana Whitfield",)
    assert article.url == "https://www.millbrookledger.com/news/local/willow-creek-bridge-closure"
    assert article.page_at(0) is None


def test_load_corpus__an_over_large_webpage_is_skipped_before_it_is_read(tmp_path, monkeypatch):
    import index.articles

    monkeypatch.setattr(index.articles, "MAX_WEBPAGE_BYTES", 2_000_000)
    (tmp_path / "ok.txt").write_text("Readable.", encoding="utf-8")
    (tmp_path / "huge.html").write_bytes(b"<html><body>" + b"<p>x</p>" * 300_000 + b"</body></html>")
    corpus = load_corpus(tmp_path)
    assert [str(s) for s in corpus.skipped] == [
        "skipped huge.html: 2.4 MB is over the 2 MB limit for one saved web page: "
        "save the article's page alone, without its images inlined"
    ]


def test_webpage__date_from_htmldate_when_trafilatura_finds_none(monkeypatch):
    import trafilatura

    real = trafilatura.bare_extraction

    def without_date(*args, **kwargs):
        document = real(*args, **kwargs)
        document.date = None
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", without_date)
    assert _extract("harlow-valley-news-barn-fire.htm").date == "2007-10-09"


def test_webpage__code_and_markup_a_browser_never_shows_stay_out_of_the_text():
    page = b"""<html><head><title>Storm closes schools</title><script>var header = 'HEADCODE';</script></head>
    <body onload="track('BODYHANDLER')"><article><h1>Storm closes schools</h1>
    <p onclick="steal('HANDLERCODE')">The storm closed every school in the county on Monday, the district said.<script>var leaked = 'SCRIPTCODE';</script></p>
    <noscript>NOSCRIPTTEXT please enable JavaScript to see the video of the storm damage.</noscript>
    <p>Crews cleared fallen trees from nine roads by noon, and power returned by evening.<style>.x{color:red} /* STYLECODE */</style></p>
    <template><p>TEMPLATETEXT a template paragraph that the page fills in with its scripts.</p></template>
    <p hidden>HIDDENTEXT a paragraph that carries the hidden attribute and is never shown.</p>
    <p style="display:none">INLINEHIDDEN a paragraph hidden by its style that nobody sees.</p>
    </article></body></html>"""
    text = webpages.extract(page).text
    assert text.split("\n\n") == [
        "Storm closes schools",
        "The storm closed every school in the county on Monday, the district said.",
        "Crews cleared fallen trees from nine roads by noon, and power returned by evening.",
    ]

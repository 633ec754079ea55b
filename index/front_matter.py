"""Front matter: the YAML block that may open a text article and describe it.

    ---
    id: fresno-bee-aclu-letter-2015
    title: "ACLU letter urges Sheriff Mims to end the ICE partnership"
    outlet: The Fresno Bee
    date: "2015-11"
    date_approximate: true
    authors: [Marc Benjamin]
    url: https://www.fresnobee.com/news/local/article1.html
    ---
    The American Civil Liberties Union sent ...

Everything after the closing `---` line is the article text, byte for byte.
`split` separates the block from the text and reads the block's known fields
(`KEYS`; others are ignored); `authors`, `url` and `clean` read one field's
value. A malformed block or field raises `ArticleFormatError`, whose message
says what to fix.

It deliberately does not fill in defaults or build the `Article`: that is
`articles.parse_article`, which knows the file the text came from.
"""

from __future__ import annotations

import re

from index import webpages
from index.errors import ArticleFormatError

__all__ = ["KEYS", "authors", "clean", "split", "url"]

KEYS = frozenset({"id", "title", "outlet", "date", "date_approximate", "authors", "url"})
_BLOCK = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|$)", flags=re.DOTALL)


def split(raw: str) -> tuple[dict[str, object], str]:
    """The known fields of the front matter opening `raw`, and the text after it.

    Example: '---\\ntitle: A\\n---\\nBody.' -> ({'title': 'A'}, 'Body.');
    'Body.' (no front matter) -> ({}, 'Body.')
    """
    match = _BLOCK.match(raw)
    if not match:
        return {}, raw
    return _fields(match.group(1) or ""), raw[match.end() :]


def _fields(block: str) -> dict[str, object]:
    import yaml

    try:
        # libyaml's loader when PyYAML was built with it: the same safe subset, about 10x faster,
        # which is most of the time a large corpus takes to open.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        meta = yaml.load(block, Loader=loader) if block.strip() else {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0]
        raise ArticleFormatError(f"front matter is not valid YAML ({first}): fix it or remove it") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ArticleFormatError("front matter must be 'key: value' lines: fix it or remove it")
    return {str(k): v for k, v in meta.items() if str(k) in KEYS}


def authors(value: object) -> tuple[str, ...]:
    """Example: 'Ana Ruiz' -> ('Ana Ruiz',); ['Ana Ruiz', 'Ben Ode'] -> ('Ana Ruiz', 'Ben Ode')"""
    if value in (None, "", []):
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ArticleFormatError(
            "authors must be a name or a list of names, e.g. 'authors: [Ana Ruiz, Ben Ode]': "
            "fix it in the front matter"
        )
    return tuple(dict.fromkeys(c for c in (clean(n) for n in names) if c))


def url(value: object) -> str | None:
    """The web address a `url:` field gives, or None when there is none.

    Example: 'https://example.com/story.html' -> 'https://example.com/story.html'
    """
    if value in (None, ""):
        return None
    address = webpages.web_address(value) if isinstance(value, str) else None
    if address is None:
        raise ArticleFormatError(
            f"url '{clean(value)[:80]}' is not a web address: write it in full, e.g. "
            "'url: https://example.com/news/story.html', or remove it from the front matter"
        )
    return address


def clean(value: object) -> str:
    """A field's value on one line, white space folded; '' for none.

    Example: '  The   Fresno Bee ' -> 'The Fresno Bee'; None -> ''
    """
    return " ".join(str(value).split()) if value not in (None, "") else ""

"""Words: how a gold answer and a text are cut into tokens and read as comparable terms.

A term is what two spellings of one word share: lower-cased, accents folded,
stemmed with `index.terms.stem`, and numbers read as numbers:

    token_terms("1.2bn")        # (('1.2', 'billion'), ('1.2', 'billion', '1200000000'))
    token_terms("semi-colon")   # (('semi', 'colon'), ('semi', 'colon', 'semicolon'))
    token_parts("Pérez’s")      # (("Pérez’s", 'perez', ('perez',)),)

"36,000" is 36000, "1.50" is 1.5, "five" is 5 (zero to ninety-nine written
out), "31st" is 31, "1980s" is 1980, "%" is "percent", "bn" is "billion", and a
figure before "million" is also read as its value. A hyphenated word is also
read as one word. This module does not decide what holds an answer: see
`evals.realnews.answer_match`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from index.terms import stem

__all__ = [
    "NUMBER",
    "SCALES",
    "TOKEN",
    "joined_term",
    "merge_scales",
    "scaled",
    "token_parts",
    "token_terms",
]

_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    word: str(10 * tens)
    for tens, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
# Written after a number: an ordinal or a decade is the number itself; a few units are words.
_NUMBER_SUFFIX_WORDS = {"bn": "billion", "pc": "percent", "pct": "percent"}
_NUMBER_SUFFIXES_DROPPED = frozenset({"st", "nd", "rd", "th", "s"})

# A token is an initialism ("U.S."), a per cent sign, or a compound: words joined by hyphens
# ("semi-colon"), a word being letters and digits joined by apostrophes ("o'hare"), with a
# thousands separator or decimal point kept between digits ("36,000", "1.2bn").
_PIECE = r"[^\W_]+(?:(?<=\d)[.,](?=\d)[^\W_]+)*"
_WORD = rf"{_PIECE}(?:['’]{_PIECE})*"
TOKEN = re.compile(rf"(?:[^\W\d_]\.){{2,}}|%|{_WORD}(?:[-‐‑]{_WORD})*")
_HYPHEN = re.compile(r"[-‐‑]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A figure followed by one of these is also read as its value: "$5 million" ~ "$5,000,000".
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Letters that Unicode does not decompose into a base letter and an accent.
_UNACCENTED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
    }
)


@lru_cache(maxsize=1 << 18)
def token_terms(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A token's terms in order, and every term a text holding it holds.

    Example: '1.2bn' -> (('1.2', 'billion'), ('1.2', 'billion', '1200000000'));
    'semi-colon' -> (('semi', 'colon'), ('semi', 'colon', 'semicolon'))
    """
    parts = token_parts(raw)
    phrase = tuple(term for _, _, part_terms in parts for term in part_terms)
    extra = [joined_term(tuple(clean for _, clean, _ in parts))] if len(parts) > 1 else []
    extra += [
        scaled(a, b) for a, b in zip(phrase, phrase[1:], strict=False) if b in SCALES and NUMBER.fullmatch(a)
    ]
    return phrase, phrase + tuple(extra)


@lru_cache(maxsize=1 << 18)
def token_parts(raw: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """A token's parts as (as written, cleaned, terms).

    Example: "U.S.-led" is two tokens; "Pérez’s" -> (("Pérez’s", 'perez', ('perez',)),);
    "semi-colon" -> (('semi', 'semi', ('semi',)), ('colon', 'colon', ('colon',)))
    """
    if raw == "%":
        return ((raw, "percent", ("percent",)),)
    if raw.endswith("."):  # an initialism: U.S. -> us
        clean = _fold(raw.replace(".", ""))
        return ((raw, clean, _word_terms(clean)),)
    parts = []
    for part in _HYPHEN.split(raw):
        if part:
            clean = _clean_word(part)
            parts.append((part, clean, _word_terms(clean)))
    return tuple(parts)


def _fold(word: str) -> str:
    """Lower-cased, accents dropped. Example: 'Dončić' -> 'doncic'; 'Rafał' -> 'rafal'"""
    if not word.isascii():
        word = unicodedata.normalize("NFKD", word.translate(_UNACCENTED))
        word = "".join(c for c in word if not unicodedata.combining(c))
    return word.casefold()


def merge_scales(
    requirements: list[tuple[tuple[str, ...], ...]],
) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """A figure and its scale become one requirement, its value. Example: 1.2, billion -> 1200000000"""
    out: list[tuple[tuple[str, ...], ...]] = []
    for requirement in requirements:
        if (
            out
            and requirement[0][0] in SCALES
            and len(requirement) == 1
            and len(out[-1]) == 1
            and len(out[-1][0]) == 1
            and NUMBER.fullmatch(out[-1][0][0])
        ):
            out[-1] = ((scaled(out[-1][0][0], requirement[0][0]),),)
            continue
        out.append(requirement)
    return tuple(dict.fromkeys(out))


def scaled(number: str, scale: str) -> str:
    """Example: ('1.2', 'billion') -> '1200000000'"""
    return format((Decimal(number) * SCALES[scale]).normalize(), "f")


def _clean_word(word: str) -> str:
    """Example: "McDonald’s" -> 'mcdonald'; "O'Hare" -> 'ohare'"""
    word = _fold(word)
    if "'" in word or "’" in word:
        word = re.sub(r"['’]", "", re.sub(r"['’]s$", "", word))
    return word


@lru_cache(maxsize=1 << 17)
def _word_terms(word: str) -> tuple[str, ...]:
    """Example: '1.2bn' -> ('1.2', 'billion'); 'five' -> ('5',); 'costs' -> ('cost',)"""
    match = re.fullmatch(r"(\d[\d,]*(?:\.\d+)*)([^\W\d_]*)", word)
    if match:
        number, suffix = _number(match[1]), match[2]
        if not suffix or suffix in _NUMBER_SUFFIXES_DROPPED:
            return (number,)
        return (number, _NUMBER_SUFFIX_WORDS.get(suffix, suffix))
    if word in _NUMBER_WORDS:
        return (_NUMBER_WORDS[word],)
    return (stem(word),)


def joined_term(parts: tuple[str, ...]) -> str:
    """A compound as one word. Example: ['semi', 'colon'] -> 'semicolon'; ['twenty', 'five'] -> '25'"""
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        tens, ones = int(_NUMBER_WORDS[parts[0]]), int(_NUMBER_WORDS[parts[1]])
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
            return str(tens + ones)
    return stem("".join(parts))


def _number(digits: str) -> str:
    """Example: '1.50' -> '1.5'; '36,000' -> '36000'; '007' -> '7'; '1.2.3' -> '1.2.3'"""
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return digits
    return format(value.normalize(), "f")

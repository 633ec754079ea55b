"""Figures: the numbers and dates a text states, read by value, and whether one is among others.

`figures` reads them whole:
- a number with its separators, decimals, scale word and percent sign
  ("1,200", "3.5 billion", "20%"); number words are numbers ("twelve",
  "three hundred and five", "a million"), so "12" is "twelve", while
  "12 million" is neither "12,000" nor "twelve". A percentage equals only
  a percentage. Nothing is rounded: "12,000" is not "12,031".
- a date ("2022-11-21", "March 4", "4 March 2022", "Nov. 2015"): to be `held`,
  its month and day must be those of a date among the others, and its year
  too, or, when that date states none, a year stated elsewhere among them (an
  article's date). The month and day of a date are not numbers ("11" is not
  in "2022-11-21"); its year is, to a number that reads as a year (four
  digits, no comma: "2022").
Not figures: a lone "one" ("no one", "one of them") where a claim states it,
a month without a day or year, ordinal words, "hundreds".

What it does not do: read "2/9/2022" as a date (it is three numbers); convert
units or round figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from index.terms import MONTHS

__all__ = ["Figure", "figures", "held"]


# A date is read whole: "2022-11-21", "March 4", "4 March 2022", "Nov. 2015".
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_YEAR = r"\d{4}(?!\d|[.,]\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d|[.,]\d)"
_DATE = re.compile(
    r"(?<![\w-])(?P<iso_year>\d{4})-(?P<iso_month>\d{1,2})(?:-(?P<iso_day>\d{1,2}))?(?![\w-])"
    rf"|\b(?P<month_day>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<day_year>{_YEAR}))?"
    rf"|(?<![\w.,])(?P<day_first>{_DAY})\s+(?:of\s+)?(?P<day_month>{_MONTH})(?:,?\s+(?P<month_year>{_YEAR}))?"
    rf"|\b(?P<month_only>{_MONTH}),?\s+(?P<year>{_YEAR})"
)
_MONTHS = {name[:3]: number for number, name in enumerate(MONTHS, start=1)}
# A number is read whole, with its scale word and percent sign: "1,200", "3.5 billion", "twenty percent".
_SMALL = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen""".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {word: value for value, word in enumerate(_SMALL)} | {
    word: 10 * value for value, word in enumerate(_TENS, start=2)
}
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE = "(?:" + "|".join(_SCALES) + r")\b"
_NUMBER_WORD = "(?:" + "|".join(sorted([*_NUMBER_WORDS, *_SCALES], key=len, reverse=True)) + r")\b"
_AND_AFTER_SCALE = "(?:" + "|".join(f"(?<={scale})" for scale in _SCALES) + r")\s+and\s+"
_PERCENT = r"(?:\s*(?P<percent>%|percent\b|per\s+cent\b))?"
_NUMBER = re.compile(
    r"(?:(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?!\w)"
    rf"(?:[\s-]+(?P<scale>{_SCALE}))?"
    rf"|\b(?P<words>(?:a\s+(?={_SCALE}))?{_NUMBER_WORD}(?:(?:[\s-]+|{_AND_AFTER_SCALE}){_NUMBER_WORD})*))"
    + _PERCENT,
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """A figure by value: a number (percent or not), or a date and whichever parts of it are stated."""

    written: str = field(compare=False)
    value: Fraction | None = None  # None for a date
    percent: bool = False
    year: int | None = None  # a date's, or a number's when it reads as a year (four digits, no comma)
    month: int | None = None
    day: int | None = None


@lru_cache(maxsize=4096)
def figures(text: str, *, stated: bool = False) -> tuple[Figure, ...]:
    """The figures of `text`; `stated`: as a claim states them, leaving out a lone "one", which is
    as often a pronoun ("no one", "one of them") as a figure.

    Example: 'On Nov. 3, 2015, 36,000 (twelve percent) left' -> Nov. 3, 2015 (a date), 36000, 12 percent
    """
    out: list[Figure] = []
    masked = list(text)
    for found in _DATE.finditer(text):
        date = _date(found)
        if date is not None:
            out.append(date)
            masked[found.start() : found.end()] = " " * (found.end() - found.start())
    for found in _NUMBER.finditer("".join(masked)):
        written, percent = found.group().strip(), bool(found.group("percent"))
        if found.group("digits"):
            digits = found.group("digits")
            value = Fraction(digits.replace(",", "")) * _SCALES.get((found.group("scale") or "").lower(), 1)
            reads_as_year = re.fullmatch(r"\d{4}", digits) and value == int(digits) and not percent
            out.append(Figure(written, value, percent, year=int(digits) if reads_as_year else None))
            continue
        spoken = re.findall(r"[a-z]+", found.group("words").lower())
        if stated and spoken == ["one"]:
            continue
        out += [Figure(written, Fraction(value), percent) for value in _spoken(spoken)]
    return tuple(out)


def _date(found: re.Match[str]) -> Figure | None:
    """A date `_DATE` found, or None if it is no date ("2015-16" is a season: two numbers)."""
    parts = found.groupdict()
    year: int | None
    if parts["iso_year"]:
        year, month, day = int(parts["iso_year"]), int(parts["iso_month"]), parts["iso_day"]
    else:
        name = parts["month_day"] or parts["day_month"] or parts["month_only"]
        month = _MONTHS[name[:3].lower()]
        day = parts["day"] or parts["day_first"]
        written_year = parts["day_year"] or parts["month_year"] or parts["year"]
        year = int(written_year) if written_year else None
    day_number = int(re.sub(r"\D", "", day)) if day else None
    if not 1 <= month <= 12 or (day_number is not None and not 1 <= day_number <= 31):
        return None
    return Figure(found.group(), year=year, month=month, day=day_number)


def _spoken(words: list[str]) -> list[int]:
    """The values of a run of number words; a word that cannot continue the number starts another.

    Example: ['three', 'hundred', 'and', 'twenty', 'five'] -> [325]; ['twenty', 'fifteen'] -> [20, 15]
    """
    out: list[int] = []
    total = current = 0
    last = ""  # "small" (below twenty), "tens" or "scale": what the previous word was
    for word in words:
        if word == "and":
            continue
        if word in _SCALES or word == "a":
            if word == "hundred":
                current = (current or 1) * 100
            elif word != "a":
                total, current = total + (current or 1) * _SCALES[word], 0
            last = "scale"
            continue
        value = _NUMBER_WORDS[word]
        kind = "tens" if value >= 20 else "small"
        if last == "small" or (last == "tens" and (kind == "tens" or value >= 10)):
            out.append(total + current)
            total = current = 0
        current += value
        last = kind
    return [*out, total + current]


def held(figure: Figure, among: Sequence[Figure]) -> bool:
    """The figure is among these, by value: a number equals one of theirs (a year may be a date's
    year); a date's stated month and day are one of their dates', and so is its year, or, if that
    date states none, a year of theirs.

    Example: March 4, 2022 is held by ['March 4', '2022-11-21']; 11 and March 21 are not.
    """
    if figure.value is not None:
        return any(g.value == figure.value and g.percent == figure.percent for g in among) or (
            figure.year is not None and any(g.value is None and g.year == figure.year for g in among)
        )
    years = {g.year for g in among if g.year is not None}
    return any(
        g.value is None
        and g.month == figure.month
        and (figure.day is None or g.day == figure.day)
        and (figure.year is None or g.year == figure.year or (g.year is None and figure.year in years))
        for g in among
    )

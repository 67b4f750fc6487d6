"""The one number reader of the package: quantities as news text writes them.

- numerals, with thousands separators and the spaces around them: "60,000", "5, 000", "1 200"
  written with a no-break or thin space, "1.5 million";
- number words: "two", "eleven", "twenty-six", "one hundred and twenty", "a dozen", "two dozen";
- ordinals: "21st", "60,000th", "twenty-sixth", "hundredth";
- bounds: "at least 15", "more than 20", "up to 5", "nearly 30", "between 5 and 10";
- vague quantities ("several", "scores", "tens", "dozens of"): kept as written, never a number.

``find_quantities`` yields every quantity of a text with its character span; ``read_number``
reads one phrase that is a quantity and nothing else. The regex fragments ``CARDINAL`` and
``ORDINAL`` let rules that look for a count in context ("three soldiers") use the same grammar.
Dates are not quantities: day-of-month numbers are read by ``dates.py``'s calendar grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_ORD_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
_ORD_TENS = {w[:-1] + "ieth": n for w, n in _TENS.items()}
_ORD_SCALES = {"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000}
_ORDINAL_WORDS = {**_ORD_UNITS, **_ORD_TENS, **_ORD_SCALES}
_CARDINAL_WORDS = {**_UNITS, **_TENS, **_SCALES}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that 'seventeen' is not read as 'seven'."""
    return "|".join(sorted(words, key=len, reverse=True))


# Separators of digit groups: a comma (possibly followed by a space, "5, 000"), or a no-break,
# narrow no-break or thin space ("60 000").
_SEP = r"(?:,[ \u00a0\u202f\u2009]?|[\u00a0\u202f\u2009])"
_DIGITS = rf"(?<![\w.,])(?:\d{{1,3}}(?:{_SEP}\d{{3}})+(?![\d])|\d+(?:\.\d+)?)(?![\d])"
_SCALE_AFTER = r"(?:\s+(?:hundred|thousand|million))?"
_WORD = rf"(?:{_alt(_CARDINAL_WORDS)})"
# "and" joins only after a scale ("one hundred and twenty"): "one and two soldiers" is two counts.
_JOIN = r"(?:-|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+|\s+)"
_A_SCALE = r"(?:half\s+a\s+(?=dozen\b)|an?\s+(?=(?:dozen|hundred|thousand|million)\b))"
_WORDS = rf"(?:{_A_SCALE})?{_WORD}(?:{_JOIN}{_WORD})*"
_ORD_WORD = rf"(?:{_alt(_ORDINAL_WORDS)})"

CARDINAL = rf"(?:{_DIGITS}{_SCALE_AFTER}|\b{_WORDS}\b)"
"""A regex fragment (no capturing groups) for a cardinal count: '3', '1,200', 'twenty-six'."""
ORDINAL = rf"(?:{_DIGITS}\s?(?:st|nd|rd|th)\b|\b(?:{_WORD}{_JOIN})*{_ORD_WORD}\b)"
"""A regex fragment (no capturing groups) for an ordinal: '26th', '60,000th', 'twenty-sixth'."""

_BOUNDS = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than",
    "up to": "at_most", "at most": "at_most", "no more than": "at_most",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than",
    "nearly": "about", "almost": "about", "about": "about", "around": "about",
    "approximately": "about", "roughly": "about", "some": "about", "an estimated": "about",
}  # fmt: skip
_SPACE = r"\s+"
_BOUND_RE = rf"(?P<bound>{_alt(k.replace(' ', _SPACE) for k in _BOUNDS)})\s+"
_VAGUE_WORDS = [
    r"tens\s+of\s+thousands", r"hundreds\s+of\s+thousands", r"several", r"a\s+few",
    r"a\s+handful", r"a\s+number", r"numerous", r"countless", r"many", r"scores", r"dozens",
    r"tens", r"hundreds", r"thousands", r"some",
]  # fmt: skip

_QUANTITY = re.compile(
    rf"(?:\bbetween\s+(?P<lo>{CARDINAL})\s+and\s+(?P<hi>{CARDINAL})\b)"
    rf"|(?P<ord>{ORDINAL})"
    rf"|(?:(?<![\w-]){_BOUND_RE})?(?P<num>{CARDINAL})"
    rf"(?:(?:\s*(?:-|–|to)\s*|\s+or\s+)(?P<hi2>{CARDINAL}))?"
    rf"|\b(?P<vague>{'|'.join(_VAGUE_WORDS)})\b",
    re.I,
)


class Bound(StrEnum):
    """How a quantity is stated."""

    exact = "exact"
    at_least = "at_least"  # "at least 15": 15 or more
    more_than = "more_than"  # "more than 20": 21 or more
    at_most = "at_most"  # "up to 5": 5 or fewer
    less_than = "less_than"  # "fewer than 5": 4 or fewer
    about = "about"  # "nearly 30", "some 200": near the number, either side
    range = "range"  # "between 5 and 10", "two or three"
    vague = "vague"  # "several", "scores": no number


@dataclass(frozen=True)
class Quantity:
    """One quantity as written. ``value`` is the number the words state (the bound's number for
    a bound, None for a range or a vague quantity); ``low``/``high`` the interval it allows where
    the words fix it (None for an open or unknown side)."""

    text: str
    start: int
    end: int
    value: int | None
    low: int | None
    high: int | None
    bound: Bound = Bound.exact
    ordinal: bool = False

    @property
    def vague(self) -> bool:
        return self.bound == Bound.vague

    @property
    def exact(self) -> bool:
        return self.bound == Bound.exact


def _digits_value(text: str) -> int | None:
    m = re.match(r"([\d,.\s\u00a0\u202f\u2009]+?)\s*(hundred|thousand|million)?$", text.strip())
    if m is None:
        return None
    body = re.sub(r"[,\s\u00a0\u202f\u2009]", "", m.group(1))
    scale = _SCALES[m.group(2).lower()] if m.group(2) else 1
    try:
        number = float(body) if "." in body else int(body)
    except ValueError:
        return None
    value = number * scale
    return int(value) if float(value).is_integer() else None


def _words_value(text: str) -> int | None:
    """'twenty-six' -> 26, 'one hundred and twenty' -> 120, 'a dozen' -> 12; None when the words
    do not compose into one number ('one two')."""
    tokens = [t for t in re.split(r"[-\s]+", text.lower()) if t and t != "and"]
    if tokens[:3] == ["half", "a", "dozen"]:
        return 6 if len(tokens) == 3 else None
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    total, current, last = 0, 0, ""
    for tok in tokens:
        word = tok
        if tok in _ORDINAL_WORDS:
            word = next(w for w, n in _CARDINAL_WORDS.items() if n == _ORDINAL_WORDS[tok])
        if word in _UNITS:
            if last in ("unit", "tens_unit") or (last == "tens" and _UNITS[word] >= 10):
                return None
            current += _UNITS[word]
            last = "tens_unit" if last == "tens" else "unit"
        elif word in _TENS:
            if last in ("unit", "tens", "tens_unit"):
                return None
            current += _TENS[word]
            last = "tens"
        elif word in ("hundred", "dozen"):
            if last == "scale_small":
                return None
            current = max(current, 1) * _SCALES[word]
            last = "scale_small"
        elif word in ("thousand", "million"):
            total += max(current, 1) * _SCALES[word]
            current, last = 0, "scale"
        else:
            return None
    return total + current


def _cardinal_value(text: str) -> int | None:
    text = text.strip()
    return _digits_value(text) if text[:1].isdigit() else _words_value(text)


def _ordinal_value(text: str) -> int | None:
    text = text.strip()
    if text[:1].isdigit():
        return _digits_value(re.sub(r"\s?(?:st|nd|rd|th)$", "", text, flags=re.I))
    return _words_value(text)


def _quantity(m: re.Match[str], offset: int = 0) -> Quantity | None:
    span = (m.start() + offset, m.end() + offset)
    text = m.group(0)
    if m.group("vague"):
        return Quantity(text, *span, value=None, low=None, high=None, bound=Bound.vague)
    if m.group("ord"):
        n = _ordinal_value(m.group("ord"))
        return None if n is None else Quantity(text, *span, n, n, n, ordinal=True)
    lo_text, hi_text = m.group("lo") or m.group("num"), m.group("hi") or m.group("hi2")
    value = _cardinal_value(lo_text)
    if value is None:
        return None
    high = _cardinal_value(hi_text) if hi_text is not None else None
    if high is not None and high >= value:
        return Quantity(text, *span, value=None, low=value, high=high, bound=Bound.range)
    if hi_text is not None:  # "from 5 to 2": two numbers, not a range; keep the first
        end = m.end("num") if m.group("num") else m.end("lo")
        span, text = (span[0], end + offset), text[: end - m.start()]
    bound = m.group("bound")
    kind = Bound(_BOUNDS[re.sub(r"\s+", " ", bound.lower())]) if bound else Bound.exact
    low, high = {
        Bound.exact: (value, value),
        Bound.at_least: (value, None),
        Bound.more_than: (value + 1, None),
        Bound.at_most: (None, value),
        Bound.less_than: (None, max(value - 1, 0)),
        Bound.about: (None, None),
    }[kind]
    return Quantity(text, *span, value=value, low=low, high=high, bound=kind)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity of ``text``, in order, with its span; words that look like a number but
    do not compose into one ('one two') are skipped."""
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        q = _quantity(m)
        if q is not None:
            out.append(q)
    return out


def read_number(phrase: str) -> Quantity | None:
    """The quantity a phrase states when the phrase is a quantity and nothing else:
    '60,000th', 'a dozen', 'at least 15', 'several'. Spans refer to ``phrase``."""
    found = find_quantities(phrase)
    stripped = phrase.strip()
    if len(found) == 1 and found[0].text == stripped:
        return found[0]
    return None

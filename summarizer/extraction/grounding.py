"""Evidence: mapping sentence ids and quotes to exact character spans of the article as given."""

from __future__ import annotations

import re

from ..reading.numbers import CARDINAL, find_quantities, read_number
from ..reading.text import Article
from ..schema import Quote

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace and unify quote marks; return the new text and, for each of its
    characters, the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text.translate(_QUOTE_CHARS)):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            index.append(i)
            prev_space = True
        else:
            low = ch.lower()  # may be longer than one character: "İ" -> "i̇"
            out.append(low)
            index.extend([i] * len(low))
            prev_space = False
    return "".join(out), index


# What a model writes for "no value": the field is empty, whatever the spelling.
NULLISH = frozenset({"", "null", "none", "unknown", "n/a", "not stated", "unnamed"})


def answered(value: str | None) -> str | None:
    """The model's value stripped, or None when it says nothing ('null', 'unknown', ...)."""
    v = value.strip() if value else ""
    return None if v.lower() in NULLISH else v


def in_text(value: str | None, text: str) -> str | None:
    """The model's value when the text writes it (ignoring case), else None."""
    v = answered(value)
    return v if v is not None and v.lower() in text.lower() else None


def find_quote(raw: str, quote: str) -> Quote | None:
    """Locate ``quote`` in ``raw`` exactly, else ignoring case, spacing and quote-mark style.
    Returns the quote with the article's own text and span, or None when it is not there."""
    q = quote.strip()
    if not q:
        return None
    pos = raw.find(q)
    if pos >= 0:
        return Quote(text=q, start=pos, end=pos + len(q))
    norm_raw, index = _normalise_with_map(raw)
    norm_q, _ = _normalise_with_map(q)
    norm_q = norm_q.strip().rstrip(".")
    if not norm_q:
        return None
    pos = norm_raw.find(norm_q)
    if pos < 0:
        return None
    start = index[pos]
    end = index[pos + len(norm_q) - 1] + 1
    return Quote(text=raw[start:end], start=start, end=end)


def sentence_quotes(article: Article, ids: list[int]) -> tuple[list[Quote], list[int]]:
    """Quotes for the given sentence ids, in article order, and the ids that do not exist."""
    quotes: list[Quote] = []
    bad: list[int] = []
    for sid in sorted(set(ids)):
        s = article.sentence(sid)
        if s is None:
            bad.append(sid)
        else:
            quotes.append(Quote(text=s.text, start=s.start, end=s.end))
    return quotes, bad


def check_quote(raw: str, q: Quote) -> bool:
    """True when the quote's span holds exactly its text."""
    return 0 <= q.start < q.end <= len(raw) and raw[q.start : q.end] == q.text


def evidence_text(quotes: list[Quote]) -> str:
    return "\n".join(q.text for q in quotes)


# "a" counts as one only before a countable person or vehicle: "a Russian soldier was injured".
_A_ONE = re.compile(
    r"\ban?\s+(?:[\w-]+\s+){0,2}(soldier|serviceman|servicewoman|service member|civilian|"
    r"peacekeeper|member|officer|policeman|person|man|woman|child|driver|monitor|trooper|"
    r"vehicle|truck|tank)\b",
    re.I,
)
_NONE = re.compile(r"\b(none|no|nobody)\b", re.I)


def numbers_in(text: str) -> set[int]:
    """Integers written in ``text`` (``numbers.find_quantities``: numerals, number words,
    the numbers of bounds and ranges), 0 for 'none'/'no'/'nobody', and 1 for "a"/"an" before a
    person or vehicle."""
    found: set[int] = set()
    for q in find_quantities(text):
        if not q.ordinal:
            found |= {n for n in (q.value, q.low, q.high) if n is not None}
    if _NONE.search(text):
        found.add(0)
    if _A_ONE.search(text):
        found.add(1)
    return found


_PEOPLE = (
    r"(soldiers?|servicem[ae]n|service ?members?|troops?|troopers?|civilians?|people|persons?|"
    r"personnel|peacekeepers?|monitors?|observers?|officers?|police\w*|fighters?|children|"
    r"women|men|members?|guards?|drivers?|crew|staff|militants?|gendarmes?|marines?|others)"
)
# A count, not the "one" of "no one"; words between a count and its noun are not numbers, so
# "In 2019 three soldiers" counts three and "1 million people" (a population) counts nothing.
_NUM = rf"(?<!\bno\s)({CARDINAL}|an?)(?<!million)"
_NOT_NUM = rf"(?!(?:{CARDINAL}|an?|dozens?|hundreds?|thousands?|millions?)\b)"


def _value(word: str) -> int | None:
    """The integer a count matched by ``_NUM`` stands for: '3', 'three', '1,200', 'a'; None
    for number words that do not compose into one number ('one two')."""
    if word.lower() in ("a", "an"):
        return 1
    q = read_number(word)
    return q.value if q is not None else None


def casualty_numbers(text: str) -> set[int]:
    """Numbers that count people in ``text``: 'three Russian soldiers', 'killed two',
    'none of its soldiers'. A number of vehicles or a date is not a casualty figure."""
    found: set[int] = set()
    patterns = [
        rf"\b{_NUM}\s+(?:{_NOT_NUM}[\w-]+\s+){{0,3}}?{_PEOPLE}\b",
        rf"\b(?:killed|injured|wounded|hurt)\s+(?:at least\s+)?{_NUM}\b",
        rf"\b{_NUM}\s+(?:were|was|have been|had been)\s+(?:\w+\s+)?(?:killed|injured|wounded|hurt)",
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.I):
            if (n := _value(m.group(1))) is not None:
                found.add(n)
    if re.search(r"\b(none|no one|nobody)\b|\bno\s+" + _PEOPLE, text, re.I):
        found.add(0)
    return found


def count_before(noun: str, text: str) -> set[int]:
    """Numbers written just before ``noun`` (a regex): 'one Russian and one Turkish armored
    vehicle' gives {1}; 'two vehicles' gives {2}."""
    found: set[int] = set()
    for m in re.finditer(rf"\b{_NUM}\s+(?:{_NOT_NUM}[\w-]+\s+){{0,3}}?{noun}", text, re.I):
        if (n := _value(m.group(1))) is not None:
            found.add(n)
    return found


def people_in(text: str) -> str | None:
    """The people a sentence counts: 'Three Russian service members were injured' ->
    'Russian service members'."""
    m = re.search(rf"\b{_NUM}\s+((?:[A-Z][\w-]*\s+){{0,2}}(?:[a-z-]+\s+)?{_PEOPLE})\b", text, re.I)
    return m.group(2) if m else None

"""Evidence: mapping sentence ids and quotes to exact character spans of the article as given."""

from __future__ import annotations

import re

from .schema import Quote
from .text import Article

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
            out.append(ch.lower())
            index.append(i)
            prev_space = False
    return "".join(out), index


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
    return " ".join(q.text for q in quotes)


def numbers_in(text: str) -> set[int]:
    """Integers written as digits or English words up to twenty in ``text``."""
    words = {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
        "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "none": 0, "no": 0,
    }  # fmt: skip
    found = {int(n) for n in re.findall(r"\b\d{1,5}\b", text)}
    found |= {words[w] for w in re.findall(r"[a-z]+", text.lower()) if w in words}
    return found

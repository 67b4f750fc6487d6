"""Turning the date words of an article into an EventDate, deterministically.

A relative date ("Tuesday", "last week") is resolved only against an anchor the article gives:
its publication date, or a full calendar date stated in its first lines (a dated caption or
dateline). Without an anchor it is kept as written with precision 'unknown'.
"""

from __future__ import annotations

import datetime as dt
import re

from ..reading.text import Article
from ..reading.when import full_dates, resolve
from ..schema import EventDate
from .lexicon import MONTH_NAME

_MONTH_RE = r"\b(?:" + MONTH_NAME + r")\.?"


# A wire dateline with its date: "VIENNA, April 29. /TASS/.", "KANO/Nigeria/, May 3 (Agency) -".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]+(?:/[^/\n]+/)?,\s+(?P<d>(?i:" + _MONTH_RE[2:] + r")\s+\d{1,2})\.?\s*[/(]",
    re.MULTILINE,
)
# A time stamp line before the body: "Source: Xinhua| 2019-10-23 05:39:15", "00:47, Nov 16, 2023".
_STAMP_LINES = 5
_STAMP_LEN = 60
_STAMP_DATE = re.compile(
    r"(?P<d>(?:19|20)\d\d-\d\d-\d\d|" + _MONTH_RE[2:] + r"\s+\d{1,2},\s+(?:19|20)\d\d)", re.I
)


def publication_date(raw: str) -> EventDate | None:
    """The publication date the text states: a dateline's date ('VIENNA, April 29. /TASS/.',
    no year), or a short stamp line among the first lines ('Source: Xinhua| 2019-10-23 05:39')."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()][:_STAMP_LINES]
    for line in lines:
        m = _DATELINE.match(line)
        if m:
            return resolve(m["d"], None)
        m = _STAMP_DATE.search(line)
        if m and len(line) <= _STAMP_LEN:
            return resolve(m["d"], None)
    return None


def find_anchor(
    article: Article, published: dt.date | None = None, lead: int = 3
) -> dt.date | None:
    """The date relative expressions are resolved against: the publication date when known,
    else the only full calendar date stated in the first ``lead`` sentences."""
    if published is not None:
        return published
    dates = {d for s in article.sentences[:lead] for d in full_dates(s.text)}
    return dates.pop() if len(dates) == 1 else None

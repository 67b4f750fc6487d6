"""Turning the date words of an article into an EventDate, deterministically.

A relative date ("Tuesday", "last week") is resolved only against an anchor the article gives:
its publication date, or a full calendar date stated in its first lines (a dated caption or
dateline). Without an anchor it is kept as written with precision 'unknown'.
"""

from __future__ import annotations

import datetime as dt
import re

from ..reading.text import Article
from ..schema import EventDate, Precision
from .lexicon import MONTH_NAME

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = (
    r"\b(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MDY = re.compile(
    _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I
)
_DMY = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH_RE
    + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)
_MY = re.compile(_MONTH_RE + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b")
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")


DATE_EXPRESSIONS = [
    re.compile(_MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d", re.I),
    re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?:19|20)\d\d", re.I),
    re.compile(r"\b(?:on\s+)?" + _MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?\b", re.I),
    # "on 5 November": day before month, the month capitalised ("5 may have died" is no date)
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME}\b\.?"),
    re.compile(
        r"\b(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
    ),
    re.compile(r"\blast week\b|\byesterday\b", re.I),
    re.compile(
        r"\b(?:in|(?:at )?the end of|early|late|mid-?)\s+" + _MONTH_RE + r"\b(?:\s+(?:19|20)\d\d)?",
        re.I,
    ),
]


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def _full_dates(text: str) -> list[dt.date]:
    out = []
    for rx in (_MDY, _DMY):
        for m in rx.finditer(text):
            if m.group("year"):
                try:
                    out.append(dt.date(int(m.group("year")), _month(m.group("mon")), int(m["day"])))
                except ValueError:
                    continue
    for m in _ISO.finditer(text):
        try:
            out.append(dt.date(int(m["year"]), int(m["mon"]), int(m["day"])))
        except ValueError:
            continue
    return out


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
    dates = {d for s in article.sentences[:lead] for d in _full_dates(s.text)}
    return dates.pop() if len(dates) == 1 else None


def resolve(text: str | None, anchor: dt.date | None) -> EventDate:
    """Resolve the date words ``text`` (as the model copied them) against ``anchor``."""
    if not text or not text.strip():
        return EventDate()
    t = text.strip()
    low = t.lower()

    def ymd(y: int | None, m: int, d: int, prec: Precision = Precision.day) -> EventDate:
        if y is None and anchor is not None:
            y = anchor.year if (m, d) <= (anchor.month, anchor.day) else anchor.year - 1
        try:
            dt.date(y or 2000, m, d)
        except ValueError:
            return EventDate(text=t)
        return EventDate(text=t, year=y, month=m, day=d, precision=prec)

    for rx in (_ISO, _MDY, _DMY):
        m = rx.search(t)
        if m:
            year = int(m["year"]) if m.group("year") else None
            mon = int(m["mon"]) if rx is _ISO else _month(m["mon"])
            return ymd(year, mon, int(m["day"]))
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            if anchor is None:
                return EventDate(text=t)
            back = (anchor.weekday() - i) % 7
            if "last" in low:
                back = back or 7
            d = anchor - dt.timedelta(days=back)
            return EventDate(text=t, year=d.year, month=d.month, day=d.day, precision=Precision.day)
    if re.search(r"\b(today|this morning|tonight)\b", low) and anchor:
        return ymd(anchor.year, anchor.month, anchor.day)
    if "yesterday" in low and anchor:
        d = anchor - dt.timedelta(days=1)
        return ymd(d.year, d.month, d.day)
    if re.search(r"\blast week\b", low) and anchor:
        d = anchor - dt.timedelta(days=7)
        return ymd(d.year, d.month, d.day, Precision.week)
    m = _MY.search(t)
    if m:
        year = int(m["year"]) if m.group("year") else None
        mon = _month(m["mon"])
        if year is None and anchor is not None:
            year = anchor.year if mon <= anchor.month else anchor.year - 1
        return EventDate(text=t, year=year, month=mon, precision=Precision.month)
    m = _YEAR.search(t)
    if m:
        return EventDate(text=t, year=int(m["year"]), precision=Precision.year)
    return EventDate(text=t)

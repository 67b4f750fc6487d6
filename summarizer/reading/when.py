"""When: date expressions from the parse, resolved with dateparser against the article's anchor.

The expressions are spaCy's DATE entities ("Tuesday", "last week", "on 5 November", "the end of
August 2020"); a duration ("for three years") is none. ``resolve`` turns the words into an
``EventDate`` with dateparser (``PREFER_DATES_FROM='past'`` relative to the anchor: the
publication date or the one full date of the lead): a weekday is the latest such day on or
before the anchor, a month or a day without a year takes the anchor's year unless that would be
after it. Without an anchor a relative expression keeps its words and precision ``unknown``;
a month or a day without a year keeps year None.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from ..schema import EventDate, Precision
from . import parse

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words that make an expression relative to the day the article was written.
_RELATIVE = {"yesterday", "today", "tonight", "ago", "last", "week", "weekend", "earlier",
             "later", "this", "next", "past", "previous", "morning", "evening", "night",
             "afternoon", "month"}  # fmt: skip
# Words before the date proper: "on", "in", "at the end of", "early", "mid-".
_LEADING = {"on", "in", "at", "the", "of", "by", "around", "since", "during", "later"}
_PART_OF_MONTH = {"end", "early", "late", "mid", "beginning", "start", "middle"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
           "sep", "sept", "oct", "nov", "dec"}  # fmt: skip
_UNITS = {"day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years",
          "decade", "decades", "minute", "minutes"}  # fmt: skip
_PERIOD = {
    "day": Precision.day, "time": Precision.day, "week": Precision.week,
    "month": Precision.month, "year": Precision.year,
}  # fmt: skip


@lru_cache(maxsize=256)
def _parser(base: dt.date | None) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _words(text: str) -> list[str]:
    return [w.strip(",.;:()").lower() for w in text.split() if w.strip(",.;:()")]


def resolve(text: str | None, anchor: dt.date | None) -> EventDate:
    """Resolve date words (as the article or the model wrote them) against ``anchor``."""
    if not text or not text.strip():
        return EventDate()
    t = text.strip()
    words = t.split()
    part = False
    while words and (
        (low := words[0].strip(",").lower()) in _LEADING
        or low in _PART_OF_MONTH
        or low.startswith("mid-")
    ):
        if low.startswith("mid-"):
            words[0] = words[0][4:]
            part = True
            break
        part = part or low in _PART_OF_MONTH
        words = words[1:]
    if words and words[-1].lower() == "last":  # "August 14 last"
        words = words[:-1]
    core = " ".join(words)
    low_words = _words(core)
    month_named = any(w.rstrip(".") in _MONTHS for w in low_words)
    # a weekday beside its calendar date ("Thursday, Sept. 16") only names the date's weekday
    dated = month_named and any(w.rstrip("stndrh").isdigit() for w in low_words)
    weekday = any(w in WEEKDAYS for w in low_words) and not dated
    relative = weekday or any(w in _RELATIVE for w in low_words)
    has_year = any(w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 2100 for w in low_words)
    iso = len(low_words) == 1 and low_words[0][:4].isdigit() and "-" in low_words[0]
    if not core or (relative and anchor is None and not has_year):
        return EventDate(text=t)
    # without an anchor, a leap year's last day: every month and day is valid and in the past
    base = anchor if anchor is not None else dt.date(2000, 12, 31)
    if weekday and anchor is not None and "last" not in low_words:
        base = anchor + dt.timedelta(days=1)  # "Tuesday" in Tuesday's paper is that day
    if dated:
        core = " ".join(w for w in core.split() if w.strip(",.").lower() not in WEEKDAYS)
    found = _parser(base).get_date_data(core)
    if (found is None or found.date_obj is None) and weekday and len(low_words) > 1:
        # "Thursday, Sept. 16": the date without its weekday
        rest = " ".join(w for w in core.split() if w.strip(",.").lower() not in WEEKDAYS)
        found = _parser(anchor or dt.date(2000, 12, 31)).get_date_data(rest)
    if found is None or found.date_obj is None:
        return EventDate(text=t)
    day = found.date_obj.date()
    numbers = [int(w.rstrip("stndrh")) for w in low_words if w.rstrip("stndrh").isdigit()]
    if any(n <= 31 for n in numbers) and day.day not in numbers and found.period == "day":
        return EventDate(text=t)  # "February 29" in a year without one
    if anchor is not None and not has_year and not relative and (anchor - day).days > 365:
        return EventDate(text=t)  # a day without a year is within the year before the anchor
    precision = _PERIOD.get(found.period or "day", Precision.day)
    if (
        part
        and month_named
        and precision == Precision.day
        and not any(w.isdigit() and len(w) <= 2 for w in low_words)
    ):
        precision = Precision.month  # "the end of August 2020": a part of a month ("late
        # Monday" is a part of a day)
    if "ago" in low_words and any(w in ("year", "years") for w in low_words):
        precision = Precision.year
    if not 1900 <= day.year <= 2100:
        return EventDate(text=t)  # no year a news report speaks of
    year: int | None = day.year
    if anchor is None and not has_year and not iso:
        year = None  # no anchor says which year
    return EventDate(
        text=t,
        year=year,
        month=day.month if precision != Precision.year else None,
        day=day.day if precision in (Precision.day, Precision.week) else None,
        precision=precision,
    )


def expressions(sentence: str) -> list[str]:
    """The date expressions of a sentence, in order: its DATE entities that say when, not for
    how long ("for three years" is a duration) and not how old ("21-year-old")."""
    out = []
    for ent in parse.sentence(sentence).ents:
        if ent.label_ != "DATE":
            continue
        words = _words(ent.text)
        if not words or "old" in words or any(w.endswith("-old") for w in words):
            continue
        if all(w.rstrip("stndrh").isdigit() or w in _LEADING for w in words) and not any(
            len(w) == 4 and w.isdigit() for w in words
        ):
            continue  # "the 23th": an ordinal, not a day
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        duration = any(w in _UNITS for w in words) and not (
            set(words) & {"ago", "last", "this", "earlier", "past"}
        )
        if (duration and before in ("for", "over", "within", "after", "")) or before == "for":
            continue
        if resolve(ent.text, dt.date(2000, 6, 15)).precision == Precision.unknown:  # probe
            continue  # no date in it ("the time", "recent years")
        out.append(ent.text[4:] if ent.text.lower().startswith("the ") else ent.text)
    return out


def full_dates(text: str) -> list[dt.date]:
    """The calendar dates a text states in full (day, month and year)."""
    out = []
    for words in expressions(text):
        low = _words(words)
        if not any(w.isdigit() and len(w) == 4 for w in low) and not any(
            w[:4].isdigit() and "-" in w for w in low
        ):
            continue
        d = resolve(words, None)
        if d.precision == Precision.day and d.year and d.month and d.day:
            out.append(dt.date(d.year, d.month, d.day))
    return out

"""Date words to EventDate, resolved only against an anchor the article gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarizer.extraction.dates import find_anchor, publication_date
from summarizer.reading.text import clean, load_article
from summarizer.reading.when import expressions, resolve
from summarizer.schema import EventDate, Precision

ROOT = Path(__file__).resolve().parents[1]
TUE = dt.date(2020, 8, 25)  # a Tuesday: the caption date of seed 000


def ymdp(d: EventDate) -> tuple[int | None, int | None, int | None, Precision]:
    return d.year, d.month, d.day, d.precision


@pytest.mark.parametrize(
    ("words", "anchor", "expected"),
    [
        # weekdays: the most recent such day on or before the anchor
        ("Tuesday", TUE, (2020, 8, 25, Precision.day)),
        ("Monday", TUE, (2020, 8, 24, Precision.day)),
        ("Wednesday", TUE, (2020, 8, 19, Precision.day)),
        ("last Tuesday", TUE, (2020, 8, 18, Precision.day)),
        ("later Tuesday", TUE, (2020, 8, 25, Precision.day)),
        ("Friday", dt.date(2020, 1, 1), (2019, 12, 27, Precision.day)),
        ("Tuesday", None, (None, None, None, Precision.unknown)),
        # relative days and weeks
        ("last week", TUE, (2020, 8, 18, Precision.week)),
        ("last week", None, (None, None, None, Precision.unknown)),
        ("yesterday", TUE, (2020, 8, 24, Precision.day)),
        ("yesterday", None, (None, None, None, Precision.unknown)),
        ("today", TUE, (2020, 8, 25, Precision.day)),
        # month and day without a year: the anchor's year unless that would be after it
        ("August 12", None, (None, 8, 12, Precision.day)),
        ("August 12", TUE, (2020, 8, 12, Precision.day)),
        ("on August 25", TUE, (2020, 8, 25, Precision.day)),
        ("August 30", TUE, (2019, 8, 30, Precision.day)),
        ("Sept. 3", TUE, (2019, 9, 3, Precision.day)),
        ("12 August", TUE, (2020, 8, 12, Precision.day)),
        # months
        ("in July", None, (None, 7, None, Precision.month)),
        ("in July", TUE, (2020, 7, None, Precision.month)),
        ("in September", TUE, (2019, 9, None, Precision.month)),
        ("the end of August 2020", None, (2020, 8, None, Precision.month)),
        ("mid-August 2020", None, (2020, 8, None, Precision.month)),
        ("early March", TUE, (2020, 3, None, Precision.month)),
        # full dates in several formats; an anchor does not change them
        ("Aug. 25, 2020", None, (2020, 8, 25, Precision.day)),
        ("Aug. 25, 2020", dt.date(2023, 1, 1), (2020, 8, 25, Precision.day)),
        ("August 25th, 2020", None, (2020, 8, 25, Precision.day)),
        ("25 August 2020", None, (2020, 8, 25, Precision.day)),
        ("25th of August, 2020", None, (2020, 8, 25, Precision.day)),
        ("2020-08-25", None, (2020, 8, 25, Precision.day)),
        ("March 15, 2020", None, (2020, 3, 15, Precision.day)),
        ("Tuesday, Aug. 25, 2020", None, (2020, 8, 25, Precision.day)),
        # a weekday beside its month and day names the day, with or without an anchor
        ("Thursday, Sept. 16", None, (None, 9, 16, Precision.day)),
        ("Tuesday, Aug. 25", TUE, (2020, 8, 25, Precision.day)),
        # a part of a day is that day; a part of a month is the month
        ("late Monday", TUE, (2020, 8, 24, Precision.day)),
        ("early Monday", None, (None, None, None, Precision.unknown)),
        # a year alone
        ("in 2019", None, (2019, None, None, Precision.year)),
        # nothing to resolve
        ("four years ago", TUE, (2016, None, None, Precision.year)),
        ("four years ago", None, (None, None, None, Precision.unknown)),
        ("Omar", None, (None, None, None, Precision.unknown)),  # not "mar(ch)"
        # a number the recogniser took for a year far from any report ("Resolution 2149")
        ("2149", TUE, (None, None, None, Precision.unknown)),
    ],
)
def test_resolve(
    words: str, anchor: dt.date | None, expected: tuple[int | None, int | None, int | None, str]
) -> None:
    got = resolve(words, anchor)
    assert ymdp(got) == expected
    assert got.text == words


@pytest.mark.parametrize(
    "words", ["Feb 30, 2020", "2020-02-30", "30 Feb 2021", "February 30", "February 29"]
)
@pytest.mark.parametrize("anchor", [None, dt.date(2021, 3, 1)])
def test_invalid_calendar_dates_do_not_crash(words: str, anchor: dt.date | None) -> None:
    got = resolve(words, anchor)
    assert got.text == words
    if got.precision == Precision.day:  # only "February 29" in a leap year resolves
        assert words == "February 29"
        assert got.day == 29
    else:
        assert ymdp(got) == (None, None, None, Precision.unknown)


def test_february_29_takes_a_leap_year() -> None:
    assert ymdp(resolve("February 29", None)) == (None, 2, 29, Precision.day)
    assert ymdp(resolve("February 29", dt.date(2020, 3, 1))) == (2020, 2, 29, Precision.day)
    assert ymdp(resolve("February 29", dt.date(2021, 3, 1))) == (None, None, None, "unknown")


@pytest.mark.parametrize("words", [None, "", "   "])
def test_resolve_empty(words: str | None) -> None:
    assert resolve(words, TUE) == EventDate()


def test_resolve_strips_the_words() -> None:
    assert resolve("  in July ", None).text == "in July"


# --- anchors --------------------------------------------------------------------------------


def seed(prefix: str) -> Path:
    return next((ROOT / "seeds").glob(f"{prefix}_*.txt"))


def test_anchor_is_the_dated_caption_of_seed_000() -> None:
    assert find_anchor(load_article(seed("000"))) == TUE


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_no_anchor_without_a_full_date_in_the_lead(prefix: str) -> None:
    # 004 states March 15, 2020, but only in its eighth sentence
    assert find_anchor(load_article(seed(prefix))) is None


def test_publication_date_wins() -> None:
    pub = dt.date(2020, 8, 26)
    assert find_anchor(load_article(seed("000")), published=pub) == pub
    assert find_anchor(load_article(seed("001")), published=pub) == pub


def test_anchor_from_a_handmade_caption() -> None:
    art = load_article(ROOT / "tests" / "fixtures" / "handmade" / "monitors_landmine.txt")
    anchor = find_anchor(art)
    assert anchor == dt.date(2022, 3, 14)
    assert ymdp(resolve("Monday", anchor)) == (2022, 3, 14, Precision.day)


def test_two_different_full_dates_in_the_lead_give_no_anchor() -> None:
    art = clean("x", "Convoy attacked on 3 May 2021. The previous attack was on May 1, 2021.")
    assert find_anchor(art) is None


def test_the_same_date_twice_is_one_anchor() -> None:
    art = clean("x", "Convoy attacked on 3 May 2021. It was 2021-05-03 in Gao.")
    assert find_anchor(art) == dt.date(2021, 5, 3)


def test_anchor_only_from_the_lead() -> None:
    text = "Convoy hit. Nobody hurt. Route closed. It was March 15, 2020."
    assert find_anchor(clean("x", text)) is None
    assert find_anchor(clean("x", text), lead=4) == dt.date(2020, 3, 15)


def test_anchor_ignores_invalid_and_yearless_dates() -> None:
    assert find_anchor(clean("x", "Convoy hit on Feb 30, 2020 and on August 12.")) is None


# --- date expressions found in event text ---------------------------------------------------


def first_expression(text: str) -> str | None:
    found = expressions(text)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the convoy was hit on Aug. 25, 2020 near Ariha", "Aug. 25, 2020"),
        ("On August 12, the Russian Military Police", "August 12"),
        (
            "the 26th joint patrol at the end of August 2020 a Russian soldier",
            "end of August 2020",
        ),
        ("took place during the 25th joint patrol last week.", "last week"),
        ("came under attack Tuesday with reports of casualties", "Tuesday"),
        ("suicide bombing targeted the 21th patrol in July.", "July"),
        # a duration or an age says no date
        ("The mission has been deployed for three years.", None),
        ("A 21-year-old soldier died in the blast.", None),
        ("the patrol set off from the town of Tronba", None),
        # shape: day before month without a year ("Earlier, on 5 November, a patrol ...")
        ("Earlier, on 5 November, a patrol was stoned.", "5 November"),
        ("the 3rd of March, the convoy", "3rd of March"),
        ("at least 5 may have died in the ambush", None),
    ],
)
def test_date_expressions(text: str, expected: str | None) -> None:
    assert first_expression(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # shape: a wire dateline with its date, no year ("CITY, Month Day. /Agency/.")
        ("ODESA, May 3. /NordPress/. A patrol came under fire.", (None, 5, 3)),
        ("KANO/Nigeria/, June 9 (Lakeside Wire) - A convoy was hit.", (None, 6, 9)),
        # shape: a short stamp line among the first lines of the page
        ("Patrol hit\n\nSource: Delta Daily| 2021-05-03 10:00\n\nA convoy.", (2021, 5, 3)),
        ("Patrol hit\n\nDelta) 09:12, March 4, 2022\n\nA convoy was hit.", (2022, 3, 4)),
        # shape: a sentence opening on a weekday and a date is no dateline
        ("On Tuesday, April 29 (local time) a patrol was hit near the river.", None),
        ("A convoy was hit. Officials said it happened on May 3, 2021 near the border.", None),
    ],
)
def test_publication_date(raw: str, expected: tuple[int | None, int, int] | None) -> None:
    found = publication_date(raw)
    assert (None if found is None else (found.year, found.month, found.day)) == expected

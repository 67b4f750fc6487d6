"""Quotes to exact spans, and the numbers a sentence really states."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.extraction.grounding import (
    answered,
    casualty_numbers,
    check_quote,
    count_before,
    evidence_text,
    find_quote,
    in_text,
    numbers_in,
    sentence_quotes,
)
from summarizer.reading.text import load_article
from summarizer.schema import Quote

RAW = (
    "Russia’s reconciliation center confirmed the explosion.\n\n"
    "“Three Russian soldiers were slightly injured,” Al Jazeera Arabic reporter Maan Alkhoder "
    "tweeted, citing the Syrian opposition."
)


def test_find_quote_exact() -> None:
    q = find_quote(RAW, "confirmed the explosion")
    assert q == Quote(text="confirmed the explosion", start=31, end=54)
    assert check_quote(RAW, q)


def test_find_quote_strips_the_quote() -> None:
    q = find_quote(RAW, "  confirmed the explosion \n")
    assert q is not None
    assert q.text == "confirmed the explosion"


def test_find_quote_straight_quotes_match_curly_ones() -> None:
    q = find_quote(RAW, '"Three Russian soldiers were slightly injured,"')
    assert q is not None
    assert q.text == "“Three Russian soldiers were slightly injured,”"  # the article's own text
    assert check_quote(RAW, q)


def test_find_quote_ignores_whitespace_case_and_final_full_stop() -> None:
    q = find_quote(RAW, "the explosion.  “three russian\nsoldiers")
    assert q is not None
    assert q.text == "the explosion.\n\n“Three Russian soldiers"
    assert check_quote(RAW, q)
    q = find_quote(RAW, "Russia's reconciliation center confirmed the explosion.")
    assert q is not None
    assert q.text == "Russia’s reconciliation center confirmed the explosion"
    assert q.start == 0


def test_find_quote_after_a_character_that_lowercases_to_two() -> None:
    raw = "İstanbul: the patrol was hit by a roadside bomb near the town."
    q = find_quote(raw, "The patrol was hit  by a roadside bomb")
    assert q is not None
    assert q.text == "the patrol was hit by a roadside bomb"
    assert check_quote(raw, q)


@pytest.mark.parametrize(
    "quote", ["", "   ", "four Russian soldiers", "confirmed the blast", "injured,” Reuters"]
)
def test_find_quote_absent(quote: str) -> None:
    assert find_quote(RAW, quote) is None


def test_check_quote_rejects_a_moved_span() -> None:
    assert not check_quote(RAW, Quote(text="confirmed the explosion", start=30, end=53))
    assert not check_quote(RAW, Quote(text="x", start=len(RAW), end=len(RAW) + 1))


def test_sentence_quotes_in_article_order_and_bad_ids() -> None:
    art = load_article(next((Path(__file__).resolve().parents[1] / "seeds").glob("001_*.txt")))
    quotes, bad = sentence_quotes(art, [5, 3, 5, 99, 0])
    assert [q.text[:30] for q in quotes] == [
        "A joint Turkish-Russian patrol",
        "The Russian defence ministry s",
    ]
    assert bad == [0, 99]
    assert all(check_quote(art.raw, q) for q in quotes)
    assert evidence_text(quotes).startswith("A joint Turkish-Russian patrol in Syria's")


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three Russian soldiers were injured", {3}),
        ("At least three Russian soldiers on a joint Russian-Turkish patrol", {3}),
        ("the Russian Defense Ministry stated that two servicemen had been injured", {2}),
        ("Three Russian service members were injured in the attack", {3}),
        ("a Russian soldier was slightly injured in an assault", {1}),
        ("terrorists damaged one Russian and one Turkish armored vehicle", set()),
        ("none of its soldiers were hurt in the attack but an armoured vehicle was damaged", {0}),
        ("No one was hurt, and the patrol completed its route", {0}),
        ("the 41st patrol came under small-arms fire; nobody was hurt", {0}),
        ("the blast killed two and wounded 14", {2, 14}),
        ("Two were killed.", {2}),
        ("fifteen peacekeepers were killed", {15}),
        ("the blast killed seventeen", {17}),
        ("two Chadian peacekeepers were killed and four others were wounded", {2, 4}),
        # a year or a day of the month is not a casualty figure
        ("In 2019 three peacekeepers died in a similar attack", {3}),
        ("during the 26th joint patrol at the end of August 2020 a Russian soldier was hurt", {1}),
        ("On August 12, the Russian Military Police conducted the patrol", set()),
        ("the 26th joint patrol on the M4 highway", set()),
        ("displaced nearly 1 million people", set()),
    ],
)
def test_casualty_numbers(text: str, expected: set[int]) -> None:
    assert casualty_numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two servicemen had been injured", {2}),
        ("one Russian and one Turkish armored vehicle", {1}),
        ("a Russian soldier", {1}),
        ("a single-lane road", set()),  # "a" counts only before a person or vehicle
        ("No group has claimed responsibility", {0}),
        ("On August 12, 2020", {12, 2020}),
        ("nineteen or 20 of them", {19, 20}),
    ],
)
def test_numbers_in(text: str, expected: set[int]) -> None:
    assert numbers_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("terrorists damaged one Russian and one Turkish armored vehicle", {1}),
        ("two vehicles were destroyed", {2}),
        ("an armoured vehicle was damaged", {1}),
        ("three heavily armoured military vehicles", {3}),
        ("In 2019 two vehicles were hit", {2}),
        ("the vehicle was towed", set()),
        ("vehicles sustained damage", set()),
    ],
)
def test_count_before(text: str, expected: set[int]) -> None:
    assert count_before(r"vehicles?", text) == expected


def test_a_model_value_counts_only_when_it_says_something_the_text_writes() -> None:
    assert [answered(v) for v in (None, " null ", "Unknown", "n/a", " Tamsa ")] == [
        None,
        None,
        None,
        None,
        "Tamsa",
    ]
    assert in_text("tamsa", "A mine hit a convoy near Tamsa.") == "tamsa"
    assert in_text("Kora", "A mine hit a convoy near Tamsa.") is None
    assert in_text("none", "none of the soldiers were hurt") is None

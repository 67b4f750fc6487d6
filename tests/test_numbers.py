"""The one number reader (summarizer/reading/numbers.py), on phrases copied from real articles.

Each phrase names the file it was copied from: the seeds (seeds/) or the collected corpus
(evals/corpus/articles/); ``test_phrases_are_copied_from_their_files`` checks the copy whenever the
file is present."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from summarizer.extraction.evidence import ordinals
from summarizer.extraction.grounding import casualty_numbers, numbers_in
from summarizer.prose import ordinal
from summarizer.reading.numbers import Bound, find_quantities, read_number

CORPUS = ROOT / "evals" / "corpus" / "articles"

# (file the phrase is copied from, phrase, the words of the quantity, value, low, high, bound)
REAL = [
    ("c001_9eaef529.txt", "at least one Turkish soldier", "at least one", 1, 1, None, "at_least"),
    ("c006_6b0a32d7.txt", "at least 62 Turkish soldiers", "at least 62", 62, 62, None, "at_least"),
    ("c015_5a2e78cd.txt", "at least 13,000 more civilians", "at least 13,000", 13000, 13000,
     None, "at_least"),
    ("c018_794491dd.txt", "more than 8 Russian armored vehicles", "more than 8", 8, 9, None,
     "more_than"),
    ("c020_ce60b9d0.txt", "More than 300 troops took part", "More than 300", 300, 301, None,
     "more_than"),
    ("c024_8b835cb1.txt", "more than 50,000 people", "more than 50,000", 50000, 50001, None,
     "more_than"),
    ("c028_dbecbd2d.txt", "up to eight civilians were killed", "up to eight", 8, None, 8,
     "at_most"),
    ("c034_06c8d233.txt", "killed over a dozen soldiers", "over a dozen", 12, 13, None,
     "more_than"),
    ("c041_1c317be6.txt", "More than a dozen people were killed", "More than a dozen", 12, 13,
     None, "more_than"),
    ("c041_1c317be6.txt", "more than ten foreign troops", "more than ten", 10, 11, None,
     "more_than"),
    ("c011_dd0b21a9.txt", "about 1,000 U.S. troops", "about 1,000", 1000, None, None, "about"),
    ("c037_7695b58f.txt", "a town of some 16,500 people", "some 16,500", 16500, None, None,
     "about"),
    ("c045_9017851f.txt", "14,400 troops and 3,020 police officers", "14,400", 14400, 14400,
     14400, "exact"),
    ("c034_06c8d233.txt", "with eleven soldiers found dead", "eleven", 11, 11, 11, "exact"),
    ("c036_24378d51.txt", "injuring two soldiers and two children", "two", 2, 2, 2, "exact"),
    ("c015_5a2e78cd.txt", "three Russian and several Turkish soldiers", "three", 3, 3, 3, "exact"),
    ("002_438e29d1a6d894ed.txt", "At least three Russian soldiers", "At least three", 3, 3, None,
     "at_least"),
    ("004_637fea0d4bd3ce5c.txt", "is about 30 kilometers", "about 30", 30, None, None, "about"),
]  # fmt: skip
VAGUE = [
    ("c015_5a2e78cd.txt", "three Russian and several Turkish soldiers", "several"),
    ("c016_5fb1a0cd.txt", "resulting in tens of thousands of deaths", "tens of thousands"),
    ("c037_7695b58f.txt", "leading to dozens of injuries", "dozens"),
    ("001_5d767cf5dec42332.txt", "killed hundreds of civilians", "hundreds"),
]
ORDINALS = [
    ("c008_4b496894.txt", "carried out their 17th joint patrol", 17),
    ("c011_dd0b21a9.txt", "conducted the 22nd joint patrol", 22),
    ("002_438e29d1a6d894ed.txt", "the 21st Russian-Turkish joint patrol", 21),
    ("003_d89a1fc585dc487a.txt", "the route was the 23th, which", 23),
    ("c011_dd0b21a9.txt", "is the twenty-third one between", 23),
]


def _source(name: str) -> Path:
    return ROOT / "seeds" / name if name[0].isdigit() else CORPUS / name


@pytest.mark.parametrize(("name", "phrase"), [(r[0], r[1]) for r in REAL + VAGUE + ORDINALS])
def test_phrases_are_copied_from_their_files(name: str, phrase: str) -> None:
    path = _source(name)
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not in this checkout")
    assert phrase in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "phrase", "words", "value", "low", "high", "bound"), REAL)
def test_counts_and_bounds_in_real_text(
    name: str, phrase: str, words: str, value: int, low: int | None, high: int | None, bound: str
) -> None:
    q = find_quantities(phrase)[0]
    assert (q.text, q.value, q.low, q.high, q.bound) == (words, value, low, high, Bound(bound))
    assert phrase[q.start : q.end] == words and not q.ordinal
    alone = read_number(words)
    assert alone is not None and (alone.value, alone.low, alone.high) == (value, low, high)


@pytest.mark.parametrize(("name", "phrase", "words"), VAGUE)
def test_vague_quantities_are_kept_as_written_never_a_number(
    name: str, phrase: str, words: str
) -> None:
    q = next(q for q in find_quantities(phrase) if q.vague)
    assert q.text == words and q.value is None and q.low is None and q.high is None


@pytest.mark.parametrize(("name", "phrase", "value"), ORDINALS)
def test_ordinals_in_real_text(name: str, phrase: str, value: int) -> None:
    q = next(q for q in find_quantities(phrase) if q.ordinal)
    assert q.value == value


@pytest.mark.parametrize(
    ("phrase", "value", "ordinal"),
    [
        ("60,000th", 60000, True),  # issue 15: "its 60,000th patrol" was read as 0
        ("1,000th", 1000, True),
        ("1,200", 1200, False),
        ("5, 000", 5000, False),
        ("60\u00a0000", 60000, False),  # no-break space as the thousands separator
        ("60\u202f000th", 60000, True),  # narrow no-break space
        ("twenty-sixth", 26, True),
        ("one hundred and twenty", 120, False),
        ("a dozen", 12, False),
        ("half a dozen", 6, False),
        ("two dozen", 24, False),
        ("1.5 million", 1_500_000, False),
    ],
)
def test_separators_words_and_ordinals(phrase: str, value: int, ordinal: bool) -> None:
    q = read_number(phrase)
    assert q is not None and (q.value, q.ordinal, q.bound) == (value, ordinal, Bound.exact)


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [("between 5 and 10", 5, 10), ("two or three", 2, 3), ("10-15", 10, 15)],
)
def test_ranges(phrase: str, low: int, high: int) -> None:
    q = read_number(phrase)
    assert q is not None and (q.bound, q.value, q.low, q.high) == (Bound.range, None, low, high)


@pytest.mark.parametrize("phrase", ["one two", "soldiers", "", "M4", "the", "2.5"])
def test_what_is_not_one_number(phrase: str) -> None:
    assert read_number(phrase) is None


def test_words_that_do_not_compose_are_separate_counts() -> None:
    found = find_quantities("killed one and injured two, in 2019, 300 soldiers")
    assert [(q.text, q.value) for q in found] == [
        ("one", 1), ("two", 2), ("2019", 2019), ("300", 300)
    ]  # fmt: skip


def test_patrol_ordinals_with_separators_and_words() -> None:
    assert ordinals("Turkey and Russia held their 60,000th joint patrol on the M4.") == {60000}
    assert ordinals("the twenty-sixth joint patrol") == {26}
    # word ordinals below ten rank: "a second blast", "the first patrol to complete the route"
    assert ordinals("A second blast hit the patrol near Ariha.") == set()
    assert ordinals("The first patrol to complete the route was the 23th.") == {23}


def test_casualty_figures_read_with_the_same_reader() -> None:
    # c034_06c8d233.txt, c028_dbecbd2d.txt, c036_24378d51.txt
    assert casualty_numbers("an attack that killed over a dozen soldiers last month") == {12}
    assert casualty_numbers("a UN source said up to eight civilians were killed.") == {8}
    assert casualty_numbers("injuring two soldiers and two children.") == {2}
    assert casualty_numbers("1,200 troops were wounded") == {1200}
    assert 1200 in numbers_in("1,200 troops") and 0 not in numbers_in("1,200 troops")


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (13, "13th"), (112, "112th")])
def test_ordinals_round_trip(n: int, text: str) -> None:
    # the writer (prose) and the reader (numbers) agree
    assert ordinal(n) == text
    q = read_number(text)
    assert q is not None and q.value == n and q.ordinal

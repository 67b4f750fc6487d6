"""Killed or injured is decided by the words that govern each number. Phrases are quoted from
the dev split of the real corpus (evals/corpus/articles, file named) or from the issue that
reported the failure; the test split is never used to write rules."""

from __future__ import annotations

import pytest

from summarizer.reading.figures import figures

CASES = [
    # (sentence, expected (kind, value) pairs in order, source)
    ("A bomb went off near the patrol, injuring four soldiers.", [("injured", 4)], "issue 11"),
    ("Two other soldiers were wounded.", [("injured", 2)], "issue 11"),
    ("A French national has been killed.", [("killed", 1)], "issue 11"),
    # "a number of" is vague, not the "a" of one person
    ("A number of soldiers were wounded by the mine.", [("injured", None)], "session 4"),
    (
        "three soldiers were killed and a fourth injured",
        [("killed", 3), ("injured", 1)],
        "issue 11",
    ),
    (
        "which has damaged a Russian armoured vehicle and injured two Russian soldiers.",
        [("injured", 2)],
        "c005_b77c2401",
    ),
    (
        "A young man, Serxwebûn Ali, was killed during the protests and five others were injured.",
        [("killed", 1), ("injured", 5)],
        "c010_c0420ab5",
    ),
    (
        "A Russian and US military vehicle have crashed into each other in northeastern Syria, "
        "leaving four American troops injured, US officials say.",
        [("injured", 4)],
        "c014_4c845eff",
    ),
    (
        "On Friday, two Minusma soldiers were killed and a third injured by the explosion of "
        "another artisanal device near Douentza",
        [("killed", 2), ("injured", 1)],
        "c021_f3a27af0",
    ),
    (
        "Five civilians were killed on Thursday and a sixth succumbed to his injuries on Friday",
        [("killed", 5), ("killed", 1)],
        "c021_f3a27af0",
    ),
    (
        "Three officers and a civilian interpreter were wounded by a direct hit on the vehicle",
        [("injured", 3), ("injured", 1)],
        "c027_4f523511",
    ),
    (
        "At least eight soldiers, including a senior intelligence commander, were killed Sunday",
        [("killed", 8)],
        "c038_9ea5020e",
    ),
    (
        "But an internal security document seen by Reuters on Tuesday gave a death toll of 27 "
        "soldiers.",
        [("killed", 27)],
        "c034_06c8d233",
    ),
    (
        "has claimed an attack on a convoy in Burkina Faso that killed over a dozen soldiers last "
        "month",
        [("killed", 12)],
        "c034_06c8d233",
    ),
    (
        "said 17 soldiers plus one policeman had died.",
        [("killed", 17), ("killed", 1)],
        "c040_c1f82712",
    ),
    (
        "On May 30, a suicide bomber riding a motorcycle attacked another convoy of security "
        "forces in the Razmak area, injuring two soldiers and two children.",
        [("injured", 2), ("injured", 2)],
        "c036_24378d51",
    ),
    (
        "\"One Afghan civilian was martyred in today's attack in Kabul, and three others were "
        "wounded",
        [("killed", 1), ("injured", 3)],
        "c041_1c317be6",
    ),
    (
        "An UNMISS vehicle was damaged, but fortunately there were no casualties.",
        [("killed", 0), ("injured", 0)],
        "c029_e4154454",
    ),
    ("Turkish sources said none of its soldiers were hurt.", [("killed", 0), ("injured", 0)], "-"),
    (
        # a day of the month is no count, and a jawan is a soldier
        "On August 14 last, an FC jawan was martyred whereas three terrorists were killed in a "
        "gunbattle in Loralai.",
        [("killed", 1), ("killed", 3)],
        "c061_0d7c845c",
    ),
    ("On 3 June, two soldiers were killed.", [("killed", 2)], "-"),
]


@pytest.mark.parametrize(("sentence", "expected", "source"), CASES)
def test_each_number_takes_the_kind_of_the_words_that_govern_it(
    sentence: str, expected: list[tuple[str, int]], source: str
) -> None:
    assert [(f.kind, f.value) for f in figures(sentence)] == expected, source


@pytest.mark.parametrize(
    "sentence",
    [
        "Two vehicles were destroyed in the blast.",
        "The 60,000th patrol was completed on August 12th.",
        "In 2019 a bomb hit the convoy.",
        "Two armoured vehicles and three soldiers were hit.",  # hit is not hurt
        "The patrol covered 40 km of the M4 highway.",
        "An officer put the death toll higher.",  # the officer speaks; nobody is counted
        "A spokesman said the dead included civilians.",
        "A soldier shot and wounded the driver.",  # the one who shot is no victim
        "The army gave no figure for the wounded.",  # "no figure" counts nobody
        "Gunmen attacked the convoy on Aug. 21 and killed its escort.",  # a date, not 21 killed
        "The convoy was ambushed on 21 August, killing its escort.",
    ],
)
def test_numbers_that_do_not_count_hurt_people_are_not_figures(sentence: str) -> None:
    assert figures(sentence) == []


def read(sentence: str) -> tuple[int | None, int | None, str | None]:
    """The sentence's first killed and injured figures, and a bounded or vague one's words."""
    found = figures(sentence)
    killed = next((f for f in found if f.kind == "killed"), None)
    injured = next((f for f in found if f.kind == "injured"), None)
    stated = next((f.words for f in (killed, injured) if f and (f.bound or f.value is None)), None)
    return (killed.value if killed else None, injured.value if injured else None, stated)


def test_bounded_and_vague_figures_keep_their_words() -> None:
    assert read("At least 15 people were killed.") == (15, None, "At least 15")
    assert read("Several soldiers were injured in the blast.") == (None, None, "Several")
    assert read("In July, three Russian and several Turkish soldiers were wounded.") == (
        None,
        3,
        None,
    )


def test_killed_and_wounded_together_is_one_undivided_count() -> None:
    # shape: "N troops were killed and wounded": no split between killed and injured
    (f,) = figures("More than twenty guards were killed and wounded in the ambush.")
    assert (f.value, f.words, f.people) == (None, "More than twenty", "guards")
    assert read("More than twenty guards were killed and wounded.")[:2] == (None, None)


def test_a_count_after_a_governed_one_does_not_cross_its_verb() -> None:
    # shape: "N soldiers found dead and about M civilians reported missing": missing is
    # neither killed nor injured
    found = figures(
        "Rebels hit the convoy, with nine soldiers found dead and about 30 drivers missing."
    )
    assert [(f.kind, f.value) for f in found] == [("killed", 9)]


def test_nationals_in_the_plural_are_people() -> None:
    # shape: "killed two Americans and one Polish soldier"
    found = figures("The blast killed three Canadians and one Danish soldier.")
    assert [(f.kind, f.value, f.people) for f in found] == [
        ("killed", 3, "Canadians"),
        ("killed", 1, "Danish soldier"),
    ]


def test_no_casualties_among_a_group_counts_that_group() -> None:
    # shape: "killing a civilian but causing no casualties among foreign troops"
    found = figures(
        "The bomber hit the convoy, killing a civilian but causing no casualties among "
        "foreign troops."
    )
    assert [(f.kind, f.value, f.people) for f in found] == [
        ("killed", 1, "civilian"),
        ("killed", 0, "foreign troops"),
        ("injured", 0, "foreign troops"),
    ]

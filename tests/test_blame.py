"""Who is blamed, kept only when the event's sentences make it responsible
(``blame.perpetrator``). Sentences are written for these tests."""

from __future__ import annotations

import pytest

from summarizer.extraction.blame import perpetrator
from summarizer.schema import AttributionStatus as S
from summarizer.schema import DroppedFact


@pytest.mark.parametrize(
    ("asked", "text", "expected"),
    [
        # shape: a name written in quotes in the text ('“Red Hand” Brigades claimed ...')
        (
            "Red Hand Brigades",
            "A group known as “Red Hand” Brigades claimed yesterday’s attack on the convoy.",
            ("Red Hand Brigades", S.claimed),
        ),
        # shape: "claimed the responsibility for the attack"
        (
            "Northern Front",
            "A spokesman said the Northern Front claimed the responsibility for the attack.",
            ("Northern Front", S.claimed),
        ),
        # shape: an acronym the text defines: the first full naming
        (
            "UFL",
            "The United Front for Liberation (UFL) claimed credit for the ambush on the convoy.",
            ("United Front for Liberation (UFL)", S.claimed),
        ),
        # shape: "X blew up a vehicle"
        (
            "Hill rebels",
            "Hill rebels blew up a police vehicle using an IED on the river road.",
            ("Hill rebels", S.suspected),
        ),
        # shape: the name, an apposition between commas, then the act
        (
            "Red Front",
            "Red Front, the armed wing of the northern movement, launched an ambush on the convoy.",
            ("Red Front", S.suspected),
        ),
        # shape: an act in the -ing form ("rebels detaining peacekeepers")
        (
            "Hill rebels",
            "A video claims to show Hill rebels detaining the monitors of the patrol.",
            ("Hill rebels", S.suspected),
        ),
        # shape: the passive ("was stoned by angry villagers")
        (
            "angry villagers",
            "The patrol was stoned by angry villagers on the bridge.",
            ("angry villagers", S.suspected),
        ),
    ],
)
def test_perpetrator(asked: str, text: str, expected: tuple[str, S]) -> None:
    p = perpetrator(asked, text, "incident 0", [])
    assert (p.name, p.status) == expected


def test_a_group_merely_mentioned_is_not_blamed() -> None:
    # shape: context about who holds the area is not an attribution
    dropped: list[DroppedFact] = []
    text = "The convoy was hit by a mine in an area held by the Hill rebels for years."
    assert perpetrator("Hill rebels", text, "incident 0", dropped).name is None
    assert dropped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shape: the crowd opens the sentence ("Villagers of X stoned ...")
        ("Villagers of Tamra stoned the patrol's vehicles on the bridge.", "Villagers of Tamra"),
        # shape: after a time phrase ("On Monday, residents of X blocked ...")
        ("On Monday, residents of Tamra town blocked the convoy.", "residents of Tamra town"),
        # shape: after a wire dateline ("CITY (Agency) – Angry crowds ... threw stones")
        (
            "TAMRA (Lakeside Wire) – Angry crowds near the bridge threw stones at the patrol.",
            "Angry crowds",
        ),
        # shape: the agent of a passive ("was stoned by local residents")
        ("The convoy was stoned by local residents near the bridge.", "local residents"),
        # shape: no crowd named: nobody is blamed
        ("The patrol was stopped at the bridge and turned back.", None),
    ],
)
def test_the_crowd_obstructing_a_patrol_is_the_suspected_perpetrator(
    text: str, expected: str | None
) -> None:
    p = perpetrator(None, text, "incident 0", [], crowd=True)
    assert p.name == expected
    assert p.status == (S.suspected if expected else S.unknown)


def test_the_crowd_is_read_only_for_a_protest_or_obstruction() -> None:
    text = "Villagers of Tamra stoned the patrol's vehicles on the bridge."
    assert perpetrator(None, text, "incident 0", []).name is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shape: the agent of an act ("a mine planted by X", "an ambush by X")
        ("The truck struck a mine planted by insurgents on the river road.", "insurgents"),
        ("Two guards died in an ambush by Hill separatists near the ford.", "Hill separatists"),
        ("The convoy was attacked by the Red Front near the bridge.", "Red Front"),
        # shape: a group that opens a clause with an act
        ("The rebels ambushed a supply truck at dawn.", "rebels"),
        ("Ten guards are missing after gunmen attacked their convoy.", "gunmen"),
        # shape: a group said to be suspected
        ("Officials say the Hill rebels are suspected of carrying out the attack.", "Hill rebels"),
        # no name: a device, or a group that did nothing to the patrol
        ("The convoy was hit by a mine near the bridge.", None),
        ("The convoy was hit by a mine in an area held by rebels for years.", None),
        ("The soldiers later killed three rebels in a raid.", None),
    ],
)
def test_the_attackers_the_words_name_when_the_model_names_nobody(
    text: str, expected: str | None
) -> None:
    p = perpetrator(None, text, "incident 0", [])
    assert p.name == expected
    assert p.status == (S.suspected if expected else S.unknown)


def test_a_group_the_words_name_is_claimed_when_it_claims_the_attack() -> None:
    text = "A bomb planted by Hill rebels hit the convoy. Hill rebels claimed the attack."
    assert perpetrator(None, text, "incident 0", []).status == S.claimed

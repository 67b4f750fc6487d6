"""Whose patrol: joint forces, a mission as named, or one nationality (``geo.forces_of``).
Sentences are written for these tests."""

from __future__ import annotations

import pytest

from summarizer.extraction.geo import forces_in, forces_of, home_forces, mission_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shape: a full mission name with the acronym the text defines for it
        (
            "A vehicle of the United Nations Stabilization Force in Northern Land (UNSFNL) "
            "was hit by a mine.",
            ["UNSFNL"],
        ),
        # shape: an acronym the tool knows, written later than a lowercase description
        (
            "Two peacekeepers from the UN mission in the country were killed; the UNMISS "
            "convoy was hit near the river.",
            ["UNMISS"],
        ),
        # shape: a full name of several words after "in" is kept whole
        (
            "The United Nations Mission in South Sudan condemned the attack on its convoy.",
            ["United Nations Mission in South Sudan"],
        ),
        # shape: a lowercase description ("the patrol mission") names no mission
        ("More than 300 troops took part in the patrol mission.", []),
        # shape: "between X and Y forces" names two sides, not a joint patrol
        (
            "UNDOF monitors of the ceasefire between Israel and Syrian forces were detained.",
            ["UNDOF"],
        ),
        # shape: a country in the possessive before its troops
        ("Russia's military police carried out a patrol near the border.", ["Russia"]),
        ("A joint Russian-Turkish patrol was attacked.", ["Russia", "Turkey"]),
        # shape: "X and Y military vehicle(s)" (two sides' vehicles in one event)
        ("A Russian and US military vehicle collided on the road.", ["Russia", "United States"]),
        # shape: one nationality "conducted the joint patrol with <country>"
        (
            "Russian military police conducted the 30th joint patrol with Turkey.",
            ["Russia", "Turkey"],
        ),
    ],
)
def test_forces_of(text: str, expected: list[str]) -> None:
    assert forces_of(text) == expected


def test_a_mission_is_named_without_its_article() -> None:
    assert mission_of("The EU Monitoring Mission said its patrol was shot at.") == (
        "EU Monitoring Mission"
    )


def test_two_sides_between_are_not_a_joint_patrol() -> None:
    assert forces_in("the ceasefire between Israel and Syrian forces held") == []
    assert forces_in("Israeli and Syrian forces patrolled together") == ["Israel", "Syria"]


def test_an_army_with_no_nationality_is_the_home_country_s() -> None:
    # shape: "a military convoy in northern Kenya ..., the army said": no nationality written
    text = "Militants ambushed a military convoy in northern Kenya, the army said."
    assert home_forces(text, "Kenya") == ["Kenya"]
    assert home_forces("Militants ambushed a convoy of aid trucks.", "Kenya") == []
    assert home_forces(text, None) == []

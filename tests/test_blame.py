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

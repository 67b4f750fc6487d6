"""Acts named by the words of a sentence (reading/acts.py, lemmas from the one lexicon)."""

from __future__ import annotations

import pytest

from summarizer.reading.acts import acts
from summarizer.schema import ACLED_TYPES, IncidentType


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("IEDs struck the patrol.", "roadside_bomb"),  # an acronym in the plural
        ("The convoy was ambushed near Gao.", "armed_clash"),
        ("Three soldiers were kidnapped from the convoy.", "abduction"),
        ("Stone-throwing youths blocked the patrol.", "protest_obstruction"),
        ("An air strike hit the convoy.", "air_or_drone_strike"),
    ],
)
def test_the_first_act_a_sentence_names(text: str, kind: str) -> None:
    assert acts(text)[0].kind == kind


def test_acts_keep_their_place_across_lines() -> None:
    found = acts("A roadside bomb hit the patrol.\nMilitants then opened fire.")
    assert [a.kind for a in found if not a.generic] == ["roadside_bomb", "armed_clash"]
    second = next(a for a in found if a.kind == "armed_clash")
    assert "A roadside bomb hit the patrol.\nMilitants then opened fire."[
        second.start :
    ].startswith("opened fire")


def test_a_generic_blast_is_told_from_a_named_device() -> None:
    (blast,) = acts("An explosion hit the convoy.")
    assert (blast.kind, blast.generic) == ("explosion_unspecified", True)


def test_every_type_has_its_acled_event_and_sub_event_type() -> None:
    assert set(ACLED_TYPES) == set(IncidentType)
    assert ACLED_TYPES[IncidentType.armed_clash] == ("Battles", "Armed clash")

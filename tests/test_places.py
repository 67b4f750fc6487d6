"""Place and province from an event's own sentences (``places.location``). Sentences are
written for these tests."""

from __future__ import annotations

import pytest

from summarizer.extraction.places import location
from summarizer.schema import GeoPrecision as G


@pytest.mark.parametrize(
    ("asked", "text", "expected"),
    [
        # shape: "in the X area of ..." names the town
        (
            None,
            "Three soldiers were killed when a bomber hit a convoy in the Tal Bakr area.",
            ("Tal Bakr", None, G.town),
        ),
        # shape: a town the road leads to is not where it happened; the model's place is kept
        (
            "Kasama",
            "The blast struck a convoy in Kasama on the road to the city of Mbala.",
            ("Kasama", None, G.town),
        ),
        # shape: a transliterated name opening on a lowercase particle ("al-Ghassaniyeh")
        (
            None,
            "A mine exploded under a convoy near the village of al-Ghassaniyeh on the highway.",
            ("al-Ghassaniyeh", None, G.near_town),
        ),
        # shape: "the X area of <province>": X the place, the province two words or possessive
        (
            None,
            "A convoy hit an IED in the Tobo area of Balochistan on Sunday.",
            ("Tobo", "Balochistan", G.town),
        ),
        (
            None,
            "A bomber hit a convoy in the Mir Ali area of Khyber Pakhtunkhwa's North Waziristan.",
            ("Mir Ali", "Khyber Pakhtunkhwa", G.town),
        ),
        # shape: "northern <country of two words>" is the country, not a province
        (
            None,
            "Militants attacked a convoy in northern Burkina Faso.",
            (None, None, G.unknown),
        ),
        # shape: "<country>'s X Governorate": the governorate is the province, never the
        # country; the model's "X Governorate" is not a town
        (
            "Al-Raqqa Governorate",
            "A patrol was carried out in northeastern Syria's Al-Raqqa Governorate.",
            (None, "Al-Raqqa", G.region),
        ),
        # shape: "in X" / "passed through X" when nothing more specific names the town
        (None, "A military convoy was attacked in Kindu on Friday.", ("Kindu", None, G.town)),
        (
            None,
            "As the convoy passed through Ngara, gunmen opened fire.",
            ("Ngara", None, G.town),
        ),
        # shape: "the western X countryside" is near the town X, not a province X
        (
            None,
            "The 40th joint patrol was held in the western Tamra countryside.",
            ("Tamra", None, G.near_town),
        ),
        # shape: words of nearness: "nearby X", "east of X"
        (
            "Kasama",
            "The convoy was hit with an RPG nearby Kasama on Monday.",
            ("Kasama", None, G.near_town),
        ),
        (
            "Kasama",
            "A patrol was stoned in the east of Kasama on Monday.",
            ("Kasama", None, G.near_town),
        ),
        # shape: "in the west of X" names the town, near it
        (
            None,
            "A convoy of the patrol in the west of Tamra was stoned.",
            ("Tamra", None, G.near_town),
        ),
        # shape: "the canton of X" / "the county of X" is a province
        (
            None,
            "A convoy patrolling in the canton of Lorna was attacked with stones.",
            (None, "Lorna", G.region),
        ),
        # shape: a month, a country or a possessive after "in" is no town; "Jama'at X" is no
        # "at X"
        (
            None,
            "In May, the group Jama'at Ansar claimed an attack on a convoy in Mali's north.",
            (None, None, G.unknown),
        ),
        # shape: a headline with no full stop, then the next sentence (one per line in the
        # evidence): the name does not run on into the next sentence's first word
        (
            None,
            "Joint patrol held up in Tamra\nToday, Monday, the patrol stopped at the bridge.",
            ("Tamra", None, G.town),
        ),
        # shape: a district is below the province: "X district in Y state" gives no admin1
        (
            None,
            "A bomb hit a police vehicle near Ambo village in Lorna district on Monday.",
            ("Ambo", None, G.near_town),
        ),
    ],
)
def test_location(asked: str | None, text: str, expected: tuple[str | None, str | None, G]) -> None:
    loc = location(asked, text)
    assert (loc.place, loc.admin1, loc.geo_precision) == expected

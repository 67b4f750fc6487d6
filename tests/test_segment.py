"""Frames (act, time, place of a sentence, from the parse) and the boundaries they draw. The
articles are hand-written for these tests (no news text), and the model answers are built by
the test as pydantic objects: they stand for a model that lists the whole article as one event
(what the embedded 1.5B model does), and are not model output."""

from __future__ import annotations

import datetime as dt

from summarizer.extraction.drafts import ArticleAnswer, ClaimDraft, EventDraft
from summarizer.extraction.evidence import find_events
from summarizer.extraction.frames import frame, other_time
from summarizer.extraction.proposals import EventFacts, reconcile
from summarizer.extraction.segment import candidates, split
from summarizer.reading.text import Article, clean
from summarizer.schema import EventDate, Precision, Role

ANCHOR = dt.date(2024, 3, 14)  # a Thursday

# The main event on Tuesday; an earlier one last Friday, told with its toll; a trend.
TEXT = (
    "Bomb hits peacekeepers' convoy near Tamsa\n\n"
    "A roadside bomb struck a convoy of peacekeepers near Tamsa on Tuesday, the mission said. "
    "Two peacekeepers were wounded in the blast. "
    "The mission has about 9,000 troops in the country. "
    "Last Friday, gunmen ambushed the mission's supply convoy near Bora. "
    "Three soldiers were killed in the ambush, officials said. "
    "Attacks on convoys have become frequent this year.\n"
)


def _lumped(text: str, claims: list[ClaimDraft] | None = None) -> tuple[Article, list[EventFacts]]:
    """The article and its events when the model lists every sentence as the main event."""
    article = clean("x", text)
    ids = [s.id for s in article.sentences][:10]
    draft = EventDraft(
        sentences=ids, main=True, place=None, blamed=None, claims=claims or [], followed_by=[]
    )
    answer = ArticleAnswer(events=[draft])
    return article, reconcile(article, find_events(article), answer, [])


def test_an_act_verb_or_an_indefinite_act_is_told_anew() -> None:
    assert frame("Gunmen ambushed a convoy near the town.", None).told
    assert frame("A blast hit the patrol.", None).told
    assert frame("Another attack followed at dawn.", None).told


def test_an_act_that_points_back_or_a_trend_is_not_told_anew() -> None:
    assert not frame("Two soldiers were wounded in the attack.", None).told
    assert not frame("Attacks on convoys have become frequent.", None).told
    assert not frame("Residents fled, fearing attack.", None).told


def test_a_frame_knows_whether_forces_are_named_and_not_as_the_speaker() -> None:
    assert frame("A mine hit an army truck.", None).forces
    assert not frame("A cart hit a mine, a military official said.", None).forces


def test_another_sets_apart_an_act_or_a_patrol_not_a_person() -> None:
    assert frame("Another convoy came under fire.", None).other
    assert not frame("Adan, another security officer, said the troops were on patrol.", None).other


def test_dates_are_resolved_against_the_anchor_and_compared() -> None:
    tuesday = frame("A bomb hit the convoy on Tuesday.", ANCHOR).dates
    assert tuesday and tuesday[0].day == 12
    earlier = frame("On January 4, gunmen ambushed a convoy.", ANCHOR)
    assert other_time(earlier, list(tuesday), ANCHOR) == "January 4"
    same = frame("On Tuesday, a second bomb hit a truck.", ANCHOR)
    assert other_time(same, list(tuesday), ANCHOR) is None


def test_without_a_main_date_a_day_weeks_before_the_anchor_is_another_time() -> None:
    f = frame("On January 4, gunmen ambushed a convoy.", ANCHOR)
    assert other_time(f, [], ANCHOR) == "January 4"
    recent = frame("On March 12, gunmen ambushed a convoy.", ANCHOR)
    assert other_time(recent, [], ANCHOR) is None
    unknown = EventDate(text="Tuesday", precision=Precision.unknown)
    assert other_time(frame("A bomb hit a convoy on Tuesday.", None), [unknown], None) is None


def test_an_earlier_incident_inside_a_lumped_answer_is_proposed_with_its_toll() -> None:
    article, facts = _lumped(TEXT)
    found = candidates(article, facts, ANCHOR)
    assert [c.sentences for c in found] == [[5, 6]]
    assert found[0].reason == "placed at another time (Last Friday)"


def test_split_makes_the_earlier_incident_background_and_moves_its_claims() -> None:
    claims = [
        ClaimDraft(sentence=3, claimant=None, killed=None, injured=2),
        ClaimDraft(sentence=6, claimant="officials", killed=3, injured=None),
    ]
    article, facts = _lumped(TEXT, claims)
    split(article, facts, ANCHOR)
    main = [f for f in facts if f.event.role == Role.main]
    background = [f for f in facts if f.event.role == Role.background]
    assert len(main) == 1 and len(background) == 1
    assert 5 not in main[0].event.sentences and 6 not in main[0].event.sentences
    assert background[0].event.sentences == [5, 6]
    assert [c.sentence for c in background[0].claims] == [6]
    assert [c.sentence for c in main[0].claims] == [3]
    assert background[0].notes == [
        "separated from the main event: placed at another time (Last Friday)"
    ]


def test_a_retelling_at_the_same_time_and_place_stays_with_the_main_event() -> None:
    text = (
        "Bomb hits peacekeepers' convoy near Tamsa\n\n"
        "A roadside bomb struck a convoy of peacekeepers near Tamsa on Tuesday. "
        "Two peacekeepers were wounded. "
        "On Tuesday a bomb hit the peacekeepers' convoy near Tamsa as it left the base.\n"
    )
    article, facts = _lumped(text)
    assert candidates(article, facts, ANCHOR) == []
    split(article, facts, ANCHOR)
    assert [f.event.role for f in facts] == [Role.main]


def test_an_act_naming_no_forces_is_not_an_incident_of_its_own() -> None:
    text = (
        "Bomb hits peacekeepers' convoy near Tamsa\n\n"
        "A roadside bomb struck a convoy of peacekeepers near Tamsa on Tuesday. "
        "On January 4, a cart hit a mine near Bora, a military official said.\n"
    )
    article, facts = _lumped(text)
    assert candidates(article, facts, ANCHOR) == []

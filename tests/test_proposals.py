"""Rules propose, the model proposes, the article's words decide. The article below is
hand-written for this test (not a news text), and the answers are built by the test as
pydantic objects: they stand for what a model could answer, and are not model output."""

from __future__ import annotations

import pytest

from summarizer.extraction.assemble import assemble
from summarizer.extraction.drafts import ArticleAnswer, ClaimDraft, EventDraft
from summarizer.extraction.evidence import find_events
from summarizer.extraction.proposals import reconcile
from summarizer.reading.text import clean
from summarizer.schema import ArticleRecord, DroppedFact, IncidentType, Outcome, Role

TEXT = (
    "Army chief visits northern garrison\n\n"
    "The army chief visited the northern garrison on Monday, officials said. "
    "Two soldiers were killed and a third injured when their vehicle hit a device near Tamsa, "
    "the army said. "
    "The wounded soldier was evacuated to the capital. "
    "The garrison has about 2,000 troops.\n"
)


def _event(ids: list[int], *, main: bool = False, **kw: object) -> EventDraft:
    fields: dict[str, object] = {
        "place": None,
        "blamed": None,
        "claims": [],
        "followed_by": [],
    } | kw
    return EventDraft(sentences=ids, main=main, **fields)


def _record(text: str, answer: ArticleAnswer | None = None) -> ArticleRecord:
    """A text through the rules and (when given) a hand-built model answer, assembled."""
    article = clean("x", text)
    return assemble(article, reconcile(article, find_events(article), answer, []), [], [])


def _segments(text: str, answer: ArticleAnswer | None = None) -> list[tuple[list[int], Role]]:
    """The events a text's rules and (when given) a hand-built answer reconcile to: each
    one's sentence ids and role."""
    article = clean("x", text)
    return [
        (f.event.sentences, f.event.role)
        for f in reconcile(article, find_events(article), answer, [])
    ]


def test_an_event_without_patrol_words_is_found_when_the_model_proposes_it() -> None:
    article = clean("handmade.txt", TEXT)
    assert find_events(article) == []  # no patrol or convoy word: the rules see nothing
    answer = ArticleAnswer(
        events=[
            _event(
                [3, 4],
                main=True,
                place="Tamsa",
                claims=[ClaimDraft(sentence=3, claimant="the army", killed=3, injured=None)],
                followed_by=[4],
            )
        ]
    )
    dropped: list[DroppedFact] = []
    facts = reconcile(article, find_events(article), answer, dropped)
    record = assemble(article, facts, [], dropped)
    (inc,) = record.incidents
    assert inc.role == Role.main  # not in the lead: the model's choice
    assert inc.location.place == "Tamsa"
    (claim,) = inc.casualty_claims
    # the words decide: "Two ... were killed and a third injured", whatever the model said
    assert (claim.killed, claim.injured) == (2, 1)
    assert any("killed=3" in d.what for d in record.dropped)
    assert [f.evidence[0].text for f in inc.follow_on] == [
        "The wounded soldier was evacuated to the capital."
    ]


def test_a_model_event_whose_sentences_say_nothing_happened_is_dropped_and_reported() -> None:
    article = clean("handmade.txt", TEXT)
    answer = ArticleAnswer(events=[_event([5], main=True)])  # "The garrison has 2,000 troops."
    dropped: list[DroppedFact] = []
    assert reconcile(article, [], answer, dropped) == []
    assert "no single event" in dropped[0].reason


def test_a_model_event_that_shares_sentences_with_a_rule_event_is_the_same_event() -> None:
    text = (
        "Patrol hit by blast near Ariha\n\n"
        "A joint patrol was hit by a roadside bomb near the town of Ariha on Tuesday. "
        "Three soldiers were injured, the ministry said.\n"
    )
    article = clean("handmade.txt", text)
    rules = find_events(article)
    assert len(rules) == 1
    answer = ArticleAnswer(events=[_event([2, 3], main=False, place="Ariha")])
    facts = reconcile(article, rules, answer, [])
    assert len(facts) == 1 and facts[0].origin == "both"
    assert facts[0].event.role == Role.main  # stated in the lead: main, whatever the model said
    record = assemble(article, facts, [])
    assert record.incidents[0].incident_type == IncidentType.roadside_bomb
    assert record.incidents[0].casualty_claims[0].injured == 3


def test_a_routine_patrol_the_model_reports_is_no_incident() -> None:
    text = "Another joint patrol took place along the Tronba to Ain al-Hawr route on Sunday.\n"
    article = clean("handmade.txt", text)
    facts = reconcile(article, find_events(article), ArticleAnswer(events=[_event([1])]), [])
    record = assemble(article, facts, [])
    assert record.incidents[0].incident_type == IncidentType.no_incident


def test_a_general_statement_is_not_an_event_even_when_the_model_lists_it() -> None:
    text = (
        "Talks on patrols resume\n\n"
        "Delegations agreed on Friday to resume joint patrols. "
        "Attacks on military convoys have escalated, and several vehicles have been damaged by "
        "roadside bombs.\n"
    )
    article = clean("handmade.txt", text)
    dropped: list[DroppedFact] = []
    assert reconcile(article, [], ArticleAnswer(events=[_event([3], main=True)]), dropped) == []
    assert dropped


def test_the_lead_told_again_with_a_time_word_is_the_main_event() -> None:
    # shape: a lead, a "What happened?" break, then the lead's words again with a date ("on
    # May 3", "last month"); it is the main event, not a background one
    text = (
        "Rebels attacked a supply convoy heading to a northern garrison, killing nine guards. "
        "The group behind the attack has not been named. "
        "Officials gave few details. "
        "What happened? "
        "Rebels attacked a supply convoy heading to a northern garrison last month, before the "
        "rains cut the road."
    )
    article = clean("x", text)
    events = find_events(article)
    assert [e.sentences for e in events] == [[1, 2], [5]] and events[1].elsewhere_in_time
    facts = reconcile(article, events, None, [])
    assert [(f.event.sentences, f.event.role) for f in facts] == [([1, 2, 5], Role.main)]


def test_an_earlier_event_in_other_words_stays_background() -> None:
    # shape: "The last attack on a convoy was in May, when ..." shares a few words with the
    # lead (convoy, attack) but not most of them: another event
    text = (
        "Rebels attacked a supply convoy heading to a northern garrison, killing nine guards. "
        "The group behind the attack has not been named. "
        "Officials gave few details. "
        "The last attack on a convoy near the garrison was in May, when a mine killed a driver."
    )
    assert _segments(text) == [
        ([1, 2], Role.main),
        ([4], Role.background),
    ]


def test_an_event_naming_no_force_takes_the_article_s() -> None:
    # shape: a background event told without its force ("A convoy was ambushed in May") in an
    # article about one country's troops (guidelines: forces from the article)
    text = (
        "Kenyan soldiers escorting a convoy were hit by a roadside bomb on Monday. "
        "Two soldiers were wounded. "
        "Officials gave few details. "
        "Last year a convoy was ambushed on the same road."
    )
    article = clean("x", text)
    facts = reconcile(article, find_events(article), None, [])
    record = assemble(article, facts, [], [])
    assert [i.forces for i in record.incidents] == [["Kenya"], ["Kenya"]]


def test_events_joined_into_the_main_one_keep_the_outcome_a_part_states() -> None:
    # shape: the lead tells the obstruction, a later sentence (a separate rule event) that the
    # patrol was forced back; the lead told again keeps that outcome
    text = (
        "Villagers blocked a joint patrol on the main road on Monday. "
        "Officials gave few details. "
        "The weather was cold. "
        "Villagers blocked the joint patrol on the main road again, forcing it to return."
    )
    article = clean("x", text)
    events = find_events(article)
    assert [(e.sentences, e.outcome) for e in events] == [
        ([1], Outcome.unknown),
        ([4], Outcome.called_off),
    ]
    (main,) = reconcile(article, events, None, [])
    assert (main.event.sentences, main.event.outcome) == ([1, 4], Outcome.called_off)


def test_the_stated_publication_date_is_the_anchor() -> None:
    # shape: a page stamp with the publication date, an event told with a weekday (guidelines:
    # a weekday resolves only against an anchor, the publication date first)
    text = (
        "Patrol hit\n\nSource: Delta Daily| 2021-05-06 10:00\n\n"
        "A roadside bomb hit a patrol of the mission on Tuesday, wounding two soldiers.\n"
    )
    record = _record(text)
    assert record.published is not None and record.published.iso() == "2021-05-06"
    (inc,) = record.incidents
    assert (inc.date.year, inc.date.month, inc.date.day) == (2021, 5, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            # "returned safely to its base", "left the area", an evacuation of "the injured" (a
            # noun, no casualty figure), and "investigations" after the event
            "A roadside bomb hit a patrol of the mission near the river on Monday. "
            "The damaged patrol left the area and returned safely to its base. "
            "A helicopter arrived to evacuate the injured from the patrol. "
            "Police opened investigations into the attack.",
            [
                "left the area",
                "evacuate the injured from the patrol.",
                "investigations into the attack.",
            ],
            id="from-the-event-and-the-sentence-after-it",
        ),
        pytest.param(
            # "forcing the patrol to return to <town>", "dispatched a team"
            "Protesters threw stones at a patrol of the mission near the bridge on Monday. "
            "The stones hit the patrol, forcing it to return to Karda. "
            "The mission dispatched a team to assess the damage to the patrol.",
            ["return to Karda.", "dispatched a team to assess the damage to the patrol."],
            id="turned-back-to-a-town-and-a-team-dispatched",
        ),
        pytest.param(
            # two actions after commas are two entries; two verbs in one clause are one
            "Gunmen ambushed a convoy of the mission near the river on Monday. "
            "The mission said it had ordered reinforcements to the scene, about 40 km away, and "
            "had sent attack helicopters to the region. "
            "The damaged convoy left the area and returned safely to its base.",
            [
                "reinforcements to the scene",
                "sent attack helicopters to the region.",
                "left the area",
            ],
            id="actions-in-separate-clauses-are-separate",
        ),
    ],
)
def test_follow_ons_are_read_from_the_words_of_the_event_span(
    text: str, expected: list[str]
) -> None:
    (inc,) = _record(text).incidents
    assert [f.description for f in inc.follow_on] == expected


def test_a_lede_without_patrol_words_joins_the_main_event_found_below_it() -> None:
    # shape: the lede tells the act ("shot and wounded a peacekeeper") with no patrol or convoy
    # word; the patrol is named only further down
    text = (
        "Mission condemns attack on peacekeeper\n\n"
        "The mission condemned a direct attack after a soldier shot and wounded a peacekeeper "
        "on Friday. "
        "The talks on the border resumed last week. "
        "The soldier fired near a convoy of the mission before shooting at one of its vehicles."
    )
    record = _record(text, ArticleAnswer(events=[_event([4], main=True)]))  # the model's main
    (inc,) = record.incidents
    assert inc.role == Role.main
    assert [q.text[:20] for q in inc.evidence][:2] == [
        "Mission condemns att",
        "The mission condemne",
    ]
    assert [(c.killed, c.injured) for c in inc.casualty_claims] == [(None, 1)]


def test_an_unnamed_blast_takes_the_device_a_later_sentence_names() -> None:
    from summarizer.extraction.assemble import _refined_type

    ev = "An explosion hit a convoy on the highway. A mine exploded under the convoy's truck."
    assert _refined_type(IncidentType.explosion_unspecified, ev) == IncidentType.landmine
    # an "other" event takes what its evidence names; a named type stays
    assert _refined_type(IncidentType.other, "Gunmen opened fire.") == IncidentType.armed_clash
    assert _refined_type(IncidentType.protest_obstruction, "Gunmen opened fire.") == (
        IncidentType.protest_obstruction
    )
    # a blast refined only to an explosive device, never to gunfire
    assert _refined_type(IncidentType.explosion_unspecified, "A blast. Gunmen opened fire.") == (
        IncidentType.explosion_unspecified
    )


def test_a_model_event_leaves_out_a_later_sentence_placed_elsewhere() -> None:
    # shape: the model lists "In a separate encounter, ..." with the event before it
    text = (
        "Army chief visits northern garrison\n\n"
        "Two soldiers were killed when their armoured car hit a landmine near Tamsa on Monday. "
        "The army gave no figure for the wounded. "
        "In a separate encounter, three rebel fighters were killed by the army near Kora."
    )
    record = _record(text, ArticleAnswer(events=[_event([2, 3, 4], main=True)]))
    (inc,) = record.incidents
    assert not any("separate" in q.text for q in inc.evidence)
    assert [(c.killed, c.injured) for c in inc.casualty_claims] == [(2, None)]


def test_every_aftermath_word_the_rules_pick_names_a_follow_on() -> None:
    # shapes: "cancelled" and "airlifted" pick a sentence after the event; the same words must
    # then describe it (they were once dropped as naming no action)
    text = (
        "A roadside bomb hit a patrol of the mission near the river on Monday. "
        "The wounded driver was airlifted to the capital. "
        "The remaining road trips of the week were cancelled."
    )
    inc = _record(text).incidents[0]
    assert [f.description for f in inc.follow_on] == [
        "airlifted to the capital.",
        "cancelled.",
    ]


def test_an_earlier_attack_recalled_in_its_own_sentence_is_a_background_event() -> None:
    # shape: the model lists most of the article as one event; a later sentence opens on its
    # own date and tells an act with its own toll, and the next one the vehicle it hit
    text = (
        "Six policemen killed as bomb hits their van\n\n"
        "Six policemen were killed on Monday when a bomb hit their van near Tarna, police said. "
        "The van was returning from an operation. "
        "Officials condemned the attack. "
        "On March 3, 2022, four guards were killed in a gun battle near Osso. "
        "The gunmen had ambushed a supply truck at dawn. "
        "The governor called the attack cowardly."
    )
    article = clean("x", text)
    lazy = ArticleAnswer(events=[_event([1, 2, 3, 4, 5], main=True)])
    facts = reconcile(article, find_events(article), lazy, [])
    assert [(f.event.sentences, f.event.role) for f in facts] == [
        ([1, 2], Role.main),
        ([5, 6], Role.background),
    ]
    assert facts[1].event.incident_type == IncidentType.armed_clash


def test_an_earlier_clash_with_no_patrol_or_vehicle_is_no_event() -> None:
    text = (
        "Six policemen killed as bomb hits their van\n\n"
        "Six policemen were killed on Monday when a bomb hit their van near Tarna, police said. "
        "On March 3, 2022, four guards were killed in a gun battle near Osso."
    )
    lazy = ArticleAnswer(events=[_event([1, 2, 3], main=True)])
    assert _segments(text, lazy) == [([1, 2], Role.main)]


def test_the_lead_retold_with_another_toll_is_another_event() -> None:
    # the same words as the lead, with a date and a toll the lead does not give
    lead = "were killed when their vehicle was blown up by a roadside bomb near the border camp"
    text = (
        f"Eight soldiers {lead} on Monday. Officials gave few details. "
        f"On May 2, 2021, nine soldiers {lead}."
    )
    lazy = ArticleAnswer(events=[_event([1, 2, 3], main=True)])
    assert _segments(text, lazy) == [
        ([1], Role.main),
        ([3], Role.background),
    ]


def test_an_event_on_another_weekday_is_not_the_lead_told_again() -> None:
    text = (
        "A convoy was ambushed on Sunday near Tessit, and ten soldiers are missing, officials "
        "said. "
        "The army has sent reinforcements. "
        "On Saturday, two peacekeepers were killed when their convoy came under attack near Ber."
    )
    assert _segments(text) == [
        ([1], Role.main),
        ([3], Role.background),
    ]
    # when the lead names no weekday, a weekday opening may be the lead's own day
    same = clean("x", text.replace(" on Sunday", ""))
    assert len(reconcile(same, find_events(same), None, [])) == 1


def test_a_later_event_of_the_same_type_in_another_town_is_not_the_lead_told_again() -> None:
    text = (
        "Protesters stone patrol in Amuda\n\n"
        "Protesters threw stones at a joint patrol in Amuda on Tuesday, the observatory said. "
        "The patrol withdrew from the area. "
        "Protesters also threw stones at a convoy in Darbasiyah, local media reported."
    )
    segments = _segments(text)
    assert len(segments) == 2, segments
    same_town = text.replace("in Darbasiyah", "in Amuda")
    assert len(_segments(same_town)) == 1


def test_patrols_spoken_of_only_as_a_kind_of_activity_are_no_event() -> None:
    """Training 'regarding joint patrol activities' is the programme's business; a patrol that
    went ahead is an event."""
    training = (
        "Joint training begins\n\n"
        "The joint training of the two armies in Manbij regarding joint patrol activities has "
        "begun as of today, the general said."
    )
    answer = ArticleAnswer(events=[_event([2], main=True)])
    assert _segments(training, answer) == []
    patrol = training.replace(
        "regarding joint patrol activities has", "ended and the joint patrol has"
    )
    assert _segments(patrol, answer) != []


def test_an_event_kept_apart_from_the_main_one_says_why() -> None:
    text = (
        "Protesters stone patrol in Amuda\n\n"
        "Protesters threw stones at a joint patrol in Amuda on Tuesday, the observatory said. "
        "The patrol withdrew from the area. "
        "Protesters also threw stones at a convoy in Darbasiyah, local media reported."
    )
    main, other = _record(text).incidents
    assert main.notes is None
    assert other.notes == "separated from the main event: in other towns (Darbasiyah)"


def test_an_event_s_type_is_read_from_the_sentences_it_ends_with() -> None:
    """The rules find a mine blast after the lead; the model's main event is that blast, and the
    headline and lead that join it name a protest first: the event is the protest."""
    text = (
        "Protesters block road near Tamsa\n\n"
        "Protesters blocked the road near Tamsa on Tuesday, officials said. "
        "Residents gathered at the roadside all morning. "
        "Later a mine exploded near the joint patrol.\n"
    )
    article = clean("x", text)
    rules = find_events(article)
    assert [(e.sentences, e.incident_type) for e in rules] == [([4], IncidentType.landmine)]
    facts = reconcile(article, rules, ArticleAnswer(events=[_event([4], main=True)]), [])
    main = next(f for f in facts if f.event.role == Role.main)
    assert main.event.sentences[0] == 1
    assert main.event.incident_type == IncidentType.protest_obstruction

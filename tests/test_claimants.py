"""Who makes a casualty claim, read from the sentence's attribution (``assemble._claimant``),
through the rules-only pipeline (no model answer). Sentences are written for these tests."""

from __future__ import annotations

import pytest

from summarizer.extraction.assemble import assemble
from summarizer.extraction.evidence import find_events
from summarizer.extraction.proposals import reconcile
from summarizer.reading.text import clean


def _claimants(text: str) -> list[str | None]:
    article = clean("x", text)
    record = assemble(article, reconcile(article, find_events(article), None, []), [], [])
    return [c.claimant for i in record.incidents for c in i.casualty_claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shape: "X quoted Y as saying": the one quoted speaks, the relay does not
        (
            "Two soldiers were killed when a mine hit their convoy on Monday, news agencies "
            "quoted the interior ministry as saying.",
            ["interior ministry"],
        ),
        # shape: "were reported missing" is a passive, not a speaker
        (
            "Gunmen ambushed a convoy in the hills, with four guards found dead and about 20 "
            "drivers were reported missing.",
            [None],  # one claim: "missing" is neither killed nor injured
        ),
        # shape: "X has claimed an attack ..., Y said": Y speaks
        (
            "The rebel front has claimed an attack on a convoy that killed five soldiers, the "
            "monitoring group said on Friday.",
            ["monitoring group"],
        ),
        # shape: "he added" after a sentence naming the speaker
        (
            "A roadside bomb hit a patrol near the river, said Daniel Okello, a police officer. "
            "Three soldiers were killed in the blast on the patrol, he added.",
            ["Daniel Okello"],
        ),
        # shape: "the agency said" after the agency was named in full
        (
            "A drone struck a patrol vehicle of the mission on Sunday. "
            "This was reported by the Northern Press Agency. "
            "Two officers were wounded in the attack on the patrol, the agency said.",
            ["Northern Press Agency"],
        ),
        # shape: present-tense plural "say" ("..., US officials say")
        (
            "A truck crashed into a patrol vehicle, leaving four soldiers injured, officials say.",
            ["officials"],
        ),
        # shape: "X claimed ... in a statement, in which they said": the group opening it
        (
            "Red Front claimed the attack on the convoy in a statement, in which they said they "
            "had killed 12 soldiers.",
            ["Red Front"],
        ),
        # shape: a named speaker with the title in apposition (guidelines keep the title)
        (
            "Colonel Ann Mwangi, head of the border police, told reporters: 'Two guards were "
            "killed when the convoy was ambushed.'",
            ["Colonel Ann Mwangi, head of the border police"],
        ),
        # shape: the speaker's description between commas
        (
            "A mine hit a convoy near the border on Monday. However, a guard, speaking on "
            "condition of anonymity, said nine drivers had died.",
            ["guard"],
        ),
        # shape: "a raid claimed by X" is a passive, not a speaker; the mission with its acronym
        (
            "Four soldiers were killed when their convoy was attacked on Monday, the border "
            "mission (BMX) said, a raid claimed by a rebel front.",
            ["border mission"],
        ),
        # shape: "The spokesman said ..., <Outlet> reported": the outlet relays, the speaker claims
        (
            "A mine hit a convoy near the border on Monday. The rebel spokesman said nine "
            "soldiers were killed, Radio Sahel reported.",
            ["rebel spokesman"],
        ),
        # shape: a speaker with a relative clause before the verb, no commas
        (
            "A mine hit a convoy near the border on Monday. A military source from the border "
            "police who wished to remain anonymous told reporters that nine drivers were wounded.",
            ["military source from the border police"],
        ),
        # shape: a source that gives the toll ("... seen by X gave a death toll of N")
        (
            "A mine hit a convoy near the border on Monday. But a police report seen by "
            "journalists gave a death toll of nine drivers.",
            ["police report"],
        ),
    ],
)
def test_claimant(text: str, expected: list[str | None]) -> None:
    assert _claimants(text) == expected


def _claims(text: str) -> list[tuple[int | None, int | None, int]]:
    article = clean("x", text)
    record = assemble(article, reconcile(article, find_events(article), None, []), [], [])
    return [
        (c.killed, c.injured, c.evidence[0].start)
        for i in record.incidents
        for c in i.casualty_claims
    ]


def test_the_headline_figure_is_not_a_second_claim() -> None:
    # shape: a headline that tells the lead's figure in short ("Bomb kills four soldiers")
    text = (
        "Roadside bomb kills over a dozen soldiers in convoy attack\n\n"
        "A roadside bomb hit an army convoy on Monday, killing 14 soldiers, the army said.\n"
    )
    claims = _claims(text)
    assert [(k, i) for k, i, _ in claims] == [(14, None)]
    assert claims[0][2] > 0  # from the body, not the headline


def test_a_figure_only_the_headline_gives_is_kept() -> None:
    text = (
        "Roadside bomb kills four soldiers in convoy attack\n\n"
        "A roadside bomb hit an army convoy on Monday near the border.\n"
    )
    assert [(k, i) for k, i, _ in _claims(text)] == [(4, None)]


def test_a_later_count_from_another_source_joins_the_event_before_it() -> None:
    # shape: a second source's toll told apart from the event, with no act of its own
    text = (
        "Gunmen ambushed an army convoy near the river on Monday, killing six soldiers, the "
        "army said. The convoy was carrying fuel to the garrison. The region has seen months of "
        "unrest. A local official, speaking on condition of anonymity, said nine soldiers had "
        "died."
    )
    assert [(k, i) for k, i, _ in _claims(text)] == [(6, None), (9, None)]
    assert _claimants(text) == ["army", "local official"]


@pytest.mark.parametrize(
    "last",
    [
        # a running total counts many events
        "174 soldiers have died in the region since 2015.",
        # placed at another time: another event
        "Last month, nine soldiers died in the same area.",
        # an act of its own: another event
        "A mine killed nine soldiers near the border.",
    ],
)
def test_a_count_of_something_else_stays_out_of_the_event(last: str) -> None:
    text = (
        "Gunmen ambushed an army convoy near the river on Monday, killing six soldiers, the "
        "army said. The convoy was carrying fuel to the garrison. The region has seen months of "
        f"unrest. {last}"
    )
    assert [(k, i) for k, i, _ in _claims(text)] == [(6, None)]


def test_a_count_after_another_untold_act_is_not_the_event_before() -> None:
    # the zero counts the shelling told just before it, not the ambush
    text = (
        "Gunmen ambushed an army convoy near the river on Monday, killing six soldiers, the "
        "army said. The convoy was carrying fuel to the garrison. On Friday shells were fired "
        "at the town hall during a meeting. No one was hurt, officials said."
    )
    assert [(k, i) for k, i, _ in _claims(text)] == [(6, None)]


def test_a_running_total_in_the_event_is_no_claim() -> None:
    # shape: the mission's toll since it began, told inside the event's paragraphs
    text = (
        "Gunmen ambushed a convoy of the mission on Monday, killing two peacekeepers, the "
        "mission said. Since the mission began in 2013, 42 peacekeepers have been killed in the "
        "convoy attacks."
    )
    assert [(k, i) for k, i, _ in _claims(text)] == [(2, None)]


def test_a_model_claim_on_another_claim_sentence_is_not_taken_by_a_sentence_naming_its_source() -> (
    None
):
    """A claim the model put on sentence 2 belongs to sentence 2; sentence 3, which only names
    the same source, does not take it over (it took it when sentence 2 was not a claim
    sentence of the event, and still does)."""
    from summarizer.extraction.assemble import _drafts_for
    from summarizer.extraction.drafts import ClaimDraft
    from summarizer.reading.text import clean

    article = clean(
        "m.txt",
        "Peacekeepers killed in convoy attack\n\n"
        "Six UN peacekeepers were killed when their convoy was attacked, MINUSMA said.\n\n"
        "All of the dead came from MINUSMA's contingent from Burkina Faso.",
    )
    draft = ClaimDraft(sentence=2, claimant="MINUSMA", killed=6, injured=None)
    assert _drafts_for(article, 3, [draft], [2, 3]) == []
    assert _drafts_for(article, 3, [draft], [3]) == [draft]

"""Who makes a casualty claim, read from the sentence's attribution (``assemble._claimant``),
through the rules-only pipeline (no model answer). Sentences are written for these tests."""

from __future__ import annotations

import pytest

from summarizer.extraction.assemble import assemble
from summarizer.extraction.evidence import find_events
from summarizer.extraction.proposals import reconcile
from summarizer.extraction.text import clean


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
            [None, None],
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
    ],
)
def test_claimant(text: str, expected: list[str | None]) -> None:
    assert _claimants(text) == expected

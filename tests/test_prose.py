"""Briefing prose: the templates read as a news brief, and the checker that parses the prose back
finds every number, place, date, nationality and claimant the record does not hold."""

from __future__ import annotations

import pytest
from conftest import GOLD

from summarizer import prose
from summarizer.schema import (
    ArticleRecord,
    CasualtyClaim,
    DroppedFact,
    EventDate,
    GeoPrecision,
    IncidentType,
    Location,
    Outcome,
    PatrolIncident,
    Precision,
    Quote,
    Role,
    VehicleDamage,
)

Q = [Quote(text="The patrol was hit.", start=0, end=19)]


def _ariha() -> PatrolIncident:
    return PatrolIncident(
        role=Role.main,
        incident_type=IncidentType.roadside_bomb,
        date=EventDate(text="Tuesday"),
        patrol_number=21,
        forces=["Russia", "Turkey"],
        location=Location(
            place="Ariha", road="M4", admin1="Idlib", geo_precision=GeoPrecision.near_town
        ),
        casualty_claims=[
            CasualtyClaim(
                claimant="Russian defence ministry",
                victims="Russian soldiers",
                injured=3,
                evidence=Q,
            ),
            CasualtyClaim(
                claimant="Turkish sources",
                reported_via="Reuters",
                victims="soldiers",
                killed=0,
                stated_as="none of its soldiers were hurt",
                evidence=Q,
            ),
        ],
        vehicles_damaged=VehicleDamage(count=1, owners=["Turkish"]),
        outcome=Outcome.called_off,
        evidence=Q,
    )


def test_an_incident_brief_reads_as_a_news_brief() -> None:
    assert prose.incident_brief(_ariha()) == (
        "A roadside bomb hit the 21st joint Russian–Turkish patrol near Ariha on the M4 in Idlib "
        "on Tuesday. The Russian defence ministry said three Russian soldiers were injured; "
        "Turkish sources said none of their soldiers were hurt, according to Reuters. "
        "A Turkish vehicle was damaged and the patrol was called off."
    )


def test_the_brief_of_a_faithful_record_passes_the_check() -> None:
    inc = _ariha()
    assert prose.unsupported(prose.incident_brief(inc), prose.facts_of([inc])) == []


@pytest.mark.parametrize(
    ("true", "false", "kind"),
    [
        ("three Russian soldiers", "four Russian soldiers", "claim not in the record"),
        ("three Russian soldiers", "three Syrian soldiers", "nationality not in the record"),
        ("near Ariha", "near Saraqib", "name not in the record"),
        ("21st", "22nd", "patrol number not in the record"),
        ("on Tuesday", "on Friday", "day not in the record"),
        ("on Tuesday", "on 25 August 2020", "date not in the record"),
        ("The Russian defence ministry said", "SOHR said", "claimant not in the record"),
        ("according to Reuters", "according to Interfax", "name not in the record"),
        ("A Turkish vehicle", "Two Turkish vehicles", "number not in the record"),
    ],
)
def test_the_checker_finds_each_kind_of_unsupported_fact(true: str, false: str, kind: str) -> None:
    inc = _ariha()
    text = prose.incident_brief(inc)
    assert true in text
    problems = prose.unsupported(text.replace(true, false, 1), prose.facts_of([inc]))
    assert any(p.startswith(kind) for p in problems), problems


def test_a_brief_that_fails_the_check_falls_back_and_is_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inc = _ariha()
    wrong = prose.incident_brief(inc).replace("three", "five")
    monkeypatch.setattr(prose, "incident_brief", lambda _inc, max_claims=3: wrong)
    dropped: list[DroppedFact] = []
    prose.write_briefs([inc], [], dropped)
    assert inc.summary == prose.plain_brief(inc)
    assert [d.what for d in dropped] == ["incident 0 summary", "article summary"]
    assert all("claim not in the record: 'The Russian defence" in d.reason for d in dropped)


def test_the_article_brief_leads_with_the_main_event_then_the_background() -> None:
    main = _ariha()
    earlier = PatrolIncident(
        role=Role.background,
        incident_type=IncidentType.no_incident,
        date=EventDate(text="on July 22", month=7, day=22, precision=Precision.day),
        patrol_number=20,
        forces=["Russia", "Turkey"],
        evidence=Q,
    )
    text = prose.article_brief([earlier, main], [])
    assert text.startswith(prose.incident_brief(main))
    assert text.endswith(
        "Earlier, the 20th joint Russian–Turkish patrol went ahead without incident on 22 July."
    )
    assert prose.unsupported(text, prose.facts_of([earlier, main])) == []


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.name[:3])
def test_briefs_of_the_gold_records_are_faithful(path: object) -> None:
    rec = ArticleRecord.model_validate_json(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    dropped: list[DroppedFact] = []
    summary = prose.write_briefs(rec.incidents, rec.programme, dropped)
    assert dropped == []
    assert prose.unsupported(summary, prose.facts_of(rec.incidents, rec.programme)) == []
    main = [i for i in rec.incidents if i.role == Role.main]
    if main:
        assert summary.startswith(prose.event_sentence(main[0]))


@pytest.mark.parametrize(
    ("n", "noun", "out"),
    [(1, "soldiers", "soldier"), (1, "servicemen", "serviceman"), (1, "people", "person")],
)
def test_singular(n: int, noun: str, out: str) -> None:
    assert prose.singular(noun) == out

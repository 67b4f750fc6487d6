"""The record's validators: what they reject, and that their messages say what to fix."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from summarizer.schema import (
    ArticleRecord,
    AttributionStatus,
    CasualtyClaim,
    EventDate,
    IncidentType,
    PatrolIncident,
    Perpetrator,
    Precision,
    Quote,
    Role,
    VehicleDamage,
)

Q = {"text": "A patrol was hit.", "start": 0, "end": 17}


def claim(**over: Any) -> dict[str, Any]:
    return {"claimant": None, "victims": "soldiers", "evidence": [Q], **over}


def incident(**over: Any) -> dict[str, Any]:
    return {"role": "main", "incident_type": "roadside_bomb", "evidence": [Q], **over}


def record(*incidents: dict[str, Any], **over: Any) -> dict[str, Any]:
    return {"article_id": "a.txt", "summary": "s", "incidents": list(incidents), **over}


def rejects(model: type[BaseModel], data: dict[str, Any], *phrases: str) -> None:
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    msg = str(exc.value)
    for phrase in phrases:
        assert phrase in msg


# --- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["killed", "injured"])
def test_negative_casualty_counts_rejected(field: str) -> None:
    rejects(CasualtyClaim, claim(**{field: -1}), field, "greater than or equal to 0")


def test_zero_casualties_allowed() -> None:
    c = CasualtyClaim.model_validate(claim(killed=0, injured=0))
    assert (c.killed, c.injured) == (0, 0)


def test_negative_vehicle_count_rejected() -> None:
    rejects(VehicleDamage, {"count": -2}, "count", "greater than or equal to 0")


def test_patrol_number_starts_at_one() -> None:
    rejects(
        PatrolIncident, incident(patrol_number=0), "patrol_number", "greater than or equal to 1"
    )
    assert PatrolIncident.model_validate(incident(patrol_number=26)).patrol_number == 26


def test_claim_needs_evidence() -> None:
    rejects(CasualtyClaim, claim(evidence=[]), "evidence", "at least 1 item")


# --- no_incident ----------------------------------------------------------------------------


@pytest.mark.parametrize("over", [{"injured": 3}, {"killed": 1}])
def test_casualties_on_a_no_incident_rejected(over: dict[str, int]) -> None:
    data = incident(incident_type="no_incident", casualty_claims=[claim(**over)])
    rejects(
        PatrolIncident, data, "'no_incident' cannot have casualties", "choose the attack's type"
    )


def test_no_incident_with_zero_casualties_allowed() -> None:
    data = incident(incident_type="no_incident", casualty_claims=[claim(killed=0, injured=0)])
    assert PatrolIncident.model_validate(data).incident_type == IncidentType.no_incident


def test_damaged_vehicles_on_a_no_incident_rejected() -> None:
    data = incident(incident_type="no_incident", vehicles_damaged={"count": 1})
    rejects(PatrolIncident, data, "'no_incident' cannot have damaged vehicles")


def test_casualties_on_an_attack_allowed() -> None:
    inc = PatrolIncident.model_validate(incident(casualty_claims=[claim(injured=3)]))
    assert inc.casualty_claims[0].injured == 3


def test_incident_needs_evidence() -> None:
    rejects(PatrolIncident, incident(evidence=[]), "evidence", "at least 1 item")


# --- dates ----------------------------------------------------------------------------------


PUB = {"year": 2020, "month": 8, "day": 25, "precision": "day"}


def test_incident_after_publication_rejected() -> None:
    late = incident(date={"year": 2020, "month": 8, "day": 26, "precision": "day"})
    rejects(
        ArticleRecord,
        record(incident(), late, published=PUB),
        "incident 1 is dated 2020-08-26",
        "after the article's date 2020-08-25",
        "check the year",
    )


def test_incident_on_or_before_publication_allowed() -> None:
    same = incident(date=PUB)
    week = incident(date={"year": 2020, "month": 8, "day": 18, "precision": "week"})
    rec = ArticleRecord.model_validate(record(same, week, published=PUB))
    assert len(rec.incidents) == 2


def test_unresolved_dates_are_not_compared_with_publication() -> None:
    month = incident(date={"year": 2020, "month": 9, "precision": "month"})
    rec = ArticleRecord.model_validate(record(month, published=PUB))
    assert rec.incidents[0].date.as_date() is None
    no_pub = incident(date={"year": 2030, "month": 1, "day": 1, "precision": "day"})
    assert ArticleRecord.model_validate(record(no_pub)).published is None


@pytest.mark.parametrize("precision", ["day", "week"])
def test_day_precision_without_day_rejected(precision: str) -> None:
    data = {"year": 2020, "month": 8, "precision": precision}
    rejects(EventDate, data, f"precision '{precision}' needs month and day", "use 'unknown'")


def test_month_and_year_precision_need_their_parts() -> None:
    rejects(EventDate, {"year": 2020, "precision": "month"}, "precision 'month' needs the month")
    rejects(EventDate, {"precision": "year"}, "precision 'year' needs the year")


def test_day_without_month_rejected() -> None:
    rejects(EventDate, {"day": 12, "precision": "unknown"}, "a date with a day needs its month")


def test_not_a_calendar_date_rejected() -> None:
    rejects(EventDate, {"year": 2021, "month": 2, "day": 29}, "not a calendar date")


def test_yearless_day_is_valid() -> None:
    d = EventDate(text="August 12", month=8, day=12, precision=Precision.day)
    assert d.as_date() is None
    assert d.iso() == "--08-12"


@pytest.mark.parametrize(
    ("data", "iso"),
    [
        ({"year": 2020, "month": 8, "day": 25, "precision": "day"}, "2020-08-25"),
        ({"year": 2020, "month": 8, "precision": "month"}, "2020-08"),
        ({"year": 2020, "precision": "year"}, "2020"),
        ({"month": 7, "precision": "month"}, None),
        ({"text": "Tuesday"}, None),
    ],
)
def test_iso(data: dict[str, Any], iso: str | None) -> None:
    assert EventDate.model_validate(data).iso() == iso


# --- perpetrator ----------------------------------------------------------------------------


def test_named_perpetrator_with_unknown_status_rejected() -> None:
    rejects(
        Perpetrator,
        {"name": "Hurras al-Din"},
        "a named perpetrator needs status 'claimed' or 'suspected'",
    )


@pytest.mark.parametrize("status", ["claimed", "suspected"])
def test_status_without_a_name_rejected(status: str) -> None:
    rejects(Perpetrator, {"status": status}, f"status '{status}' needs the perpetrator's name")


def test_suspected_perpetrator_allowed() -> None:
    p = Perpetrator(
        name="terrorists", status=AttributionStatus.suspected, attributed_by="reconciliation center"
    )
    assert p.status == AttributionStatus.suspected


# --- quotes and strictness ------------------------------------------------------------------


def test_quote_span_must_be_ordered() -> None:
    rejects(Quote, {"text": "x", "start": 5, "end": 5}, "end (5) must be after start (5)")
    rejects(Quote, {"text": "", "start": 0, "end": 1}, "at least 1 character")


def test_unknown_fields_are_rejected() -> None:
    rejects(PatrolIncident, incident(casualties=3), "casualties", "Extra inputs are not permitted")


def test_closed_sets_are_closed() -> None:
    rejects(PatrolIncident, incident(incident_type="drone_strike"), "incident_type")
    rejects(PatrolIncident, incident(role="primary"), "role")


def test_a_valid_record_round_trips() -> None:
    data = record(
        incident(
            patrol_number=26,
            date={"text": "Tuesday", "year": 2020, "month": 8, "day": 25, "precision": "day"},
            casualty_claims=[claim(claimant="Russian Defense Ministry", injured=2)],
            perpetrator={"name": "Hurras al-Din", "status": "claimed"},
        ),
        published=PUB,
    )
    rec = ArticleRecord.model_validate(data)
    assert rec.incidents[0].role == Role.main
    again = ArticleRecord.model_validate_json(rec.model_dump_json())
    assert again == rec

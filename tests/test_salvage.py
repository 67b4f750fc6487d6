"""Degrading per field (summarizer/extraction/salvage.py): a value that fails validation is dropped
and listed; the rest of the record stands; an error only when nothing usable remains."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from summarizer.errors import ModelOutputError
from summarizer.extraction.salvage import salvage
from summarizer.schema import DropKind

QUOTE = {"text": "the 60,000th patrol", "start": 10, "end": 29}


def _record(**incident: Any) -> dict[str, Any]:
    inc = {
        "role": "main",
        "incident_type": "roadside_bomb",
        "evidence": [dict(QUOTE)],
        "casualty_claims": [
            {"claimant": None, "victims": "soldiers", "killed": 2, "evidence": [dict(QUOTE)]}
        ],
    }
    inc.update(incident)
    return {"article_id": "a.txt", "summary": "", "incidents": [inc]}


def test_a_valid_record_is_returned_unchanged() -> None:
    record = salvage(_record(patrol_number=26), "a.txt")
    assert record.incidents[0].patrol_number == 26 and record.dropped == []


def test_an_invalid_value_is_dropped_and_listed_and_the_rest_stands() -> None:
    record = salvage(_record(patrol_number=0), "a.txt")
    inc = record.incidents[0]
    assert inc.patrol_number is None and inc.incident_type == "roadside_bomb"
    assert inc.casualty_claims[0].killed == 2
    [d] = record.dropped
    assert (d.kind, d.field, d.value) == (DropKind.invalid, "incidents.0.patrol_number", "0")
    assert "greater than or equal to 1" in d.reason


def test_an_invalid_list_item_is_removed_from_its_list() -> None:
    data = _record(forces=["Russia", 7, "Turkey"])
    bad_quote = {"text": "x", "start": 5, "end": 2}
    data["incidents"][0]["evidence"].append(bad_quote)
    record = salvage(data, "a.txt")
    assert record.incidents[0].forces == ["Russia", "Turkey"]
    assert len(record.incidents[0].evidence) == 1
    assert {d.field for d in record.dropped} == {"incidents.0.forces.1", "incidents.0.evidence.1"}


def test_a_value_whose_field_is_required_takes_its_object_with_it() -> None:
    data = _record()
    data["incidents"][0]["casualty_claims"][0]["evidence"] = [{"text": "", "start": 0, "end": 1}]
    record = salvage(data, "a.txt")
    assert record.incidents[0].casualty_claims == []
    [d] = record.dropped  # one entry for the claim, with the first cause
    assert d.field == "incidents.0.casualty_claims.0"
    assert d.reason == "evidence.0.text: String should have at least 1 character"
    assert record.incidents[0].evidence[0].text == QUOTE["text"]


def test_nothing_usable_left_is_an_error_naming_the_field_and_reason() -> None:
    with pytest.raises(ModelOutputError) as exc:
        salvage(_record(incident_type="ambush_of_sorts"), "a.txt")
    msg = str(exc.value)
    assert msg.startswith("a.txt: record invalid at incidents.0.incident_type: Input should be")
    assert "nothing usable remains" in msg and "\n" not in msg


def test_a_record_level_error_is_an_error_naming_the_rule() -> None:
    data = _record(date={"year": 2020, "month": 9, "day": 1, "precision": "day"})
    data["published"] = {"year": 2020, "month": 8, "day": 1, "precision": "day"}
    with pytest.raises(ModelOutputError, match="after the article's date"):
        salvage(data, "a.txt")


def test_the_caller_data_is_not_modified() -> None:
    data = _record(patrol_number=0)
    before = copy.deepcopy(data)
    salvage(data, "a.txt")
    assert data == before

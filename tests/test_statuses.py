"""Honest statuses: ok, partial (values dropped by validation), no incident (and whether the
model or a rule decided), error; in the JSONL line, the run table and the closing line."""

from __future__ import annotations

import json

from conftest import HANDMADE, ROOT, CliRun

from summarizer.extraction.extract import Result, Status
from summarizer.llm.backends import CallStats
from summarizer.schema import ArticleRecord, DropKind, DroppedFact, PatrolIncident, Quote

QUOTE = Quote(text="x", start=0, end=1)


def _record(dropped: list[DroppedFact]) -> ArticleRecord:
    inc = PatrolIncident(role="main", incident_type="landmine", evidence=[QUOTE])
    return ArticleRecord(article_id="a", summary="s", incidents=[inc], dropped=dropped)


def test_statuses_from_the_record() -> None:
    ungrounded = DroppedFact(what="perpetrator 'X'", reason="not blamed")
    invalid = DroppedFact(what="p=0", reason="too small", kind=DropKind.invalid, field="p")
    assert Result("a", record=_record([ungrounded])).status == Status.ok
    assert Result("a", record=_record([invalid])).status == Status.partial
    assert Result("a", error="a: broken").status == Status.error
    empty = ArticleRecord(article_id="a", summary="s")
    assert Result("a", record=empty).status_text() == "no incident (rule)"
    asked = Result("a", record=empty, stats=CallStats(calls=1))
    assert asked.status_text() == "no incident (model)"
    assert asked.to_json()["status"] == "no_incident" and asked.to_json()["decided_by"] == "model"
    assert "decided_by" not in Result("a", error="a: broken").to_json()


def test_cli_reports_each_status_and_counts_them(cli: CliRun) -> None:
    code, out, err = cli(
        "summarize", str(HANDMADE), "--replay", str(ROOT / "tests/cassettes/heldout"),
        "--no-cache", "-f", "jsonl",
    )  # fmt: skip
    assert code == 0, err
    lines = {(d := json.loads(line))["article_id"]: d for line in out.splitlines()}
    talks = lines["talks_no_incident.txt"]
    # the model read it (a replayed answer counts as the model's) and found nothing: it decided
    assert (talks["status"], talks["decided_by"], talks["usage"]["cached_calls"]) == (
        "no_incident", "model", 1,
    )  # fmt: skip
    assert {d["status"] for k, d in lines.items() if k != "talks_no_incident.txt"} == {"ok"}
    assert "no incident (model)" in err
    assert err.strip().splitlines()[-1] == (
        "4 articles: 3 ok, 0 partial, 1 no incident (model), 0 no incident (rule), 0 errors"
    )

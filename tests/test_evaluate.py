"""The scoring engine, exercised on the real gold set and hand-made perturbations of it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evaluation.scoring import (
    GATED,
    EvalReport,
    check_gate,
    fuzzy,
    load_gold_dir,
    render_markdown,
    score,
    set_f1,
)
from summarizer.extraction.grounding import find_quote
from summarizer.schema import ArticleRecord, IncidentType, Outcome, PatrolIncident, Quote, Role

GOLD_DIR = Path("evals/gold")
A000 = "000_5344304a19f35d4a.txt"  # 26th patrol (main) + 25th patrol (background)
A001 = "001_5d767cf5dec42332.txt"  # one incident, three conflicting claims
A003 = "003_d89a1fc585dc487a.txt"  # 24th, 23rd, 21st patrols
A004 = "004_637fea0d4bd3ce5c.txt"  # one background incident, three programme statements

# Fields compared per item (see ARTICLE_FIELDS, INCIDENT_FIELDS, CLAIM_FIELDS, PROGRAMME_FIELDS).
PER_ARTICLE, PER_INCIDENT, PER_CLAIM, PER_PROGRAMME = 3, 17, 5, 2


@pytest.fixture(scope="module")
def gold() -> dict[str, ArticleRecord]:
    return load_gold_dir(GOLD_DIR)


@pytest.fixture(scope="module")
def texts(gold: dict[str, ArticleRecord]) -> dict[str, str]:
    return {aid: (Path("seeds") / aid).read_text(encoding="utf-8") for aid in gold}


def copy(gold: dict[str, ArticleRecord]) -> dict[str, ArticleRecord | None]:
    return {aid: rec.model_copy(deep=True) for aid, rec in gold.items()}


def record(preds: dict[str, ArticleRecord | None], aid: str) -> ArticleRecord:
    rec = preds[aid]
    assert rec is not None
    return rec


def all_quotes(rec: ArticleRecord) -> list[Quote]:
    quotes = [q for s in rec.programme for q in s.evidence]
    for inc in rec.incidents:
        quotes += inc.evidence
        quotes += [q for c in inc.casualty_claims for q in c.evidence]
        quotes += [q for f in inc.follow_on for q in f.evidence]
    return quotes


def field_slots(gold: dict[str, ArticleRecord]) -> int:
    incidents = [i for r in gold.values() for i in r.incidents]
    return (
        PER_ARTICLE * len(gold)
        + PER_INCIDENT * len(incidents)
        + PER_CLAIM * sum(len(i.casualty_claims) for i in incidents)
        + PER_PROGRAMME * sum(len(r.programme) for r in gold.values())
    )


def test_gold_set_shape(gold: dict[str, ArticleRecord]) -> None:
    # The exact numbers below are derived from these counts.
    assert len(gold) == 5
    assert sum(len(r.incidents) for r in gold.values()) == 8
    assert sum(len(i.casualty_claims) for r in gold.values() for i in r.incidents) == 9
    assert sum(len(r.programme) for r in gold.values()) == 9
    assert field_slots(gold) == 214


def test_perfect_prediction_scores_one_everywhere(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    report = score(copy(gold), gold, texts=texts)
    for name in GATED:
        assert report.figures[name] == 1.0, name
    assert report.figures["evidence_overlap"] == 1.0
    assert report.figures["summary_overlap"] == 1.0
    assert report.figures["programme_f1"] == 1.0
    assert report.errors == []
    assert sum(f.compared for f in report.fields.values()) == 214
    assert all(f.accuracy == 1.0 and f.f1 == 1.0 for f in report.fields.values())
    assert [a.article_id for a in report.articles] == sorted(gold)
    assert all(a.grounding_rate == 1.0 and a.errors == 0 for a in report.articles)
    assert report.unavailable == []


def test_without_texts_grounding_is_reported_unavailable(gold: dict[str, ArticleRecord]) -> None:
    report = score(copy(gold), gold)
    assert "grounding_rate" not in report.figures
    assert report.unavailable == ["grounding_rate"]
    assert any("grounding_rate not available" in n for n in report.notes)
    assert all(a.grounding_rate is None for a in report.articles)
    assert "| grounding_rate | not available | gated |" in render_markdown(report)


def test_wrong_injured_number_costs_one_field_not_the_incident(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    record(preds, A000).incidents[0].casualty_claims[0].injured = 3  # gold: 2
    report = score(preds, gold, texts=texts)
    assert report.fields["claim.injured"].accuracy == pytest.approx(8 / 9)
    assert report.fields["claim.injured"].correct == 8
    assert report.figures["field_f1"] == pytest.approx(1 - 1 / 214)  # 2*213 / (2*213 + 1 + 1)
    assert report.figures["incident_f1"] == 1.0
    assert report.figures["claim_f1"] == 1.0  # still matched: claimant, victims agree
    assert [e.model_dump() for e in report.errors] == [
        {
            "article_id": A000,
            "incident": "26th patrol, claim 1 (Russian Defense Ministry)",
            "field": "claim.injured",
            "expected": "2",
            "predicted": "3",
        }
    ]


def test_missing_incident_lowers_recall_not_precision(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    del record(preds, A000).incidents[1]  # the 25th patrol, no claims
    report = score(preds, gold, texts=texts)
    assert report.figures["incident_recall"] == pytest.approx(7 / 8)
    assert report.figures["incident_precision"] == 1.0
    assert report.figures["incident_f1"] == pytest.approx(14 / 15)
    # its 17 fields are misses: precision stays 1, recall 197/214
    assert report.figures["field_precision"] == 1.0
    assert report.figures["field_recall"] == pytest.approx(197 / 214)
    assert report.figures["claim_f1"] == 1.0
    gold_spans = sum(len(i.evidence) for r in gold.values() for i in r.incidents)
    assert report.figures["evidence_overlap"] == pytest.approx((gold_spans - 1) / gold_spans)
    assert [e.model_dump() for e in report.errors] == [
        {
            "article_id": A000,
            "incident": "25th patrol",
            "field": "incident",
            "expected": "background explosion_unspecified, 2020-08-18, null",
            "predicted": "(no matching prediction)",
        }
    ]
    art = next(a for a in report.articles if a.article_id == A000)
    assert (art.incidents_gold, art.incidents_predicted, art.incidents_matched) == (2, 1, 1)
    assert art.incident_f1 == pytest.approx(2 / 3)
    # the 25th patrol is one of the seeds' four background incidents
    assert report.figures["background_incidents"] == 4
    assert report.figures["background_recall"] == pytest.approx(3 / 4)


def test_an_incident_in_an_article_without_any_is_counted(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    assert score(copy(gold), gold, texts=texts).figures["incidents_where_gold_has_none"] == 0
    emptied = copy(gold)
    record(emptied, A000).incidents.clear()
    report = score(copy(gold), emptied, texts=texts)  # the prediction keeps its two incidents
    assert report.figures["articles_without_incident"] == 1
    assert report.figures["incidents_where_gold_has_none"] == 2


def test_extra_incident_lowers_precision_not_recall(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    quote = find_quote(texts[A003], "The M4 links the port city of Lattakia with Aleppo city")
    assert quote is not None
    extra = PatrolIncident(
        role=Role.background,
        incident_type=IncidentType.other,
        patrol_number=22,
        evidence=[quote],
    )
    record(preds, A003).incidents.append(extra)
    report = score(preds, gold, texts=texts)
    assert report.figures["incident_precision"] == pytest.approx(8 / 9)
    assert report.figures["incident_recall"] == 1.0
    assert report.figures["field_precision"] == pytest.approx(214 / 231)
    assert report.figures["field_recall"] == 1.0
    assert report.figures["claim_f1"] == 1.0
    assert report.figures["grounding_rate"] == 1.0  # the extra quote is exact
    assert [(e.article_id, e.incident, e.field) for e in report.errors] == [
        (A003, "predicted 22nd patrol", "incident")
    ]


def test_swapped_claimant_is_flagged(gold: dict[str, ArticleRecord], texts: dict[str, str]) -> None:
    preds = copy(gold)
    claims = record(preds, A001).incidents[0].casualty_claims
    claims[0].claimant, claims[1].claimant = claims[1].claimant, claims[0].claimant
    report = score(preds, gold, texts=texts)
    wrong = {(e.field, e.expected, e.predicted) for e in report.errors}
    assert wrong == {
        ("claim.claimant", "Russian defence ministry", "Turkish sources"),
        ("claim.claimant", "Turkish sources", "Russian defence ministry"),
    }
    assert report.fields["claim.claimant"].accuracy == pytest.approx(7 / 9)
    assert report.figures["claim_f1"] == 1.0  # each claim still pairs with its own gold claim
    assert report.figures["incident_f1"] == 1.0
    assert report.figures["field_f1"] == pytest.approx(1 - 2 / 214)


def test_failed_prediction_scores_zero_and_is_counted(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    preds[A001] = None
    report = score(preds, gold, texts=texts)
    art = next(a for a in report.articles if a.article_id == A001)
    assert not art.extracted
    assert (art.incident_f1, art.field_f1, art.claim_f1, art.summary_overlap) == (0, 0, 0, 0)
    assert art.grounding_rate == 0.0
    assert len(report.articles) == 5
    assert report.figures["schema_valid_rate"] == pytest.approx(4 / 5)
    assert report.figures["incident_recall"] == pytest.approx(7 / 8)
    assert report.figures["incident_precision"] == 1.0
    assert report.figures["claim_recall"] == pytest.approx(6 / 9)
    lost = (
        PER_ARTICLE + PER_INCIDENT + 3 * PER_CLAIM + PER_PROGRAMME
    )  # 001: 1 incident, 3 claims, 1 statement
    assert report.figures["field_recall"] == pytest.approx((214 - lost) / 214)
    quotes = sum(len(all_quotes(r)) for r in gold.values())
    lost_quotes = len(all_quotes(gold[A001]))
    assert report.figures["grounding_rate"] == pytest.approx((quotes - lost_quotes) / quotes)
    assert report.figures["summary_overlap"] == pytest.approx(4 / 5)
    assert [(e.article_id, e.field) for e in report.errors] == [(A001, "record")]
    # a prediction that is absent altogether is scored exactly like a failed one
    del preds[A001]
    assert score(preds, gold, texts=texts) == report


def test_weak_pair_is_not_matched(gold: dict[str, ArticleRecord], texts: dict[str, str]) -> None:
    preds = copy(gold)
    quote = find_quote(texts[A004], "Türkiye and Russia initiated joint patrols")
    assert quote is not None
    inc = record(preds, A004).incidents[0]
    # only forces and road agree with gold: the key fields (evidence, patrol, type, role) do not
    inc.patrol_number, inc.incident_type, inc.role = 27, IncidentType.roadside_bomb, Role.main
    inc.evidence = [quote]
    report = score(preds, gold, texts=texts)
    assert report.figures["incident_precision"] == pytest.approx(7 / 8)
    assert report.figures["incident_recall"] == pytest.approx(7 / 8)
    assert {(e.incident, e.field) for e in report.errors} == {
        ("26th patrol", "incident"),
        ("predicted 27th patrol", "incident"),
    }


def test_fuzzy_text_and_sets() -> None:
    assert fuzzy("Ariha", "Arihah") == 1.0
    assert fuzzy("Hmeimim", "Khmeimim") == 1.0
    assert fuzzy("Russia’s reconciliation center", "Russian reconciliation centre") == 1.0
    assert fuzzy("Türkiye", "turkiye") == 1.0
    assert fuzzy("Russian soldiers", "Turkish soldiers") == 0.0
    assert fuzzy(None, None) == 1.0
    assert fuzzy("Idlib", None) == 0.0
    assert set_f1(["Russia", "Turkey"], ["turkey", "Russia"]) == 1.0
    assert set_f1(["Russia", "Turkey"], ["Russia"]) == pytest.approx(2 / 3)
    assert set_f1([], []) == 1.0


def test_spelling_variants_in_a_record_are_not_errors(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    inc = record(preds, A001).incidents[0]
    inc.location.place = "Arihah"
    inc.follow_on[0].description = "Injured soldiers were taken to the Khmeimim airbase."
    report = score(preds, gold, texts=texts)
    assert report.errors == []
    assert report.figures["field_f1"] == 1.0


def test_ungrounded_quote_lowers_grounding_only(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    q = record(preds, A000).incidents[0].evidence[1]
    q.start, q.end = q.start + 1, q.end + 1  # span off by one
    report = score(preds, gold, texts=texts)
    quotes = sum(len(all_quotes(r)) for r in gold.values())
    assert report.figures["grounding_rate"] == pytest.approx((quotes - 1) / quotes)
    assert report.figures["incident_f1"] == 1.0
    assert report.figures["field_f1"] == 1.0
    assert [(e.incident, e.field) for e in report.errors] == [("predicted 26th patrol", "evidence")]


def test_check_gate_passes_on_identical_reports(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    report = score(copy(gold), gold, texts=texts)
    assert check_gate(report, report) == []
    assert check_gate(report, report, floors={name: 1.0 for name in GATED}) == []


def test_check_gate_fails_when_field_f1_drops(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    baseline = score(copy(gold), gold, texts=texts)
    preds = copy(gold)
    for rec in preds.values():
        assert rec is not None
        for inc in rec.incidents:  # outcome is not a matching key: incidents still match
            inc.outcome = Outcome.suspended if inc.outcome != Outcome.suspended else Outcome.unknown
    report = score(preds, gold, texts=texts)
    assert report.figures["field_f1"] == pytest.approx(1 - 8 / 214)  # drop 0.038 > 0.02
    failures = check_gate(report, baseline)
    assert len(failures) == 1
    assert failures[0].startswith("field_f1: dropped from 1.000 to 0.963")
    assert check_gate(report, baseline, tolerance=0.05) == []
    floor = check_gate(report, baseline, tolerance=0.05, floors={"field_f1": 0.97})
    assert floor == ["field_f1: 0.963 is below the floor 0.970"]
    # summary overlap is reported, never gated
    worse = baseline.model_copy(deep=True)
    worse.figures["summary_overlap"] = 0.0
    assert check_gate(worse, baseline) == []
    with pytest.raises(ValueError, match="summary_overlap"):
        check_gate(report, baseline, floors={"summary_overlap": 0.5})


def test_check_gate_fails_when_a_gated_figure_is_missing(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    baseline = score(copy(gold), gold, texts=texts)
    without_texts = score(copy(gold), gold)
    assert check_gate(without_texts, baseline) == [
        "grounding_rate: not available in this report (the baseline has 1.000)"
    ]


def test_report_round_trips_as_json_and_renders(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    preds = copy(gold)
    record(preds, A000).incidents[0].casualty_claims[0].injured = 3
    report = score(preds, gold, texts=texts)
    assert EvalReport.model_validate_json(report.model_dump_json()) == report
    md = render_markdown(report)
    assert "| field | compared | accuracy | precision | recall | F1 |" in md
    assert "| claim.injured | 9 | 0.889 | 0.889 | 0.889 | 0.889 |" in md
    assert "| field_f1 | 0.995 | gated |" in md
    assert "| summary_overlap | 1.000 |  |" in md
    assert (
        f"| {A000} | 26th patrol, claim 1 (Russian Defense Ministry) | claim.injured | 2 | 3 |"
        in md
    )
    assert md.index("## Per-field scores") < md.index("## Headline figures")
    assert md.index("## Headline figures") < md.index("## Wrong fields (1)")


def test_scoring_is_fast(gold: dict[str, ArticleRecord], texts: dict[str, str]) -> None:
    preds = copy(gold)
    record(preds, A003).incidents.reverse()
    start = time.perf_counter()
    report = score(preds, gold, texts=texts)
    assert time.perf_counter() - start < 0.5
    assert report.figures["incident_f1"] == 1.0  # order does not matter


def test_invalid_json_gold_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "000_x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"000_x\.json: invalid JSON at line 1") as exc:
        load_gold_dir(tmp_path)
    assert "\n" not in str(exc.value)


def test_schema_invalid_gold_names_the_file(tmp_path: Path, gold: dict[str, ArticleRecord]) -> None:
    data = json.loads(gold[A001].model_dump_json())
    data["incidents"][0]["incident_type"] = "drone_strike"
    (tmp_path / "001_5d767cf5dec42332.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=r"001_5d767cf5dec42332\.json: not a valid gold record: "):
        load_gold_dir(tmp_path)


def test_non_json_file_in_gold_dir_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("todo", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt: not a \.json gold file"):
        load_gold_dir(tmp_path)


def test_gold_file_name_must_match_article_id(
    tmp_path: Path, gold: dict[str, ArticleRecord]
) -> None:
    (tmp_path / "999_other.json").write_text(gold[A001].model_dump_json(), encoding="utf-8")
    with pytest.raises(InputError, match=r"999_other\.json: article_id"):
        load_gold_dir(tmp_path)


def test_missing_text_for_a_gold_article_is_an_input_error(
    gold: dict[str, ArticleRecord], texts: dict[str, str]
) -> None:
    partial = {k: v for k, v in texts.items() if k != A004}
    with pytest.raises(InputError, match=A004):
        score(copy(gold), gold, texts=partial)

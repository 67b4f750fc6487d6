"""The whole path on the five seeds, offline: clean -> questions (recorded answers of the embedded
model) -> assemble -> validate -> score -> digest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CASSETTES, GOLD, SEEDS

from summarizer.api import evaluate, summarize_files
from summarizer.briefing.merge import build_digest, load_gold_grouping, score_grouping
from summarizer.evaluation.report import EvalReport, check_gate
from summarizer.extraction.extract import Extractor
from summarizer.extraction.grounding import check_quote
from summarizer.reading.text import clean
from summarizer.schema import ArticleRecord
from summarizer.settings import Settings

ROOT = SEEDS.parent


@pytest.fixture(scope="module")
def results() -> list:
    settings = Settings.resolve(replay_dir=CASSETTES, use_cache=False)
    return list(summarize_files([SEEDS], settings=settings))


def test_every_seed_gives_a_valid_grounded_record(results: list) -> None:
    assert [r.article_id for r in results] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for r in results:
        assert r.error is None, r.error
        rec = ArticleRecord.model_validate(r.record.model_dump())
        raw = (SEEDS / r.article_id).read_text(encoding="utf-8")
        quotes = [q for inc in rec.incidents for q in inc.evidence]
        quotes += [q for inc in rec.incidents for c in inc.casualty_claims for q in c.evidence]
        quotes += [q for p in rec.programme for q in p.evidence]
        assert quotes and all(check_quote(raw, q) for q in quotes)
        assert r.stats.calls == 0 and r.stats.cached == len(r.stats.attempts) > 0


def test_known_facts_of_the_seeds(results: list) -> None:
    by_id = {r.article_id: r.record for r in results}
    seed000 = by_id["000_5344304a19f35d4a.txt"]
    main = [i for i in seed000.incidents if i.role == "main"]
    assert len(main) == 1 and main[0].patrol_number == 26
    assert main[0].date.iso() == "2020-08-25"
    assert [(c.killed, c.injured) for c in main[0].casualty_claims] == [(None, 2)]
    seed003 = by_id["003_d89a1fc585dc487a.txt"]
    assert sorted(i.patrol_number or 0 for i in seed003.incidents) == [21, 23, 24]
    no_incident = [i for i in seed003.incidents if i.incident_type == "no_incident"]
    assert {i.patrol_number for i in no_incident} == {23, 24}


def test_scores_match_the_committed_baseline(results: list) -> None:
    report = evaluate({r.article_id: r.record for r in results}, gold=GOLD, articles=SEEDS)
    baseline = EvalReport.model_validate_json((ROOT / "evals/baseline.json").read_text())
    assert check_gate(report, baseline, tolerance=0.0) == []
    for name in ("incident_f1", "field_f1", "claim_f1", "grounding_rate"):
        assert report.figures[name] == pytest.approx(baseline.figures[name])


def test_digest_groups_the_seed_incidents_as_labelled(results: list) -> None:
    digest = build_digest([r.record for r in results])
    scores = score_grouping(digest, load_gold_grouping(ROOT / "evals/digest.json"))
    assert scores["f1"] == 1.0


def test_a_changed_prompt_fails_loudly_naming_the_re_record_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    for f in (ROOT / "prompts").glob("*.md"):
        (prompts / f.name).write_text(f.read_text() + ("\nBe brief." if "system" in f.name else ""))
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(prompts))
    from summarizer.llm import prompts as prompt_files

    prompt_files.load.cache_clear()
    try:
        settings = Settings.resolve(replay_dir=CASSETTES, use_cache=False)
        article = clean(
            "000_5344304a19f35d4a.txt", (SEEDS / "000_5344304a19f35d4a.txt").read_text()
        )
        result = Extractor(settings).extract(article)
    finally:
        prompt_files.load.cache_clear()
    assert result.record is None
    assert "make record" in (result.error or "")


def test_recordings_hold_no_secrets_or_local_paths() -> None:
    files = sorted(CASSETTES.parent.glob("*/*.json"))
    assert files
    for f in files:
        text = f.read_text()
        low = text.lower()
        # a header or key, not the word in an article ("the mission's authorization")
        assert '"authorization"' not in low and "api_key" not in low and "bearer " not in low
        assert "sk-" not in text and "/root/" not in text and "/home/" not in text
        data = json.loads(text)
        assert set(data) == {"request", "response"}
        assert data["request"]["model"].startswith("gguf:")

"""The ORACLE (answers written by hand from gold records, not a model's output) and the trusted
assembly of a full answer (``--trust-model``): with perfect answers the pipeline must not lose
facts, and an answer the article does not bear out is dropped and reported."""

from __future__ import annotations

from pathlib import Path

from conftest import GOLD, SEEDS, CliRun

from summarizer.api import evaluate, oracle_backend, summarize_files
from summarizer.evaluation.oracle import oracle_answer, oracle_full_answer, sentence_ids
from summarizer.evaluation.scoring import load_gold_dir
from summarizer.extraction.drafts import (
    FullArticleAnswer,
    FullClaimDraft,
    FullEventDraft,
)
from summarizer.extraction.trusted import assemble_full
from summarizer.reading.text import clean
from summarizer.schema import (
    ArticleRecord,
    AttributionStatus,
    CasualtyClaim,
    GeoPrecision,
    IncidentType,
    Outcome,
    Quote,
    Role,
)
from summarizer.settings import Settings


def _quote(raw: str, text: str) -> Quote:
    start = raw.index(text)
    return Quote(text=text, start=start, end=start + len(text))


def test_oracle_answer_points_at_the_gold_evidence() -> None:
    gold = load_gold_dir(GOLD)
    for path in sorted(SEEDS.glob("*.txt")):
        article = clean(path.name, path.read_text(encoding="utf-8"))
        record = gold[path.name]
        answer = oracle_answer(article, record)
        assert len(answer.events) == len(record.incidents)
        for event, incident in zip(answer.events, record.incidents, strict=True):
            assert event.main == (incident.role == Role.main)
            assert event.sentences == sentence_ids(article, incident.evidence)[:10]
            numbers = [(c.killed, c.injured) for c in incident.casualty_claims][:4]
            assert [(c.killed, c.injured) for c in event.claims] == numbers


def test_a_claim_quoted_over_two_sentences_is_put_on_the_one_that_writes_its_figure() -> None:
    raw = "The ministry said a patrol was attacked near Gao. Three soldiers were wounded."
    article = clean("a.txt", raw)
    first, second = (
        "The ministry said a patrol was attacked near Gao.",
        "Three soldiers were wounded.",
    )
    claim = CasualtyClaim(
        claimant="The ministry",
        victims="soldiers",
        injured=3,
        evidence=[_quote(raw, first), _quote(raw, second)],
    )
    record = ArticleRecord.model_validate(
        {
            "article_id": "a.txt",
            "summary": "x",
            "incidents": [
                {
                    "role": "main",
                    "incident_type": "other",
                    "casualty_claims": [claim.model_dump()],
                    "evidence": [_quote(raw, first).model_dump()],
                }
            ],
        }
    )
    (event,) = oracle_answer(article, record).events
    assert [c.sentence for c in event.claims] == [2]


RAW = (
    "A UN convoy was ambushed near Kidal on 5 May 2021, the mission said.\n\n"
    "A peacekeeper was killed and four were wounded, a mission spokesman said.\n\n"
    "The Islamic State in the Greater Sahara claimed the attack."
)


def _claim(**change: object) -> FullClaimDraft:
    values: dict[str, object] = {
        "sentence": 2,
        "continued_in": [],
        "claimant": "a mission spokesman",
        "reported_via": None,
        "victims": "peacekeepers",
        "killed": 1,
        "injured": 4,
        "stated_as": None,
    }
    return FullClaimDraft.model_validate(values | change)


def _event(**change: object) -> FullEventDraft:
    values: dict[str, object] = {
        "sentences": [1, 2, 3],
        "main": True,
        "incident_type": IncidentType.other,
        "outcome": Outcome.unknown,
        "date": "on 5 May 2021",
        "patrol_number": None,
        "forces": ["MINUSMA"],
        "place": "Kidal",
        "road": None,
        "admin1": None,
        "country": "Mali",
        "geo_precision": GeoPrecision.near_town,
        "vehicles_damaged": None,
        "vehicle_owners": [],
        "blamed": "Islamic State in the Greater Sahara",
        "blame_status": AttributionStatus.claimed,
        "blamed_by": None,
        "claims": [_claim()],
        "follow_on": [],
    }
    values.update(change)
    return FullEventDraft.model_validate(values)


def test_trusted_assembly_keeps_what_the_article_writes() -> None:
    article = clean("k.txt", RAW)
    record = assemble_full(article, FullArticleAnswer(events=[_event()], programme=[]))
    (inc,) = record.incidents
    (claim,) = inc.casualty_claims
    assert (claim.claimant, claim.killed, claim.injured) == ("a mission spokesman", 1, 4)
    assert inc.location.place == "Kidal" and inc.location.country == "Mali"
    assert inc.location.latitude is not None  # Kidal is in the gazetteer
    assert (inc.date.year, inc.date.month, inc.date.day) == (2021, 5, 5)
    assert inc.perpetrator.status == AttributionStatus.claimed
    assert record.dropped == []


def test_trusted_assembly_drops_what_the_article_does_not_bear_out() -> None:
    article = clean("k.txt", RAW)
    claim = _claim(claimant="the Malian army", killed=7)
    answer = FullArticleAnswer(
        events=[_event(place="Timbuktu", country="Atlantis", claims=[claim])], programme=[]
    )
    record = assemble_full(article, answer)
    (inc,) = record.incidents
    (kept,) = inc.casualty_claims
    assert (kept.claimant, kept.killed, kept.injured) == (None, None, 4)
    assert inc.location.place is None and inc.location.country is None
    what = " ".join(d.what for d in record.dropped)
    for refused in ("the Malian army", "killed", "Timbuktu", "Atlantis"):
        assert refused in what


def test_a_claim_may_give_its_figures_over_two_sentences() -> None:
    raw = (
        "A convoy hit a mine near Gao, the army said.\n\n"
        "One soldier was killed, an army spokesman said.\n\n"
        "Three others were wounded and flown to Bamako."
    )
    claim = _claim(continued_in=[3], claimant="an army spokesman", victims="soldiers", injured=3)
    event = _event(sentences=[1, 2, 3], claims=[claim], blamed=None, place="Gao")
    record = assemble_full(clean("g.txt", raw), FullArticleAnswer(events=[event], programme=[]))
    (kept,) = record.incidents[0].casualty_claims
    assert (kept.killed, kept.injured) == (1, 3)
    assert [q.text for q in kept.evidence] == [
        "One soldier was killed, an army spokesman said.",
        "Three others were wounded and flown to Bamako.",
    ]


def test_perfect_full_answers_reproduce_the_seed_gold() -> None:
    """The trusted path loses nothing that a perfect answer gives (the oracle check)."""
    settings = Settings.resolve(use_cache=False, trust_model=True)
    backend = oracle_backend(SEEDS, GOLD)
    results = list(summarize_files([SEEDS], settings=settings, backend=backend))
    assert backend.requests == len(results) == len(list(SEEDS.glob("*.txt")))
    report = evaluate({r.article_id: r.record for r in results}, gold=GOLD, articles=SEEDS)
    assert report.errors == []


def test_oracle_full_answer_carries_every_gold_incident() -> None:
    gold = load_gold_dir(GOLD)
    for path in sorted(SEEDS.glob("*.txt")):
        article = clean(path.name, path.read_text(encoding="utf-8"))
        answer = oracle_full_answer(article, gold[path.name])
        assert [e.incident_type for e in answer.events] == [
            i.incident_type for i in gold[path.name].incidents
        ]


def test_an_article_without_gold_gets_its_own_error(tmp_path: Path) -> None:
    extra = tmp_path / "zz_extra.txt"
    extra.write_text("A patrol was attacked near Gao on Monday, the army said.", encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt"))[:1]:
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    backend = oracle_backend(tmp_path, GOLD)
    settings = Settings.resolve(use_cache=False)
    results = {
        r.article_id: r for r in summarize_files([tmp_path], settings=settings, backend=backend)
    }
    assert results["zz_extra.txt"].error is not None
    assert "no gold record" in results["zz_extra.txt"].error
    assert all(r.record is not None for k, r in results.items() if k != "zz_extra.txt")


def test_oracle_flag_misuse_is_one_line(cli: CliRun) -> None:
    code, _, err = cli("eval", "evals/gold", "--oracle")
    assert code != 0
    assert "--oracle" in err and "Traceback" not in err


def test_the_recorded_full_answers_of_the_embedded_model_replay_grounded() -> None:
    """The embedded 1.5B model's real answers to the full question (tests/cassettes/seeds-trust,
    recorded with --trust-model): every article gets a valid record whose quotes are the
    article's own words, and what its words do not bear out is reported, not kept."""
    settings = Settings.resolve(
        replay_dir=Path(__file__).parent / "cassettes" / "seeds-trust", trust_model=True
    )
    results = list(summarize_files([SEEDS], settings=settings))
    assert all(r.record is not None and r.error is None for r in results)
    report = evaluate({r.article_id: r.record for r in results}, gold=GOLD, articles=SEEDS)
    assert report.figures["grounding_rate"] == 1.0
    assert report.figures["schema_valid_rate"] == 1.0
    reasons = {d.reason for r in results if r.record for d in r.record.dropped}
    assert any("do not write it" in x for x in reasons)  # a figure not in its sentences

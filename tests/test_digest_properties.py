"""The digest on real batches and on random ones: it never raises on valid records, grouping does
not depend on input order, no incident is lost or duplicated; the victims' own words give their
nationality, and "none were hurt" is zero killed and zero injured. The eval alignment has the
same guarantees."""

from __future__ import annotations

from pathlib import Path

from conftest import CASSETTES, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.api import summarize_files
from summarizer.briefing.merge import build_digest, victim_side
from summarizer.evaluation.scoring import score
from summarizer.schema import (
    ArticleRecord,
    CasualtyClaim,
    EventDate,
    IncidentType,
    Location,
    PatrolIncident,
    Precision,
    Quote,
    Role,
)
from summarizer.settings import Settings

Q = [Quote(text="A patrol was hit.", start=0, end=17)]


def _seed_records() -> list[ArticleRecord]:
    results = summarize_files([SEEDS], settings=Settings.resolve(replay_dir=CASSETTES))
    return [r.record for r in results if r.record is not None]


def test_a_batch_with_a_second_report_of_the_same_bombing_merges() -> None:
    """The issue's crash: five seeds plus a copy of seed 001 under another id ended in
    KeyError (2, 2) when a link joined two members already in one group."""
    records = _seed_records()
    copy = next(r for r in records if r.article_id.startswith("001")).model_copy(
        update={"article_id": "001_copy.txt"}
    )
    d = build_digest([*records, copy])
    refs = [(m.article_id, m.incident) for inc in d.incidents for m in inc.members]
    assert sorted(refs) == sorted(
        (r.article_id, i) for r in [*records, copy] for i in range(len(r.incidents))
    )
    (bombing,) = [i for i in d.incidents if any(m.article_id == "001_copy.txt" for m in i.members)]
    assert {m.article_id[:3] for m in bombing.members} >= {"001", "002"}


def test_the_victims_words_give_their_nationality() -> None:
    sentence = "During the 26th joint patrol a Russian soldier was slightly injured in an assault."
    assert victim_side("soldiers", None, sentence) == ("Russian forces", False)
    # two nationalities before the noun: not decided by the sentence
    both = "Russian and Turkish soldiers were injured."
    assert victim_side("soldiers", None, both) == ("forces (nationality not stated)", False)


def test_none_hurt_is_zero_killed_and_zero_injured() -> None:
    claim = CasualtyClaim(
        claimant="Turkish sources",
        victims="soldiers",
        killed=0,
        stated_as="none of its soldiers were hurt",
        evidence=Q,
    )
    inc = PatrolIncident(
        role=Role.main,
        incident_type=IncidentType.roadside_bomb,
        casualty_claims=[claim],
        evidence=Q,
    )
    d = build_digest([ArticleRecord(article_id="a", summary="", incidents=[inc])])
    (side,) = d.incidents[0].casualties
    assert side.side == "Turkish forces"
    assert side.killed is not None and side.injured is not None
    assert (side.killed.best, side.injured.best) == (0, 0)


# --- random batches ------------------------------------------------------------------------------

_TYPES = st.sampled_from(list(IncidentType))
_PLACES = st.sampled_from([None, "Ariha", "Arihah", "Saraqib", "Urum al-Jawz"])


@st.composite
def _date(draw: st.DrawFn) -> EventDate:
    kind = draw(st.sampled_from(["none", "day", "week", "month", "weekday", "noyear"]))
    month, day = draw(st.integers(7, 8)), draw(st.integers(1, 28))
    if kind == "day":
        return EventDate(year=2020, month=month, day=day, precision=Precision.day)
    if kind == "week":
        return EventDate(year=2020, month=month, day=day, precision=Precision.week)
    if kind == "month":
        return EventDate(year=2020, month=month, precision=Precision.month)
    if kind == "noyear":
        return EventDate(month=month, day=day, precision=Precision.day)
    if kind == "weekday":
        return EventDate(text="Tuesday")
    return EventDate()


@st.composite
def _incident(draw: st.DrawFn) -> PatrolIncident:
    itype = draw(_TYPES)
    claims = []
    if itype != IncidentType.no_incident and draw(st.booleans()):
        claims.append(
            CasualtyClaim(
                claimant=draw(st.sampled_from([None, "Russian defence ministry", "SOHR"])),
                victims=draw(st.sampled_from(["soldiers", "Russian soldiers", "civilians"])),
                injured=draw(st.integers(1, 4)),
                evidence=Q,
            )
        )
    return PatrolIncident(
        role=draw(st.sampled_from(list(Role))),
        incident_type=itype,
        date=draw(_date()),
        patrol_number=draw(st.sampled_from([None, 21, 21, 26])),
        forces=["Russia", "Turkey"],
        location=Location(place=draw(_PLACES)),
        casualty_claims=claims,
        evidence=Q,
    )


_BATCH = st.lists(st.lists(_incident(), min_size=0, max_size=3), min_size=1, max_size=6).map(
    lambda arts: [
        ArticleRecord(article_id=f"a{k}.txt", summary="", incidents=incs)
        for k, incs in enumerate(arts)
    ]
)


def _grouping(records: list[ArticleRecord]) -> list[list[tuple[str, int]]]:
    d = build_digest(records)
    return sorted(sorted((m.article_id, m.incident) for m in inc.members) for inc in d.incidents)


@settings(max_examples=150, deadline=None)
@given(_BATCH, st.randoms(use_true_random=False))
def test_random_batches_merge_order_independently_and_lose_nothing(
    records: list[ArticleRecord], rnd: object
) -> None:
    groups = _grouping(records)
    shuffled = list(records)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _grouping(shuffled) == groups
    refs = [ref for g in groups for ref in g]
    assert sorted(refs) == sorted(
        (r.article_id, i) for r in records for i in range(len(r.incidents))
    )
    assert len(refs) == len(set(refs))


@settings(max_examples=100, deadline=None)
@given(_BATCH, _BATCH, st.randoms(use_true_random=False))
def test_eval_alignment_never_raises_loses_nothing_and_ignores_order(
    gold: list[ArticleRecord], pred: list[ArticleRecord], rnd: object
) -> None:
    preds = {
        g.article_id: p.model_copy(update={"article_id": g.article_id})
        for g, p in zip(gold, pred, strict=False)
    }
    golds = {g.article_id: g for g in gold}
    texts = {g.article_id: "A patrol was hit." for g in gold}
    report = score(preds, golds, texts=texts)
    for art in report.articles:
        p = preds.get(art.article_id)
        assert art.incidents_gold == len(golds[art.article_id].incidents)
        assert art.incidents_predicted == (len(p.incidents) if p else 0)
        assert art.incidents_matched <= min(art.incidents_gold, art.incidents_predicted)
    reordered = {}
    for k, p in preds.items():
        incs = list(p.incidents)
        rnd.shuffle(incs)  # type: ignore[attr-defined]
        reordered[k] = p.model_copy(update={"incidents": incs})
    again = score(reordered, golds, texts=texts)
    assert [a.incidents_matched for a in again.articles] == [
        a.incidents_matched for a in report.articles
    ]


def test_the_seed_records_are_read_from_the_replay() -> None:
    assert Path(CASSETTES).is_dir() and len(_seed_records()) == 5

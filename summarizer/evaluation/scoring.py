"""Scoring predicted records against gold records.

Lists (incidents, casualty claims, programme statements) are aligned one-to-one with
``scipy.optimize.linear_sum_assignment``; matched pairs are compared field by field with typed
comparators; everything is micro-averaged over the gold set, and a failed article scores zero.
The report model and its rendering live in ``eval_report.py``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
from pydantic import ValidationError
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from ..errors import InputError
from ..extraction.grounding import check_quote
from ..prose import facts_of, ordinal, unsupported
from ..schema import (
    ArticleRecord,
    CasualtyClaim,
    EventDate,
    PatrolIncident,
    ProgrammeStatement,
    Quote,
    Role,
)
from .report import (
    GATED,
    ArticleScore,
    EvalReport,
    FieldError,
    FieldScore,
    check_gate,
    render_markdown,
)

__all__ = [
    "GATED",
    "ArticleScore",
    "EvalReport",
    "FieldError",
    "FieldScore",
    "check_gate",
    "load_gold_dir",
    "render_markdown",
    "score",
]

TEXT_THRESHOLD = 85.0  # rapidfuzz token_sort_ratio on normalised text: names, places, headline
DESCRIPTION_THRESHOLD = 70.0  # token_set_ratio for free-text follow_on descriptions
MATCH_THRESHOLD = 0.5  # least similarity for an incident, claim or programme pair to be matched
_BLOCKED = 1e6  # assignment cost of a pair below the threshold

T = TypeVar("T")
Comparator = Callable[[Any, Any], float]

# --- comparators: each returns the credit in [0, 1] for one field -------------------------------

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Casefold, strip diacritics, turn punctuation into spaces, collapse whitespace."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def exact(expected: object, predicted: object) -> float:
    """Closed sets and integers; null is a value, so a correct null earns credit."""
    return 1.0 if expected == predicted else 0.0


def fuzzy(expected: str | None, predicted: str | None) -> float:
    if expected is None or predicted is None:
        return exact(expected, predicted)
    similarity = float(fuzz.token_sort_ratio(normalise(expected), normalise(predicted)))
    return 1.0 if similarity >= TEXT_THRESHOLD else 0.0


def set_f1(expected: Sequence[str], predicted: Sequence[str]) -> float:
    gold, pred = {normalise(x) for x in expected}, {normalise(x) for x in predicted}
    if not gold and not pred:
        return 1.0
    return 2 * len(gold & pred) / (len(gold) + len(pred))


def _description_similarity(gold: str, pred: str) -> float:
    return float(fuzz.token_set_ratio(normalise(gold), normalise(pred))) / 100


def descriptions_f1(expected: Sequence[str], predicted: Sequence[str]) -> float:
    """F1 of descriptions matched one-to-one with token_set_ratio >= DESCRIPTION_THRESHOLD."""
    if not expected and not predicted:
        return 1.0
    pairs, _, _ = align(expected, predicted, _description_similarity, DESCRIPTION_THRESHOLD / 100)
    return 2 * len(pairs) / (len(expected) + len(predicted))


def ymd(date: EventDate | None) -> tuple[int | None, int | None, int | None] | None:
    """A date as (year, month, day); None when nothing is resolved."""
    if date is None or (date.year, date.month, date.day) == (None, None, None):
        return None
    return (date.year, date.month, date.day)


# --- evidence spans -----------------------------------------------------------------------------


def _merged(quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted((q.start, q.end) for q in quotes):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def evidence_dice(gold: Sequence[Quote], pred: Sequence[Quote]) -> float:
    """Dice overlap of the characters the two evidence lists cover."""
    a, b = _merged(gold), _merged(pred)
    size = sum(e - s for s, e in a) + sum(e - s for s, e in b)
    return 2 * _overlap(a, b) / size if size else 0.0


# --- one-to-one alignment -----------------------------------------------------------------------


def align(
    gold: Sequence[T], pred: Sequence[T], similarity: Callable[[T, T], float], threshold: float
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Matched (gold, pred) index pairs maximising total similarity, then unmatched gold and
    unmatched predicted indices. A pair below ``threshold`` is never matched."""
    if not gold or not pred:
        return [], list(range(len(gold))), list(range(len(pred)))
    sim = np.array([[similarity(g, p) for p in pred] for g in gold], dtype=float)
    cost = np.where(sim >= threshold, 1.0 - sim, _BLOCKED)
    rows, cols = linear_sum_assignment(cost)
    pairs = [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if sim[r, c] >= threshold]
    return (
        pairs,
        sorted(set(range(len(gold))) - {g for g, _ in pairs}),
        sorted(set(range(len(pred))) - {p for _, p in pairs}),
    )


def _key(cmp: Comparator, gold: object, pred: object) -> float | None:
    """Agreement on one key field; None when it is null on both sides."""
    return None if gold is None and pred is None else cmp(gold, pred)


def _weighted(parts: Sequence[tuple[float, float | None]]) -> float:
    """Weighted agreement over key fields, leaving out fields null on both sides: shared absence
    is no evidence that two items are the same."""
    known = [(w, s) for w, s in parts if s is not None]
    den = sum(w for w, _ in known)
    return sum(w * s for w, s in known) / den if den else 0.0


def _incident_similarity(g: PatrolIncident, p: PatrolIncident) -> float:
    return _weighted(
        [
            (2, evidence_dice(g.evidence, p.evidence)),
            (2, _key(exact, g.patrol_number, p.patrol_number)),
            (1, _key(exact, g.incident_type, p.incident_type)),
            (1, _key(exact, ymd(g.date), ymd(p.date))),
            (1, _key(fuzzy, g.location.place, p.location.place)),
            (1, _key(exact, g.role, p.role)),
        ]
    )


def _claim_similarity(g: CasualtyClaim, p: CasualtyClaim) -> float:
    return _weighted(
        [
            (2, _key(fuzzy, g.claimant, p.claimant)),
            (1, _key(fuzzy, g.victims, p.victims)),
            (1, _key(exact, g.killed, p.killed)),
            (1, _key(exact, g.injured, p.injured)),
        ]
    )


def _programme_similarity(g: ProgrammeStatement, p: ProgrammeStatement) -> float:
    return _weighted(
        [
            (2, _key(exact, g.status, p.status)),
            (1, _key(exact, ymd(g.date), ymd(p.date))),
            (2, evidence_dice(g.evidence, p.evidence)),
        ]
    )


# --- what is compared ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec(Generic[T]):
    name: str
    get: Callable[[T], Any]
    cmp: Comparator = exact


ARTICLE_FIELDS: list[Spec[ArticleRecord]] = [
    Spec("article.headline", lambda a: a.headline, fuzzy),
    Spec("article.outlet", lambda a: a.outlet, fuzzy),
    Spec("article.published", lambda a: ymd(a.published)),
]
INCIDENT_FIELDS: list[Spec[PatrolIncident]] = [
    Spec("incident.role", lambda i: i.role),
    Spec("incident.incident_type", lambda i: i.incident_type),
    Spec("incident.outcome", lambda i: i.outcome),
    Spec("incident.date", lambda i: ymd(i.date)),
    Spec("incident.date.precision", lambda i: i.date.precision),
    Spec("incident.patrol_number", lambda i: i.patrol_number),
    Spec("incident.forces", lambda i: i.forces, set_f1),
    Spec("incident.location.place", lambda i: i.location.place, fuzzy),
    Spec("incident.location.road", lambda i: i.location.road, fuzzy),
    Spec("incident.location.admin1", lambda i: i.location.admin1, fuzzy),
    Spec("incident.location.country", lambda i: i.location.country, fuzzy),
    Spec("incident.location.geo_precision", lambda i: i.location.geo_precision),
    Spec("incident.vehicles_damaged.count", lambda i: i.vehicles_damaged.count),
    Spec("incident.vehicles_damaged.owners", lambda i: i.vehicles_damaged.owners, set_f1),
    Spec("incident.perpetrator.name", lambda i: i.perpetrator.name, fuzzy),
    Spec("incident.perpetrator.status", lambda i: i.perpetrator.status),
    Spec("incident.follow_on", lambda i: [f.description for f in i.follow_on], descriptions_f1),
]
CLAIM_FIELDS: list[Spec[CasualtyClaim]] = [
    Spec("claim.claimant", lambda c: c.claimant, fuzzy),
    Spec("claim.victims", lambda c: c.victims, fuzzy),
    Spec("claim.killed", lambda c: c.killed),
    Spec("claim.injured", lambda c: c.injured),
    Spec("claim.stated_as_present", lambda c: c.stated_as is not None),
]
PROGRAMME_FIELDS: list[Spec[ProgrammeStatement]] = [
    Spec("programme.status", lambda s: s.status),
    Spec("programme.date", lambda s: ymd(s.date)),
]

NOTES = [
    "Incidents, casualty claims (inside matched incidents) and programme statements are aligned "
    "one-to-one per article with scipy's linear_sum_assignment on cost = 1 - similarity.",
    "Similarity is the weighted share of agreeing key fields, leaving out fields null on both "
    "sides. Incidents: evidence span overlap (Dice of characters) x2, patrol_number x2, "
    "incident_type, date, place, role. Claims: claimant x2, victims, killed, injured. "
    "Programme: status x2, date, evidence overlap x2.",
    f"A weak pair (similarity below {MATCH_THRESHOLD}) is not matched: it counts as one false "
    "positive and one false negative, and its fields are not compared.",
    "Field comparators: exact for enums, booleans and integers (null is a value: a correct null "
    "earns credit, a number where gold has null is wrong); dates on (year, month, day); text "
    "after casefolding and removing diacritics and punctuation, matched when rapidfuzz "
    f"token_sort_ratio >= {TEXT_THRESHOLD:g}; forces and vehicle owners by F1 of normalised "
    "items; follow_on by F1 of descriptions matched one-to-one with token_set_ratio >= "
    f"{DESCRIPTION_THRESHOLD:g}.",
    "field_f1 is micro F1 over every field slot (article, incident, claim and programme fields). "
    "In a matched pair a field earns credit c in [0, 1]: c true positive, 1 - c false positive "
    "and 1 - c false negative. Every field of an unmatched gold item (and its claims) is a false "
    "negative; every field of an unmatched predicted item is a false positive.",
    "A gold article whose prediction is missing or failed is never dropped: all its items and "
    "fields are false negatives, it counts as zero for schema_valid_rate and summary_overlap, and "
    "its gold quotes count as ungrounded in grounding_rate.",
    "grounding_rate: share of predicted quotes whose [start:end] span of the article text equals "
    "the quote. evidence_overlap: share of gold incident evidence spans overlapped by the matched "
    "prediction's evidence (unmatched gold incidents overlap nothing).",
    "casualty_figure_accuracy: share of gold casualty claims with a number whose matched "
    "predicted claim has the same killed and the same injured (an unmatched claim is wrong). "
    "main_event_accuracy: share of articles whose gold main incidents are exactly the predicted "
    "main incidents (an article with no main incident on either side is right). "
    "background_recall: share of the gold background incidents (background_incidents of them) "
    "aligned with a predicted incident of either role. incidents_where_gold_has_none: predicted "
    "incidents in the articles_without_incident, whose gold has none (a count, best 0).",
    "summary_overlap (token F1 of the summary, averaged over articles) and programme_f1 are "
    "reported, not gated. An empty list on both sides scores 1.0.",
    "prose_faithfulness: share of the predicted summaries (each record's and each incident's) in "
    "which the prose checker (summarizer/prose.py) finds no number, place, date, side or "
    "claimant that the record does not hold; reported, not gated.",
]


# --- tallies ------------------------------------------------------------------------------------


@dataclass
class _Counts:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0
    compared: int = 0
    correct: float = 0.0

    def add(self, other: _Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.compared += other.compared
        self.correct += other.correct

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; 1.0 each when there was nothing to find and nothing found."""
        if self.tp + self.fp + self.fn == 0:
            return 1.0, 1.0, 1.0
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass
class _Tally:
    article_id: str
    fields: dict[str, _Counts] = field(default_factory=dict)
    items: dict[str, _Counts] = field(default_factory=dict)  # incident, claim, programme
    errors: list[FieldError] = field(default_factory=list)
    quotes: _Counts = field(default_factory=_Counts)  # tp grounded, fp not grounded
    evidence: _Counts = field(default_factory=_Counts)  # tp gold spans overlapped, fn not
    casualty_figures: _Counts = field(default_factory=_Counts)  # per gold claim with a number
    main_event: _Counts = field(default_factory=_Counts)  # per article: main found or not
    background: _Counts = field(default_factory=_Counts)  # per gold background incident: found
    false_incidents: int = 0  # predicted incidents in articles whose gold has none

    def counts(self, store: dict[str, _Counts], name: str) -> _Counts:
        return store.setdefault(name, _Counts())

    def error(self, item: str, name: str, expected: object, predicted: object) -> None:
        self.errors.append(
            FieldError(
                article_id=self.article_id,
                incident=item,
                field=name,
                expected=_show(expected),
                predicted=_show(predicted),
            )
        )

    def compare(self, item: str, spec: Spec[T], gold: T, pred: T) -> None:
        g, p = spec.get(gold), spec.get(pred)
        credit = spec.cmp(g, p)
        c = self.counts(self.fields, spec.name)
        c.compared += 1
        c.correct += credit
        c.tp += credit
        c.fp += 1 - credit
        c.fn += 1 - credit
        if credit < 1:
            self.error(item, spec.name, g, p)

    def add(self, other: _Tally) -> None:
        for mine, theirs in ((self.fields, other.fields), (self.items, other.items)):
            for name, c in theirs.items():
                self.counts(mine, name).add(c)
        self.errors += other.errors
        self.quotes.add(other.quotes)
        self.evidence.add(other.evidence)
        self.casualty_figures.add(other.casualty_figures)
        self.main_event.add(other.main_event)
        self.background.add(other.background)
        self.false_incidents += other.false_incidents

    def total_fields(self) -> _Counts:
        out = _Counts()
        for c in self.fields.values():
            out.add(c)
        return out


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, tuple):  # (year, month, day)
        return "-".join("?" if v is None else f"{v:02d}" for v in value)
    return str(value)


def _describe(item: object) -> str:
    """A one-line account of an unmatched incident, claim or programme statement."""
    if isinstance(item, PatrolIncident):
        when, place = _show(ymd(item.date)), _show(item.location.place)
        return f"{item.role} {item.incident_type}, {when}, {place}"
    if isinstance(item, CasualtyClaim):
        return f"{item.claimant}: {item.victims}, killed {item.killed}, injured {item.injured}"
    if isinstance(item, ProgrammeStatement):
        return f"{item.status}, {_show(ymd(item.date))}: {item.description}"
    return str(item)


def _incident_label(inc: PatrolIncident, index: int) -> str:
    if inc.patrol_number is not None:
        return f"{ordinal(inc.patrol_number)} patrol"
    return f"incident {index + 1} ({inc.role}, {inc.incident_type})"


# --- scoring ------------------------------------------------------------------------------------


def _score_items(
    t: _Tally,
    kind: str,
    specs: Sequence[Spec[T]],
    gold: Sequence[T],
    pred: Sequence[T],
    similarity: Callable[[T, T], float],
    label: Callable[[T, int], str],
    quiet: bool = False,
) -> list[tuple[int, int]]:
    """Align, count matched/unmatched items, compare fields of matched pairs; return the pairs."""
    pairs, lost, extra = align(gold, pred, similarity, MATCH_THRESHOLD)
    counts = t.counts(t.items, kind)
    counts.tp += len(pairs)
    counts.fn += len(lost)
    counts.fp += len(extra)
    for gi, pi in pairs:
        for spec in specs:
            t.compare(label(gold[gi], gi), spec, gold[gi], pred[pi])
    for spec in specs:
        t.counts(t.fields, spec.name).fn += len(lost)
        t.counts(t.fields, spec.name).fp += len(extra)
    if not quiet:
        for gi in lost:
            t.error(label(gold[gi], gi), kind, _describe(gold[gi]), "(no matching prediction)")
        for pi in extra:
            t.error("predicted " + label(pred[pi], pi), kind, "(not in gold)", _describe(pred[pi]))
    return pairs


def _score_claims(
    t: _Tally, where: str, gold: PatrolIncident | None, pred: PatrolIncident | None, quiet: bool
) -> None:
    gold_claims = gold.casualty_claims if gold else []
    pred_claims = pred.casualty_claims if pred else []
    pairs = _score_items(
        t,
        "claim",
        CLAIM_FIELDS,
        gold_claims,
        pred_claims,
        _claim_similarity,
        lambda c, j: f"{where}, claim {j + 1} ({c.claimant or 'article'})",
        quiet,
    )
    # casualty-figure accuracy: a gold claim with a number is right when its matched prediction
    # has the same killed and the same injured; an unmatched one is wrong
    matched = dict(pairs)
    for gi, g in enumerate(gold_claims):
        if g.killed is None and g.injured is None:
            continue
        p = pred_claims[matched[gi]] if gi in matched else None
        ok = p is not None and (p.killed, p.injured) == (g.killed, g.injured)
        t.casualty_figures.tp += ok
        t.casualty_figures.fn += not ok


def _score_incidents(
    t: _Tally, gold: Sequence[PatrolIncident], pred: Sequence[PatrolIncident], quiet: bool
) -> int:
    pairs = _score_items(
        t, "incident", INCIDENT_FIELDS, gold, pred, _incident_similarity, _incident_label, quiet
    )
    matched = dict(pairs)
    for gi, g in enumerate(gold):
        if g.role == Role.background:  # found when aligned with a predicted incident, any role
            t.background.tp += gi in matched
            t.background.fn += gi not in matched
    for gi, g in enumerate(gold):
        p = pred[matched[gi]] if gi in matched else None
        _score_claims(t, _incident_label(g, gi), g, p, quiet=quiet or p is None)
        spans = _merged(p.evidence) if p else []
        for q in g.evidence:
            hit = _overlap([(q.start, q.end)], spans) > 0
            t.evidence.tp += hit
            t.evidence.fn += not hit
    for pi in sorted(set(range(len(pred))) - set(matched.values())):
        _score_claims(t, "predicted " + _incident_label(pred[pi], pi), None, pred[pi], True)
    # main-event detection: the gold main incidents are exactly the predicted main ones
    gold_main = {matched.get(gi, -1 - gi) for gi, g in enumerate(gold) if g.role == Role.main}
    pred_main = {pi for pi, p in enumerate(pred) if p.role == Role.main}
    ok = gold_main == pred_main
    t.main_event.tp += ok
    t.main_event.fn += not ok
    return len(pairs)


def _quotes(record: ArticleRecord) -> list[tuple[str, Quote]]:
    out: list[tuple[str, Quote]] = []
    for i, inc in enumerate(record.incidents):
        where = "predicted " + _incident_label(inc, i)
        out += [(where, q) for q in inc.evidence]
        out += [(where, q) for c in inc.casualty_claims for q in c.evidence]
        out += [(where, q) for f in inc.follow_on for q in f.evidence]
    for k, st in enumerate(record.programme):
        out += [(f"predicted programme {k + 1} ({st.status})", q) for q in st.evidence]
    return out


def _summary_overlap(gold: str, pred: str) -> float:
    g, p = Counter(normalise(gold).split()), Counter(normalise(pred).split())
    if not g and not p:
        return 1.0
    return 2 * sum((g & p).values()) / (sum(g.values()) + sum(p.values()))


def _programme_label(s: ProgrammeStatement, k: int) -> str:
    return f"programme {k + 1} ({s.status})"


def _score_article(
    aid: str, gold: ArticleRecord, pred: ArticleRecord | None, text: str | None
) -> tuple[_Tally, ArticleScore]:
    t = _Tally(aid)
    if pred is None:
        t.error("article", "record", "a valid record", "missing or failed extraction")
    empty = ArticleRecord(article_id=aid, summary="")
    quiet = pred is None
    for spec in ARTICLE_FIELDS:
        if pred is None:
            t.counts(t.fields, spec.name).fn += 1
        else:
            t.compare("article", spec, gold, pred)
    matched = _score_incidents(t, gold.incidents, (pred or empty).incidents, quiet)
    if not gold.incidents:
        t.false_incidents += len((pred or empty).incidents)
    _score_items(
        t,
        "programme",
        PROGRAMME_FIELDS,
        gold.programme,
        (pred or empty).programme,
        _programme_similarity,
        _programme_label,
        quiet,
    )
    if text is not None:
        if pred is None:
            t.quotes.fp += len(_quotes(gold))
        for where, q in _quotes(pred or empty):
            ok = check_quote(text, q)
            t.quotes.tp += ok
            t.quotes.fp += not ok
            if not ok:
                found = text[q.start : q.end] if q.end <= len(text) else "(span past end)"
                t.error(where, "evidence", f"text at [{q.start}:{q.end}]: {found}", q.text)
    overlap = _summary_overlap(gold.summary, pred.summary) if pred else 0.0
    f1 = {k: t.counts(t.items, k).prf()[2] for k in ("incident", "claim", "programme")}
    quotes = t.quotes.tp + t.quotes.fp
    return t, ArticleScore(
        article_id=aid,
        extracted=pred is not None,
        incidents_gold=len(gold.incidents),
        incidents_predicted=len(pred.incidents) if pred else 0,
        incidents_matched=matched,
        incident_f1=f1["incident"],
        field_f1=t.total_fields().prf()[2],
        claim_f1=f1["claim"],
        programme_f1=f1["programme"],
        grounding_rate=None if text is None else (t.quotes.tp / quotes if quotes else 1.0),
        summary_overlap=overlap,
        errors=len(t.errors),
    )


def score(
    predictions: Mapping[str, ArticleRecord | None],
    gold: Mapping[str, ArticleRecord],
    *,
    texts: Mapping[str, str] | None = None,
) -> EvalReport:
    """Score predictions against gold, article by article (keys are article ids). ``texts`` are
    the raw articles, needed for grounding_rate; without them grounding is reported unavailable."""
    if texts is not None and (missing := sorted(set(gold) - set(texts))):
        raise InputError(
            f"no article text for {missing[0]} (and {len(missing) - 1} more): "
            "pass the texts of every gold article, or none to skip grounding"
        )
    total = _Tally("")
    articles: list[ArticleScore] = []
    for aid in sorted(gold):
        tally, article = _score_article(
            aid, gold[aid], predictions.get(aid), None if texts is None else texts[aid]
        )
        total.add(tally)
        articles.append(article)
    figures: dict[str, float] = {}
    for kind in ("incident", "field", "claim", "programme"):
        counts = total.total_fields() if kind == "field" else total.counts(total.items, kind)
        p, r, f = counts.prf()
        figures |= {f"{kind}_precision": p, f"{kind}_recall": r, f"{kind}_f1": f}
    n = len(articles)
    notes, unavailable = list(NOTES), []
    if texts is None:
        unavailable.append("grounding_rate")
        notes.append("grounding_rate not available: no article texts were given.")
    else:
        figures["grounding_rate"] = total.quotes.prf()[0]
    figures["evidence_overlap"] = total.evidence.prf()[1]
    figures["casualty_figure_accuracy"] = total.casualty_figures.prf()[1]
    figures["main_event_accuracy"] = total.main_event.prf()[1]
    figures["background_recall"] = total.background.prf()[1]
    figures["background_incidents"] = total.background.tp + total.background.fn
    figures["incidents_where_gold_has_none"] = float(total.false_incidents)
    figures["articles_without_incident"] = float(sum(not g.incidents for g in gold.values()))
    figures["schema_valid_rate"] = sum(a.extracted for a in articles) / n if n else 0.0
    figures["summary_overlap"] = sum(a.summary_overlap for a in articles) / n if n else 0.0
    checked = [ok for aid in sorted(gold) for ok in prose_checks(predictions.get(aid))]
    figures["prose_faithfulness"] = sum(checked) / len(checked) if checked else 0.0
    if ignored := sorted(set(predictions) - set(gold)):
        notes.append(
            f"{len(ignored)} prediction(s) without gold were ignored: {', '.join(ignored)}"
        )
    fields = {}
    for name, c in total.fields.items():
        p, r, f = c.prf()
        fields[name] = FieldScore(
            compared=c.compared,
            correct=c.correct,
            accuracy=c.correct / c.compared if c.compared else None,
            tp=c.tp,
            fp=c.fp,
            fn=c.fn,
            precision=p,
            recall=r,
            f1=f,
        )
    return EvalReport(
        figures=figures,
        fields=fields,
        errors=total.errors,
        articles=articles,
        notes=notes,
        unavailable=unavailable,
    )


def prose_checks(record: ArticleRecord | None) -> list[bool]:
    """For each summary of a record (the article's, then each incident's that has one), whether
    the prose checker finds it faithful to the record."""
    if record is None:
        return []
    out = [not unsupported(record.summary, facts_of(record.incidents, record.programme))]
    out += [
        not unsupported(inc.summary, facts_of([inc])) for inc in record.incidents if inc.summary
    ]
    return out


def load_gold_dir(path: Path) -> dict[str, ArticleRecord]:
    """Every ``*.json`` gold record in ``path``, by article id."""
    if not path.is_dir():
        raise InputError(f"{path}: gold directory not found; pass the folder of gold .json files")
    gold: dict[str, ArticleRecord] = {}
    for file in sorted(path.iterdir()):
        if file.name.startswith("."):
            continue
        if file.suffix != ".json" or not file.is_file():
            raise InputError(f"{file}: not a .json gold file; keep only <article>.json in {path}")
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{file}: not UTF-8 text ({exc.reason}); re-save it as UTF-8"
            ) from None
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{file}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
        try:
            record = ArticleRecord.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "record"
            raise InputError(
                f"{file}: not a valid gold record: {where}: {first['msg']} "
                f"({exc.error_count()} problem(s); see evals/GUIDELINES.md)"
            ) from None
        if Path(record.article_id).stem != file.stem:
            raise InputError(
                f"{file}: article_id {record.article_id!r} does not match the file "
                "name; name the file after the article (.txt -> .json)"
            )
        gold[record.article_id] = record
    if not gold:
        raise InputError(f"{path}: no gold .json files found")
    return gold

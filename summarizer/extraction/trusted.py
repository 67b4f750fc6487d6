"""The whole record from a capable model's full answer, kept wherever the article bears it out.

With ``--trust-model`` the model answers the full question (``drafts.FullArticleAnswer``: every
field of every event) and its answers are not re-read by the rules: a capable model is never
overridden by the parse. What is checked is only what the article can check:

- sentence ids must be the article's; evidence is those sentences, quoted exactly;
- a name (place, road, province, claimant, relay, victims, the blamed group and who blames it)
  must be written in the article, else it is dropped and reported;
- a figure must be written in its claim's sentences (a zero where they say no one was hurt),
  else it is dropped and reported;
- a country must be one the gazetteer knows; date words are resolved against the article's
  anchor (``reading.when``) as the rules' dates are; coordinates come from the gazetteer.

The parse fills nothing the model left empty: for a model that answers this question the
rules are weaker readers than the model, and a value the model chose not to give stays unset.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..reading import gazetteer
from ..reading.figures import figures
from ..reading.numbers import find_quantities
from ..reading.text import Article
from ..reading.when import resolve
from ..schema import (
    ArticleRecord,
    CasualtyClaim,
    DroppedFact,
    EventDate,
    FollowOn,
    Location,
    PatrolIncident,
    Perpetrator,
    ProgrammeStatement,
    Role,
    VehicleDamage,
)
from .assemble import dating, finish
from .drafts import FullArticleAnswer, FullClaimDraft, FullEventDraft
from .grounding import answered, sentence_quotes

WRITTEN_RATIO = 90  # rapidfuzz partial_ratio for a name to count as written in the article
_WORD = re.compile(r"[^\W\d_]+")
_STEM = 5  # letters of a word that must match, so that a plural or a demonym's root counts
_NEGATION = {"no", "none", "not", "nobody", "without", "never", "n't"}


class _Checker:
    """What the article's words can confirm of a model's answer; every refusal is reported."""

    def __init__(self, article: Article, dropped: list[DroppedFact]) -> None:
        self.article = article
        self.text = "\n".join(s.text for s in article.sentences)
        self.low = self.text.lower()
        self.stems = {w[:_STEM] for w in _WORD.findall(self.low)}
        self.dropped = dropped

    def name(self, value: str | None, what: str) -> str | None:
        """The model's name when the article writes it (case and spacing aside), else None."""
        v = answered(value)
        if v is None:
            return None
        low = " ".join(v.lower().split())
        if low in self.low or fuzz.partial_ratio(low, self.low) >= WRITTEN_RATIO:
            return v
        stems = {w[:_STEM] for w in _WORD.findall(low) if len(w) > 2}
        if stems and stems <= self.stems:
            return v  # its words are the article's, in another form ("policemen", "police")
        self.dropped.append(DroppedFact(what=f"{what} {v!r}", reason="not written in the article"))
        return None

    def figure(self, value: int | None, ids: list[int], what: str) -> int | None:
        """The model's figure when its sentences write it (or say no one was hurt, for 0)."""
        if value is None:
            return None
        for sid in ids:
            s = self.article.sentence(sid)
            text = s.text if s else ""
            if value == 0:
                ok = any(f.zero for f in figures(text)) or bool(
                    _NEGATION & {w.strip(".,;:").lower() for w in text.split()}
                )
            else:
                written = {q.value for q in find_quantities(text)}
                ok = value in written or value in {f.value for f in figures(text)}  # "a soldier"
            if ok:
                return value
        self.dropped.append(
            DroppedFact(what=f"{what}={value}", reason=f"sentences {ids} do not write it")
        )
        return None


def _claim(c: FullClaimDraft, check: _Checker, where: str) -> CasualtyClaim | None:
    ids = list(dict.fromkeys([c.sentence, *c.continued_in]))
    quotes, _ = sentence_quotes(check.article, sorted(ids))
    if not quotes:
        check.dropped.append(DroppedFact(what=f"claim ({where})", reason=f"no sentence {ids}"))
        return None
    ids = [i for i in ids if check.article.sentence(i) is not None]
    killed = check.figure(c.killed, ids, f"killed ({where})")
    injured = check.figure(c.injured, ids, f"injured ({where})")
    stated_as = check.name(c.stated_as, f"stated_as ({where})")
    if killed is None and injured is None and stated_as is None:
        check.dropped.append(
            DroppedFact(what=f"claim by {c.claimant} ({where})", reason="no figure is left")
        )
        return None
    return CasualtyClaim.model_construct(
        claimant=check.name(c.claimant, f"claimant ({where})"),
        reported_via=check.name(c.reported_via, f"reported_via ({where})"),
        victims=check.name(c.victims, f"victims ({where})") or "people",
        killed=killed,
        injured=injured,
        stated_as=stated_as,
        evidence=quotes,
    )


def _location(ev: FullEventDraft, check: _Checker, where: str) -> Location:
    place = check.name(ev.place, f"place ({where})")
    admin1 = check.name(ev.admin1, f"admin1 ({where})")
    known = gazetteer.country(ev.country) if ev.country else None
    country = answered(ev.country) if known else None  # the model's spelling of a known one
    if ev.country and known is None:
        check.dropped.append(
            DroppedFact(what=f"country {ev.country!r} ({where})", reason="not a known country")
        )
    town = gazetteer.lookup(place, [known] if known else []) if place else None
    town = town if town is not None and town.kind == "town" else None
    return Location.model_construct(
        place=place,
        road=check.name(ev.road, f"road ({where})"),
        admin1=admin1,
        country=country,
        latitude=town.latitude if town else None,
        longitude=town.longitude if town else None,
        geo_precision=ev.geo_precision,
    )


def _date(words: str | None, check: _Checker, anchor: EventDate | None) -> EventDate:
    written = check.name(words, "date")
    return resolve(written, anchor.as_date() if anchor else None) if written else EventDate()


def _incident(
    ev: FullEventDraft, n: int, check: _Checker, anchor: EventDate | None
) -> PatrolIncident | None:
    where = f"incident {n}"
    quotes, bad = sentence_quotes(check.article, sorted(set(ev.sentences)))
    if not quotes:
        check.dropped.append(DroppedFact(what=where, reason=f"no evidence sentence (ids {bad})"))
        return None
    claims = [c for draft in ev.claims if (c := _claim(draft, check, where)) is not None]
    follow_on = []
    for step in ev.follow_on:
        said, _ = sentence_quotes(check.article, [step.sentence])
        if said and step.description.strip():
            follow_on.append(FollowOn.model_construct(description=step.description, evidence=said))
    blamed = check.name(ev.blamed, f"perpetrator ({where})")
    return PatrolIncident.model_construct(
        role=Role.main if ev.main else Role.background,
        incident_type=ev.incident_type,
        date=_date(ev.date, check, anchor),
        patrol_number=ev.patrol_number,
        forces=[f for f in ev.forces if f.strip()],
        location=_location(ev, check, where),
        casualty_claims=claims,
        vehicles_damaged=VehicleDamage.model_construct(
            count=ev.vehicles_damaged, owners=[o for o in ev.vehicle_owners if o.strip()]
        ),
        perpetrator=Perpetrator.model_construct(
            name=blamed,
            status=ev.blame_status if blamed else Perpetrator().status,
            attributed_by=check.name(ev.blamed_by, f"attributed_by ({where})") if blamed else None,
        ),
        outcome=ev.outcome,
        follow_on=follow_on,
        notes=None,
        summary=None,
        evidence=quotes,
    )


def assemble_full(
    article: Article, answer: FullArticleAnswer, dropped: list[DroppedFact] | None = None
) -> ArticleRecord:
    """The record of a full answer: each value kept where the article bears it out."""
    dropped = [] if dropped is None else dropped
    check = _Checker(article, dropped)
    published, anchor = dating(article)
    incidents = [
        inc for n, ev in enumerate(answer.events) if (inc := _incident(ev, n, check, anchor))
    ]
    statements = []
    for p in answer.programme:
        quotes, _ = sentence_quotes(article, sorted(set(p.sentences)))
        if quotes:
            statements.append(
                ProgrammeStatement.model_construct(
                    status=p.status,
                    description=quotes[0].text,
                    date=_date(p.date, check, anchor),
                    evidence=quotes,
                )
            )
    return finish(article, published, incidents, statements, dropped)

"""ORACLE answers, built by hand from gold records: what a perfect model would answer.

Nothing here is, or pretends to be, a model's output. For each article with a gold record, the
answer to the pipeline's question (``ArticleAnswer``) is written from the gold: one event per gold
incident, its sentences those that the gold evidence quotes, its place, blame, claims and
follow-ons as the gold gives them. ``OracleBackend`` hands these answers to the pipeline in place
of a model, so the rest of the pipeline (reconciling with the rules, reading figures, claimants
and places from the parse, assembly, grounding, validation) runs for real.

Scored against the same gold, the result shows what the pipeline itself loses when the model is
perfect: the figure a user with a strong model behind ``--base-url`` can at best expect.

Where the gold holds more than the answer schema allows (more than five incidents, ten sentences,
four claims or three follow-on sentences), the answer keeps the first ones: a perfect model is
held to the same schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from openai.types.chat import ChatCompletion

from ..errors import InputError
from ..extraction.drafts import (
    ArticleAnswer,
    ClaimDraft,
    EventDraft,
    FollowDraft,
    FullArticleAnswer,
    FullClaimDraft,
    FullEventDraft,
    ProgrammeDraft,
)
from ..llm.backends import asked_schema, local_reply
from ..reading.numbers import find_quantities
from ..reading.text import Article
from ..schema import ArticleRecord, CasualtyClaim, PatrolIncident, Quote, Role

MAX_EVENTS = 5
MAX_SENTENCES = 10
MAX_CLAIMS = 4
MAX_FOLLOWED = 3
MAX_FULL_SENTENCES = 20


def sentence_ids(article: Article, quotes: Iterable[Quote]) -> list[int]:
    """Ids of the cleaned sentences that a quote's character span overlaps, in article order."""
    spans = [(q.start, q.end) for q in quotes if q.start is not None and q.end is not None]
    return [
        s.id
        for s in article.sentences
        if any(s.start < end and start < s.end for start, end in spans)
    ]


def _claim_sentence(article: Article, claim: CasualtyClaim) -> int | None:
    """The sentence of a claim's evidence that writes most of its numbers (a claim quoted over
    two sentences gives its figure in one of them); the first one on a tie."""
    ids = sentence_ids(article, claim.evidence)
    numbers = {n for n in (claim.killed, claim.injured) if n}

    def written(sid: int) -> int:
        s = article.sentence(sid)
        found = {q.value for q in find_quantities(s.text)} if s else set()
        return len(numbers & found)

    return max(ids, key=lambda i: (written(i), -i), default=None)


def _event(article: Article, incident: PatrolIncident) -> EventDraft | None:
    ids = sentence_ids(article, incident.evidence)
    claims: list[ClaimDraft] = []
    for claim in incident.casualty_claims[:MAX_CLAIMS]:
        where = _claim_sentence(article, claim)
        if where is None:
            continue
        claims.append(
            ClaimDraft(
                sentence=where,
                claimant=claim.claimant,
                killed=claim.killed,
                injured=claim.injured,
            )
        )
    followed: list[int] = []
    for step in incident.follow_on:
        for i in sentence_ids(article, step.evidence):
            if i not in followed:
                followed.append(i)
    ids = ids or sorted({c.sentence for c in claims})
    if not ids:
        return None
    return EventDraft(
        sentences=ids[:MAX_SENTENCES],
        main=incident.role == Role.main,
        place=incident.location.place,
        blamed=incident.perpetrator.name,
        claims=claims,
        followed_by=followed[:MAX_FOLLOWED],
    )


def _full_event(article: Article, incident: PatrolIncident) -> FullEventDraft | None:
    ids = sentence_ids(article, incident.evidence)
    claims = []
    for claim in incident.casualty_claims:
        where = _claim_sentence(article, claim)
        if where is not None:
            others = [i for i in sentence_ids(article, claim.evidence) if i != where]
            claims.append(
                FullClaimDraft(
                    sentence=where,
                    continued_in=others[:3],
                    claimant=claim.claimant,
                    reported_via=claim.reported_via,
                    victims=claim.victims,
                    killed=claim.killed,
                    injured=claim.injured,
                    stated_as=claim.stated_as,
                )
            )
    follow_on = [
        FollowDraft(sentence=said[0], description=step.description)
        for step in incident.follow_on
        if (said := sentence_ids(article, step.evidence))
    ]
    ids = ids or sorted({c.sentence for c in claims})
    if not ids:
        return None
    loc, who = incident.location, incident.perpetrator
    return FullEventDraft(
        sentences=ids[:MAX_FULL_SENTENCES],
        main=incident.role == Role.main,
        incident_type=incident.incident_type,
        outcome=incident.outcome,
        date=incident.date.text,
        patrol_number=incident.patrol_number,
        forces=incident.forces,
        place=loc.place,
        road=loc.road,
        admin1=loc.admin1,
        country=loc.country,
        geo_precision=loc.geo_precision,
        vehicles_damaged=incident.vehicles_damaged.count,
        vehicle_owners=incident.vehicles_damaged.owners,
        blamed=who.name,
        blame_status=who.status,
        blamed_by=who.attributed_by,
        claims=claims[:16],
        follow_on=follow_on[:10],
    )


def oracle_full_answer(article: Article, gold: ArticleRecord) -> FullArticleAnswer:
    """The full answer (``--trust-model``) a perfect model would give, written from the gold."""
    events = [e for inc in gold.incidents if (e := _full_event(article, inc)) is not None]
    programme = [
        ProgrammeDraft(status=p.status, sentences=ids[:5], date=p.date.text)
        for p in gold.programme
        if (ids := sentence_ids(article, p.evidence))
    ]
    return FullArticleAnswer(events=events[:10], programme=programme[:10])


def oracle_answer(article: Article, gold: ArticleRecord) -> ArticleAnswer:
    """The answer a perfect model would give about ``article``, written from its gold record."""
    events = [e for inc in gold.incidents if (e := _event(article, inc)) is not None]
    return ArticleAnswer(events=events[:MAX_EVENTS])


class OracleBackend:
    """ORACLE backend (a hand-made fixture, not a model): answers each request about an article
    with ``oracle_answer`` for that article. The article is known by its numbered text, which
    every request carries."""

    model_id = "oracle:gold"

    def __init__(self, articles: Iterable[Article], gold: Mapping[str, ArticleRecord]) -> None:
        self._answers: dict[str, dict[str, str]] = {}
        for article in articles:
            record = gold.get(article.article_id)
            if record is not None:
                self._answers[article.numbered()] = {
                    ArticleAnswer.__name__: oracle_answer(article, record).model_dump_json(),
                    FullArticleAnswer.__name__: oracle_full_answer(
                        article, record
                    ).model_dump_json(),
                }
        self.requests = 0

    def create(self, **kwargs: Any) -> ChatCompletion:
        self.requests += 1
        asked = "\n".join(str(m.get("content", "")) for m in kwargs.get("messages", []))
        answers = next((a for text, a in self._answers.items() if text in asked), None)
        if answers is None:
            raise InputError("the oracle has no gold record for this article")
        title = asked_schema(kwargs).get("title")
        content = answers.get(str(title))
        if content is None:
            raise InputError(f"the oracle cannot answer a {title} question")
        return local_reply(content, self.model_id, "oracle")

"""ORACLE answers, built by hand from gold records: what a perfect model would answer.

Nothing here is, or pretends to be, a model's output. For each article with a gold record, the
full answer (``FullArticleAnswer``, the ``--trust-model`` question) is written from the gold: one
event per gold incident, its sentences those that the gold evidence quotes, every field as the
gold gives it, each claim on the quoted sentence that writes its figures. The compact answer
(``ArticleAnswer``) is the same answer cut to the compact schema. ``OracleBackend`` hands these
answers to the pipeline in place of a model, so the rest of the pipeline (reconciling with the
rules, reading figures, claimants and places from the parse, assembly, grounding, validation)
runs for real.

Scored against the same gold, the result shows what the pipeline itself loses when the model is
perfect: the figure a user with a strong model behind ``--base-url`` can at best expect.

Where the gold holds more than an answer schema allows (its ``max_length``s: five events, ten
sentences, four claims and three follow-on sentences in the compact schema), the answer keeps the
first ones: a perfect model is held to the same schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import BaseModel

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


def _most(model: type[BaseModel], name: str) -> int:
    """The most items a field of an answer schema allows (its ``max_length``)."""
    for rule in model.model_fields[name].metadata:
        if (most := getattr(rule, "max_length", None)) is not None:
            return int(most)
    raise ValueError(f"{model.__name__}.{name} sets no max_length")


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


def _compact(full: FullEventDraft) -> EventDraft:
    """The compact answer's event: the full one's sentences, place, blame, claims and the
    sentences of its follow-ons, within the compact schema's limits."""
    followed = list(dict.fromkeys(f.sentence for f in full.follow_on))
    return EventDraft(
        sentences=full.sentences[: _most(EventDraft, "sentences")],
        main=full.main,
        place=full.place,
        blamed=full.blamed,
        claims=[
            ClaimDraft(sentence=c.sentence, claimant=c.claimant, killed=c.killed, injured=c.injured)
            for c in full.claims[: _most(EventDraft, "claims")]
        ],
        followed_by=followed[: _most(EventDraft, "followed_by")],
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
                    continued_in=others[: _most(FullClaimDraft, "continued_in")],
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
        sentences=ids[: _most(FullEventDraft, "sentences")],
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
        claims=claims[: _most(FullEventDraft, "claims")],
        follow_on=follow_on[: _most(FullEventDraft, "follow_on")],
    )


def oracle_full_answer(article: Article, gold: ArticleRecord) -> FullArticleAnswer:
    """The full answer (``--trust-model``) a perfect model would give, written from the gold."""
    events = [e for inc in gold.incidents if (e := _full_event(article, inc)) is not None]
    programme = [
        ProgrammeDraft(
            status=p.status, sentences=ids[: _most(ProgrammeDraft, "sentences")], date=p.date.text
        )
        for p in gold.programme
        if (ids := sentence_ids(article, p.evidence))
    ]
    return FullArticleAnswer(
        events=events[: _most(FullArticleAnswer, "events")],
        programme=programme[: _most(FullArticleAnswer, "programme")],
    )


def oracle_answer(article: Article, gold: ArticleRecord) -> ArticleAnswer:
    """The answer a perfect model would give about ``article``, written from its gold record."""
    full = oracle_full_answer(article, gold)
    events = [_compact(e) for e in full.events]
    return ArticleAnswer(events=events[: _most(ArticleAnswer, "events")])


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

"""Events proposed by the rules and by the model, reconciled; the article's words decide.

The rules (``evidence.find_events``) are precise on patrol news they were written for; the model
reads every article and proposes events the rules cannot foresee (no "patrol" or "convoy" word,
a routine patrol, another theatre). Here the two lists meet:

- a model event that shares sentences with a rule event is the same event: the rule event keeps
  its sentences and ordinal, and gains the model's place, blame, claims and follow-ons; rule
  events the model lists as one event are joined (not across patrol numbers or "earlier" words);
- a model event the rules missed stays when one of its sentences names a single event (one
  patrol or convoy, a counted casualty, one vehicle something happened to); sentences that speak
  of nothing happening are left out of its evidence; an event with no such sentence is dropped
  and reported;
- a rule event the model did not list stays (the rules found it in the words);
- the main event is the one stated in the headline or lead; when none is, the model's choice;
- every event's type and outcome are read from the sentences it ends with (a rule event typed
  before the model's lead joined it takes the lead's act);
- a sentence outside every event that only counts the dead or wounded ("an officer said 17
  soldiers had died", "a document gave a death toll of 27") is another source's count for the
  event before it (``_other_counts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reading import lexicon, parse
from ..reading.figures import counted_people, figures
from ..reading.text import Article
from ..reading.when import expressions
from ..schema import EXPLOSIVE_TYPES, DroppedFact, IncidentType, Outcome, Role
from . import places
from .drafts import ArticleAnswer, ClaimDraft, EventDraft
from .evidence import (
    EVENT_WORDS,
    NOT_LEAD,
    PATROL_WORDS,
    RUNNING_TOTAL,
    Event,
    describe,
    elsewhere_in_time,
    in_lead,
    other_day,
    own_act,
)


@dataclass
class EventFacts:
    """One event with what the rules and the model say of it."""

    event: Event
    claims: list[ClaimDraft] = field(default_factory=list)
    place: str | None = None
    blamed: str | None = None
    followed_by: list[int] = field(default_factory=list)
    origin: str = "rules"  # "rules", "model" or "both"
    notes: list[str] = field(default_factory=list)  # why a boundary was drawn, when in doubt
    # the model placed sentences in this event in an answer that tells events apart (not a
    # list of most of the article): its boundaries stand (``segment``)
    told_apart_by_model: bool = False

    def take(self, draft: EventDraft) -> None:
        self.claims += draft.claims
        self.place = self.place or draft.place
        self.blamed = self.blamed or draft.blamed
        self.followed_by += [i for i in draft.followed_by if i not in self.followed_by]
        self.origin = "both" if self.origin != "model" else "model"


# One vehicle or craft (singular): "several vehicles have been damaged" is a trend, not an event.
_ONE_VEHICLE = re.compile(
    r"\b(?:a|an|the|one|its|their)\s+(?:[\w-]+\s+){0,3}?(?:vehicle|truck|car|tank|jeep|"
    r"armou?red personnel carrier|apc|helicopter|bus)\b",
    re.I,
)


def _speaks_of_event(text: str) -> bool:
    return bool(EVENT_WORDS.search(text) or PATROL_WORDS.search(text) or figures(text))


def _names_one_event(text: str) -> bool:
    """A sentence about one event: one patrol or convoy, a counted casualty, or one vehicle that
    something happened to. General statements ("attacks on convoys have escalated") are not."""
    counted = any(f.value is not None for f in figures(text)) or bool(
        EVENT_WORDS.search(text) and counted_people(text)
    )
    vehicle = _ONE_VEHICLE.search(text) and EVENT_WORDS.search(text)
    return bool(PATROL_WORDS.search(text) or counted or vehicle)


# A model's sentence list longer than this share of the article is a lazy "everything" answer.
LAZY_SHARE = 0.6


def _one_event(article: Article, sid: int) -> bool:
    s = article.sentence(sid)
    return s is not None and _names_one_event(s.text)


def _join(facts: list[EventFacts], group: list[EventFacts], target: EventFacts) -> None:
    """Rule events the model lists as one event become one, unless their patrol numbers differ
    or one of them is placed at another time ("earlier", "last week")."""
    numbers = {f.event.patrol_number for f in group if f.event.patrol_number is not None}
    if len(numbers) > 1:
        return
    for f in group:
        if f is target or f.event.elsewhere_in_time:
            continue
        target.event.sentences = sorted(set(target.event.sentences) | set(f.event.sentences))
        target.event.patrol_number = target.event.patrol_number or f.event.patrol_number
        _keep_outcome(target.event, f.event)
        target.claims += f.claims
        facts.remove(f)


def _keep_outcome(target: Event, part: Event) -> None:
    """Events joined into one keep the outcome one of them states ('..., forcing the patrol to
    return' told in the second part)."""
    if target.outcome == Outcome.unknown:
        target.outcome = part.outcome


def reconcile(
    article: Article,
    rule_events: list[Event],
    answer: ArticleAnswer | None,
    dropped: list[DroppedFact],
) -> list[EventFacts]:
    facts = [EventFacts(event=e) for e in rule_events]
    model_main: EventFacts | None = None
    total = len(article.sentences)
    for n, draft in enumerate(answer.events if answer else []):
        ids = sorted({i for i in draft.sentences if article.sentence(i) is not None})
        # a list of most of the article says nothing about where the event is
        informative = len(ids) <= max(3, LAZY_SHARE * total)
        claim_ids = {c.sentence for c in draft.claims}
        overlap = [
            (len(set(f.event.sentences) & (set(ids) | claim_ids)), k)
            for k, f in enumerate(facts)
            if f.origin != "model"
        ]
        hits = sorted(k for size, k in overlap if size > 0)
        if hits:
            target = facts[hits[0]]
            if informative:
                _join(facts, [facts[k] for k in hits], target)
        else:
            pool = ids if informative else [i for i in ids if _one_event(article, i)]
            # a later sentence placed at another time ("last month", "In a separate encounter")
            # tells another event, not this one
            kept = [
                i
                for i in pool
                if (t := article.sentence(i))
                and _speaks_of_event(t.text)
                and (i == pool[0] or not elsewhere_in_time(t.text))
            ]
            if not any(_one_event(article, i) for i in kept):
                dropped.append(
                    DroppedFact(
                        what=f"event {n} proposed by the model (sentences {ids})",
                        reason="its sentences name no single event on a patrol, convoy or vehicle",
                    )
                )
                continue
            target = EventFacts(event=describe(article, Event(sentences=kept)), origin="model")
            facts.append(target)
        target.take(draft)
        target.told_apart_by_model |= informative
        if draft.main and model_main is None:
            model_main = target
    _earlier_events(article, facts)
    _no_patrol_went(article, facts, dropped)
    facts.sort(key=lambda f: f.event.anchor)
    _other_counts(article, facts)
    for f in facts:
        f.event.role = Role.background
    lead = [f for f in facts if in_lead(article, f.event.sentences)]
    main = lead[0] if lead else model_main
    if main is not None:
        main.event.role = Role.main
        if not lead:
            _lede(article, facts, main)
        _restated(article, facts, main)
    for f in facts:  # joins changed their sentences: type and outcome from the final ones
        describe(article, f.event)
    return facts


def _a_patrol_itself(text: str) -> bool:
    """Whether a sentence speaks of a patrol or convoy itself ("the 24th joint patrol went
    ahead"), not of a thing named after patrols ("training regarding joint patrol activities",
    "the patrol route"): a patrol noun that heads its phrase."""
    return any(
        t.lemma_.lower() in lexicon.PATROL and t.dep_ not in ("compound", "amod", "nmod")
        for t in parse.sentence(text)
    )


def _no_patrol_went(article: Article, facts: list[EventFacts], dropped: list[DroppedFact]) -> None:
    """A patrol 'without incident' is an event only when a sentence of it speaks of a patrol or
    convoy itself: training for patrols, a patrol route or patrol activities are the
    programme's business, not a patrol that went out."""
    for f in list(facts):
        if f.event.incident_type != IncidentType.no_incident:
            continue
        texts = [s.text for i in f.event.sentences if (s := article.sentence(i))]
        if not any(_a_patrol_itself(t) for t in texts):
            facts.remove(f)
            dropped.append(
                DroppedFact(
                    what=f"event in sentences {f.event.sentences}",
                    reason="nothing happened, and no patrol or convoy itself is spoken of",
                )
            )


def _earlier_events(article: Article, facts: list[EventFacts]) -> None:
    """News recalls an earlier attack in a sentence of its own ("On April 26, 2023, nine jawans
    were killed when their vehicle was blown up"), which a model that lists the whole article as
    one event folds in and the rules miss when no patrol word is there. A sentence in no event,
    placed at another time, telling an act of its own and counting its dead or wounded, is a
    background event together with the sentences right after it that tell an act of their own
    ("The terrorists ambushed an FC vehicle"; "condemned the attack" refers back); it stays
    when those sentences name a patrol, a convoy or one vehicle (an earlier clash with no patrol
    in it is not a patrol incident)."""
    taken = {i for f in facts for i in f.event.sentences}
    head = article.headline_sentence()
    for s in article.sentences:
        if s.id in taken or s is head or not elsewhere_in_time(s.text):
            continue
        if not own_act(s.text) or RUNNING_TOTAL.search(s.text) or not _names_one_event(s.text):
            continue
        group = [s.id]
        for nxt in article.sentences[article.sentences.index(s) + 1 :]:
            if nxt.id in taken or elsewhere_in_time(nxt.text) or not own_act(nxt.text):
                break
            group.append(nxt.id)
        texts = [t.text for i in group if (t := article.sentence(i))]
        if not any(PATROL_WORDS.search(t) or _ONE_VEHICLE.search(t) for t in texts):
            continue
        facts.append(EventFacts(event=describe(article, Event(sentences=group))))
        taken.update(group)


def _other_counts(article: Article, facts: list[EventFacts]) -> None:
    """News gives a second source's toll apart from the event it counts ("However, an officer
    said 17 soldiers had died"; "a document seen by Reuters gave a death toll of 27 soldiers"),
    often past the sentences that tell the event. A sentence in no event that counts people
    killed or injured, tells no act of its own ("the attack" refers back), names no patrol or
    convoy, is not placed at another time and is no running total is a count for the nearest
    event before it, unless a sentence in between tells an act of its own (the count is then
    that act's)."""
    taken = {i for f in facts for i in f.event.sentences}
    head = article.headline_sentence()
    for s in article.sentences:
        if s.id in taken or s is head:
            continue
        if not any(f.value is not None for f in figures(s.text)):
            continue
        text = s.text
        if own_act(text) or PATROL_WORDS.search(text) or elsewhere_in_time(text):
            continue
        if RUNNING_TOTAL.search(text):
            continue
        before = [f for f in facts if f.event.sentences and min(f.event.sentences) < s.id]
        if not before:
            continue
        owner = max(before, key=lambda f: max(i for i in f.event.sentences if i < s.id))
        last = max(i for i in owner.event.sentences if i < s.id)
        between = [article.sentence(i) for i in range(last + 1, s.id)]
        if any(b is not None and b.id not in taken and own_act(b.text) for b in between):
            continue
        owner.event.sentences = sorted({*owner.event.sentences, s.id})


def _lede(article: Article, facts: list[EventFacts], main: EventFacts) -> None:
    """News tells its main event first. When the main event was found further down (its lede
    names no patrol or convoy: "a government soldier shot and wounded a Nepalese peacekeeper"),
    the headline and the first sentence of the body join it when they tell an act, belong to no
    other event and are not placed at another time."""
    taken = {i for f in facts for i in f.event.sentences}
    head = article.headline_sentence()
    body = [s for s in article.sentences if s is not head and not NOT_LEAD.fullmatch(s.text)]
    candidates = ([head] if head else []) + body[:1]
    first = min(main.event.sentences, default=0)
    for s in candidates:
        if s.id in taken or not EVENT_WORDS.search(s.text) or elsewhere_in_time(s.text):
            continue
        if s.id < first:
            main.event.sentences = sorted({*main.event.sentences, s.id})


_SHORT_WORDS = {"that", "with", "from", "were", "have", "been", "said", "this", "their",
                "which", "after", "about", "when", "they", "into", "also", "there", "them",
                "than"}  # fmt: skip
RETOLD_SHARE = 0.5  # share of the shorter sentence's content words that a retelling repeats
RETOLD_MIN = 5  # and at least this many of them


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][\w'’-]{3,}", text.lower()) if w not in _SHORT_WORDS}


def _retells(article: Article, ids: list[int], main_ids: list[int]) -> bool:
    """Whether one of the sentences repeats most of the content words of a main-event sentence
    ("Militants attacked a convoy taking supplies to X", then after "What happened?" the same
    words with a date): the main event told again, not another event. A sentence that counts
    dead or wounded the main event does not ("nine jawans were killed" after "eight jawans")
    tells another event in the same words."""
    mains = [_content_words(s.text) for i in main_ids if (s := article.sentence(i))]
    counts = {f.value for i in main_ids if (s := article.sentence(i)) for f in figures(s.text)}
    for i in ids:
        s = article.sentence(i)
        if s is None or not {f.value for f in figures(s.text)} <= counts:
            continue  # a toll the main event does not give is another event's
        words = _content_words(s.text)
        for m in mains:
            shared = len(words & m)
            if shared >= RETOLD_MIN and shared >= RETOLD_SHARE * min(len(words), len(m)):
                return True
    return False


def _compatible(a: Event, b: Event) -> bool:
    """Whether two events' types can tell one event: the same type, either one "other" or a
    bare "attack" (no weapon named), or two explosives."""
    x, y = a.incident_type, b.incident_type

    def bare(e: Event) -> bool:
        return e.incident_type in (IncidentType.other, IncidentType.armed_clash) and not e.named_act

    return x == y or bare(a) or bare(b) or {x, y} <= EXPLOSIVE_TYPES


def _towns(article: Article, ids: list[int]) -> set[str]:
    """The towns an event's sentences place it in ("in X", "near X"), from the parse."""
    text = "\n".join(s.text for i in ids if (s := article.sentence(i)))
    found, _ = places.candidates(text)
    return {c.name for c in found if c.role == "place" and c.placed}


def _other_place(article: Article, ids: list[int], main_ids: list[int]) -> bool:
    """Whether an event is placed in towns the main event's sentences do not name: another
    event, not the main one told again."""
    mine = {t.lower() for t in _towns(article, ids)}
    main = {t.lower() for t in _towns(article, main_ids)}
    return bool(mine and main and not mine & main)


def _kept_apart(article: Article, ev: Event, main: Event) -> str | None:
    """Why a later event is not the main event told again, in words for the analyst: another
    time, another day, other towns, another patrol; None when nothing keeps them apart."""
    if ev.elsewhere_in_time and not _retells(article, ev.sentences, main.sentences):
        first = article.sentence(ev.sentences[0])
        when = expressions(first.text) if first else []
        return f"placed at another time ({when[0]})" if when else "placed at another time"
    if other_day(article, ev.sentences, main.sentences):
        return "told on another day"
    if _other_place(article, ev.sentences, main.sentences):
        towns = ", ".join(sorted(_towns(article, ev.sentences)))
        return f"in other towns ({towns})"
    if ev.patrol_number is not None and ev.patrol_number != main.patrol_number:
        if main.patrol_number is None:
            return f"patrol {ev.patrol_number}, while the main event names none"
        return f"patrol {ev.patrol_number}, not {main.patrol_number}"
    return None


def _restated(article: Article, facts: list[EventFacts], main: EventFacts) -> None:
    """News restates its lead further down ("What happened? Militants attacked a convoy..."):
    a later event of a compatible type, with no other patrol number and nothing placing it at
    another time (a time word, or a weekday the main event does not name) or in other towns, is
    the main event told again. A sentence that repeats most of the words of a
    lead sentence tells the main event again even with a time word ("last month", "on Sept. 26"
    after a lead that gave no date)."""
    for f in list(facts):
        ev = f.event
        if f is main or ev.anchor < main.event.anchor:
            continue
        apart = _kept_apart(article, ev, main.event)
        if apart:
            f.notes.append(f"separated from the main event: {apart}")
            continue
        if not _compatible(ev, main.event):
            continue
        main.event.sentences = sorted(set(main.event.sentences) | set(ev.sentences))
        main.event.patrol_number = main.event.patrol_number or ev.patrol_number
        _keep_outcome(main.event, ev)
        main.claims += f.claims
        main.place = main.place or f.place
        main.followed_by += [i for i in f.followed_by if i not in main.followed_by]
        facts.remove(f)

"""From the model's compact draft to a validated, grounded ArticleRecord.

Everything here is deterministic: sentence ids become exact quotes and spans, date words are
resolved against the article's anchor, numbers are checked against the words of their sentence,
and facts that cannot be grounded are dropped and listed in ``ArticleRecord.dropped``.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel
from rapidfuzz import fuzz

from .. import prose
from ..reading.attribution import Attribution, agents, attribute
from ..reading.figures import Figure, figures, kinds_named, uncounted
from ..reading.numbers import find_quantities
from ..reading.text import Article
from ..reading.when import expressions, resolve
from ..schema import (
    EXPLOSIVE_TYPES,
    ArticleRecord,
    CasualtyClaim,
    DroppedFact,
    EventDate,
    FollowOn,
    IncidentType,
    PatrolIncident,
    Perpetrator,
    ProgrammeStatement,
    ProgrammeStatus,
    VehicleDamage,
)
from . import blame, geo, places
from .dates import find_anchor, publication_date
from .drafts import ClaimDraft
from .evidence import RUNNING_TOTAL, casualty_sentences, incident_type
from .grounding import answered, evidence_text, numbers_in, sentence_quotes
from .proposals import EventFacts
from .salvage import salvage

M = TypeVar("M", bound=BaseModel)


def _claim(
    article: Article, sid: int, drafts: list[ClaimDraft], where: str, dropped: list[DroppedFact]
) -> list[CasualtyClaim]:
    """The claims of one sentence, one per group of people it counts. Killed and injured are
    read from the words that govern each number (``casualties.figures``), whatever the model
    answered; the model's figure is kept only where the words settle nothing, and only when the
    sentence writes it beside a kill or hurt word. Every correction is reported."""
    quotes, bad = sentence_quotes(article, [sid])
    if not quotes:
        dropped.append(DroppedFact(what=f"claim ({where})", reason=f"no sentence {bad}"))
        return []
    text = quotes[0].text
    found = figures(text)
    killed_f = next((f for f in found if f.kind == "killed"), None)
    injured_f = next((f for f in found if f.kind == "injured"), None)
    killed = killed_f.value if killed_f else None
    injured = injured_f.value if injured_f else None
    asked = drafts[0] if drafts else None
    if asked is not None:
        for name, value, ruled in (
            ("killed", asked.killed, killed_f),
            ("injured", asked.injured, injured_f),
        ):
            if value is None or (ruled is not None and ruled.value == value):
                continue
            other = {f.value for f in found if f.kind != name and f.value is not None}
            written = {q.value for q in find_quantities(text) if q.value is not None}
            if (
                ruled is None
                and value in written
                and name in kinds_named(text)
                and value not in other
            ):
                # the parse read no figure of this kind: the model's, written beside a word of
                # its kind, stands
                killed, injured = (value, injured) if name == "killed" else (killed, value)
            else:
                reason = (
                    f"the words of sentence [{sid}] give {_figures_text(found)}"
                    if found
                    else f"sentence [{sid}] does not say {value} {name}"
                )
                dropped.append(
                    DroppedFact(what=f"{name}={value} by {asked.claimant} ({where})", reason=reason)
                )
    vague = (found_vague := uncounted(text)) and found_vague[0]
    bounded = next(
        (f.words for f in (killed_f, injured_f) if f and (f.bound or f.value is None)), None
    )
    if killed is None and injured is None and vague is None and bounded is None:
        if asked is not None:
            dropped.append(
                DroppedFact(
                    what=f"claim by {asked.claimant} ({where})",
                    reason="the sentence gives no figure",
                )
            )
        return []
    # the sentences before, nearest first; attribution decides how far back it looks
    earlier = [t.text for i in range(sid - 1, 0, -1) if (t := article.sentence(i))]
    first_fig = next((f for f in (killed_f, injured_f) if f), None)
    att = attribute(text, first_fig.start if first_fig else None, earlier)
    via = att.reported_via
    claimant = _claimant(asked.claimant if asked else None, att, text)
    who = next((f.people for f in (killed_f, injured_f) if f and f.people), None)
    first = _draft(
        CasualtyClaim,
        claimant=claimant,
        reported_via=via,
        victims=_plural(_clean_people(who or _victims(text))),
        killed=killed,
        injured=injured,
        stated_as=bounded or vague,
        evidence=quotes,
    )
    return [first] + [
        _draft(
            CasualtyClaim,
            claimant=claimant,
            reported_via=via,
            victims=victims,
            killed=k.value if k else None,
            injured=i.value if i else None,
            stated_as=next((f.words for f in (k, i) if f and (f.bound or f.value is None)), None),
            evidence=quotes,
        )
        for victims, k, i in _other_groups(
            [f for f in found if f not in (killed_f, injured_f)], first.victims
        )
    ]


_BACK_REF = {"others", "other", "more", "people"}


def _other_groups(
    found: list[Figure], first: str
) -> list[tuple[str, Figure | None, Figure | None]]:
    """Figures of other groups of people in the same sentence ('13 soldiers and a policeman'):
    one claim per group, as the guidelines ask."""
    groups: dict[str, list[Figure]] = {}
    for f in found:
        if f.people and f.value is not None and f.people.split()[-1].lower() not in _BACK_REF:
            groups.setdefault(_plural(_clean_people(f.people)), []).append(f)
    out = []
    for victims, figs in groups.items():
        if victims == first or victims.split()[-1] == first.split()[-1]:
            continue
        k = next((f for f in figs if f.kind == "killed"), None)
        i = next((f for f in figs if f.kind == "injured"), None)
        out.append((victims, k, i))
    return out


def _figures_text(found: list[Figure]) -> str:
    return ", ".join(f"{f.words} {f.kind}" for f in found) or "no figure"


def _claimant(asked: str | None, att: Attribution, text: str) -> str | None:
    """Who makes the claim. The parse proposes the speakers of the sentence (``att``); the
    model's answer is taken when it names one of them, or, where the parse finds none that
    governs the figure, when the sentence writes it and it is not the one who did the act nor
    the relay. Otherwise the governing speaker the parse read, or the article's own voice."""
    name = answered(asked)
    if name is None:
        return att.claimant
    low = name.lower()
    if att.reported_via and low in att.reported_via.lower():
        return att.claimant
    for candidate in att.candidates:
        if fuzz.partial_ratio(low, candidate.lower()) >= 90:
            return candidate
    if att.claimant is not None or fuzz.partial_ratio(low, text.lower()) < 85:
        return att.claimant
    if any(fuzz.partial_ratio(low, a.lower()) >= 90 for a in agents(text)):
        return None  # the attacker is no source
    return name


def _victims(sentence: str) -> str:
    """Whose people, when no count names them: the people of a claim without a number
    ('Turkish troops have also been wounded' -> 'Turkish troops'), else 'people'."""
    found = uncounted(sentence)
    return found[1] if found else "people"


def _clean_people(phrase: str) -> str:
    """'other soldiers' -> 'soldiers'; 'of the soldiers' -> 'soldiers'."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in ("other", "of", "the", "its", "their", "more"):
        words = words[1:]
    return " ".join(words)


_IRREGULAR = {"man": "men", "woman": "women", "child": "children", "person": "people"}
_NO_PLURAL = ("staff", "personnel", "police", "crew", "people", "children", "men", "women")


def _plural(phrase: str) -> str:
    """Victims are a plural phrase (guidelines): 'Russian soldier' -> 'Russian soldiers',
    'serviceman' -> 'servicemen'."""
    *head, noun = phrase.split()
    low = noun.lower()
    if low.endswith(_NO_PLURAL) or low.endswith("s"):
        plural = noun
    elif low.endswith("man"):
        plural = noun[:-3] + "men"
    else:
        plural = _IRREGULAR.get(low, noun + "s")
    return " ".join([*head, plural])


def _event_date(ev: str, anchor: EventDate | None) -> EventDate:
    """The event's date: the first date expression of its sentences (``reading.when``), a full
    calendar date (its year written) first."""
    anchor_day = anchor.as_date() if anchor else None
    found = [resolve(words, anchor_day) for line in ev.split("\n") for words in expressions(line)]
    full = [d for d in found if d.precision == "day" and d.year and _full(d)]
    return (full or found or [EventDate()])[0]


def _full(d: EventDate) -> bool:
    """Whether the words state the year themselves ('Aug. 25, 2020')."""
    return any(w.isdigit() and len(w) == 4 for w in (d.text or "").replace(",", " ").split())


_VEHICLES = [
    (re.compile(r"\bone [A-Z]\w+ and one [A-Z]\w+ (?:\w+ )?vehicles?", re.I), 2),
    (
        re.compile(
            r"\b(?:a|an|one) (?:[\w-]+ ){0,3}vehicles? (?:in the convoy )?"
            r"(?:was|has been|had been) (?:\w+ )?(?:damaged|destroyed)",
            re.I,
        ),
        1,
    ),
    (re.compile(r"\b(?:damaged|destroyed) (?:an?|one) (?:[\w-]+ ){0,3}vehicle\b", re.I), 1),
]


_VEHICLES_COUNTED = re.compile(
    r"\b(?P<n>\w+) (?:[\w-]+ ){0,3}?(?:vehicles|trucks|cars|tanks|APCs|jeeps) "
    r"(?:were|had been|have been) (?:\w+ )?(?:damaged|destroyed)|"
    r"\b(?:damaged|destroyed) (?P<m>\w+) (?:[\w-]+ ){0,3}?(?:vehicles|trucks|cars|tanks|APCs)\b",
    re.I,
)


def _vehicle_count(ev: str) -> int | None:
    """Vehicles stated as damaged or destroyed, when the words say how many."""
    for rx, n in _VEHICLES:
        if rx.search(ev):
            return n
    m = _VEHICLES_COUNTED.search(ev)
    if m:
        values = numbers_in(m["n"] or m["m"])
        return max(values) if values else None
    return None


# Actions that plainly follow an incident: a sentence within the event's span (after its first
# sentence, up to the one right after its last) that says one is a follow-on even when the model
# did not list it (``_follow_on_ids``).
_AFTERMATH_WORDS = (
    r"evacuat\w*|airlift\w*|flown to|taken to|for treatment|airstrikes?|air strikes?|"
    r"withdr[ae]w\w*|suspend\w*|delayed|called off|cancel\w*|retaliat\w*|investigations?|"
    r"return\w* (?:safely )?to|left the area|dispatch\w*|reinforcements|arrest\w*|"
    r"sent (?:in )?(?:a team|troops|reinforcements|\w+ helicopters)|search (?:is|was) under way"
)
_AFTERMATH = re.compile(rf"\b({_AFTERMATH_WORDS})\b", re.I)
# A sentence the model lists as a follow-on may name a wider action ("strikes", "raids", "the
# road was closed"); every aftermath word is one, so a sentence the rules pick is never dropped
# as naming none.
_FOLLOW_ON = re.compile(
    rf"\b({_AFTERMATH_WORDS}|strikes?|withdr\w*|flown|launched|closed|delay\w*|hospital\w*|"
    r"treatment|pulled|sealed|raid\w*|shell\w*|bombard\w*|investigat\w*)\b",
    re.I,
)


def _follow_on(
    article: Article, ids: list[int], where: str, dropped: list[DroppedFact]
) -> list[FollowOn]:
    """What followed, in the sentence's own words: one entry per action, each the clause from
    its action word. Actions in separate clauses are separate entries ("had ordered
    reinforcements to the scene, ..., and had sent attack helicopters" is two); verbs joined in
    one clause are one ("left the area and returned safely to its base")."""
    out: list[FollowOn] = []
    for sid in ids:
        quotes, _ = sentence_quotes(article, [sid])
        text = quotes[0].text if quotes else ""
        last = -1
        found = False
        for m in _FOLLOW_ON.finditer(text):
            if last >= 0 and not re.search(r"[,;]", text[last : m.start()]):
                continue  # the same clause ("left the area and returned to base"): one action
            clause = re.split(r"[;,.]\s|\s(?:and|but|while)\s", text[m.start() :])[0]
            last = m.start() + len(clause)
            out.append(_draft(FollowOn, description=clause.strip()[:120], evidence=quotes))
            found = True
        if not found:
            dropped.append(
                DroppedFact(
                    what=f"follow-on in sentence [{sid}] ({where})",
                    reason="the sentence names no action (evacuation, strike, suspension...)",
                )
            )
    return out


def _refined_type(itype: IncidentType, ev: str) -> IncidentType:
    """The event's type, refined by the whole evidence (claim and follow-on sentences too): an
    unnamed blast whose device a later sentence names ("A mine exploded under the convoy") takes
    that device; an "other" event takes the type its evidence names."""
    whole = incident_type(ev)
    if itype == IncidentType.explosion_unspecified and whole in EXPLOSIVE_TYPES:
        return whole
    if itype == IncidentType.other and whole not in (IncidentType.no_incident, IncidentType.other):
        return whole
    return itype


def _incident(
    article: Article,
    f: EventFacts,
    anchor: EventDate | None,
    n: int,
    dropped: list[DroppedFact],
    taken: set[int],
) -> PatrolIncident | None:
    """``taken``: sentences of the article's other events (a claim there is theirs)."""
    where = f"incident {n}"
    claim_ids = sorted(
        sid
        for sid in set(casualty_sentences(article, f.event.sentences))
        | {c.sentence for c in f.claims if c.sentence not in taken and article.sentence(c.sentence)}
        if (t := article.sentence(sid)) is not None and not RUNNING_TOTAL.search(t.text)
    )
    head = article.headline_sentence()
    if head is not None and head.id in claim_ids and len(claim_ids) > 1:
        claim_ids.remove(head.id)  # the headline tells the body's figure in short: not a claim
    quotes, bad = sentence_quotes(article, sorted(set(f.event.sentences) | set(claim_ids)))
    if not quotes:
        dropped.append(DroppedFact(what=where, reason=f"no evidence sentence (ids {bad})"))
        return None
    ev = evidence_text(quotes)
    claims = [
        c
        for sid in claim_ids
        for c in _claim(
            article, sid, _drafts_for(article, sid, f.claims, claim_ids), where, dropped
        )
    ]
    itype = _refined_type(f.event.incident_type, ev)
    if itype == IncidentType.no_incident and any(c.killed or c.injured for c in claims):
        itype = IncidentType.other
    vehicles = _vehicle_count(ev)
    location = places.location(f.place, ev)
    no_incident = itype == IncidentType.no_incident
    return _draft(
        PatrolIncident,
        role=f.event.role,
        incident_type=itype,
        date=_event_date(ev, anchor),
        patrol_number=f.event.patrol_number,
        forces=geo.forces_of(ev)
        or geo.forces_of(" ".join(s.text for s in article.sentences))
        or geo.home_forces(ev, location.country),
        location=location,
        casualty_claims=claims,
        vehicles_damaged=_draft(
            VehicleDamage,
            count=None if no_incident else vehicles,
            owners=geo.owners_in(ev) if vehicles and not no_incident else [],
        ),
        perpetrator=Perpetrator()
        if no_incident
        else blame.perpetrator(
            f.blamed, ev, where, dropped, crowd=itype == IncidentType.protest_obstruction
        ),
        outcome=f.event.outcome,
        notes="; ".join(f.notes) or None,
        follow_on=[]
        if no_incident
        else _follow_on(article, _follow_on_ids(article, f, taken), where, dropped),
        evidence=quotes,
    )


def _follow_on_ids(article: Article, f: EventFacts, taken: set[int]) -> list[int]:
    ids = sorted(f.event.sentences)
    candidates = list(range(ids[0] + 1, ids[-1] + 2)) if ids else []
    ruled = [
        sid
        for sid in candidates
        if sid not in taken
        and (s := article.sentence(sid)) is not None
        and _AFTERMATH.search(s.text)
        and not any(f.value is not None for f in figures(s.text))
    ]
    return sorted(set(f.followed_by) | set(ruled))


def _drafts_for(
    article: Article, sid: int, drafts: list[ClaimDraft], claim_ids: list[int]
) -> list[ClaimDraft]:
    """The model's claims for a sentence; when it put them on a sentence that is no claim
    sentence of the event, a claim whose claimant this sentence names (its figures are re-read
    from this sentence anyway). A claim placed on another claim sentence is that sentence's."""
    own = [d for d in drafts if d.sentence == sid]
    s = article.sentence(sid)
    if own or s is None:
        return own
    text = s.text.lower()
    astray = [d for d in drafts if d.sentence not in claim_ids]
    return [d for d in astray if d.claimant and d.claimant.strip().lower() in text][:1]


def assemble(
    article: Article,
    facts: list[EventFacts],
    programme: list[tuple[ProgrammeStatus, list[int]]],
    dropped: list[DroppedFact] | None = None,
) -> ArticleRecord:
    dropped = [] if dropped is None else dropped
    published, anchor_date = dating(article)
    incidents = []
    for n, f in enumerate(facts):
        others = {i for g in facts if g is not f for i in g.event.sentences}
        if (inc := _incident(article, f, anchor_date, n, dropped, others)) is not None:
            incidents.append(inc)
    statements = []
    for status, ids in programme:
        quotes, _ = sentence_quotes(article, ids)
        if quotes:
            statements.append(
                _draft(
                    ProgrammeStatement,
                    status=status,
                    description=quotes[0].text,
                    date=_event_date(evidence_text(quotes), anchor_date),
                    evidence=quotes,
                )
            )
    return finish(article, published, incidents, statements, dropped)


def dating(article: Article) -> tuple[EventDate | None, EventDate | None]:
    """The article's publication date, and the anchor its relative dates are read against."""
    published = publication_date(article.raw)
    anchor = find_anchor(article, published.as_date() if published else None)
    return published, resolve(anchor.isoformat(), None) if anchor else None


def finish(
    article: Article,
    published: EventDate | None,
    incidents: list[PatrolIncident],
    statements: list[ProgrammeStatement],
    dropped: list[DroppedFact],
) -> ArticleRecord:
    """The record from its unvalidated parts: validated once (``salvage`` drops exactly the
    values that fail), then its briefs written from what survived."""
    draft = ArticleRecord.model_construct(
        article_id=article.article_id,
        headline=article.headline,
        outlet=article.outlet,
        published=published,
        summary="",
        incidents=incidents,
        programme=statements,
        dropped=dropped,
    )
    record = salvage(draft.model_dump(warnings=False), article.article_id)
    # briefs are written from what survived validation, so they never state a dropped value
    incidents_ok = [i.model_copy() for i in record.incidents]
    notes = list(record.dropped)
    summary = prose.write_briefs(incidents_ok, record.programme, notes)
    content = record.incidents or record.programme
    return record.model_copy(
        update={
            "summary": summary,
            "incidents": incidents_ok,
            "dropped": notes,
            "no_patrol_content": None if content else "no patrol event found in the text",
        }
    )


def _draft(model: type[M], **values: Any) -> M:
    """A part of the record built without validation: ``salvage`` validates the whole record
    once and drops exactly the values that fail, so one bad value never costs the article."""
    return model.model_construct(**values)

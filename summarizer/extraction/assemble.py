"""From the model's compact draft to a validated, grounded ArticleRecord.

Everything here is deterministic: sentence ids become exact quotes and spans, date words are
resolved against the article's anchor, numbers are checked against the words of their sentence,
and facts that cannot be grounded are dropped and listed in ``ArticleRecord.dropped``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .. import prose
from ..schema import (
    ArticleRecord,
    AttributionStatus,
    CasualtyClaim,
    DroppedFact,
    EventDate,
    FollowOn,
    GeoPrecision,
    IncidentType,
    Location,
    PatrolIncident,
    Perpetrator,
    ProgrammeStatement,
    ProgrammeStatus,
    VehicleDamage,
)
from . import geo
from .dates import DATE_EXPRESSIONS, find_anchor, resolve
from .drafts import ClaimDraft, DetailsAnswer
from .evidence import EVENT_WORDS, Event
from .grounding import (
    casualty_numbers,
    count_before,
    evidence_text,
    people_in,
    sentence_quotes,
)
from .lexicon import HURT_WORDS, KILL_WORDS
from .text import Article

_VAGUE = re.compile(
    r"\b(at least \w+|more than \w+|several|some|a number of|dozens|scores|many|"
    r"(?:have |has |were |was )?also (?:been )?(?:wounded|injured|hurt)|"
    r"none of [\w ]+? (?:were|was) (?:hurt|injured|wounded)|"
    r"no [\w ]+? (?:were|was) (?:hurt|injured)|"
    r"claims? of [\w ]*casualties|slightly injured|seriously injured)\b",
    re.I,
)
_VIA = [
    re.compile(r"[Aa]ccording to (?:the )?(?P<v>[A-Z][\w-]*(?: [A-Z][\w-]*)*)(?: news agency)?"),
    re.compile(r"\btold (?P<v>[A-Z][\w-]*(?: [A-Z][\w-]*)*)"),
    re.compile(r"\b(?:cited by|quoted by) (?:the )?(?P<v>[A-Z][\w-]*(?: [A-Z][\w-]*)*)"),
]
_NEAR = re.compile(r"\b(near|outside|outskirts of|close to|km|kilometers|kilometres|miles)\b", re.I)


_NULLISH = {"", "null", "none", "unknown", "n/a", "not stated", "unnamed"}


def _in_text(value: str | None, text: str) -> str | None:
    """The value when the article writes it (ignoring case), else None."""
    if not value or value.strip().lower() in _NULLISH:
        return None
    v = value.strip()
    return v if v.lower() in text.lower() else None


def _claim(
    article: Article, sid: int, c: ClaimDraft, where: str, dropped: list[DroppedFact]
) -> CasualtyClaim | None:
    quotes, bad = sentence_quotes(article, [sid])
    if not quotes:
        dropped.append(
            DroppedFact(what=f"claim by {c.claimant} ({where})", reason=f"no sentence {bad}")
        )
        return None
    text = quotes[0].text
    nums = casualty_numbers(text)
    killed, injured = c.killed, c.injured
    if killed and not KILL_WORDS.search(text) and HURT_WORDS.search(text) and injured is None:
        killed, injured = None, killed  # "three soldiers were injured" is not killed = 3
    for name, value in (("killed", killed), ("injured", injured)):
        if value is not None and value not in nums:
            dropped.append(
                DroppedFact(
                    what=f"{name}={value} by {c.claimant} ({where})",
                    reason=f"the number is not in sentence [{sid}]",
                )
            )
            if name == "killed":
                killed = None
            else:
                injured = None
    vague = _VAGUE.search(text)
    if killed is None and injured is None and vague is None:
        dropped.append(
            DroppedFact(
                what=f"claim by {c.claimant} ({where})", reason="the sentence gives no figure"
            )
        )
        return None
    if _NONE_HURT.search(text) and (killed or injured):
        killed, injured = 0, 0  # "none of its soldiers were hurt"
    via = next((m["v"] for rx in _VIA if (m := rx.search(text))), None)
    claimant = _claimant(c.claimant, text, via)
    return CasualtyClaim(
        claimant=claimant,
        reported_via=via,
        victims=_victims(c.victims, text, where, dropped),
        killed=killed,
        injured=injured,
        stated_as=vague.group(0) if vague else None,
        evidence=quotes,
    )


_NONE_HURT = re.compile(
    r"\b(none|no one|nobody|no)\b[^.]{0,40}\b(hurt|injured|wounded|killed|casualties)\b", re.I
)
_SPEECH = re.compile(
    r"\b(said|says|stated|states|told|according|reported|reports|claimed|claims|confirmed|"
    r"announced|tweeted|quoted|citing|cited|added|alleged)\b",
    re.I,
)
_SUBJECT = re.compile(
    r"(?:^|,\s+|\bthat\s+)(?:the\s+)?(?P<who>[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)\s+"
    r"(?:said|says|stated|told|announced|confirmed|reported|tweeted|claimed)\b"
)


def _claimant(asked: str | None, text: str, via: str | None) -> str | None:
    """Who makes the claim. No attribution verb in the sentence means the article's own voice
    (null). A relaying agency is not the claimant: the speaker of the sentence is."""
    if not _SPEECH.search(text):
        return None
    name = asked.strip() if asked and asked.strip().lower() not in _NULLISH else None
    if name and via and name.lower() in via.lower():
        name = None
    if name and fuzz.partial_ratio(name.lower(), text.lower()) < 85:
        name = None
    if name is None:
        m = _SUBJECT.search(text)
        name = m.group("who").strip() if m else None
    return name


def _victims(asked: str, sentence: str, where: str, dropped: list[DroppedFact]) -> str:
    """Whose people, as the sentence words it: 'three soldiers' -> 'soldiers' (the count lives
    in killed/injured). An answer the sentence does not contain is replaced by the people noun
    the sentence counts, and the replacement is reported."""
    words = asked.strip().split()
    while words and (words[0].lower() in _NUMBER_PREFIX or words[0].isdigit()):
        words = words[1:]
    answer = " ".join(words)
    if answer and fuzz.partial_ratio(answer.lower(), sentence.lower()) >= 85:
        return answer
    found = people_in(sentence)
    dropped.append(
        DroppedFact(
            what=f"victims '{asked}' ({where})",
            reason=f"not in the claim's sentence; recorded as '{found or 'people'}'",
        )
    )
    return found or "people"


_NUMBER_PREFIX = {
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "at", "least", "some", "several", "the", "no", "none", "of", "its",
}  # fmt: skip


# A place name: capitalised words, with Arabic article particles ("Urum al-Jawz", "Tell as-Sabi").
_NAME = r"[A-Z][\w'’-]*(?:[ -](?:(?:al|el|as|ash|ad|an|ar|at|az)-)?[A-Z][\w'’-]*)*"
_TOWN_OF = re.compile(r"\b(?:town|village|city|district) of (?P<n>" + _NAME + ")")
_IN_TOWN = re.compile(
    r"\b(?:in|near|outside) (?P<n>[A-Z][\w'’-]+(?:[ -][a-z]{2}-[A-Z][\w'’-]+)?),\s+"
    r"(?:southern|northern|eastern|western|central|north\w*|south\w*)\s+[A-Z]"
)
_ADMIN = [
    re.compile(
        r"\b(?:southern|northern|eastern|western|central|north-?western|north-?eastern|"
        r"south-?western|south-?eastern)\s+(?P<n>[A-Z][\w'’-]+)"
    ),
    re.compile(r"\b(?P<n>[A-Z][\w'’-]+)\s+(?:province|governorate|region|oblast|district)\b"),
    re.compile(r"\b(?:province|governorate|region) of (?:Greater )?(?P<n>[A-Z][\w'’-]+)"),
]


def _location(article: Article, d: DetailsAnswer | None, ev: str) -> Location:
    """Place and province from the event's own sentences: written patterns first ('the town of
    X', 'in X, southern Y', 'Y province'), then the model's answer when the sentences contain it
    and it is neither a country nor the province. A route between two towns has no place."""
    towns = list(dict.fromkeys(m["n"] for rx in (_TOWN_OF, _IN_TOWN) for m in rx.finditer(ev)))
    admins = [m["n"] for rx in _ADMIN for m in rx.finditer(ev)]
    admins = [a for a in admins if geo.country_of(a) is None and a not in towns]
    admin1 = admins[0] if admins else None
    asked_admin = _proper_noun(d.province if d else None, ev)
    if admin1 is None and asked_admin and geo.country_of(asked_admin) is None:
        admin1 = asked_admin.removeprefix("Greater ")
    place = towns[0] if len(towns) == 1 else None
    asked = _proper_noun(d.place if d else None, ev)
    if (
        place is None
        and not towns
        and asked
        and geo.country_of(asked) is None
        and asked.removeprefix("Greater ") != admin1
    ):
        place = asked
    if place:
        idx = ev.find(place)
        before = ev[max(0, idx - 40) : idx] if idx >= 0 else ""
        precision = GeoPrecision.near_town if _NEAR.search(before) else GeoPrecision.town
    elif admin1:
        precision = GeoPrecision.region
    else:
        precision = GeoPrecision.unknown
    countries = geo.countries_in(ev)
    return Location(
        place=place,
        road=_road(ev),
        admin1=admin1,
        country=countries[0] if countries else None,
        geo_precision=precision,
    )


def _proper_noun(value: str | None, text: str) -> str | None:
    """A place name the article writes with a capital ('Idlib', not 'northwestern')."""
    v = _in_text(value, text)
    return v if v is not None and v[:1].isupper() else None


def _event_date(ev: str, anchor: EventDate | None) -> EventDate:
    """The first date expression of the event's sentences, a full calendar date first."""
    anchor_day = anchor.as_date() if anchor else None
    for rx in DATE_EXPRESSIONS:
        m = rx.search(ev)
        if m:
            return resolve(m.group(0), anchor_day)
    return EventDate()


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


def _vehicle_count(ev: str) -> int | None:
    """Vehicles damaged when the words say it plainly; otherwise the model's count is used."""
    for rx, n in _VEHICLES:
        if rx.search(ev):
            return n
    return None


def _road(text: str) -> str | None:
    """A highway designation such as 'M4', 'N1', 'E40', 'Route 7'."""
    m = re.search(r"\b([A-Z]{1,2}-?\d{1,3})\s+(?:highway|road|motorway|expressway)\b", text)
    if m:
        return m.group(1).replace("-", "")
    m = re.search(r"\b(?:highway|route|road)\s+([A-Z]{0,2}-?\d{1,3})\b", text, re.I) or re.search(
        r"\bthe ([A-Z]{1,2}-?\d{1,3})\b", text
    )
    return m.group(1).upper().replace("-", "") if m else None


_FOLLOW_ON = re.compile(
    r"\b(evacuat\w*|airstrikes?|air strikes?|strikes?|withdr\w*|flown|taken to|retaliat\w*|"
    r"launched|closed|suspend\w*|delay\w*|arrest\w*|hospital\w*|treatment|called off|"
    r"pulled|sealed|raid\w*|shell\w*|bombard\w*|investigat\w*)\b",
    re.I,
)
_BLAME = re.compile(
    r"\b(blam\w*|claim\w* responsibility|responsib\w*|accus\w*|attribut\w*|carried out by|"
    r"behind the|perpetrat\w*)\b",
    re.I,
)
_ACTS = r"(attacked|damaged|targeted|detonated|fired|ambushed|planted|struck|bombed)"


def _blamed(name: str, ev: str) -> bool:
    """Whether a sentence names the group as responsible, not merely mentions it."""
    for sentence in re.split(r"(?<=[.!?])\s+", ev):
        if name.lower() not in sentence.lower():
            continue
        if _BLAME.search(sentence) or re.search(
            rf"{re.escape(name)}\s+(?:\w+\s+)?{_ACTS}", sentence, re.I
        ):
            return True
    return False


def _perpetrator(
    details: DetailsAnswer | None, ev: str, where: str, dropped: list[DroppedFact]
) -> Perpetrator:
    asked = details.perpetrator if details else None
    if asked is None or asked.strip().lower() in _NULLISH:
        return Perpetrator()
    name = _in_text(asked, ev)
    if name is None or EVENT_WORDS.search(name) or not _blamed(name, ev):
        # "suicide bombing" is what happened, not who did it; a name must be blamed in the text
        dropped.append(
            DroppedFact(
                what=f"perpetrator '{asked}' ({where})",
                reason="the event's sentences do not blame it for this event",
            )
        )
        return Perpetrator()
    claimed = re.search(r"\bclaimed (responsibility|the attack)", ev, re.I) and not re.search(
        r"\b(no (group|one)|nobody)\b[^.]*claimed", ev, re.I
    )
    return Perpetrator(
        name=name, status=AttributionStatus.claimed if claimed else AttributionStatus.suspected
    )


@dataclass
class EventFacts:
    """An event found by the rules and what the questions about it gave."""

    event: Event
    claims: list[tuple[int, ClaimDraft]]
    details: DetailsAnswer | None


def _incident(
    article: Article, f: EventFacts, anchor: EventDate | None, n: int, dropped: list[DroppedFact]
) -> PatrolIncident | None:
    where = f"incident {n}"
    quotes, bad = sentence_quotes(article, f.event.sentences)
    if not quotes:
        dropped.append(DroppedFact(what=where, reason=f"no evidence sentence (ids {bad})"))
        return None
    ev = evidence_text(quotes)
    claims = [c for sid, dc in f.claims if (c := _claim(article, sid, dc, where, dropped))]
    itype = f.event.incident_type
    if itype == IncidentType.no_incident and any(c.killed or c.injured for c in claims):
        itype = IncidentType.other
    asked = f.details.vehicles_damaged if f.details else None
    vehicles = _vehicle_count(ev)
    if vehicles is None:
        written = count_before(r"vehicles?", ev) | count_before(
            r"(?:armou?red )?(?:cars?|trucks?|tanks?)", ev
        )
        vehicles = asked if asked is not None and asked in written else None
    if asked is not None and vehicles is None:
        dropped.append(
            DroppedFact(
                what=f"vehicles_damaged={asked} ({where})",
                reason="the number is not in the incident's sentences",
            )
        )
    details = f.details
    if itype == IncidentType.no_incident:
        vehicles = None
        details = (
            details.model_copy(update={"perpetrator": None, "follow_on": []}) if details else None
        )
    follow = []
    for fo in details.follow_on if details else []:
        fq, _ = sentence_quotes(article, [fo.sentence])
        if (
            fq
            and _FOLLOW_ON.search(fo.action)
            and fuzz.token_set_ratio(fo.action, fq[0].text) >= 60
        ):
            follow.append(FollowOn(description=fo.action.strip(), evidence=fq))
        else:
            dropped.append(
                DroppedFact(
                    what=f"follow-on '{fo.action[:60]}' ({where})",
                    reason=f"sentence [{fo.sentence}] does not say it",
                )
            )
    return PatrolIncident(
        role=f.event.role,
        incident_type=itype,
        date=_event_date(ev, anchor),
        patrol_number=f.event.patrol_number,
        forces=geo.forces_in(ev) or geo.forces_in(" ".join(s.text for s in article.sentences)),
        location=_location(article, details, ev),
        casualty_claims=claims,
        vehicles_damaged=VehicleDamage(
            count=vehicles, owners=geo.owners_in(ev) if vehicles else []
        ),
        perpetrator=_perpetrator(details, ev, where, dropped),
        outcome=f.event.outcome,
        follow_on=follow,
        evidence=quotes,
    )


def assemble(
    article: Article,
    facts: list[EventFacts],
    programme: list[tuple[ProgrammeStatus, list[int]]],
) -> ArticleRecord:
    dropped: list[DroppedFact] = []
    anchor = find_anchor(article)
    anchor_date = resolve(anchor.isoformat(), None) if anchor else None
    incidents = [
        inc
        for n, f in enumerate(facts)
        if (inc := _incident(article, f, anchor_date, n, dropped)) is not None
    ]
    statements = []
    for status, ids in programme:
        quotes, _ = sentence_quotes(article, ids)
        if quotes:
            statements.append(
                ProgrammeStatement(
                    status=status,
                    description=quotes[0].text,
                    date=_event_date(evidence_text(quotes), anchor_date),
                    evidence=quotes,
                )
            )
    return ArticleRecord(
        article_id=article.article_id,
        headline=article.headline,
        outlet=article.outlet,
        summary=prose.write_briefs(incidents, statements, dropped),
        incidents=incidents,
        programme=statements,
        dropped=dropped,
        no_patrol_content=None if incidents or statements else "no patrol event found in the text",
    )

"""Finding the events in an article and the sentences that speak of each, by rules a reader can
check. The model is not asked to segment the article: small models list the headline, the lead
and the context as separate "events", or lump everything into one. Rules do this reliably for
news about patrols and convoys, and the model is then asked focused questions about each event.

- An event starts at a sentence that mentions a patrol or convoy together with something that
  happened to it (an attack, a blast, casualties, a completed route, "no incidents"), or that
  states a patrol's ordinal ("the 26th joint patrol").
- Following sentences join the event while they carry event words and stay close (``MAX_GAP``),
  unless they place what they tell at another time ("earlier", "last month", "On July 4").
- Sentences that state the same patrol ordinal belong to the same event; a different ordinal
  starts another event.
- The incident type, outcome and role come from the event's own words (``reading.acts``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..reading.acts import acts
from ..reading.lexicon import LEADING_ONLY_ACTS
from ..reading.numbers import ORDINAL, read_number
from ..reading.text import Article
from ..schema import IncidentType, Outcome, ProgrammeStatus, Role
from .grounding import numbers_in
from .lexicon import HURT_WORDS, KILL_WORDS, WEEKDAY_NAME

# One patrol or convoy (singular): "attacks on convoys escalated" is context, not an event.
PATROL_WORDS = re.compile(r"\b(patrol|convoy|escort|column)\b", re.I)
EVENT_WORDS = re.compile(
    r"\b(attack\w*|assault\w*|ambush\w*|bomb\w*|blast\w*|explo\w*|ied|(?:land)?mines?|"
    r"rockets?|rpgs?|gunfire|small[- ]arms|shot|fired|shell\w*|injur\w*|wound\w*|hurt|kill\w*|dead|"
    r"casualt\w*|damag\w*|destroy\w*|evacuat\w*|airstrikes?|air strikes?|called off|"
    r"responsib\w*|targeted|struck|hit|tow\w*|stones?|ston(?:ed|ing)|stone-throwing|protest\w*|"
    r"blocked|intercept\w*|collid\w*|collision|overturn\w*|incidents?|held up|complet\w*|"
    r"detain\w*|abduct\w*|kidnap\w*|hostages?|captur\w*)\b",
    re.I,
)
_ORD = rf"({ORDINAL})"
# Ordinal words below ten rank rather than number in news prose: "the first patrol to complete
# the route", "a second blast hit the convoy". From "tenth" on, and as numerals, they number.
_MIN_WORD_ORDINAL = 10
ORDINAL_NEAR_PATROL = [
    re.compile(_ORD + r"(?=[^.]{0,60}\b(?:patrol|convoy))", re.I),
    re.compile(r"\b(?:patrol|convoy)\b[^.]{0,60}?\bthe\s+" + _ORD, re.I),
]
# A following sentence refers back to the event ("the blast", "the injured soldiers") or gives
# a casualty figure; generic context ("periodic bombings in the area") does not.
DEFINITE = re.compile(
    r"\b(the|its|this)\s+(?:[\w-]+\s+){0,2}(attack|blast|explosion|bomb\w*|incidents?|patrol|"
    r"convoy|injur\w*|wounded|vehicles?|ambush|injuries|casualties|route)\b",
    re.I,
)
MAX_GAP = 2  # a sentence joins an event at most this many sentences after its last one
LEAD = 3  # an event stated in the first sentences (headline, lead) is the article's main event
# A dateline ("ISTANBUL") or a photo credit ("(AFP Photo)") does not count as a lead sentence.
NOT_LEAD = re.compile(r"\(.*\)|[^a-z]*")
# A sentence that places its numbered patrol at another time is not about the current event.
OTHER_EVENT = re.compile(
    r"\b(earlier|previous\w*|prior|similar|another|last (week|month|year|attack|time)|"
    r"(?:in )?a separate (?:\w+ )?(?:incident|encounter|attack|ambush|clash|raid)|"
    r"(days|weeks|months|years) (ago|earlier|before))\b",
    re.I,
)
# A sentence that opens on its own date ("On July 4, ...", "In May 2019, ...") tells an event of
# that date, not the one the article leads with.
DATED_OPENING = re.compile(
    r"\s*(?:On|In|Since|By)\s+(?:\w+\s+){0,2}?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|\d{4})\b"
)
_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\b"
)
# "August 12th" or "12th of August": a day of the month, not a patrol ordinal.
_DAY_OF_MONTH = re.compile(rf"\b{_MONTH}\.?\s*$|^\s*(of\s+)?{_MONTH}", re.I)

NO_INCIDENT = re.compile(
    r"\b(no incidents?|without (any )?incidents?|complet\w* (its|the|their)( entire| full)? route|"
    r"to complete the route|went as planned|passed (off )?peacefully)\b",
    re.I,
)
OUTCOME_RULES: list[tuple[Outcome, re.Pattern[str]]] = [
    (
        Outcome.called_off,
        re.compile(
            r"\b(called off|cancel\w*|abort\w*|turned back|cut short|without completing|"
            r"forc\w* (?:the \w+ |it |them )?to (?:return|turn back|withdraw)|"
            r"prevented (?:it |them )?from (?:reaching|completing))\b",
            re.I,
        ),
    ),
    (
        Outcome.completed,
        re.compile(
            r"\b(complet\w* (its|the|their)( entire| full)? route|completed the patrol)\b",
            re.I,
        ),
    ),
]
PROGRAMME_RULES: list[tuple[ProgrammeStatus, re.Pattern[str]]] = [
    (ProgrammeStatus.planned_resumption,
     re.compile(r"\b((set|plan\w*|expected|due|agreed) to (resume|recommence|restart)|"
                r"plans are underway|to resume)\b", re.I)),
    (ProgrammeStatus.resumed, re.compile(r"\b(resum\w*|recommenc\w*|restart\w*)\b", re.I)),
    (ProgrammeStatus.suspended, re.compile(r"\b(suspen\w*|halted|paused|hiatus)\b", re.I)),
    (ProgrammeStatus.started,
     re.compile(r"\b(first (joint )?patrols?|initiated|launched|began|started)\b", re.I)),
    (ProgrammeStatus.agreement, re.compile(r"\b(agreement|agreed|deal|accord|memorandum)\b", re.I)),
]  # fmt: skip


def ordinals(text: str) -> set[int]:
    """Patrol ordinals a sentence states (``numbers.ORDINAL``): 'the 26th joint patrol', 'its
    60,000th patrol', 'the twenty-sixth patrol'; in 'the first patrol to ... was the 23th' only
    23. A day of the month ('August 12th', '12th of August') is not one."""
    found: set[int] = set()
    for rx in ORDINAL_NEAR_PATROL:
        for m in rx.finditer(text):
            before, after = text[: m.start(1)], text[m.end() :]
            q = read_number(m.group(1))
            if q is None or q.value is None:
                continue
            if not m.group(1)[0].isdigit() and q.value < _MIN_WORD_ORDINAL:
                continue
            if not (_DAY_OF_MONTH.search(before) or _DAY_OF_MONTH.match(after)):
                found.add(q.value)
    return found


@dataclass
class Event:
    """An event found by the rules: its sentences and what its words say."""

    sentences: list[int] = field(default_factory=list)
    patrol_number: int | None = None
    incident_type: IncidentType = IncidentType.other
    outcome: Outcome = Outcome.unknown
    role: Role = Role.background
    elsewhere_in_time: bool = False  # its first sentence places it earlier ("last week")
    named_act: bool = False  # its type comes from a named device or act, not "an attack"

    @property
    def anchor(self) -> int:
        return self.sentences[0]


def _continues(text: str) -> bool:
    figure = (HURT_WORDS.search(text) or KILL_WORDS.search(text)) and numbers_in(text)
    return bool(
        EVENT_WORDS.search(text) and (PATROL_WORDS.search(text) or DEFINITE.search(text) or figure)
    )


# A patrol or convoy introduced with an indefinite article ("a convoy ... was stoned", "another
# patrol came under fire") is a new one, not the patrol of the sentences before ("the convoy").
_NEW_PATROL = re.compile(
    r"\b(?:a|an|another)\s+(?:[\w-]+\s+){0,3}?(?:patrol|convoy)\b"
    r"(?!\s+(?:vehicles?|cars?|trucks?|members?|leaders?|base|route|commanders?))",
    re.I,
)


def _new_patrol(article: Article, sid: int, text: str) -> bool:
    """After the headline and lead (which introduce the event twice by nature), a sentence that
    introduces a patrol or convoy with an indefinite article tells a new event."""
    return bool(_NEW_PATROL.search(text) and _starts_event(text) and not in_lead(article, [sid]))


def elsewhere_in_time(text: str) -> bool:
    """A sentence that places what it tells at another time ("The last attack on the convoy
    was on May 2", "On July 4, ...") tells another event, not the one it follows."""
    return bool(OTHER_EVENT.search(text) or DATED_OPENING.match(text))


_WEEKDAY = re.compile(rf"\b{WEEKDAY_NAME}\b")
_WEEKDAY_OPENING = re.compile(rf"\s*On\s+(?P<day>{WEEKDAY_NAME})\b")


def other_day(article: Article, ids: list[int], main_ids: list[int]) -> bool:
    """Whether an event opens on a weekday other than the ones the main event's sentences name
    ("On Saturday, two soldiers were killed when their convoy came under attack" after a lead on
    Sunday). A main event that names no weekday says nothing against it."""
    first = article.sentence(ids[0]) if ids else None
    opening = _WEEKDAY_OPENING.match(first.text) if first else None
    if opening is None:
        return False
    days = {d for i in main_ids if (s := article.sentence(i)) for d in _WEEKDAY.findall(s.text)}
    return bool(days) and opening["day"] not in days


def _starts_event(text: str) -> bool:
    return bool(PATROL_WORDS.search(text) and (EVENT_WORDS.search(text) or ordinals(text)))


def find_events(article: Article) -> list[Event]:
    events: list[Event] = []
    current: Event | None = None
    last_id = -99
    for s in article.sentences:
        ords = ordinals(s.text)
        owner: Event | None = None
        if ords:
            owner = next((e for e in events if e.patrol_number in ords), None)
            if owner is None and current is not None and current.patrol_number is None:
                near = s.id - last_id <= MAX_GAP
                owner = current if near and not OTHER_EVENT.search(s.text) else None
            if owner is None:
                owner = Event()
                events.append(owner)
            if owner.patrol_number is None:
                owner.patrol_number = min(ords)
        elif (
            current is not None
            and s.id - last_id <= MAX_GAP
            and _continues(s.text)
            and not elsewhere_in_time(s.text)
            and not other_day(article, [s.id], current.sentences)
            and not _new_patrol(article, s.id, s.text)
        ):
            owner = current
        elif _starts_event(s.text):
            owner = Event()
            events.append(owner)
        if owner is not None:
            owner.sentences.append(s.id)
            current, last_id = owner, s.id
    for ev in events:
        describe(article, ev)
    lead = [e for e in events if in_lead(article, e.sentences)]
    if lead:
        lead[0].role = Role.main
    return events


def describe(article: Article, ev: Event) -> Event:
    """Type and outcome from the event's own words; the ordinal when the rules did not set it."""
    text = " ".join(t.text for i in ev.sentences if (t := article.sentence(i)))
    first = article.sentence(ev.sentences[0]) if ev.sentences else None
    ev.elsewhere_in_time = bool(first and elsewhere_in_time(first.text))
    ev.incident_type, ev.named_act = typed(
        "\n".join(t.text for i in ev.sentences if (t := article.sentence(i)))
    )
    ev.outcome = next((o for o, rx in OUTCOME_RULES if rx.search(text)), Outcome.unknown)
    if ev.patrol_number is None:
        ords = set().union(*(ordinals(t.text) for i in ev.sentences if (t := article.sentence(i))))
        ev.patrol_number = min(ords) if len(ords) == 1 else None
    return ev


def in_lead(article: Article, ids: Sequence[int]) -> bool:
    """Whether an event is stated in the article's first sentences (headline and lead)."""
    lead_ids = [s.id for s in article.sentences if not NOT_LEAD.fullmatch(s.text)][:LEAD]
    return bool(lead_ids and ids and min(ids) <= lead_ids[-1])


def incident_type(text: str) -> IncidentType:
    """The type its words give (``reading.acts``): the named act written first (headline and
    lead come first: a device, a weapon, an abduction, a protest), else a blast, else an attack
    or ambush; a patrol described as uneventful, or with no word of anything happening to it,
    is 'no_incident'."""
    return typed(text)[0]


def typed(text: str) -> tuple[IncidentType, bool]:
    """``incident_type``, and whether a named act gave it (not a bare "attack" or "blast")."""
    found = acts(text)
    if found and found[0].kind in LEADING_ONLY_ACTS:
        return IncidentType(found[0].kind), True
    named = [a for a in found if not a.generic and a.kind not in LEADING_ONLY_ACTS]
    if named:
        return IncidentType(named[0].kind), True
    if any(a.kind == "explosion_unspecified" for a in found):
        return IncidentType.explosion_unspecified, False
    attack = next((a for a in found if a.kind == "armed_clash"), None)
    if attack is not None:  # an attack with no weapon named; by a crowd, a protest
        kind = IncidentType.protest_obstruction if attack.by_crowd else IncidentType.armed_clash
        return kind, False
    if NO_INCIDENT.search(text) or not EVENT_WORDS.search(text):
        # "another joint patrol took place along the route": nothing happened to it
        return IncidentType.no_incident, False
    return IncidentType.other, False


# The programme starts with patrols in the plural or its first patrol; "the patrol was launched
# from X", "which started from the town of X" tell one patrol's route, not the programme.
_PATROLS = re.compile(r"\bpatrols\b|\bfirst (?:joint )?patrol\b", re.I)


def programme_statements(article: Article) -> list[tuple[ProgrammeStatus, list[int]]]:
    """Sentences about the patrol programme (start, suspension, resumption, agreement) that are
    not about one numbered patrol; nearby sentences with the same status form one statement."""
    out: list[tuple[ProgrammeStatus, list[int]]] = []
    for s in article.sentences:
        if ordinals(s.text) or not re.search(r"\bpatrol\w*", s.text, re.I):
            continue  # a sentence about one numbered patrol is an event, not the programme
        status = next(
            (
                st
                for st, rx in PROGRAMME_RULES
                if rx.search(s.text) and (st != ProgrammeStatus.started or _PATROLS.search(s.text))
            ),
            None,
        )
        if status is None:
            continue
        if out and out[-1][0] == status and s.id - out[-1][1][-1] <= 2:
            out[-1][1].append(s.id)
        else:
            out.append((status, [s.id]))
    return out


# A running total ("42 peacekeepers have been killed since the mission began", "174 ... since
# 2013", "so far this year") counts many events, not one: it is no claim about one incident.
RUNNING_TOTAL = re.compile(
    r"\b(since|so far|to date|in total|a total of|overall|this year|in all)\b", re.I
)


# An act of its own: a sentence that tells one ("a mine hit another truck") is another event, not
# a count of this one; "the attack" refers back and is no act of its own.
_OWN_ACT = re.compile(
    r"\b(attack\w*|assault\w*|ambush\w*|bomb\w*|blast\w*|explo\w*|ied|(?:land)?mines?|"
    r"rockets?|rpgs?|gunfire|gun ?battles?|firefights?|shot|fired|shell\w*|struck|hit|"
    r"collid\w*|collision|ston\w*|clash\w*|fighting)\b",
    re.I,
)


def own_act(text: str) -> bool:
    """Whether a sentence tells an act of its own ("a mine hit another truck"), not one it
    refers back to ("killed in the attack")."""
    return bool(_OWN_ACT.search(DEFINITE.sub("", text)))


def casualty_sentences(article: Article, group: Sequence[int]) -> list[int]:
    """The sentences of an event that speak of killed or injured people."""
    out = []
    for sid in group:
        s = article.sentence(sid)
        if s is not None and (HURT_WORDS.search(s.text) or KILL_WORDS.search(s.text)):
            out.append(sid)
    return sorted(out)

"""Briefing prose written from a record's own fields, and the checker that reads it back.

``incident_brief`` writes one to three plain sentences about an incident in the register of a
news brief or an ACLED note ("A roadside bomb hit the 21st joint Russian–Turkish patrol near
Ariha on the M4 in Idlib. The Russian defence ministry said three soldiers were injured.");
``article_brief`` leads with the article's main event. No model is called: the sentences are
templates over the fields, so every fact in them comes from the record.

``unsupported`` parses prose back (numbers, ordinals, dates, weekdays, capitalised names,
nationalities, and each "X said N victims were injured" clause) and lists every fact the record
does not hold. ``write_briefs`` uses it: a brief that fails the check is replaced by the plain
one-sentence template and the fall-back is listed in the record's ``dropped``.

This module imports only the schema, so the extraction and the briefing can both use it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .countries import adjectives
from .schema import (
    CasualtyClaim,
    DroppedFact,
    EventDate,
    GeoPrecision,
    IncidentType,
    Outcome,
    PatrolIncident,
    Precision,
    ProgrammeStatement,
    ProgrammeStatus,
    Role,
)

# Countries and the adjectives of their forces, for "joint Russian–Turkish patrol": the table the
# extraction reads articles with (summarizer/countries.py).
ADJECTIVES: dict[str, str] = {c: a for c, a in adjectives().items() if c != "Kurdish forces"}
_NATION_OF = {w.casefold(): c for c, a in ADJECTIVES.items() for w in (c, a)} | {
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "turks": "Turkey",
    "russians": "Russia",
}
_NUMBER_WORDS = [
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
]  # fmt: skip
_WORD_NUMBERS = {w: n for n, w in enumerate(_NUMBER_WORDS)} | {
    "none": 0,
    "a": 1,
    "an": 1,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
}
_MONTHS = {m.casefold(): n for n, m in enumerate(calendar.month_name) if m}
_WEEKDAYS = {d.casefold() for d in calendar.day_name}
_VERBS = {
    IncidentType.roadside_bomb: "A roadside bomb hit",
    IncidentType.vehicle_borne_bomb: "A car bomb hit",
    IncidentType.suicide_bombing: "A suicide bomber attacked",
    IncidentType.landmine: "A landmine struck",
    IncidentType.explosion_unspecified: "An explosion hit",
    IncidentType.air_or_drone_strike: "An air or drone strike hit",
    IncidentType.grenade: "A grenade hit",
}
_THE = {
    "ministry", "military", "mission", "army", "centre", "center", "observatory", "agency",
    "office", "command", "government", "spokesman", "spokesperson", "police", "reconciliation",
}  # fmt: skip


# --- words ---------------------------------------------------------------------------------------


def count_word(n: int) -> str:
    """'one' to 'ten' in words, larger numbers in digits (news style); 0 is 'no'."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def singular(noun: str) -> str:
    """'soldiers' -> 'soldier', 'servicemen' -> 'serviceman', 'people' -> 'person'."""
    words = noun.split()
    if not words:
        return noun
    last = words[-1]
    if last.casefold() == "people":
        last = "person"
    elif last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def nation(word: str) -> str | None:
    """The country a country name or nationality adjective names ('Russian' -> 'Russia')."""
    return _NATION_OF.get(word.casefold().removesuffix("'s").removesuffix("’s"))


def date_phrase(d: EventDate, *, say_missing: bool = False) -> str | None:
    """'on 25 August 2020', 'on 12 August', 'in July', 'in the week around 18 August 2020',
    'on Tuesday'; None when the date is not stated in a form a reader can use.
    ``say_missing`` (the briefing's tables): what is not known is said, never left out:
    'in July (year not stated)', "on a day given only as 'last week'", 'on an unstated date'."""
    no_year = " (year not stated)" if say_missing else ""
    year = f" {d.year}" if d.year is not None else no_year
    if d.precision == Precision.unknown or d.month is None:
        if d.precision == Precision.year and d.year is not None:
            return f"in {d.year}"
        if say_missing:
            return f"on a day given only as '{d.text}'" if d.text else "on an unstated date"
        text = (d.text or "").strip()
        day = text.removeprefix("on ").removeprefix("On ")
        return f"on {capitalise(day)}" if day.casefold() in _WEEKDAYS else None
    month = calendar.month_name[d.month]
    if d.precision == Precision.month or d.day is None:
        return f"in {month}{year}"
    if d.precision == Precision.week:
        return f"in the week around {d.day} {month}{year}"
    return f"on {d.day} {month}{year}"


def claimant_name(who: str) -> str:
    """The claimant as a sentence subject: 'Russian Defense Ministry' -> 'the Russian Defense
    Ministry'; names ('SOHR', 'Turkish sources') stay as written."""
    words = who.split()
    if words and words[0].casefold() in ("the", "a", "an"):
        return who
    return f"the {who}" if words and words[-1].casefold() in _THE else who


def and_(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- writing -------------------------------------------------------------------------------------


def patrol_phrase(
    number: int | None, forces: Sequence[str], convoy: bool = False, definite: bool = False
) -> str:
    """'the 21st joint Russian–Turkish patrol', 'a Russian patrol', 'a convoy'."""
    noun = "convoy" if convoy else "patrol"
    adjectives = [ADJECTIVES.get(f, f) for f in forces]
    if len(adjectives) > 1:
        noun = f"joint {'–'.join(adjectives)} {noun}"
    elif adjectives:
        noun = f"{adjectives[0]} {noun}"
    if number is not None:
        return f"the {ordinal(number)} {noun}"
    if definite:
        return f"the {noun}"
    return f"{'an' if noun[0] in 'aeiouAEIOU' else 'a'} {noun}"


def place_phrase(
    place: str | None,
    road: str | None,
    admin1: str | None,
    country: str | None,
    precision: GeoPrecision = GeoPrecision.town,
) -> str:
    """' near Ariha on the M4 in Idlib, Syria' (leading space), or ''."""
    out = ""
    if place:
        out += f" {'near' if precision == GeoPrecision.near_town else 'in'} {place}"
    if road:
        out += f" on the {road}"
    region = ", ".join(x for x in (admin1, country) if x)
    if region:
        out += f" in {region}" + ("," if "," in region else "")
    return out


def _is_convoy(inc: PatrolIncident) -> bool:
    text = " ".join(q.text for q in inc.evidence).casefold()
    return "convoy" in text and "patrol" not in text


def event_sentence(inc: PatrolIncident) -> str:
    """What happened, to which patrol, where and when, in one sentence."""
    patrol = patrol_phrase(inc.patrol_number, inc.forces, _is_convoy(inc))
    loc = inc.location
    where = place_phrase(loc.place, loc.road, loc.admin1, loc.country, loc.geo_precision)
    when = date_phrase(inc.date)
    tail = f"{where}{' ' + when if when else ''}".rstrip(",")
    t = inc.incident_type
    if t in _VERBS:
        return f"{_VERBS[t]} {patrol}{tail}."
    if t == IncidentType.no_incident:
        return f"{capitalise(patrol)} went ahead without incident{tail}."
    if t == IncidentType.armed_clash:
        return f"{capitalise(patrol)} came under fire{tail}."
    if t == IncidentType.shelling_or_missile:
        return f"{capitalise(patrol)} came under rocket, mortar or missile fire{tail}."
    if t == IncidentType.abduction:
        return f"People of {patrol} were abducted{tail}."
    if t == IncidentType.looting_or_robbery:
        return f"{capitalise(patrol)} was robbed{tail}."
    if t == IncidentType.protest_obstruction:
        return f"Protesters obstructed {patrol}{tail}."
    if t == IncidentType.vehicle_collision:
        return f"{capitalise(patrol)} was involved in a vehicle collision{tail}."
    if any(c.killed or c.injured for c in inc.casualty_claims):
        return f"{capitalise(patrol)} was attacked{tail}."
    return f"An incident involving {patrol} was reported{tail}."


_NONE = re.compile(r"\b(none|no one|nobody|no)\b", re.I)
_QUALIFIER = re.compile(r"\b(at least|more than|up to|nearly|about)\b", re.I)
_MANNER = re.compile(r"\b(slightly|seriously|critically|lightly|badly)\b", re.I)


def figure_clause(c: CasualtyClaim) -> str:
    """'three soldiers were injured', 'two Chadian peacekeepers were killed and four were
    injured', 'none of its soldiers were hurt', 'observers were wounded (no figure given)'."""
    stated = c.stated_as or ""
    if stated and _NONE.search(stated) and {c.killed, c.injured} <= {0, None}:
        stated = stated[:1].lower() + stated[1:]
        plural = (c.claimant or "").endswith("s")
        return re.sub(r"\bof its\b", "of their", stated) if plural else stated
    qualifier = m.group(1).lower() + " " if (m := _QUALIFIER.search(stated)) else ""
    manner = m.group(1).lower() + " " if (m := _MANNER.search(stated)) else ""
    victims = c.victims.strip() or "people"
    figures = [(n, k) for n, k in ((c.killed, "killed"), (c.injured, "injured")) if n is not None]
    if not figures:
        if re.match(r"(have|has|were|was|had) ", stated):
            return f"{victims} {stated}"
        return f"there were casualties among {victims}, without a figure"
    if all(n == 0 for n, _ in figures):
        kind = "hurt" if len(figures) == 2 else figures[0][1]
        return f"no {victims} were {kind}"
    zero = [k for n, k in figures if n == 0]
    figures = [(n, k) for n, k in figures if n != 0]
    parts = []
    for i, (n, kind) in enumerate(figures):
        who = (singular(victims) if n == 1 else victims) if i == 0 else ""
        verb = "was" if n == 1 else "were"
        how = manner if kind == "injured" else ""
        lead = f"{qualifier if i == 0 else ''}{count_word(n)}"
        parts.append(" ".join(x for x in (lead, who, verb, f"{how}{kind}") if x))
    parts += [f"none were {k}" for k in zero]
    return " and ".join(parts)


def claim_clause(c: CasualtyClaim) -> str:
    """One source's figures, attributed: 'the Russian Defense Ministry said two servicemen were
    injured, according to Interfax'; the article's own voice is not attributed."""
    clause = figure_clause(c)
    if c.claimant and not _NONE.fullmatch(c.claimant.strip()):
        clause = f"{claimant_name(c.claimant)} said {clause}"
    if c.reported_via and c.reported_via != c.claimant:
        clause += f", according to {c.reported_via}"
    return clause


def vehicles_clause(count: int, owners: Sequence[str]) -> str:
    """'a Turkish vehicle was damaged', 'a Russian and a Turkish vehicle were damaged',
    'two vehicles were damaged'."""
    if count == len(owners) == 2:
        return f"a {owners[0]} and a {owners[1]} vehicle were damaged"
    owner = f"{owners[0]} " if len(owners) == 1 else ""
    if count == 1:
        return f"{'an' if owner[:1] in tuple('AEIOU') else 'a'} {owner}vehicle was damaged"
    return f"{count_word(count)} {owner}vehicles were damaged"


def _consequences(inc: PatrolIncident) -> str | None:
    parts = []
    v = inc.vehicles_damaged
    if v.count:
        parts.append(vehicles_clause(v.count, v.owners))
    p = inc.perpetrator
    if p.name and p.status == "claimed":
        parts.append(f"{p.name} claimed the attack")
    elif p.name:
        who = f"{claimant_name(p.attributed_by)} blamed" if p.attributed_by else "blame fell on"
        parts.append(f"{who} {p.name}")
    if inc.outcome == Outcome.called_off:
        parts.append("the patrol was called off")
    elif inc.outcome == Outcome.suspended:
        parts.append("the patrol was suspended")
    elif inc.outcome == Outcome.completed and inc.incident_type != IncidentType.no_incident:
        parts.append("the patrol completed its route")
    return capitalise(and_(parts)) + "." if parts else None


def incident_brief(inc: PatrolIncident, max_claims: int = 3) -> str:
    """One to three sentences: the event; the claims, attributed; what followed."""
    out = [event_sentence(inc)]
    stated = [c for c in inc.casualty_claims if c.killed is not None or c.injured is not None]
    claims = [claim_clause(c) for c in (stated or inc.casualty_claims)[:max_claims]]
    if claims:
        out.append(capitalise("; ".join(claims)) + ".")
    after = _consequences(inc)
    if after:
        out.append(after)
    return " ".join(out)


_PROGRAMME = {
    ProgrammeStatus.started: "{p} began{when}.",
    ProgrammeStatus.suspended: "{p} were suspended{when}.",
    ProgrammeStatus.resumed: "{p} resumed{when}.",
    ProgrammeStatus.planned_resumption: "{p} are to resume{when}.",
    ProgrammeStatus.agreement: "{p} are part of an agreement{when}.",
}
_PROGRAMME_ORDER = ["planned_resumption", "resumed", "suspended", "started", "agreement"]


def programme_sentence(statements: Sequence[ProgrammeStatement], forces: Sequence[str]) -> str:
    """The programme's most newsworthy statement: 'Joint Russian–Turkish patrols are to resume.'"""
    known = [s for s in statements if s.status in _PROGRAMME]
    if not known:
        return ""
    s = min(known, key=lambda s: _PROGRAMME_ORDER.index(s.status.value))
    adjectives = [ADJECTIVES.get(f, f) for f in forces]
    who = f"Joint {'–'.join(adjectives)} patrols" if len(adjectives) > 1 else "Joint patrols"
    when = date_phrase(s.date)
    return _PROGRAMME[s.status].format(p=who, when=f" {when}" if when else "")


def article_brief(
    incidents: Sequence[PatrolIncident], programme: Sequence[ProgrammeStatement]
) -> str:
    """Leads with the main event (its brief), then earlier events and the patrol programme."""
    main = [i for i in incidents if i.role == Role.main]
    background = [i for i in incidents if i.role != Role.main]
    forces = next((i.forces for i in incidents if i.forces), [])
    out = []
    if main:
        out.append(incident_brief(main[0]))
        out += [event_sentence(i) for i in main[1:2]]
    prog = programme_sentence(programme, forces)
    if prog and not main:
        out.append(prog)
    earlier = [event_sentence(i).rstrip(".") for i in background[:2]]
    if earlier:
        out.append(
            "Earlier, " + "; before that, ".join(e[0].lower() + e[1:] for e in earlier) + "."
        )
    if not main and background:
        claims = [claim_clause(c) for c in background[0].casualty_claims[:2]]
        if claims:
            out.append(capitalise("; ".join(claims)) + ".")
    if prog and main:
        out.append(prog)
    return " ".join(out) or "The article reports no patrol incident."


def plain_brief(inc: PatrolIncident) -> str:
    """The fall-back: the event sentence alone."""
    return event_sentence(inc)


# --- checking ------------------------------------------------------------------------------------


@dataclass
class Facts:
    """What a record (or a merged incident) holds, in the forms the prose can state them."""

    numbers: set[int] = field(default_factory=set)  # casualty and vehicle counts
    ordinals: set[int] = field(default_factory=set)  # patrol numbers
    dates: list[EventDate] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # places, claimants, victims, forces...
    nations: set[str] = field(default_factory=set)
    claims: list[CasualtyClaim] = field(default_factory=list)
    speakers: set[str] = field(default_factory=set)  # who blames a perpetrator

    def add_name(self, *values: str | None) -> None:
        for v in values:
            if v:
                self.names.append(v.casefold())
                self.nations |= {n for w in re.findall(r"[\w’']+", v) if (n := nation(w))}

    def add_claim(self, c: CasualtyClaim) -> None:
        self.claims.append(c)
        self.numbers |= {n for n in (c.killed, c.injured) if n is not None}
        self.numbers |= {_WORD_NUMBERS.get(w.casefold(), -1) for w in (c.stated_as or "").split()}
        self.add_name(c.claimant, c.reported_via, c.victims, c.stated_as)

    def add_incident(self, inc: PatrolIncident) -> None:
        if inc.patrol_number is not None:
            self.ordinals.add(inc.patrol_number)
        self.dates.append(inc.date)
        loc = inc.location
        self.add_name(loc.place, loc.road, loc.admin1, loc.country, *inc.forces)
        self.add_name(*inc.vehicles_damaged.owners, inc.perpetrator.name)
        self.add_name(inc.perpetrator.attributed_by)
        if inc.perpetrator.attributed_by:
            self.speakers.add(_who_key(inc.perpetrator.attributed_by))
        if inc.vehicles_damaged.count is not None:
            self.numbers.add(inc.vehicles_damaged.count)
        for c in inc.casualty_claims:
            self.add_claim(c)


def facts_of(
    incidents: Iterable[PatrolIncident], programme: Iterable[ProgrammeStatement] = ()
) -> Facts:
    facts = Facts()
    for inc in incidents:
        facts.add_incident(inc)
    for s in programme:
        facts.dates.append(s.date)
    return facts


# Words the templates write with a capital that are not facts.
_TEMPLATE_WORDS = {
    "a", "an", "the", "earlier", "joint", "no", "none", "protesters", "blame", "reported",
    "patrols", "patrol", "convoy", "incident", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "at", "more", "up", "nearly", "about", "this",
}  # fmt: skip
_DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2}) )?(?P<month>" + "|".join(m for m in calendar.month_name if m) + r")"
    r"(?: (?P<year>\d{4}))?\b"
)
_YEAR_ONLY = re.compile(r"\bin (?P<year>\d{4})\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(calendar.day_name) + r")\b")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_WORD = r"[A-Z](?:[\w’'-]|\.(?=\w))*"
_NAME = re.compile(_WORD + r"(?:[ –-](?:(?:al|el|as|ad|an|ar|at|az|of|for)[ -])?" + _WORD + ")*")
_CLAIM = re.compile(
    r"(?:^|; |\. )(?:(?P<who>[^;.]+?) said )?(?P<what>(?:at least |more than |up to |nearly |"
    r"about )?(?P<n>\w+) (?P<victims>[^;.]+?) (?:was|were) (?:\w+ly )?(?P<kind>killed|injured|hurt)"
    r"(?: and (?P<n2>\w+) (?:was|were) (?:\w+ly )?(?P<kind2>killed|injured))?)",
)


def _date_ok(day: int | None, month: int, year: int | None, dates: list[EventDate]) -> bool:
    return any(
        d.month == month
        and (day is None or d.day == day)
        and (year is None or d.year == year)
        and d.precision != Precision.unknown
        for d in dates
    )


def _number(word: str) -> int | None:
    w = word.casefold()
    return int(w) if w.isdigit() else _WORD_NUMBERS.get(w)


OWN_VOICE = "one report"  # a digest's name for an article's own voice
_OTHERS = re.compile(r"^\d+ other sources$")


def _who_key(who: str | None) -> str:
    """A claimant compared without its article; 'no one' as a claimant, and 'one report', are
    an article's own voice."""
    key = re.sub(r"^(the|a|an) ", "", " ".join((who or "").casefold().split()))
    return "" if _NONE.fullmatch(key) or key == OWN_VOICE else key


def _speakers(who: str) -> list[str]:
    """'the Russian military, SOHR and one report' -> each speaker's key."""
    names = re.split(r", | and ", who) if who else []
    return [_who_key(n) for n in names if not _OTHERS.match(n.strip())]


_SAID = re.compile(r"(?:^|; |\. )([^;.]+?) said ")


def _matches(c: CasualtyClaim, who: str, victims: str, figures: dict[str, int]) -> bool:
    """'hurt' is said only of none: every figure the claim gives is 0."""
    if "hurt" in figures:
        given = [n for n in (c.killed, c.injured) if n is not None]
        ok = figures["hurt"] == 0 and bool(given) and not any(given)
    else:
        ok = all(getattr(c, k) == v for k, v in figures.items())
    return ok and _who_key(c.claimant) == who and singular(c.victims.casefold()) == victims


def _claim_problems(prose: str, facts: Facts) -> list[str]:
    """Each 'X said N victims were injured' clause must be one claim of the record: the same
    claimant (or none), the same victims, the same figures."""
    speakers = {_who_key(c.claimant) for c in facts.claims} | facts.speakers
    out = [
        f"claimant not in the record: '{who}'"
        for m in _SAID.finditer(prose)
        for who, key in zip(re.split(r", | and ", m.group(1)), _speakers(m.group(1)), strict=False)
        if key not in speakers
    ]
    for m in _CLAIM.finditer(prose):
        whos = _speakers((m["who"] or "").strip()) or [""]
        n, n2 = _number(m["n"]), _number(m["n2"]) if m["n2"] else None
        if n is None:
            continue  # not a figure clause ("the patrol was called off")
        figures = {m["kind"]: n} | ({m["kind2"]: n2} if m["kind2"] and n2 is not None else {})
        victims = singular(re.sub(r"^of (its|their|the) ", "", m["victims"].casefold()))

        if not any(_matches(c, w, victims, figures) for c in facts.claims for w in whos):
            out.append(f"claim not in the record: '{m.group(0).strip('; .')}'")
    return out


def unsupported(prose: str, facts: Facts) -> list[str]:
    """Every number, ordinal, date, weekday, name, nationality and claim of ``prose`` that
    ``facts`` does not hold; an empty list when the prose is faithful."""
    problems = _claim_problems(prose, facts)
    rest = re.sub(rf"\b{OWN_VOICE}\b|\b\d+ other sources\b", " ", prose, flags=re.I)
    for m in _DATE.finditer(prose):
        day = int(m["day"]) if m["day"] else None
        year = int(m["year"]) if m["year"] else None
        if not _date_ok(day, _MONTHS[m["month"].casefold()], year, facts.dates):
            problems.append(f"date not in the record: '{m.group(0)}'")
    rest = _DATE.sub(" ", rest)
    for m in _YEAR_ONLY.finditer(rest):
        if not any(d.year == int(m["year"]) for d in facts.dates):
            problems.append(f"year not in the record: '{m['year']}'")
    rest = _YEAR_ONLY.sub(" ", rest)
    for m in _WEEKDAY.finditer(rest):
        if not any(m.group(1).casefold() in (d.text or "").casefold() for d in facts.dates):
            problems.append(f"day not in the record: '{m.group(1)}'")
    rest = _WEEKDAY.sub(" ", rest)
    for m in _ORDINAL.finditer(rest):
        if int(m.group(1)) not in facts.ordinals:
            problems.append(f"patrol number not in the record: '{m.group(0)}'")
    rest = _ORDINAL.sub(" ", rest)
    for word in re.findall(r"\b\d+\b|\b[A-Za-z]+\b", rest):
        low = word.casefold()
        n = _number(low) if low.isdigit() or low in _NUMBER_WORDS[1:] else None
        if n is not None and n not in facts.numbers:
            problems.append(f"number not in the record: '{word}'")
    for m in _NAME.finditer(rest):
        problems += _name_problems(m.group(0), facts)
    return problems


def _name_problems(phrase: str, facts: Facts) -> list[str]:
    """A capitalised phrase is a name the record holds, or template words and nationalities the
    record holds ('Joint Russian–Turkish', 'The Russian Defense Ministry')."""
    words = phrase.rstrip(".").split()
    while words and words[0].casefold() in _TEMPLATE_WORDS:
        words = words[1:]
    if not words:
        return []
    name = " ".join(words).casefold()
    if any(name in known for known in facts.names):
        return []
    out = []
    for w in re.split(r"[ –]", " ".join(words)):
        country = nation(w)
        if country is not None:
            if country not in facts.nations:
                out.append(f"nationality not in the record: '{w}'")
        elif w.casefold() not in _TEMPLATE_WORDS and not any(
            w.casefold() in known for known in facts.names
        ):
            out.append(f"name not in the record: '{w}'")
    return out


# --- the record's prose --------------------------------------------------------------------------


def write_briefs(
    incidents: Sequence[PatrolIncident],
    programme: Sequence[ProgrammeStatement],
    dropped: list[DroppedFact],
) -> str:
    """Fill each incident's ``summary`` and return the article's. Each brief is checked against
    the record; one that states a fact the record does not hold is replaced by the plain
    template, and the fall-back is listed in ``dropped``."""
    for n, inc in enumerate(incidents):
        text = incident_brief(inc)
        problems = unsupported(text, facts_of([inc]))
        if problems:
            dropped.append(_fallback(f"incident {n} summary", problems))
            text = plain_brief(inc)
        inc.summary = text
    text = article_brief(incidents, programme)
    problems = unsupported(text, facts_of(incidents, programme))
    if problems:
        dropped.append(_fallback("article summary", problems))
        main = [i for i in incidents if i.role == Role.main] or list(incidents)
        text = plain_brief(main[0]) if main else "The article reports no patrol incident."
    return text


def _fallback(what: str, problems: list[str]) -> DroppedFact:
    return DroppedFact(
        what=what, reason="; ".join(problems) + "; the plain template was used instead"
    )

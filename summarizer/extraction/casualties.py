"""Killed or injured, read from the words that govern each number in a sentence.

A small model confuses killed with injured and copies numbers from other sentences, so figures
are decided here, by the sentence's own words, whatever the model answered:

- "killing two soldiers and injuring four"         -> killed 2, injured 4 (the verb before)
- "Two other soldiers were wounded"               -> injured 2 (the verb after)
- "three soldiers were killed and a fourth injured" -> killed 3, injured 1
- "A French national has been killed"             -> killed 1 ("a"/"an" before a person)
- "one of the soldiers died"                      -> killed 1
- "none of its soldiers were hurt"                -> killed 0, injured 0
- "at least 15 people were killed"                -> killed 15, bound "at least 15"
- "several soldiers were injured"                 -> injured, no number, stated as "several"

A number that counts vehicles, a year or a patrol ordinal is never a casualty figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..countries import DEMONYMS
from .lexicon import MONTH_NAME
from .numbers import CARDINAL, read_number

Kind = Literal["killed", "injured"]

# "a third" / "a fourth" after a first figure: one more person.
_NTH = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_VAGUE = r"several|some|many|dozens|scores|tens|hundreds|numerous|a number of|a few|multiple"
_BOUND = (
    r"at least|more than|over|nearly|almost|about|around|up to|some|as many as|fewer than|"
    r"less than|approximately|roughly"
)
# A count of people as news text writes it: the numbers are the package's one grammar
# (``numbers.CARDINAL``: "60,000", "twenty-six", "a dozen"); around them, the words that count
# one person ("a", "an", "one of", "a third") or none ("no one", "none of its").
_COUNT = re.compile(
    rf"\b(?:(?P<bound>{_BOUND})\s+)?(?:"
    rf"(?P<number>{CARDINAL})(?!\s?(?:st|nd|rd|th)\b)"
    rf"|(?P<nth>an?\s+(?:{_NTH}))"
    rf"|(?P<vague>{_VAGUE})"  # before "a": "a number of", "a few" are vague, not one
    rf"|(?P<a>an?|one of(?: the| its| their)?|both)"
    rf"|(?P<none>none of(?: the| its| their)?|no one|nobody|no)"
    rf")\b",
    re.I,
)
PEOPLE = (
    r"soldiers?|servicem[ae]n|servicewom[ae]n|service ?members?|troops?|troopers?|civilians?|"
    r"people|persons?|personnel|peacekeepers?|blue helmets?|monitors?|observers?|officers?|"
    r"policem[ae]n|police ?officers?|police|fighters?|children|child|boys?|girls?|women|woman|"
    r"men|man|members?|guards?|drivers?|crew|staff|militants?|gendarmes?|marines?|others?|"
    r"nationals?|citizens?|workers?|contractors?|journalists?|residents?|villagers?|"
    r"protesters?|demonstrators?|individuals?|commandos?|paratroopers?|legionnaires?|"
    r"conscripts?|privates?|sergeants?|captains?|lieutenants?|colonels?|generals?|majors?|"
    r"casualties|victims?|military police|policemen|cadets?|recruits?|medics?|engineers?|"
    r"pilots?|passengers?|farmers?|students?|pedestrians?|jawans?|terrorists?|insurgents?|mem|"
    # nationals named by their demonym in the plural: "two Americans", "three Afghans"
    + "|".join(sorted({f"{d}s" for d in DEMONYMS if d[-1] in "nit" and " " not in d}))
)
SINGULAR = (
    r"soldier|serviceman|servicewoman|peacekeeper|officer|commander|general|colonel|major|"
    r"captain|lieutenant|sergeant|private|policeman|trooper|monitor|observer|driver|civilian|"
    r"journalist|reporter|interpreter|paramedic|medic|pilot|advisor|adviser|jawan"
)
_PEOPLE_AFTER = re.compile(
    rf"^\s+(?:(?!(?:and|or|but|while|were|was|had|have|has)\b)[\w'’-]+\s+){{0,3}}?(?:{PEOPLE})\b",
    re.I,
)
_VEHICLE_AFTER = re.compile(
    r"^\s+(?:(?!(?:and|or|when|while|were|was|had|have|has|are|is|injur\w*|wound\w*|kill\w*|"
    r"dead|died|hurt)\b)[\w'’-]+\s+){0,3}?(?:vehicles?|cars?|trucks?|tanks?|jeeps?|apcs?|armou?red|"
    r"helicopters?|drones?|patrols?|convoys?|km|kilomet\w+|miles?|metres?|meters?|days?|"
    r"hours?|weeks?|months?|years?|times?|rounds?|shells?|rockets?|mortars?|bombs?|mines?|"
    r"percent|per cent|%)\b",
    re.I,
)
KILL = (
    r"kill\w*|dead|died|dies|die|death\w*|fatalit\w*|lost (?:their|his|her) lives?|slain|"
    r"perished|succumbed|martyred"
)
HURT = r"injur\w*|wound\w*|hurt|maimed"
_VERB_BEFORE = re.compile(
    rf"\b(?P<verb>{KILL}|{HURT}|leaving|left|death toll (?:of|at|to|rose to|stood at))\s+"
    rf"(?:(?:at least|about|nearly|some|another|more than|over)\s+)?$",
    re.I,
)
_VERB_AFTER = re.compile(
    rf"^(?P<gap>(?:(?!\b(?:and|while|but|whereas)\b)[^;:,.])*?|[^;:.]{{0,25}}?)\b"
    rf"(?P<verb>{KILL}|{HURT})\b",
    re.I,
)

# A person who speaks before the kill word is the source, not a victim: "an officer put the death
# toll at 18", "a spokesman said the dead included".
_SPEAKS_IN_GAP = re.compile(
    r"\b(?:said|says|told|tells|stated|added|announced|confirmed|reported|put|puts|gave|gives|"
    r"placed)\b",
    re.I,
)

# "a soldier shot and wounded a peacekeeper": the count is the one who shot (active voice, no
# "was/were" before the act), not a victim; "two soldiers were shot and wounded" are victims.
_ACTS_IN_GAP = re.compile(r"\b(?:shot|stabbed|attacked|struck|ambushed|opened fire)\b", re.I)
_PASSIVE_IN_GAP = re.compile(r"\b(?:was|were|been|being|is|are|got)\b", re.I)


def _speaker_or_agent(gap: str) -> bool:
    """Whether the words between a count and its kill or hurt word make the count the one who
    speaks ("an officer put the death toll at") or acts ("a soldier shot and wounded")."""
    acts = _ACTS_IN_GAP.search(gap) and not _PASSIVE_IN_GAP.search(gap)
    return bool(_SPEAKS_IN_GAP.search(gap) or acts)


@dataclass(frozen=True)
class Figure:
    """One governed count: what happened to how many, and the words as written."""

    kind: Kind
    value: int | None  # None for a vague quantity ("several")
    words: str  # the count as written, e.g. "at least three", "a fourth", "several"
    bound: str | None  # "at least", "more than", ... when the figure is bounded
    start: int
    people: str | None = None  # who, as written after the count: "Russian soldiers"


def _value(m: re.Match[str]) -> int | None:
    if m["number"]:
        q = read_number(m["number"])
        return q.value if q is not None else None
    if m["nth"] or m["a"]:
        return 2 if m["a"] and m["a"].lower() == "both" else 1
    if m["none"]:
        return 0
    return None


def _kind(verb: str) -> Kind:
    return "killed" if re.match(KILL, verb, re.I) else "injured"


# A numeral next to a month name is a day of the month: "On August 14 last, a jawan was
# martyred", "on 3 May two soldiers died".
_MONTH_BEFORE = re.compile(rf"\b{MONTH_NAME}\.?\s+$")
_MONTH_AFTER = re.compile(rf"^\s+(?:of\s+)?{MONTH_NAME}\b")


def _may_count_people(m: re.Match[str], sentence: str) -> bool:
    """'a' or 'some' count only before a person ('a Russian soldier'); 'a bomb' is no count; a
    numeral beside a month name is a date."""
    if m["number"] and m["number"][0].isdigit():
        before, after = sentence[: m.start()], sentence[m.end() :]
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return False
    if (m["a"] and m["a"].lower() in ("a", "an")) or m["vague"]:
        return bool(_PEOPLE_AFTER.match(sentence[m.end() :]))
    return True


# An aside between a count and its verb: "eight soldiers, including a commander, were killed",
# "A young man, Serxwebûn Ali, was killed".
_ASIDE = re.compile(
    r",\s+(?:including|among them|mostly|most of them|all)\b[^,;]*,|,\s+[A-Z][^,;]{0,40},"
)
# "three officers and a civilian were wounded": the first count takes the verb of the second.
_JOINED = re.compile(
    rf"^\s+(?:(?!(?:were|was|had|have|has|are|is|found|{KILL}|{HURT})\b)[\w'’-]+\s+){{0,3}}?"
    r"(?:and|plus)\s+$",
    re.I,
)


def figures(sentence: str) -> list[Figure]:
    """Every count of people in the sentence that a kill or hurt word governs."""
    out: list[Figure] = []
    counts = [m for m in _COUNT.finditer(sentence) if _may_count_people(m, sentence)]
    kinds: list[Kind | None] = []
    for i, m in enumerate(counts):
        after = sentence[m.end() : counts[i + 1].start() if i + 1 < len(counts) else None]
        after = _ASIDE.sub(" ", after)
        before = sentence[max(0, m.start() - 40) : m.start()]
        kind = _governed(m, sentence, after, before, out)
        kinds.append(kind)
    # A count joined to a governed one takes its verb: "three officers and a civilian were
    # wounded" (the verb after), "injuring two soldiers and two children" (the verb before).
    for step in (-1, 1):
        order = range(len(counts) - 2, -1, -1) if step == -1 else range(1, len(counts))
        for i in order:
            m, partner = counts[i], i - step
            between = sentence[
                min(m.end(), counts[partner].end()) : max(m.start(), counts[partner].start())
            ]
            kind = kinds[partner]
            if (
                kinds[i] is None
                and kind is not None
                and _JOINED.match(between)
                and _counts_people(m, sentence)
            ):
                kinds[i] = kind
                bound = m["bound"].lower() if m["bound"] else None
                who = _who(m, sentence)
                out.append(Figure(kind, _value(m), m.group(0).strip(), bound, m.start(), who))
    taken = [(f.start, f.start + len(f.words) + len(f.people or "") + 1) for f in out]
    out += [f for f in _one_named(sentence) if not any(a <= f.start < b for a, b in taken)]
    return sorted(out, key=lambda f: f.start)


_ONE = re.compile(
    rf"\b(?P<who>(?:[A-Z][\w-]*\s+){{0,3}}(?:{SINGULAR}))\s+(?:was|has been|had been)\s+"
    rf"(?:\w+ly\s+)?(?P<verb>{KILL}|{HURT})\b",
    re.I,
)


def _one_named(sentence: str) -> list[Figure]:
    """One person named by rank or role without a count: 'Russian major general was killed'."""
    m = _ONE.search(sentence)
    if m is None:
        return []
    return [Figure(_kind(m["verb"]), 1, m["who"], None, m.start(), m["who"])]


def _counts_people(m: re.Match[str], sentence: str) -> bool:
    people = _PEOPLE_AFTER.match(sentence[m.end() :])
    thing = _VEHICLE_AFTER.match(sentence[m.end() :])
    return (
        _value(m) is not None
        and not m["none"]
        and not (thing and not (people and people.end() < thing.end()))
    )


_UNDIVIDED = re.compile(rf"\s+(?:and|or)\s+(?:{KILL}|{HURT})\b", re.I)


def _governed(
    m: re.Match[str], sentence: str, after: str, before: str, out: list[Figure]
) -> Kind | None:
    """The kind the words give this count (appending its figure to ``out``), or None."""
    people = _PEOPLE_AFTER.match(sentence[m.end() :])
    thing = _VEHICLE_AFTER.match(sentence[m.end() :])
    if thing and not (people and people.end() < thing.end()):
        return None  # "two vehicles", "three days" ("two soldiers last month" counts people)
    verb_before = _VERB_BEFORE.search(before)
    verb_after = _VERB_AFTER.match(after)
    if m["none"]:
        # "none of its soldiers were hurt", "no one was injured", "no casualties"; "no figure
        # for the wounded" counts nobody
        if m["none"].lower() == "no" and not (
            people or re.match(r"\s+(?:casualties|injuries|deaths)\b", after, re.I)
        ):
            return None
        if verb_after or re.match(r"\s+(?:casualties|injuries|deaths)\b", after, re.I):
            # "no casualties among foreign troops": the group the zero counts
            among = re.match(
                rf"\s+(?:casualties|injuries|deaths)\s+among\s+(?:the\s+|its\s+|their\s+)?"
                rf"(?P<who>(?:[\w'’-]+\s+){{0,2}}?(?:{PEOPLE}))\b",
                sentence[m.end() :],
                re.I,
            )
            who = among["who"] if among else None
            out += [
                Figure("killed", 0, m.group(0), None, m.start(), who),
                Figure("injured", 0, m.group(0), None, m.start(), who),
            ]
        return None
    if m["nth"] and not (verb_after or people):
        return None
    if m["number"] and m["number"][0].isdigit() and not (people or verb_after or verb_before):
        return None
    kind: Kind
    if verb_before and verb_before["verb"].lower() in ("leaving", "left"):
        # "leaving four American troops injured", "left two soldiers dead"
        tail = re.match(rf"[^.;]{{0,40}}?\b(?P<v>{KILL}|{HURT})\b", after, re.I)
        if tail is None:
            return None
        kind = _kind(tail["v"])
    elif verb_before and not (people and verb_after and len(people.group(0)) < 3):
        kind = _kind(verb_before["verb"])
    elif verb_after and _speaker_or_agent(verb_after["gap"]):
        return None
    elif verb_after and (people or len(verb_after["gap"]) < 30):
        kind = _kind(verb_after["verb"])
        if _UNDIVIDED.match(after[verb_after.end() :]):
            # "more than ten troops were killed and wounded": one count of both, not divided
            words = m.group(0).strip()
            out.append(Figure(kind, None, words, None, m.start(), _who(m, sentence)))
            return kind
    else:
        return None
    bound = m["bound"].lower() if m["bound"] else None
    out.append(Figure(kind, _value(m), m.group(0).strip(), bound, m.start(), _who(m, sentence)))
    return kind


def _who(m: re.Match[str], sentence: str) -> str | None:
    """The people a count counts, as written: 'three Russian soldiers' -> 'Russian soldiers'."""
    people = _PEOPLE_AFTER.match(sentence[m.end() :])
    return people.group(0).strip() if people else None


def read(sentence: str) -> tuple[int | None, int | None, str | None]:
    """The sentence's killed and injured figures (the first of each kind) and, for a bounded or
    vague figure, its words ("at least three", "several")."""
    killed = next((f for f in figures(sentence) if f.kind == "killed"), None)
    injured = next((f for f in figures(sentence) if f.kind == "injured"), None)
    stated = next(
        (f.words for f in (killed, injured) if f is not None and (f.bound or f.value is None)),
        None,
    )
    return (
        killed.value if killed else None,
        injured.value if injured else None,
        stated,
    )


def counted_people(sentence: str) -> bool:
    """Whether the sentence counts people ('about 20 peacekeepers', 'two soldiers'), whatever
    happened to them."""
    return any(
        m["number"] and _PEOPLE_AFTER.match(sentence[m.end() :]) for m in _COUNT.finditer(sentence)
    )

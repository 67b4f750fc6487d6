"""Briefing digests: what many articles say about the same patrol incident, merged and explained.

Incidents of different articles are compared pairwise (vetoes, then a score with named reasons),
linked, and grouped strongest link first; ``RULES`` states the rules and is shown in every digest.
Grouping is deterministic and independent of input order. Casualty claims are reconciled per
victim side, never averaged.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from rapidfuzz import fuzz

from ..errors import InputError
from ..schema import (
    EXPLOSIVE_TYPES,
    ArticleRecord,
    CasualtyClaim,
    EventDate,
    IncidentType,
    PatrolIncident,
    Precision,
    ProgrammeStatement,
    ProgrammeStatus,
    Quote,
    Role,
)
from .blocking import NEAR_KM, PLACE_RATIO, candidate_pairs, norm_place
from .prose import claim_phrase, show_date, summarise, type_words

LINK_SCORE = 3
W_PATROL, W_PLACE, W_PLACE_DIFF, W_DATE, W_TYPE, W_CASUALTY = 3, 2, -2, 1, 1, 1

RULES = [
    "Never merged: two incidents of one article; different patrol numbers; dates that cannot "
    "overlap (week precision = ±7 days; a weekday or unknown date fits any date); incompatible "
    "types (explosive types fit each other, 'other' fits any attack, 'no_incident' only itself); "
    "different named places unless the patrol number is the same.",
    f"Score: same patrol number +{W_PATROL}; same or nearby place +{W_PLACE} (rapidfuzz ratio "
    f">= {PLACE_RATIO} or <= {NEAR_KM:g} km), different place {W_PLACE_DIFF}; dates agreeing to "
    f"the month or better, or the same date words, +{W_DATE}; same type or both explosive "
    f"+{W_TYPE}; a shared casualty figure +{W_CASUALTY}.",
    f"Linked when the score is at least {LINK_SCORE} and the pair shares a patrol number or a "
    "place; links join groups strongest first, unless any pair across the groups is vetoed. "
    "Only incidents sharing a patrol number, a place name within the ratio or a place within "
    f"{NEAR_KM:g} km are compared (blocking); exact republished copies (the same incidents and "
    "programme) are compared once and kept as members with their outlets.",
    "Casualties per victim side (victims without a nationality take the claimant's): low = "
    "smallest stated figure, high = largest, best = the figure a strict majority of distinct "
    "sources states, else the lowest (ACLED's conservative rule).",
]
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_LIFECYCLE = ["agreement", "started", "suspended", "resumed", "planned_resumption", "other"]
_NATIONS = [
    ("Russian", re.compile(r"\brussia(?:n|ns)?\b")),
    ("Turkish", re.compile(r"\bturk(?:ey|ish|s)?\b|\btürkiye\b")),
    ("Syrian", re.compile(r"\bsyria(?:n|ns)?\b")),
]
_CIVIL = re.compile(r"\b(?:civilians?|residents?|people|children|women)\b")
_FORCES = re.compile(
    r"\b(?:soldiers?|servicem[ae]n|service ?members?|troops?|personnel|military|police(?:men)?"
    r"|officers?|forces?|fighters?)\b"
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Member(_Model):
    """One article's incident inside a merged incident, with all of its evidence."""

    article_id: str
    incident: int
    role: Role
    incident_type: IncidentType
    patrol_number: int | None
    date: EventDate
    place: str | None
    outlet: str | None = None
    copy_of: str | None = Field(
        default=None, description="The member this one is an exact republished copy of."
    )
    evidence: list[Quote]


class Link(_Model):
    """Why two members were judged the same event."""

    a: str
    b: str
    score: int
    reasons: list[str]


class Claim(CasualtyClaim):
    """A casualty claim with its article, incident and normalised victim side."""

    article_id: str
    incident: int
    side: str
    side_inferred: bool = Field(description="Nationality taken from the claimant, not victims.")


class Figure(_Model):
    low: int
    best: int
    high: int
    basis: str


class SideCasualties(_Model):
    side: str
    victims_as_written: list[str]
    claims: list[Claim]
    killed: Figure | None
    injured: Figure | None
    disputed: bool


class MergedIncident(_Model):
    id: str
    incident_type: IncidentType = Field(description="The type every source supports.")
    patrol_number: int | None
    date: EventDate = Field(description="The most precise member date.")
    date_texts: list[str]
    places: list[str]
    roads: list[str]
    admin1: list[str]
    forces: list[str]
    members: list[Member]
    links: list[Link]
    reasons: list[str]
    casualties: list[SideCasualties]
    vehicles_damaged: int | None
    vehicle_owners: list[str]
    perpetrators: list[str]
    outcomes: list[str]
    follow_on: list[str]
    contradictions: list[str]
    summary: str
    prose_problems: list[str] = Field(
        default_factory=list,
        description="What the full brief stated that the merged fields do not hold; when not "
        "empty, the summary fell back to the event sentence.",
    )


class ProgrammeSource(ProgrammeStatement):
    article_id: str
    index: int


class ProgrammeItem(_Model):
    id: str
    status: ProgrammeStatus
    date: EventDate
    sources: list[ProgrammeSource]


class Digest(_Model):
    articles: list[str]
    incidents: list[MergedIncident]
    programme: list[ProgrammeItem]
    rules: list[str] = Field(default_factory=lambda: list(RULES))
    prose_fallbacks: int = Field(
        default=0, description="Merged incidents whose brief fell back to the event sentence."
    )


class GoldMember(_Model):
    article_id: str
    incident: int = Field(ge=0)


class GoldGroup(_Model):
    label: str
    members: list[GoldMember] = Field(min_length=1)


class GoldGrouping(_Model):
    groups: list[GoldGroup]


# --- pair comparison -------------------------------------------------------------------------


def _interval(d: EventDate, year: int) -> tuple[dt.date, dt.date]:
    y = d.year if d.year is not None else year
    if d.precision == Precision.year or d.month is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    last = calendar.monthrange(y, d.month)[1]
    if d.precision == Precision.month or d.day is None:
        return dt.date(y, d.month, 1), dt.date(y, d.month, last)
    day = dt.date(y, d.month, min(d.day, last))
    if d.precision == Precision.week:
        return day - dt.timedelta(days=7), day + dt.timedelta(days=7)
    return day, day


def compare_dates(a: EventDate, b: EventDate) -> tuple[bool, str | None]:
    """Whether two dates can be the same event's, and a reason when they positively agree."""
    unknown = Precision.unknown
    if a.precision == unknown or b.precision == unknown:  # a weekday or no date fits any date
        same = a.precision == b.precision and (a.text or "").casefold() == (b.text or "").casefold()
        return True, (f"both dated '{a.text}'" if same and a.text else None)
    year = a.year or b.year or 2000  # a leap year when neither states one
    ia, ib = _interval(a, year), _interval(b, year)
    if ia[0] > ib[1] or ib[0] > ia[1]:
        return False, None
    widest = max((ia[1] - ia[0]).days, (ib[1] - ib[0]).days)
    if (a.year is None) == (b.year is None) and widest <= 31:
        sa, sb = show_date(a), show_date(b)
        return True, (f"same date {sa}" if sa == sb else f"dates agree: {sa} ~ {sb}")
    return True, None


def _km(a: PatrolIncident, b: PatrolIncident) -> float | None:
    la, lb = a.location, b.location
    if None in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        return None
    p1, p2 = math.radians(la.latitude or 0), math.radians(lb.latitude or 0)
    dl = math.radians((lb.longitude or 0) - (la.longitude or 0))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def compare_places(a: PatrolIncident, b: PatrolIncident) -> tuple[int, str] | None:
    """(+W_PLACE or W_PLACE_DIFF, reason), or None when either place is not named."""
    km = _km(a, b)
    if km is not None:
        return (W_PLACE if km <= NEAR_KM else W_PLACE_DIFF), f"places {km:.0f} km apart"
    pa, pb = a.location.place, b.location.place
    if not pa or not pb:
        return None
    na, nb = norm_place(pa), norm_place(pb)
    ratio = round(fuzz.ratio(na, nb))
    if na == nb:
        return W_PLACE, f"same place {pa}"
    if ratio >= PLACE_RATIO:
        return W_PLACE, f"place {pa} ~ {pb} (ratio {ratio})"
    return W_PLACE_DIFF, f"different places {pa} / {pb} (ratio {ratio})"


# Types that are no armed attack: an armed clash in one report is never one of these in another.
_NOT_AN_ATTACK = frozenset(
    {IncidentType.protest_obstruction, IncidentType.vehicle_collision, IncidentType.no_incident}
)


def compare_types(a: IncidentType, b: IncidentType) -> tuple[bool, str | None]:
    if a == b:
        return True, (None if a == IncidentType.other else f"same type: {type_words(a)}")
    if IncidentType.no_incident in (a, b):
        return False, None
    if IncidentType.other in (a, b):
        return True, None
    if IncidentType.armed_clash in (a, b) and not {a, b} & _NOT_AN_ATTACK:
        return True, None  # one report's "attack" is another's roadside bomb
    if a in EXPLOSIVE_TYPES and b in EXPLOSIVE_TYPES:
        return True, "both explosive attacks"
    return False, None


def _figures(inc: PatrolIncident) -> set[tuple[int, str]]:
    out: set[tuple[int, str]] = set()
    for c in inc.casualty_claims:
        out |= {(c.injured, "injured")} if c.injured else set()
        out |= {(c.killed, "killed")} if c.killed else set()
    return out


@dataclass(frozen=True)
class _Pair:
    veto: str | None
    link: Link
    identity: bool  # the pair shares a patrol number or a place


_Item = tuple[str, int, PatrolIncident]
_Ref = tuple[str, int]  # (article id, incident index)


def compare(a: _Item, b: _Item) -> _Pair:
    """Score two incidents with named reasons, or name the reason they cannot be one event."""
    (aid, ai, x), (bid, bi, y) = a, b
    link = Link(a=f"{aid}#{ai}", b=f"{bid}#{bi}", score=0, reasons=[])
    identity = False

    def veto(why: str) -> _Pair:
        return _Pair(veto=why, link=link, identity=False)

    def add(weight: int, why: str) -> None:
        link.score += weight
        link.reasons.append(why)

    if aid == bid:
        return veto("same article")
    if x.patrol_number is not None and y.patrol_number is not None:
        if x.patrol_number != y.patrol_number:
            return veto(f"patrol numbers {x.patrol_number} / {y.patrol_number}")
        identity = True
        add(W_PATROL, f"same patrol number {x.patrol_number}")
    ok, date_why = compare_dates(x.date, y.date)
    if not ok:
        return veto(f"dates {show_date(x.date)} / {show_date(y.date)}")
    ok, type_why = compare_types(x.incident_type, y.incident_type)
    if not ok:
        return veto(f"types {x.incident_type} / {y.incident_type}")
    place = compare_places(x, y)
    if place is not None:
        if place[0] < 0 and not identity:
            return veto(place[1])
        identity = identity or place[0] > 0
        add(*place)
    if date_why:
        add(W_DATE, date_why)
    if type_why:
        add(W_TYPE, type_why)
    shared = sorted(_figures(x) & _figures(y))
    if shared:
        add(W_CASUALTY, "both report " + ", ".join(f"{n} {k}" for n, k in shared))
    return _Pair(veto=None, link=link, identity=identity)


# --- casualties ------------------------------------------------------------------------------


def _nation(text: str) -> str | None:
    found = [name for name, rx in _NATIONS if rx.search(text.casefold().replace("’", "'"))]
    return found[0] if len(found) == 1 else None


def _nation_in_words(victims: str, sentence: str) -> str | None:
    """The nationality the sentence gives the victims: 'a Russian soldier was slightly injured'
    makes the claim's 'soldiers' Russian. Only a nationality right before the victims' noun
    counts (at most two words between), and only when the sentence gives exactly one."""
    words = victims.casefold().split()
    if not words or not sentence:
        return None
    noun = words[-1].removesuffix("s").removesuffix("men") or words[-1]
    text = sentence.casefold().replace("’", "'")
    after = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?{re.escape(noun)}\w*\b")
    found = {name for name, rx in _NATIONS for m in rx.finditer(text) if after.match(text, m.end())}
    return found.pop() if len(found) == 1 else None


def victim_side(victims: str, claimant: str | None, sentence: str = "") -> tuple[str, bool]:
    """Side key ('Russian forces', 'civilians', ...) and whether the nationality was inferred
    from the claimant (a ministry's 'soldiers' are its own). The victims' own words come first:
    the claim's sentence ('a Russian soldier') before the claimant."""
    low = victims.casefold()
    nation = _nation(low) or _nation_in_words(victims, sentence)
    if _CIVIL.search(low):
        return (f"{nation} civilians" if nation else "civilians"), False
    if not _FORCES.search(low):
        return " ".join(low.split()), False
    if nation:
        return f"{nation} forces", False
    by_claimant = _nation(claimant or "")
    if by_claimant:
        return f"{by_claimant} forces", True
    return "forces (nationality not stated)", False


_NONE_HURT = re.compile(
    r"\b(?:none|no one|nobody|no)\b[^.;]{0,40}?\b(?P<w>hurt|harmed|casualties|killed|dead|"
    r"injured|wounded)\b",
    re.I,
)


def none_hurt(c: CasualtyClaim) -> dict[str, int]:
    """The figures a claim's own wording gives as zero where the claim has none: 'none of its
    soldiers were hurt' is killed 0 and injured 0, 'no one was killed' killed 0 only."""
    m = _NONE_HURT.search(c.stated_as or "")
    if m is None or (c.killed or 0) + (c.injured or 0) > 0:
        return {}
    word = m["w"].casefold()
    kinds = {
        "killed": word not in ("injured", "wounded"),
        "injured": word not in ("killed", "dead"),
    }
    return {k: 0 for k, said in kinds.items() if said and getattr(c, k) is None}


def _source_key(c: Claim) -> str:
    if c.claimant is None:
        return f"article {c.article_id}"
    key = c.claimant.casefold().replace("defence", "defense").replace("’", "'")
    return re.sub(r"^the ", "", " ".join(key.split()))


def reconcile(claims: list[Claim], kind: str) -> Figure | None:
    """Low, best and high of the stated 'killed' or 'injured' figures; each distinct source
    (claimant, or the article's own voice) counts once per figure."""
    pairs = sorted({(_source_key(c), n) for c in claims if (n := getattr(c, kind)) is not None})
    values = [n for _, n in pairs]
    if not values:
        return None
    low, high = min(values), max(values)
    top, count = max(Counter(values).items(), key=lambda kv: (kv[1], -kv[0]))
    if low == high:
        basis = "single source" if len(values) == 1 else f"{len(values)} sources agree"
        return Figure(low=low, best=low, high=high, basis=basis)
    if 2 * count > len(values):
        return Figure(low=low, best=top, high=high, basis=f"majority, {count} of {len(values)}")
    return Figure(
        low=low, best=low, high=high, basis="no majority, lowest figure: ACLED's conservative rule"
    )


def _disputed(claims: list[Claim]) -> bool:
    """Figures differ, or one source says none while another reports casualties."""
    injured = {c.injured for c in claims if c.injured is not None}
    killed = {c.killed for c in claims if c.killed is not None}
    none = any({c.killed, c.injured} <= {0, None} and 0 in (c.killed, c.injured) for c in claims)
    some = any(
        (c.killed or 0) + (c.injured or 0) > 0 or (c.killed is None and c.injured is None)
        for c in claims
    )
    return len(injured) > 1 or len(killed) > 1 or (none and some)


def _sides(members: list[_Item]) -> list[SideCasualties]:
    by_side: dict[str, list[Claim]] = {}
    for aid, idx, inc in members:
        for cc in inc.casualty_claims:
            sentence = " ".join(q.text for q in cc.evidence)
            side, inferred = victim_side(cc.victims, cc.claimant, sentence)
            claim = Claim(
                article_id=aid,
                incident=idx,
                side=side,
                side_inferred=inferred,
                **(dict(cc) | none_hurt(cc)),
            )
            by_side.setdefault(side, []).append(claim)
    return [
        SideCasualties(
            side=side,
            victims_as_written=list(dict.fromkeys(c.victims for c in claims)),
            claims=claims,
            killed=reconcile(claims, "killed"),
            injured=reconcile(claims, "injured"),
            disputed=_disputed(claims),
        )
        for side, claims in sorted(by_side.items())
    ]


# --- merging ---------------------------------------------------------------------------------


def _date_key(d: EventDate) -> tuple[int, int, int, int]:
    """Dated events in calendar order, then those without a year, then undated ones."""
    if d.precision == Precision.unknown or (d.year is None and d.month is None):
        return (2, 0, 0, 0)
    if d.year is None:
        return (1, 0, d.month or 0, d.day or 0)
    return (0, d.year, d.month or 0, d.day or 0)


def _best_date(dates: list[tuple[EventDate, bool]]) -> EventDate:
    """The most precise date, preferring one with a year, then one not from a background."""
    best = min(dates, key=lambda d: (_PRECISION_RANK[d[0].precision], d[0].year is None, d[1]))
    return best[0]


def _evidence(inc: PatrolIncident) -> list[Quote]:
    quotes = [*inc.evidence]
    quotes += [q for c in inc.casualty_claims for q in c.evidence]
    quotes += [q for f in inc.follow_on for q in f.evidence]
    unique = {(q.start, q.end, q.text): q for q in quotes}
    return [unique[k] for k in sorted(unique)]


def _merged_type(types: list[IncidentType]) -> IncidentType:
    specific = {t for t in types if t != IncidentType.other}
    if len(specific) == 1:
        return specific.pop()
    if specific and specific <= EXPLOSIVE_TYPES:
        return IncidentType.explosion_unspecified
    return IncidentType.other


def _merge(
    members: list[_Item], links: list[Link], outlets: dict[str, str | None], copy_of: dict[str, str]
) -> MergedIncident:
    incs = [inc for _, _, inc in members]
    specific = [(aid, inc.incident_type) for aid, _, inc in members]
    specific = [(aid, t) for aid, t in specific if t != IncidentType.other]
    contradictions = []
    if len({t for _, t in specific}) > 1:
        contradictions.append(
            "Sources differ on the incident type: "
            + ", ".join(f"{type_words(t)} [{aid}]" for aid, t in specific)
        )
    sides = _sides(members)
    contradictions += [
        f"{s.side} casualties disputed: " + "; ".join(claim_phrase(c) for c in s.claims)
        for s in sides
        if s.disputed
    ]
    counts = [inc.vehicles_damaged.count for inc in incs if inc.vehicles_damaged.count is not None]
    m = MergedIncident(
        id="",
        incident_type=_merged_type([inc.incident_type for inc in incs]),
        patrol_number=next((inc.patrol_number for inc in incs if inc.patrol_number), None),
        date=_best_date([(inc.date, inc.role != Role.main) for inc in incs]),
        date_texts=_unique(inc.date.text for inc in incs),
        places=_unique(inc.location.place for inc in incs),
        roads=_unique(inc.location.road for inc in incs),
        admin1=_unique(inc.location.admin1 for inc in incs),
        forces=_unique(f for inc in incs for f in inc.forces),
        members=[
            Member(
                article_id=aid,
                incident=idx,
                place=inc.location.place,
                outlet=outlets.get(aid),
                copy_of=f"{copy_of[aid]}#{idx}" if aid in copy_of else None,
                evidence=_evidence(inc),
                **inc.model_dump(include={"role", "incident_type", "patrol_number", "date"}),
            )
            for aid, idx, inc in members
        ],
        links=links,
        reasons=_unique(r for link in links for r in link.reasons),
        casualties=sides,
        vehicles_damaged=max(counts) if counts else None,
        vehicle_owners=_unique(o for inc in incs for o in inc.vehicles_damaged.owners),
        perpetrators=[
            f"{inc.perpetrator.name} ({inc.perpetrator.status}, per "
            f"{inc.perpetrator.attributed_by or 'an unnamed source'}) [{aid}]"
            for aid, _, inc in members
            if inc.perpetrator.name
        ],
        outcomes=[
            f"{inc.outcome.replace('_', ' ')} [{aid}]"
            for aid, _, inc in members
            if inc.outcome != "unknown"
        ],
        follow_on=[f"{f.description} [{aid}]" for aid, _, inc in members for f in inc.follow_on],
        contradictions=contradictions,
        summary="",
    )
    m.summary, m.prose_problems = summarise(m)
    return m


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _programme(records: list[ArticleRecord]) -> list[ProgrammeItem]:
    """One item per status and date; statements of the same status whose resolved dates agree
    are one item with several sources. Dated items first in calendar order, then by status."""
    groups: list[list[ProgrammeSource]] = []
    dates: list[list[EventDate]] = []  # each group's distinct dates
    by_key: dict[str, int] = {}  # a statement of the same status and date joins the same group
    for r in records:
        for idx, st in enumerate(r.programme):
            src = ProgrammeSource(article_id=r.article_id, index=idx, **dict(st))
            key = f"{st.status.value} {st.date.model_dump_json()}"
            known = st.date.precision != Precision.unknown
            found = by_key.get(key) if known else None
            if found is None and known:
                found = next(
                    (
                        k
                        for k, g in enumerate(groups)
                        if g[0].status == st.status
                        and all(
                            o.precision != Precision.unknown and compare_dates(o, st.date)[0]
                            for o in dates[k]
                        )
                    ),
                    None,
                )
            if found is None:
                groups.append([src])
                dates.append([st.date])
                found = len(groups) - 1
            else:
                groups[found].append(src)
                if st.date not in dates[found]:
                    dates[found].append(st.date)
            if known:
                by_key[key] = found
    items = [
        ProgrammeItem(
            id="", status=g[0].status, date=_best_date([(o.date, False) for o in g]), sources=g
        )
        for g in groups
    ]
    items.sort(key=lambda it: (_date_key(it.date), _LIFECYCLE.index(it.status.value)))
    for k, it in enumerate(items, 1):
        it.id = f"P{k}"
    return items


def copy_key(r: ArticleRecord) -> str:
    """What the digest reads of a record (its incidents and programme): records with the same key
    are exact republished copies of one another."""
    data = r.model_dump_json(include={"incidents", "programme"})
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def collapse_copies(ordered: Sequence[ArticleRecord]) -> dict[str, list[ArticleRecord]]:
    """Records by their first (lowest-id) copy: exact copies are compared once, as that one."""
    first: dict[str, ArticleRecord] = {}
    copies: dict[str, list[ArticleRecord]] = {}
    for r in ordered:
        rep = first.setdefault(copy_key(r), r)
        copies.setdefault(rep.article_id, []).append(r)
    return copies


Progress = Callable[[int], None]


def _group(
    items: list[_Item], candidates: list[tuple[int, int]], progress: Progress | None
) -> tuple[list[list[int]], dict[tuple[int, int], Link]]:
    """Groups of item indices from the links among blocked candidates, strongest link first; two
    groups join only when no pair across them is vetoed (pairs outside the candidates are
    compared then, so the vetoes hold within every group). The links found are returned too."""
    found: dict[tuple[int, int], _Pair] = {}
    for i, j in candidates:
        p = compare(items[i], items[j])
        if p.veto is None and p.identity and p.link.score >= LINK_SCORE:
            found[i, j] = p
        if progress is not None:
            progress(1)
    order = sorted(found, key=lambda ij: (-found[ij].link.score, ij))
    root = list(range(len(items)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(items))}
    for i, j in order:
        gi, gj = root[i], root[j]
        if gi == gj:
            continue  # already joined through a stronger link
        left, right = members[gi], members[gj]
        if any(compare(items[min(k, q)], items[max(k, q)]).veto for k in left for q in right):
            continue
        for k in right:
            root[k] = gi
        left += members.pop(gj)
    groups = [sorted(m) for _, m in sorted(members.items())]
    return groups, {ij: p.link for ij, p in found.items()}


def build_digest(
    records: Sequence[ArticleRecord],
    progress: Progress | None = None,
    candidates: Iterable[tuple[_Ref, _Ref]] | None = None,
) -> Digest:
    """Merge the incidents of many article records into one digest (see the module docstring).
    ``progress`` is called with the number of candidate pairs compared, as they are.
    ``candidates`` are the blocked pairs when the join ran elsewhere (the store's SQL); by
    default they come from ``blocking.candidate_pairs``; pairs outside the records are ignored."""
    ordered = sorted(records, key=lambda r: r.article_id)
    dupes = sorted(i for i, n in Counter(r.article_id for r in ordered).items() if n > 1)
    if dupes:
        raise InputError(f"two records have article_id {dupes[0]}: give each article one record")
    copies = collapse_copies(ordered)
    reps = [group[0] for group in copies.values()]
    items = [(r.article_id, i, inc) for r in reps for i, inc in enumerate(r.incidents)]
    if candidates is None:
        pairs = sorted(candidate_pairs([inc for _, _, inc in items]))
    else:
        rep_of = {c.article_id: rep for rep, cs in copies.items() for c in cs}
        index = {(aid, i): k for k, (aid, i, _) in enumerate(items)}
        found = set()
        for a, b in candidates:
            ka = index.get((rep_of.get(a[0], ""), a[1]))
            kb = index.get((rep_of.get(b[0], ""), b[1]))
            if ka is not None and kb is not None and ka != kb:
                found.add((min(ka, kb), max(ka, kb)))
        pairs = sorted(found)
    groups, links = _group(items, pairs, progress)
    group_of = {k: g for g, ks in enumerate(groups) for k in ks}
    own: dict[int, list[Link]] = {}
    for (i, j), link in links.items():
        if group_of[i] == group_of[j]:
            own.setdefault(group_of[i], []).append(link)
    outlets = {r.article_id: r.outlet for r in ordered}
    copy_of = {c.article_id: rep for rep, cs in copies.items() for c in cs[1:]}
    merged = []
    for g, ks in enumerate(groups):
        members = [
            (copy.article_id, items[k][1], items[k][2]) for k in ks for copy in copies[items[k][0]]
        ]
        links_here = sorted(own.get(g, []), key=lambda x: (x.a, x.b))
        merged.append(_merge(members, links_here, outlets, copy_of))
    merged.sort(key=lambda m: (_date_key(m.date), m.members[0].article_id, m.members[0].incident))
    for k, m in enumerate(merged, 1):
        m.id = f"I{k}"
    return Digest(
        articles=[r.article_id for r in ordered],
        incidents=merged,
        programme=_programme(ordered),
        prose_fallbacks=sum(bool(m.prose_problems) for m in merged),
    )


# --- evaluation against a hand-labelled grouping ---------------------------------------------


def _pairs(groups: list[list[_Ref]]) -> set[tuple[_Ref, _Ref]]:
    return {(a, b) for g in groups for a, b in combinations(sorted(set(g)), 2)}


def score_grouping(d: Digest, gold: GoldGrouping) -> dict[str, float]:
    """Pairwise precision, recall and F1 of "same incident", and the share of gold groups the
    digest reproduces exactly. No predicted (or gold) pairs count as precision (recall) 1."""
    pred = [[(m.article_id, m.incident) for m in inc.members] for inc in d.incidents]
    true = [[(m.article_id, m.incident) for m in g.members] for g in gold.groups]
    p_pairs, g_pairs = _pairs(pred), _pairs(true)
    hit = len(p_pairs & g_pairs)
    precision = hit / len(p_pairs) if p_pairs else 1.0
    recall = hit / len(g_pairs) if g_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    pred_sets = {frozenset(p) for p in pred}
    exact = sum(frozenset(g) in pred_sets for g in true) / len(true) if true else 1.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "groups_exact": exact,
        "pairs_predicted": float(len(p_pairs)),
        "pairs_gold": float(len(g_pairs)),
        "pairs_correct": float(hit),
    }


_GROUPS = TypeAdapter(list[GoldGroup])


def load_gold_grouping(path: Path) -> GoldGrouping:
    """Read a hand-labelled grouping: a JSON list of {"label", "members": [{"article_id",
    "incident"}]}. Raises InputError with a one-line message naming the file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold grouping file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    try:
        gold = GoldGrouping(groups=_GROUPS.validate_python(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        raise InputError(
            f"{path}: not a digest grouping at {where}: {err['msg']}; expected a JSON list of "
            '{"label": ..., "members": [{"article_id": ..., "incident": <index>}]}'
        ) from None
    seen: set[_Ref] = set()
    for g in gold.groups:
        for m in g.members:
            if (m.article_id, m.incident) in seen:
                raise InputError(
                    f"{path}: {m.article_id} incident {m.incident} is in more than one group; "
                    "put each incident in exactly one group"
                )
            seen.add((m.article_id, m.incident))
    return gold

"""Digest wording shared by the merge and the renderers: type words, dates, claim phrases, and the
template paragraph of a merged incident. Imports nothing from the renderers."""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from .. import prose as brief
from ..schema import EventDate, IncidentType, Precision

if TYPE_CHECKING:
    from .merge import Claim, MergedIncident

# --- wording ----------------------------------------------------------------------------------

_TYPE_WORDS = {
    IncidentType.roadside_bomb: "roadside bomb",
    IncidentType.vehicle_borne_bomb: "car bomb",
    IncidentType.suicide_bombing: "suicide bombing",
    IncidentType.landmine: "landmine",
    IncidentType.explosion_unspecified: "explosion",
    IncidentType.armed_clash: "armed attack",
    IncidentType.shelling_or_missile: "rocket, mortar or missile attack",
    IncidentType.air_or_drone_strike: "air or drone strike",
    IncidentType.grenade: "grenade attack",
    IncidentType.abduction: "abduction",
    IncidentType.looting_or_robbery: "robbery",
    IncidentType.protest_obstruction: "protest or obstruction",
    IncidentType.vehicle_collision: "vehicle collision",
    IncidentType.no_incident: "patrol without incident",
    IncidentType.other: "attack",
}


def type_words(t: IncidentType) -> str:
    return _TYPE_WORDS[t]


def show_date(d: EventDate) -> str:
    """Short form: '2020-08-25', 'week of 2020-08-18', '22 July (no year)', "'Tuesday'"."""
    if d.precision == Precision.unknown or (d.year is None and d.month is None):
        return f"'{d.text}'" if d.text else "undated"
    if d.year is None and d.month is not None:
        day = f"{d.day} " if d.day is not None and d.precision != Precision.month else ""
        return f"{day}{calendar.month_name[d.month]} (no year)"
    iso = d.iso() or "undated"
    return f"week of {iso}" if d.precision == Precision.week else iso


def claim_phrase(c: Claim) -> str:
    via = f" via {c.reported_via}" if c.reported_via else ""
    who = (c.claimant or "the article itself") + via
    if c.killed is None and c.injured is None:
        what = "casualties without a number"
    elif c.killed == 0 and c.injured == 0:
        what = "none killed or injured"
    else:
        what = ", ".join(
            f"{n} {k}" for n, k in ((c.killed, "killed"), (c.injured, "injured")) if n is not None
        )
    quoted = f' ("{c.stated_as}")' if c.stated_as else ""
    return f"{who} [{c.article_id}]: {what}{quoted}"


def date_phrase(d: EventDate) -> str:
    """The date in words as far as known: 'on 25 August 2020', 'in July (year not stated)'."""
    return brief.date_phrase(d, say_missing=True) or "on an unstated date"


def _event(m: MergedIncident) -> str:
    """The merged event in one sentence; other spellings of the place in brackets."""
    patrol = brief.patrol_phrase(m.patrol_number, m.forces)
    place = m.places[0] if m.places else None
    if place and len(m.places) > 1:
        place += f" (also given as {brief.and_(m.places[1:])})"
    road, admin1 = (m.roads[0] if m.roads else None), (m.admin1[0] if m.admin1 else None)
    where = brief.place_phrase(place, road, admin1, None)
    when = brief.date_phrase(m.date)
    tail = f"{where}{' ' + when if when else ''}"
    if m.incident_type == IncidentType.no_incident:
        return f"{brief.capitalise(patrol)} went ahead without incident{tail}."
    verb = {
        IncidentType.armed_clash: f"{brief.capitalise(patrol)} came under fire",
        IncidentType.shelling_or_missile: f"{brief.capitalise(patrol)} came under rocket, mortar "
        "or missile fire",
        IncidentType.abduction: f"People of {patrol} were abducted",
        IncidentType.looting_or_robbery: f"{brief.capitalise(patrol)} was robbed",
        IncidentType.protest_obstruction: f"Protesters obstructed {patrol}",
        IncidentType.other: f"{brief.capitalise(patrol)} was attacked",
    }.get(m.incident_type)
    if verb is None:
        what = type_words(m.incident_type)
        verb = f"{'An' if what[0] in 'aeiou' else 'A'} {what} hit {patrol}"
    return f"{verb}{tail}."


def _claims(m: MergedIncident, limit: int = 4) -> str | None:
    """Per victim side, the sources that give the same figures share one clause: 'the Russian
    defence ministry, the Russian military and one report said three soldiers were injured'.
    Claims without a figure are named only when a side has no figure at all."""
    clauses = []
    for side in m.casualties:
        stated = [c for c in side.claims if c.killed is not None or c.injured is not None]
        groups: dict[tuple[int | None, int | None], list[Claim]] = {}
        for c in stated or side.claims[:1]:
            groups.setdefault((c.killed, c.injured), []).append(c)
        for claims in groups.values():
            plain = next((c for c in claims if not c.stated_as), claims[0])
            whos = list(dict.fromkeys(
                brief.claimant_name(c.claimant) if c.claimant else brief.OWN_VOICE for c in claims
            ))  # fmt: skip
            if len(whos) > limit:
                whos = [*whos[:limit], f"{len(whos) - limit} other sources"]
            clauses.append(f"{brief.and_(whos)} said {brief.figure_clause(plain)}")
    return brief.capitalise("; ".join(clauses)) + "." if clauses else None


def _after(m: MergedIncident) -> str | None:
    parts = []
    if m.vehicles_damaged:
        parts.append(brief.vehicles_clause(m.vehicles_damaged, m.vehicle_owners))
    outcomes = {o.rsplit(" [", 1)[0] for o in m.outcomes}
    if outcomes == {"called off"}:
        parts.append("the patrol was called off")
    elif outcomes == {"suspended"}:
        parts.append("the patrol was suspended")
    if any(s.disputed for s in m.casualties):
        parts.append("the casualty accounts differ")
    return brief.capitalise(brief.and_(parts)) + "." if parts else None


def merged_facts(m: MergedIncident) -> brief.Facts:
    """What the merged incident holds, for checking its prose."""
    facts = brief.Facts(ordinals={m.patrol_number} if m.patrol_number else set())
    facts.dates = [m.date, *(x.date for x in m.members)]
    facts.add_name(*m.places, *m.roads, *m.admin1, *m.forces, *m.vehicle_owners)
    if m.vehicles_damaged is not None:
        facts.numbers.add(m.vehicles_damaged)
    for side in m.casualties:
        for c in side.claims:
            facts.add_claim(c)
    return facts


def summarise(m: MergedIncident) -> tuple[str, list[str]]:
    """One to three sentences in the register of a news brief, strictly from the merged fields:
    the event, the claims attributed to their sources, what followed. Checked against the
    merged fields; prose that fails the check falls back to the event sentence alone, and the
    problems are returned so the digest can count them."""
    text = " ".join(x for x in (_event(m), _claims(m), _after(m)) if x)
    problems = brief.unsupported(text, merged_facts(m))
    return (_event(m), problems) if problems else (text, [])

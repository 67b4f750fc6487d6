"""Digest wording shared by the merge and the renderers: type words, dates, claim phrases, and the
template paragraph of a merged incident. Imports nothing from the renderers."""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from ..schema import EventDate, IncidentType, Precision, Role

if TYPE_CHECKING:
    from .merge import Claim, MergedIncident

# --- wording ----------------------------------------------------------------------------------

_TYPE_WORDS = {
    IncidentType.roadside_bomb: "roadside bomb",
    IncidentType.vehicle_borne_bomb: "car bomb",
    IncidentType.suicide_bombing: "suicide bombing",
    IncidentType.landmine: "landmine",
    IncidentType.explosion_unspecified: "explosion",
    IncidentType.rocket_rpg_or_gunfire: "rocket, RPG or gunfire attack",
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


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_phrase(d: EventDate) -> str:
    """The date in words as far as known: 'on 25 August 2020', 'in July (year not stated)'."""
    if d.precision == Precision.unknown or d.month is None:
        if d.precision == Precision.year:
            return f"in {d.year}"
        return f"on a day given only as '{d.text}'" if d.text else "on an unstated date"
    month = calendar.month_name[d.month]
    year = f" {d.year}" if d.year is not None else " (year not stated)"
    if d.precision == Precision.month or d.day is None:
        return f"in {month}{year}"
    if d.precision == Precision.week:
        return f"in the week around {d.day} {month}{year}"
    return f"on {d.day} {month}{year}"


def summarise(m: MergedIncident) -> str:
    """A template-written paragraph, strictly from the merged fields."""
    patrol = "joint patrol" if len(m.forces) > 1 else "patrol"
    patrol = f"the {ordinal(m.patrol_number)} {patrol}" if m.patrol_number else f"a {patrol}"
    forces = f" ({', '.join(m.forces)})" if m.forces else ""
    where = f" at {' / '.join(m.places)}" if m.places else ""
    where += f" on the {' / '.join(m.roads)}" if m.roads else ""
    where += f" in {' / '.join(m.admin1)}" if m.admin1 else ""
    when = date_phrase(m.date)
    if m.incident_type == IncidentType.no_incident:
        subject = patrol[0].upper() + patrol[1:]
        out = [f"{subject}{forces} went ahead without incident{where} {when}."]
    else:
        what = type_words(m.incident_type)
        out = [f"{'An' if what[0] in 'aeiou' else 'A'} {what} hit {patrol}{forces}{where} {when}."]
    also = [f"'{t}'" for t in m.date_texts if t != m.date.text]
    if also:
        out.append(f"Also dated {', '.join(also)}.")
    kinds = list(
        dict.fromkeys(type_words(x.incident_type) for x in m.members if x.incident_type != "other")
    )
    if len(kinds) > 1:
        out.append(f"Sources differ on the kind of attack: {', '.join(kinds)}.")
    for side in m.casualties:
        parts = [
            f"{fig.best} {kind}"
            + ("" if fig.low == fig.high else f" (reports {fig.low}-{fig.high}; {fig.basis})")
            for kind, fig in (("killed", side.killed), ("injured", side.injured))
            if fig is not None
        ] or ["casualties claimed without a number"]
        out.append(f"{side.side}: {', '.join(parts)}{'; disputed' if side.disputed else ''}.")
    if m.vehicles_damaged:
        owners = f" ({', '.join(m.vehicle_owners)})" if m.vehicle_owners else ""
        out.append(f"Vehicles damaged: {m.vehicles_damaged}{owners}.")
    if m.perpetrators:
        out.append(f"Blamed: {'; '.join(m.perpetrators)}.")
    if m.outcomes:
        out.append(f"Outcome: {'; '.join(m.outcomes)}.")
    main = sum(x.role == Role.main for x in m.members)
    n = len(m.members)
    out.append(
        f"Reported by {n} article{'s' if n > 1 else ''}: "
        f"{main} as the main event, {n - main} as background."
    )
    return " ".join(out)

"""The patrol-incident record: the data contract of the whole tool.

This module knows nothing of models, providers or the CLI. Field descriptions and class docstrings
are read by the model as part of the JSON Schema, so they are written as instructions to it.
Conventions follow the ACLED codebook where it fits (event date with time precision, sub-event
type, actors, admin1/location/coordinates with geo precision, notes).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Precision(StrEnum):
    """How exactly a date is known (ACLED time precision, extended with 'unknown')."""

    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class IncidentType(StrEnum):
    """Closed set of incident types, aligned with ACLED's sub-event types where they fit patrols
    and convoys (``ACLED_TYPES`` gives each one's ACLED event and sub-event type)."""

    roadside_bomb = "roadside_bomb"  # roadside bomb / IED
    vehicle_borne_bomb = "vehicle_borne_bomb"  # car bomb, VBIED
    suicide_bombing = "suicide_bombing"
    landmine = "landmine"
    explosion_unspecified = (
        "explosion_unspecified"  # a blast whose device the article does not name
    )
    armed_clash = "armed_clash"  # gunfire, an ambush or armed attack with no explosive named
    shelling_or_missile = "shelling_or_missile"  # rockets, RPGs, mortars, artillery, missiles
    air_or_drone_strike = "air_or_drone_strike"
    grenade = "grenade"
    abduction = "abduction"  # people of the patrol or convoy abducted or taken hostage
    looting_or_robbery = "looting_or_robbery"  # the patrol disarmed, robbed, its trucks looted
    protest_obstruction = "protest_obstruction"  # stone-throwing, road blocked by protesters
    vehicle_collision = "vehicle_collision"
    no_incident = "no_incident"  # a patrol that went as planned
    other = "other"


EXPLOSIVE_TYPES = frozenset(
    {
        IncidentType.roadside_bomb,
        IncidentType.vehicle_borne_bomb,
        IncidentType.suicide_bombing,
        IncidentType.landmine,
        IncidentType.explosion_unspecified,
    }
)

_REMOTE = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
_NOT_ACLED = ("Strategic developments", "Other")
# ACLED's event type and sub-event type for each incident type (ACLED codebook, 2023). Attacks
# on troops are battles or remote violence, not violence against civilians; a collision or an
# uneventful patrol is no political violence and is coded as a strategic development, "Other".
ACLED_TYPES: dict[IncidentType, tuple[str, str]] = {
    IncidentType.roadside_bomb: _REMOTE,
    IncidentType.vehicle_borne_bomb: _REMOTE,
    IncidentType.landmine: _REMOTE,
    IncidentType.explosion_unspecified: _REMOTE,
    IncidentType.suicide_bombing: ("Explosions/Remote violence", "Suicide bomb"),
    IncidentType.shelling_or_missile: (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    IncidentType.air_or_drone_strike: ("Explosions/Remote violence", "Air/drone strike"),
    IncidentType.grenade: ("Explosions/Remote violence", "Grenade"),
    IncidentType.armed_clash: ("Battles", "Armed clash"),
    IncidentType.abduction: ("Violence against civilians", "Abduction/forced disappearance"),
    IncidentType.looting_or_robbery: ("Strategic developments", "Looting/property destruction"),
    IncidentType.protest_obstruction: ("Protests", "Protest with intervention"),
    IncidentType.vehicle_collision: _NOT_ACLED,
    IncidentType.no_incident: _NOT_ACLED,
    IncidentType.other: _NOT_ACLED,
}


class Role(StrEnum):
    main = "main"  # the event the article reports
    background = "background"  # an earlier or other event mentioned for context


class Outcome(StrEnum):
    completed = "completed"
    called_off = "called_off"
    suspended = "suspended"
    unknown = "unknown"


class AttributionStatus(StrEnum):
    claimed = "claimed"  # a group claimed responsibility
    suspected = "suspected"  # someone blames a group, no claim
    unknown = "unknown"  # nobody is named


class GeoPrecision(StrEnum):
    """ACLED geo precision: 1 = the named town itself, 2 = near a town / part of a region,
    3 = only a province or larger area is known."""

    town = "town"
    near_town = "near_town"
    region = "region"
    unknown = "unknown"


class ProgrammeStatus(StrEnum):
    started = "started"
    suspended = "suspended"
    resumed = "resumed"
    planned_resumption = "planned_resumption"
    agreement = "agreement"
    other = "other"


class Quote(Strict):
    """A piece of the article that supports a fact: its exact text and its character span in
    the article as given (start inclusive, end exclusive)."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _span_order(self) -> Self:
        if self.end <= self.start:
            raise ValueError(f"quote span end ({self.end}) must be after start ({self.start})")
        return self


Evidence = Annotated[
    list[Quote],
    Field(description="The article sentences that support this fact, quoted exactly."),
]


class EventDate(Strict):
    """A date as the article states it, resolved only as far as the text allows."""

    text: str | None = Field(
        default=None, description="The date words as written, e.g. 'Tuesday', 'Aug. 25, 2020'."
    )
    year: int | None = Field(default=None, ge=1900, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    precision: Precision = Field(
        default=Precision.unknown,
        description="day, week, month or year when resolved; unknown when the text gives no "
        "anchor (a bare 'Tuesday' in an undated article stays unknown).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.day is not None and self.month is None:
            raise ValueError("a date with a day needs its month")
        if self.precision in (Precision.day, Precision.week) and (
            self.month is None or self.day is None
        ):
            raise ValueError(f"precision '{self.precision}' needs month and day; use 'unknown'")
        if self.precision == Precision.month and self.month is None:
            raise ValueError("precision 'month' needs the month")
        if self.precision == Precision.year and self.year is None:
            raise ValueError("precision 'year' needs the year")
        if self.year is not None and self.month is not None and self.day is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise ValueError(f"not a calendar date: {exc}") from None
        return self

    def as_date(self) -> dt.date | None:
        """The calendar date when year, month and day are all known."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str | None:
        """ISO 8601 as far as known: '2020-08-25', '2020-08', '2020', or '--08-12' (no year)."""
        if self.year is None:
            if self.month is not None and self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return None
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out


class Location(Strict):
    place: str | None = Field(
        default=None, description="Town or village named for the incident, e.g. 'Ariha'."
    )
    road: str | None = Field(default=None, description="Road or highway, e.g. 'M4'.")
    admin1: str | None = Field(default=None, description="Province or governorate, e.g. 'Idlib'.")
    country: str | None = Field(default=None, description="Country, e.g. 'Syria'.")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: GeoPrecision = Field(
        default=GeoPrecision.unknown,
        description="town: in the named place; near_town: near it; region: only the province.",
    )


class CasualtyClaim(Strict):
    """One source's statement about how many people were killed or injured."""

    claimant: str | None = Field(
        description="Who makes the claim, as named in the article, e.g. 'Russian Defence "
        "Ministry', 'Turkish sources', 'SOHR'. null when the article states it in its own voice."
    )
    reported_via: str | None = Field(
        default=None, description="Outlet or agency relaying the claim, e.g. 'Interfax', 'Reuters'."
    )
    victims: str = Field(
        description="Whose people are counted, as the article says: 'Russian soldiers', "
        "'Turkish soldiers', 'civilians', 'servicemen'."
    )
    killed: int | None = Field(
        default=None, ge=0, description="Number killed; null when the claim gives no number."
    )
    injured: int | None = Field(
        default=None, ge=0, description="Number injured or wounded; null when not stated."
    )
    stated_as: str | None = Field(
        default=None,
        description="The wording when it is vague or qualified: 'at least three', 'several', "
        "'also wounded'. Never turn 'some' or 'several' into a number.",
    )
    evidence: Evidence = Field(min_length=1)


class Perpetrator(Strict):
    name: str | None = Field(default=None, description="Group blamed, e.g. 'Hurras al-Din'.")
    status: AttributionStatus = Field(
        default=AttributionStatus.unknown,
        description="claimed by the group, suspected (blamed by someone), or unknown.",
    )
    attributed_by: str | None = Field(default=None, description="Who claims or blames.")

    @model_validator(mode="after")
    def _name_needs_status(self) -> Self:
        if self.status == AttributionStatus.unknown and self.name is not None:
            raise ValueError("a named perpetrator needs status 'claimed' or 'suspected'")
        if self.status != AttributionStatus.unknown and self.name is None:
            raise ValueError(f"status '{self.status}' needs the perpetrator's name")
        return self


class VehicleDamage(Strict):
    count: int | None = Field(default=None, ge=0, description="Vehicles damaged or destroyed.")
    owners: list[str] = Field(
        default_factory=list, description="Whose vehicles, e.g. ['Russian', 'Turkish']."
    )


class FollowOn(Strict):
    """Something that happened because of the incident (airstrikes, evacuation, withdrawal)."""

    description: str = Field(min_length=1)
    evidence: Evidence = Field(min_length=1)


class PatrolIncident(Strict):
    """One event involving a patrol or convoy: an attack, an obstruction, or a patrol that went
    as planned (type 'no_incident')."""

    role: Role = Field(
        description="'main' for the event the article reports; 'background' for an earlier "
        "event it mentions for context."
    )
    incident_type: IncidentType = Field(
        description="What happened, as the article names it for this event: the device or act "
        "named first, before a bare 'attack' or 'blast'. Aligned with ACLED's sub-event types "
        "(ACLED_TYPES; the CSV's event_type and sub_event_type): 'armed_clash' is gunfire or an "
        "ambush or attack with no explosive named; 'no_incident' a patrol that went as planned."
    )
    date: EventDate = Field(
        default_factory=EventDate, description="When it happened, resolved only from the text."
    )
    patrol_number: int | None = Field(
        default=None,
        ge=1,
        description="Ordinal of the patrol when stated: '26th joint patrol' is 26.",
    )
    forces: list[str] = Field(
        default_factory=list,
        description="Countries or forces on patrol, e.g. ['Russia', 'Turkey'].",
    )
    location: Location = Field(default_factory=Location)
    casualty_claims: list[CasualtyClaim] = Field(
        default_factory=list,
        description="Every source's figures, kept side by side, never reconciled in a record.",
    )
    vehicles_damaged: VehicleDamage = Field(default_factory=VehicleDamage)
    perpetrator: Perpetrator = Field(default_factory=Perpetrator)
    outcome: Outcome = Field(
        default=Outcome.unknown, description="What became of the patrol: finished, stopped..."
    )
    follow_on: list[FollowOn] = Field(
        default_factory=list, description="Actions that followed: evacuation, airstrikes..."
    )
    notes: str | None = None
    summary: str | None = Field(
        default=None,
        description="One to three plain sentences about this incident, written from its fields "
        "(not by the model) and checked against them.",
    )
    evidence: Evidence = Field(min_length=1)

    @model_validator(mode="after")
    def _no_harm_without_incident(self) -> Self:
        if self.incident_type == IncidentType.no_incident:
            if any(c.killed or c.injured for c in self.casualty_claims):
                raise ValueError(
                    "an incident of type 'no_incident' cannot have casualties: choose the "
                    "attack's type or remove the casualty claims"
                )
            if self.vehicles_damaged.count:
                raise ValueError("an incident of type 'no_incident' cannot have damaged vehicles")
        return self


class ProgrammeStatement(Strict):
    """A statement about the patrol programme that is not an incident: patrols started,
    suspended, resumed, or planned to resume."""

    status: ProgrammeStatus
    description: str = Field(min_length=1)
    date: EventDate = Field(default_factory=EventDate)
    evidence: Evidence = Field(min_length=1)


class DropKind(StrEnum):
    ungrounded = "ungrounded"  # the model proposed it; the article's words do not support it
    invalid = "invalid"  # it failed the record's validation and was removed; the rest stands


class DroppedFact(Strict):
    """A fact left out of the record, and why: one the model proposed that could not be
    grounded in the article, or a value that failed validation (the rest of the record stands)."""

    what: str
    reason: str
    kind: DropKind = DropKind.ungrounded
    field: str | None = Field(
        default=None, description="Where the value was in the record, e.g. 'incidents.0.date'."
    )
    value: str | None = Field(default=None, description="The dropped value, as JSON (shortened).")


class ArticleRecord(Strict):
    """Everything one article says about patrol incidents, each fact tied to its words."""

    schema_version: str = SCHEMA_VERSION
    article_id: str = Field(description="Stable id of the article, e.g. its file name.")
    headline: str | None = Field(default=None, description="The headline as printed, if any.")
    outlet: str | None = Field(default=None, description="Publisher, when the text names it.")
    published: EventDate | None = Field(
        default=None, description="Publication date when the text states it."
    )
    source_url: str | None = Field(
        default=None, description="The page the article was fetched from, when given as a URL."
    )
    fetched_at: dt.datetime | None = Field(
        default=None, description="When the page was fetched (UTC), when given as a URL."
    )
    summary: str = Field(
        description="A brief of one to four plain sentences leading with the main event, "
        "written from the record's fields and checked against them."
    )
    incidents: list[PatrolIncident] = Field(default_factory=list)
    programme: list[ProgrammeStatement] = Field(default_factory=list)
    dropped: list[DroppedFact] = Field(
        default_factory=list,
        description="Facts the model proposed that could not be grounded, and why: never silent.",
    )
    no_patrol_content: str | None = Field(
        default=None, description="Why the record is empty, when the article has no patrol content."
    )

    @model_validator(mode="after")
    def _not_after_article(self) -> Self:
        pub = self.published.as_date() if self.published else None
        if pub is None:
            return self
        for i, inc in enumerate(self.incidents):
            when = inc.date.as_date()
            if when is not None and when > pub:
                raise ValueError(
                    f"incident {i} is dated {when}, after the article's date {pub}: "
                    "check the year or leave the date unresolved"
                )
        return self

"""The model's answer about one article: its events, each with sentence ids and short facts.

One question per article (all events at once): the model reads every article and proposes every
event, including those no rule foresaw; the code then resolves, checks and grounds each fact
(``assemble.py``): figures are re-read from the words of their sentence (``casualties.py``),
names must be written in the event's sentences, and what cannot be grounded is dropped and
reported. Descriptions and docstrings here are prompt text.

There is no content re-ask. Measured on the seeds, the 1.5B model put a figure on the wrong
sentence in 3 of 5 answers; re-asking cost a whole second answer each time (about 40% more time
on those articles), while the figures are decided by the sentence's own words anyway and the
model's stray figure is dropped and reported in ``ArticleRecord.dropped``. An answer that is not
valid JSON for the schema is still re-asked (``extract.py``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..schema import AttributionStatus, GeoPrecision, IncidentType, Outcome, ProgrammeStatus


class ClaimDraft(BaseModel):
    """One source's figure for people killed or injured, in one sentence."""

    sentence: int = Field(description="The sentence id that gives the figure.")
    claimant: str | None = Field(
        description="Who says it, as named; null when the article says it in its own voice."
    )
    killed: int | None = Field(description="Number killed; null if not stated.")
    injured: int | None = Field(description="Number injured or wounded; null if not stated.")


class EventDraft(BaseModel):
    """One event that happened to a patrol, convoy or its people."""

    sentences: list[int] = Field(min_length=1, max_length=10, description="Its sentence ids.")
    main: bool = Field(description="True for the event the article is about.")
    place: str | None = Field(description="Town or village where it happened, as spelled.")
    blamed: str | None = Field(description="Group blamed for it, as named; else null.")
    claims: list[ClaimDraft] = Field(max_length=4)
    followed_by: list[int] = Field(
        max_length=3, description="Ids of sentences saying what was done after it."
    )


class ArticleAnswer(BaseModel):
    """Every event in the article; an empty list when nothing happened to a patrol or convoy."""

    events: list[EventDraft] = Field(max_length=5)


# --- the full answer: the whole record, for a capable model (``--trust-model``) -----------------
# The embedded 1.5B model answers the compact question above better than this one; a strong
# model behind --base-url answers this one, and its answers stand wherever the article's words
# bear them out (``trusted.py``).


class FullClaimDraft(ClaimDraft):
    """One source's figure for one group of people killed or injured."""

    continued_in: list[int] = Field(
        max_length=3,
        description="Ids of other sentences of the same statement that give its figures "
        "('One soldier was killed.' then 'Two others were wounded.'); usually empty.",
    )
    victims: str | None = Field(description="Whose people, as written, e.g. 'Russian soldiers'.")
    reported_via: str | None = Field(
        description="The outlet or agency that relays the claimant's words, if any."
    )
    stated_as: str | None = Field(
        description="The count as written when it is bounded or vague ('at least 12', 'several')."
    )


class FollowDraft(BaseModel):
    """Something done after the event, in one sentence."""

    sentence: int = Field(description="The sentence id that says it.")
    description: str = Field(description="What was done, in a short sentence of your own.")


class FullEventDraft(BaseModel):
    """One event that happened to a patrol, convoy or its people, as a whole record."""

    sentences: list[int] = Field(min_length=1, max_length=20, description="Its sentence ids.")
    main: bool = Field(description="True for the event the article is about.")
    incident_type: IncidentType = Field(description="What happened.")
    outcome: Outcome = Field(description="What became of the patrol.")
    date: str | None = Field(description="When it happened, as written ('on Tuesday').")
    patrol_number: int | None = Field(description="The patrol's ordinal ('the 17th patrol').")
    forces: list[str] = Field(max_length=6, description="Countries or forces on the patrol.")
    place: str | None = Field(description="Town or village where it happened, as spelled.")
    road: str | None = Field(description="Road or highway, e.g. 'M4'.")
    admin1: str | None = Field(description="Province, region or governorate.")
    country: str | None = Field(description="Country where it happened.")
    geo_precision: GeoPrecision = Field(description="How precisely the place is known.")
    vehicles_damaged: int | None = Field(description="Vehicles damaged or destroyed.")
    vehicle_owners: list[str] = Field(max_length=6, description="Whose vehicles they were.")
    blamed: str | None = Field(description="Group blamed for it, as named; else null.")
    blame_status: AttributionStatus = Field(description="Claimed, suspected, or unknown.")
    blamed_by: str | None = Field(description="Who claims or blames, as named.")
    claims: list[FullClaimDraft] = Field(max_length=16)
    follow_on: list[FollowDraft] = Field(max_length=10)


class ProgrammeDraft(BaseModel):
    """A statement about the patrol programme as a whole (started, suspended, resumed...)."""

    status: ProgrammeStatus
    sentences: list[int] = Field(min_length=1, max_length=5)
    date: str | None = Field(description="When, as written.")


class FullArticleAnswer(BaseModel):
    """Every event in the article, and what it says of the patrol programme."""

    events: list[FullEventDraft] = Field(max_length=10)
    programme: list[ProgrammeDraft] = Field(max_length=10)

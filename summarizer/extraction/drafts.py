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

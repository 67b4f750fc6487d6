"""The model's answer about one article: its events, each with sentence ids and short facts.

One question per article (all events at once): the model reads every article and proposes every
event, including those no rule foresaw; the code then resolves, checks and grounds each fact
(``assemble.py``): figures are re-read from the words of their sentence (``casualties.py``),
names must be written in the event's sentences, and what cannot be grounded is dropped and
reported. Descriptions and docstrings here are prompt text. Validators check the answer against
the article (passed as validation context); their messages are sent back as a re-ask.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from .grounding import numbers_in
from .text import Article


def _article(info: ValidationInfo) -> Article | None:
    ctx = info.context
    if isinstance(ctx, dict):
        art = ctx.get("article")
        if isinstance(art, Article):
            return art
    return None


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

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ArticleAnswer:
        art = _article(info)
        if art is None:
            return self
        for i, ev in enumerate(self.events):
            # ids past the article are left to assembly (dropped and reported): re-asking for
            # them costs a whole answer and the rules re-read every figure anyway
            for j, c in enumerate(ev.claims):
                s = art.sentence(c.sentence)
                if s is None:
                    continue
                written = numbers_in(s.text)
                for name, value in (("killed", c.killed), ("injured", c.injured)):
                    if value and value not in written:
                        raise ValueError(
                            f"event {i} claim {j}: {name}={value} is not written in sentence "
                            f"[{c.sentence}]; copy its number, or null"
                        )
        return self

"""The compact answers the model gives to the focused questions about one event.

The model answers with sentence ids and words as written; the code resolves, checks and grounds
them (see ``assemble.py``). Descriptions and docstrings here are prompt text. Validators check an
answer against the article (passed as validation context) and their messages tell the model how
to fix it; they are sent back as a re-ask.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from .grounding import casualty_numbers
from .lexicon import HURT_WORDS, KILL_WORDS
from .text import Article


def _article(info: ValidationInfo) -> Article | None:
    ctx = info.context
    if isinstance(ctx, dict):
        art = ctx.get("article")
        if isinstance(art, Article):
            return art
    return None


def _sentence_id(info: ValidationInfo) -> int | None:
    ctx = info.context
    if isinstance(ctx, dict) and isinstance(ctx.get("sentence"), int):
        return int(ctx["sentence"])
    return None


def _check_id(art: Article | None, sid: int) -> int:
    if art is not None and art.sentence(sid) is None:
        raise ValueError(
            f"sentence {sid} does not exist: the article has sentences 1 to {len(art.sentences)}"
        )
    return sid


class ClaimDraft(BaseModel):
    """One source's figure for killed or injured people."""

    claimant: str | None = Field(
        description="Who says it, as named, e.g. 'Russian Defence Ministry'; null when the "
        "article says it in its own voice."
    )
    victims: str = Field(description="Whose people, e.g. 'Russian soldiers'.")
    killed: int | None = Field(description="Number killed; null if not stated.")
    injured: int | None = Field(description="Number injured, wounded or hurt; null if not stated.")


class ClaimsAnswer(BaseModel):
    """The casualty claims in one sentence."""

    claims: list[ClaimDraft] = Field(max_length=3)

    @model_validator(mode="after")
    def _numbers_in_sentence(self, info: ValidationInfo) -> ClaimsAnswer:
        art, sid = _article(info), _sentence_id(info)
        if art is None or sid is None:
            return self
        s = art.sentence(sid)
        text = s.text if s else ""
        nums = casualty_numbers(text)
        for i, c in enumerate(self.claims):
            hurt_only = HURT_WORDS.search(text) and not KILL_WORDS.search(text)
            if c.killed and c.injured is None and hurt_only:
                # small models read "three soldiers were injured" as killed: the words decide
                c.killed, c.injured = None, c.killed
            for name, value in (("killed", c.killed), ("injured", c.injured)):
                if value is not None and value not in nums:
                    raise ValueError(
                        f"claim {i}: {name}={value} is not written in the sentence; copy its "
                        "number, or null"
                    )
            if c.killed and not KILL_WORDS.search(text):
                raise ValueError(
                    f"claim {i}: the sentence does not say anyone was killed: put the number "
                    "under injured and killed=null"
                )
        return self


class FollowOnDraft(BaseModel):
    sentence: int
    action: str = Field(max_length=120, description="Short, e.g. 'airstrikes on Kabana'.")


class DetailsAnswer(BaseModel):
    """Where the event happened, damage, blame and what followed."""

    place: str | None = Field(description="Town or village as spelled; else null.")
    province: str | None = Field(description="Province, e.g. 'Idlib'; else null.")
    vehicles_damaged: int | None = Field(description="Vehicles damaged or destroyed; else null.")
    perpetrator: str | None = Field(description="Group blamed for this event; else null.")
    follow_on: list[FollowOnDraft] = Field(max_length=4)

    @model_validator(mode="after")
    def _checks(self, info: ValidationInfo) -> DetailsAnswer:
        art = _article(info)
        for f in self.follow_on:
            _check_id(art, f.sentence)
        return self

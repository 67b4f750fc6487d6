"""Who is blamed for an event: a name the model proposes is kept only when the event's own
sentences make it responsible (guidelines: 'claimed' when the group claims it, 'suspected' when
a source blames it; context about who usually attacks is not an attribution)."""

from __future__ import annotations

import re

from ..schema import AttributionStatus, DroppedFact, Perpetrator
from .evidence import EVENT_WORDS

_NULLISH = {"", "null", "none", "unknown", "n/a", "not stated", "unnamed"}
_QUOTES = re.compile(r"[“”\"«»]")
_BLAME = re.compile(
    r"\b(blam\w*|claim\w* (?:responsibility|credit)|responsib\w*|accus\w*|attribut\w*|"
    r"carried out by|behind the|perpetrat\w*)\b",
    re.I,
)
# Acts a group does to a patrol, written after its name ("X attacked", "X claims the attack",
# "crowds threw stones", "rebels detaining peacekeepers") or before it in the passive ("attacked
# by X", "was stoned by X").
_ACTS = (
    r"(?:attack\w*|damag\w*|target\w*|detonat\w*|fir(?:ed|ing)|ambush\w*|plant\w*|struck|"
    r"bomb\w*|claim(?:s|ed)|ston(?:ed|ing)|threw|throw\w*|pelt\w*|intercept\w*|block\w*|"
    r"detain\w*|abduct\w*|kidnap\w*|seiz\w*|open\w* fire)"
)
_CLAIMED = re.compile(
    r"\bclaim(?:s|ed)\s+(?:the\s+)?(?:responsibility|credit|(?:an\s+|[\w’']+\s+)?attack)",
    re.I,
)


def _blamed(name: str, ev: str) -> bool:
    """Whether a sentence names the group as responsible, not merely mentions it."""
    for sentence in re.split(r"(?<=[.!?])\s+", ev):
        if name.lower() not in sentence.lower():
            continue
        n = re.escape(name)
        if (
            _BLAME.search(sentence)
            or re.search(rf"{n}\s+(?:[\w,]+\s+){{0,2}}?{_ACTS}\b", sentence, re.I)
            or re.search(rf"\b{_ACTS}\s+(?:\w+\s+){{0,2}}?by\s+(?:the\s+)?{n}", sentence, re.I)
        ):
            return True
    return False


def _full_naming(name: str, ev: str) -> str:
    """An acronym at its first full naming ('JNIM' -> "Jama'at Nusrat al-Islam wal Muslimeen
    (JNIM)"), as the guidelines ask; any other name as it is."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return name
    m = re.search(rf"((?:[A-Z][\w'’-]*|al|wal|of|the|for|and|el|de)(?:\s+|-))+\({name}\)", ev)
    if m is None:
        return name
    words = m.group(0).split()
    while words and (not words[0][:1].isupper() or words[0] == "The"):
        words = words[1:]
    return " ".join(words)


def perpetrator(asked: str | None, ev: str, where: str, dropped: list[DroppedFact]) -> Perpetrator:
    if asked is None or asked.strip().lower() in _NULLISH:
        return Perpetrator()
    plain = _QUOTES.sub("", ev)  # '“Khattab Al-Shishani” Battalions' is written as the name
    name = _QUOTES.sub("", asked).strip()
    if name.lower() not in plain.lower() or EVENT_WORDS.search(name) or not _blamed(name, plain):
        # "suicide bombing" is what happened, not who did it; a name must be blamed in the text
        dropped.append(
            DroppedFact(
                what=f"perpetrator '{asked}' ({where})",
                reason="the event's sentences do not blame it for this event",
            )
        )
        return Perpetrator()
    claimed = _CLAIMED.search(plain) and not re.search(
        r"\b(no (group|one)|nobody)\b[^.]*claimed", plain, re.I
    )
    return Perpetrator.model_construct(
        name=_full_naming(name, plain),
        status=AttributionStatus.claimed if claimed else AttributionStatus.suspected,
    )

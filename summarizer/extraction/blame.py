"""Who is blamed for an event: a name the model proposes is kept only when the event's own
sentences make it responsible (guidelines: 'claimed' when the group claims it, 'suspected' when
a source blames it; context about who usually attacks is not an attribution)."""

from __future__ import annotations

import re

from ..schema import AttributionStatus, DroppedFact, Perpetrator
from .evidence import EVENT_WORDS
from .grounding import answered

_QUOTES = re.compile(r"[“”\"«»]")
_BLAME = re.compile(
    r"\b(blam\w*|claim\w* (?:responsibility|credit)|responsib\w*|accus\w*|attribut\w*|"
    r"carried out by|behind the|perpetrat\w*)\b",
    re.I,
)
# Acts a group does to a patrol, written after its name ("X attacked", "X claims the attack",
# "crowds threw stones", "rebels detaining peacekeepers", "Maoists blew up a police vehicle") or
# before it in the passive ("attacked by X", "was stoned by X").
_ACTS = (
    r"(?:attack\w*|damag\w*|target\w*|detonat\w*|fir(?:ed|ing)|ambush\w*|plant\w*|struck|"
    r"bomb\w*|claim(?:s|ed)|ston(?:ed|ing)|threw|throw\w*|pelt\w*|intercept\w*|block\w*|"
    r"detain\w*|abduct\w*|kidnap\w*|seiz\w*|open\w* fire|launch\w*|bl[eo]w\w* up|set (?:up|off)|"
    r"trigger\w*|kill\w*)"
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
            # "X attacked", "Maoists blew up a vehicle", "Shabaab, al Qaeda's branch in East
            # Africa, launched an ambush" (an apposition between commas)
            or re.search(
                rf"{n}(?:\s*,[^,]{{1,60}},)?\s+(?:[\w,]+\s+){{0,2}}?{_ACTS}\b", sentence, re.I
            )
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


# The crowd that obstructs a patrol, as the text names it: the subject that opens a sentence
# ("People of X stoned ...", "On Thursday, residents of X intercepted ...", after a dateline
# "CITY (Agency) – Angry crowds ... threw stones") or the agent of a
# passive ("was stoned by local residents", "attacked by angry people with stones").
_CROWD = r"(?:people|residents|crowds?|protesters|demonstrators|villagers|locals|youths?|mobs?)"
_OBSTRUCT = r"(?:ston\w*|pelt\w*|threw|intercept\w*|block\w*|attack\w*|surround\w*)"
_CROWD_SUBJECT = re.compile(
    rf"(?:(?:^|(?<=[.!?])\s+)(?:[A-Z][^,.]{{0,25}},\s+)?|\s[–—]\s+)(?P<who>(?:[A-Za-z]+\s+)?{_CROWD}"
    rf"(?:\s+of\s+[A-Z][\w'’-]*(?:\s+(?:city|town|village))?)?)\s+(?:[\w,'’-]+\s+){{0,12}}?"
    rf"{_OBSTRUCT}\b",
    re.I,
)
_CROWD_AGENT = re.compile(
    rf"\b{_OBSTRUCT}\s+(?:[\w-]+\s+){{0,3}}?by\s+(?:the\s+)?(?P<who>(?:[\w-]+\s+){{0,2}}?{_CROWD})\b",
    re.I,
)
_NOT_OPENING = re.compile(r"^(?:the|a|an|some|many|several|and|but|as|when|while)\s", re.I)


def _crowd(ev: str) -> str | None:
    """The crowd named as obstructing the patrol, in the text's words."""
    for rx in (_CROWD_SUBJECT, _CROWD_AGENT):
        for m in rx.finditer(ev):
            who = m["who"].strip()
            if rx is _CROWD_SUBJECT and _NOT_OPENING.match(who):
                continue
            return who
    return None


# The attackers as the words of the event name them, when the model names nobody the words
# blame: the agent of an act ("an IED planted by terrorists", "an ambush by Anglophone
# separatists"), a group that opens a clause with an act ("The terrorists ambushed a vehicle",
# "after jihadists ambushed their convoy") or one said to be suspected ("the ADF rebels are
# suspected of carrying out the attack"). A name needs a capital or a word for an armed group:
# "hit by a mine" names nobody.
_GROUP = (
    r"(?:terrorists|militants|insurgents|rebels|jihadists|jihadis|gunmen|separatists|fighters|"
    r"extremists|bandits|assailants|attackers|Maoists|Naxal\w*)"
)
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:al|of|the|[A-Z][\w'’-]*))*"
_WHO = rf"(?P<who>(?:[A-Z][\w'’-]*\s+){{0,3}}{_GROUP}|{_NAME})"
_AGENT_OF = re.compile(
    rf"\b(?:{_ACTS}|blast|explosion|raid|carried out|laid)\s+(?:[\w-]+\s+){{0,4}}?"
    rf"by\s+(?:(?:the|suspected|unidentified|armed)\s+)*{_WHO}"
)
_OPENS_WITH_ACT = re.compile(
    r"(?:^|(?<=[.!?])\s+|,\s+|\b(?:after|when|as)\s+)(?:(?:[Tt]he|suspected)\s+)*"
    rf"(?P<who>(?:[A-Z][\w'’-]*\s+){{0,3}}{_GROUP})\s+(?:[\w,]+\s+){{0,2}}?{_ACTS}\b"
)
_SUSPECTED_OF = re.compile(
    rf"(?:[Tt]he\s+)?{_WHO}\s+(?:is|are|was|were)\s+(?:suspected|believed|thought)\s+(?:of|to)\b"
)


def _agent(ev: str) -> str | None:
    """The attackers the event's words name (see ``_AGENT_OF`` and the patterns after it)."""
    for rx in (_AGENT_OF, _OPENS_WITH_ACT, _SUSPECTED_OF):
        m = rx.search(ev)
        if m is not None:
            return m["who"].strip()
    return None


def perpetrator(
    asked: str | None, ev: str, where: str, dropped: list[DroppedFact], *, crowd: bool = False
) -> Perpetrator:
    """The model's name when the event's words blame it; else, for a protest or obstruction,
    the crowd the words name (``crowd``); else the attackers the words name. A name the rules
    read is suspected unless the event's words say it was claimed."""
    found = _blamed_name(asked, ev, where, dropped)
    if found.name is not None:
        return found
    plain = _QUOTES.sub("", ev)
    who = (_crowd(ev) if crowd else None) or _agent(plain)
    if who is None:
        return found
    return Perpetrator.model_construct(name=who, status=_status(plain))


def _status(plain: str) -> AttributionStatus:
    claimed = _CLAIMED.search(plain) and not re.search(
        r"\b(no (group|one)|nobody)\b[^.]*claimed", plain, re.I
    )
    return AttributionStatus.claimed if claimed else AttributionStatus.suspected


def _blamed_name(asked: str | None, ev: str, where: str, dropped: list[DroppedFact]) -> Perpetrator:
    given = answered(asked)
    if given is None:
        return Perpetrator()
    plain = _QUOTES.sub("", ev)  # '“Khattab Al-Shishani” Battalions' is written as the name
    name = _QUOTES.sub("", given).strip()
    if name.lower() not in plain.lower() or EVENT_WORDS.search(name) or not _blamed(name, plain):
        # "suicide bombing" is what happened, not who did it; a name must be blamed in the text
        dropped.append(
            DroppedFact(
                what=f"perpetrator '{asked}' ({where})",
                reason="the event's sentences do not blame it for this event",
            )
        )
        return Perpetrator()
    return Perpetrator.model_construct(name=_full_naming(name, plain), status=_status(plain))

"""What each sentence says of an event, from the parse: its act, its time, its place.

A sentence's frame is read once from the same parse every stage reads (``reading.parse``):

- **act**: the acts it names (``reading.acts``), and whether it tells one anew. An act verb
  ("a bomb hit the convoy", "gunmen ambushed a patrol") or an act noun introduced as new ("a
  blast", "another attack", a bare "IED") is told anew; an act noun that points back ("the
  attack", "its convoy's ambush") or a bare plural ("attacks on convoys have become frequent",
  a trend) is not;
- **time**: its date expressions (``reading.when``), resolved against the article's anchor;
- **place**: the towns it places something in ("in X", "near X"; ``places.candidates``);
- **other**: a word that sets what it tells apart from what came before ("another", "similar",
  "separate", "earlier"; ``reading.lexicon.OTHER_EVENT``);
- **forces**: whether it names a patrol or convoy, forces or their vehicles
  (``reading.lexicon.PATROL`` and ``FORCES``), whom a patrol incident happens to.

``segment`` compares frames with the main event's to propose where another incident starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..reading import gazetteer, lexicon, parse
from ..reading.acts import Act, acts
from ..reading.when import expressions, resolve
from ..schema import EventDate, Precision
from . import places

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Determiners that introduce an act as new ("a blast", "another attack", "one bomb").
_NEW = frozenset({"a", "an", "another", "one"})
_FORCE_NOUNS = lexicon.PATROL | lexicon.FORCES
_PATROL_OR_VEHICLE = lexicon.PATROL | lexicon.FORCE_VEHICLES
# How far apart two days may be and still be one incident's (a night attack reported "Tuesday"
# and "early Wednesday").
SAME_DAYS = 1


@dataclass(frozen=True)
class Frame:
    """One sentence's act, time, place and forces."""

    told: bool  # it tells an act anew
    dates: tuple[EventDate, ...]  # its date expressions, resolved
    other: bool  # a word sets what it tells apart ("another", "similar", "earlier")
    towns: frozenset[str]  # the towns it places something in, lower-cased
    forces: bool  # it names a patrol or convoy, forces or their vehicles


def _head(tok: Token) -> Token:
    """The noun an act word belongs to: 'suicide' in 'a suicide blast' is the blast's."""
    while tok.dep_ in ("compound", "amod") and tok.head is not tok:
        tok = tok.head
    return tok


def _told_anew(head: Token) -> bool:
    """Whether an act tells itself anew ("a bomb hit", "another attack", "gunmen ambushed")
    rather than pointing back ("the attack", "its blast") or speaking of a trend or a fear with
    a bare noun ("attacks on convoys have become frequent", "fearing attack")."""
    if head.pos_ in ("VERB", "AUX"):
        return True
    return any(c.lower_ in _NEW for c in head.children if c.dep_ in ("det", "predet", "nummod"))


def _act_heads(doc: Doc, found: list[Act]) -> list[Token]:
    """The word each act belongs to in the parse ('blast' for the 'suicide' of 'a suicide
    blast')."""
    spans = [doc.char_span(a.start, a.start + len(a.words), alignment_mode="expand") for a in found]
    return [_head(span.root) for span in spans if span is not None]


def _sets_apart(tok: Token, acted: set[int]) -> bool:
    """'another', 'similar', 'separate' of an act or a patrol ('another convoy', 'a similar
    blast'), or 'earlier' as an adverb; not 'another security officer said'."""
    if tok.dep_ == "advmod":
        return True
    head = tok.head
    return head.i in acted or head.lemma_.lower() in _PATROL_OR_VEHICLE


def _names_forces(tok: Token) -> bool:
    """A noun of a patrol, forces or their vehicles, not the one who speaks ('a military
    official said')."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in _FORCE_NOUNS:
        return False
    return not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lexicon.REPORTING)


@lru_cache(maxsize=4096)
def frame(text: str, anchor: dt.date | None) -> Frame:
    """The frame of one sentence, its dates resolved against ``anchor``."""
    doc = parse.sentence(text)
    heads = _act_heads(doc, acts(text))
    told = any(_told_anew(h) for h in heads)
    acted = {h.i for h in heads}
    other = any(_sets_apart(t, acted) for t in doc if t.lower_ in lexicon.OTHER_EVENT)
    candidates, countries = places.candidates(text)
    towns = frozenset(
        c.name.lower()
        for c in candidates
        if c.role == "place" and c.placed and gazetteer.lookup(c.name, countries) is not None
    )
    dates = tuple(resolve(words, anchor) for words in expressions(text))
    forces = any(_names_forces(t) for t in doc)
    return Frame(told, dates, other, towns, forces)


def _day(d: EventDate) -> dt.date | None:
    if d.precision in (Precision.day, Precision.week) and d.month and d.day:
        return dt.date(d.year or 2000, d.month, d.day)
    return None


def _differ(a: EventDate, b: EventDate) -> bool | None:
    """Whether two resolved dates name different times; None when they cannot be compared."""
    da, db = _day(a), _day(b)
    if da is not None and db is not None:
        if (a.year is None) != (b.year is None):
            da, db = da.replace(year=2000), db.replace(year=2000)
        return abs((da - db).days) > SAME_DAYS
    if a.month and b.month and Precision.unknown not in (a.precision, b.precision):
        if a.year and b.year and a.year != b.year:
            return True
        return a.month != b.month
    return None


def other_time(f: Frame, main: list[EventDate], anchor: dt.date | None) -> str | None:
    """The date words that place a sentence at another time than the main event, or None.

    Against the main event's dates when it states them, else against the anchor (news tells
    its main event within days of publishing it): a day more than a week before the anchor, or
    another month, is another time."""
    for d in f.dates:
        if d.precision == Precision.unknown:
            continue
        if main:
            verdicts = [_differ(d, m) for m in main]
            if any(v is True for v in verdicts) and not any(v is False for v in verdicts):
                return d.text
        elif anchor and (day := _day(d)) and d.year is not None and (anchor - day).days > 7:
            return d.text
    return None

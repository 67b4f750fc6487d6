"""Where another incident starts, from what the parse says of each sentence.

The rules and the model's list (``proposals.reconcile``) find the main event; a small model
lists most of an article as that one event (82 of 88 recorded corpus answers), and background
incidents ("On July 4, ten soldiers were wounded when a suicide bomber attacked a convoy") end
up inside it or nowhere. Here the frames of the sentences (``frames``: act, time, place) draw
the boundaries:

- after the headline and lead, a sentence that tells an act anew and names a patrol, convoy,
  forces or their vehicles starts another incident when it is placed at another time than the
  main event's, set apart by a word ("another", "similar", "earlier") or placed in towns the
  lead does not name;
- the sentences right after it that tell no act anew (figures, "the attack", who said what) and
  are not placed at another time go with it;
- its sentences, and the model's claims and follow-ons on them, leave the main event; the new
  background incident's notes say why it was set apart;
- where the model's main event tells sentences apart (not a list of most of the article,
  ``proposals.LAZY_SHARE``), the model has read the article's boundaries and they stand: the
  frames draw none. A strong model behind ``--base-url`` decides its own boundaries; the
  frames serve a model that lists the whole article as one event.

Asking the embedded 1.5B model to confirm each break was measured and is not done: in four
question shapes it gave one answer to nearly every sentence (``bench/segmentation.py
--verdict``; the closing note of issue 22).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..reading.text import Article
from ..schema import EventDate, Precision, Role
from .evidence import Event, describe, in_lead
from .frames import Frame, frame, other_time
from .proposals import EventFacts


@dataclass
class Candidate:
    """Sentences the frames set apart from the main event as an incident of their own."""

    sentences: list[int]
    reason: str  # for the analyst: "placed at another time (July 4)"


def _apart(
    f: Frame, main_dates: list[EventDate], main_towns: set[str], anchor: dt.date | None
) -> str | None:
    """Why a sentence that tells an act anew is not the main event, or None."""
    when = other_time(f, main_dates, anchor)
    if when:
        return f"placed at another time ({when})"
    if f.other:
        return "told as another event"
    if f.towns and main_towns and not f.towns & main_towns:
        return f"in other towns ({', '.join(sorted(f.towns))})"
    return None


def candidates(
    article: Article, facts: list[EventFacts], anchor: dt.date | None
) -> list[Candidate]:
    """The incidents the frames set apart from the main event, in article order."""
    main = next((f for f in facts if f.event.role == Role.main), None)
    if main is None:
        return []
    if main.told_apart_by_model:
        return []  # the model told the main event's sentences apart from the rest
    others = {i for f in facts if f is not main for i in f.event.sentences}
    lead = [i for i in main.event.sentences if in_lead(article, [i])] or main.event.sentences[:1]
    lead_frames = [frame(s.text, anchor) for i in lead if (s := article.sentence(i))]
    main_dates = [d for fr in lead_frames for d in fr.dates if d.precision != Precision.unknown]
    main_towns = {t for fr in lead_frames for t in fr.towns}
    out: list[Candidate] = []
    current: Candidate | None = None
    for s in article.sentences:
        if s.id in others or in_lead(article, [s.id]):
            current = None
            continue
        fr = frame(s.text, anchor)
        if fr.told:
            why = _apart(fr, main_dates, main_towns, anchor) if fr.forces else None
            current = Candidate([s.id], why) if why else None
            if current is not None:
                out.append(current)
        elif current is not None and s.id == current.sentences[-1] + 1 and not fr.dates:
            current.sentences.append(s.id)
        else:
            current = None
    return out


def split(article: Article, facts: list[EventFacts], anchor: dt.date | None) -> None:
    """Each candidate made a background incident, taken from the main event, whose type and
    outcome are then read again from the sentences it keeps."""
    main = next((f for f in facts if f.event.role == Role.main), None)
    if main is None:
        return
    found = candidates(article, facts, anchor)
    for cand in found:
        ids = set(cand.sentences)
        kept = [i for i in main.event.sentences if i not in ids]
        if not kept:
            continue
        main.event.sentences = kept
        moved = [c for c in main.claims if c.sentence in ids]
        main.claims = [c for c in main.claims if c.sentence not in ids]
        follows = [i for i in main.followed_by if i in ids]
        main.followed_by = [i for i in main.followed_by if i not in ids]
        event = describe(article, Event(sentences=sorted(ids)))
        event.role = Role.background
        new = EventFacts(event=event, claims=moved, followed_by=follows, origin="rules")
        new.notes.append(f"separated from the main event: {cand.reason}")
        facts.append(new)
    if found:
        describe(article, main.event)
    facts.sort(key=lambda f: f.event.anchor)

"""Where an event happened: place candidates from the parse, checked against the gazetteer.

Candidates are the places the event's own sentences name: spaCy's GPE, LOC and FAC entities and
proper names after a preposition of place ("outside Bria") that the recogniser did not tag. What
the parse says around each decides its part:

- a word of nearness before it ("near", "outside", "north of", "between the villages of") makes
  it ``near_town``; "in", "at", "the town of" make it ``town``;
- a province noun ("Idlib province", "the province of Idlib"), a direction adjective ("southern
  Idlib") or a bare name that is a province of its own name in the gazetteer makes it the
  province (``admin1``); a district noun ("Bijapur district") makes it neither;
- a dateline ("DUBAI (Reuters) -"), a country, a road, a place a journey leads to ("on the road
  to Gao") is not where the event happened.

The place is the first candidate in a place's position in the event's sentences (the model's
answer when it is one of the candidates), kept as written, whether or not the gazetteer knows it;
the gazetteer (``reading.gazetteer``, GeoNames, offline) gives its coordinates when it knows the
name in the countries the article names. Province and country are written ones (guidelines:
'country "Syria" when the text places it in Syria').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..reading import gazetteer, parse
from ..schema import GeoPrecision, Location
from . import geo
from .grounding import in_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NEAR = {"near", "nearby", "outside", "outskirts", "close", "km", "kilometres", "kilometers",
         "miles", "vicinity", "north", "south", "east", "west", "northeast", "northwest",
         "southeast", "southwest", "between", "around", "countryside", "edge", "area"}  # fmt: skip
_AT = {"in", "at", "near", "nearby", "outside", "around", "through", "between", "into", "from"}
_SETTLEMENT = {"town", "village", "city", "locality", "hamlet", "neighbourhood", "neighborhood",
               "camp", "area", "countryside", "outskirts"}  # fmt: skip
_PROVINCE = {"province", "governorate", "region", "oblast", "state", "prefecture", "county",
             "canton", "department"}  # fmt: skip
_DISTRICT = {"district", "sector", "subdivision", "tehsil", "territory", "circle", "zone",
             "commune", "municipality", "division"}  # fmt: skip
_DIRECTIONS = {"southern", "northern", "eastern", "western", "central", "northwestern",
               "northeastern", "southwestern", "southeastern", "north-western", "north-eastern",
               "south-western", "south-eastern", "greater"}  # fmt: skip
_TOWARDS = {"to", "towards", "toward", "for"}
_JOURNEY = {"road", "way", "route", "highway", "head", "go", "travel", "return", "bound", "move",
            "drive", "lead", "escort", "transfer", "evacuate", "fly", "take",
            "airlift"}  # fmt: skip
_SET_OFF = {"set", "depart", "leave", "start", "come", "return", "begin", "launch"}
# A name may open on a lowercase Arabic particle ("al-Ghassaniyeh").
_PARTICLES = {"al", "el", "as", "ash", "ad", "an", "ar", "at", "az"}
_PARTICLE = re.compile(rf"(?:{'|'.join(sorted(_PARTICLES))})-?[A-Z]")
_ROADLIKE = re.compile(r"[A-Z]{1,2}-?\d{1,3}")


@dataclass(frozen=True)
class _Candidate:
    name: str  # as written, without a leading 'the', a possessive or a unit noun
    role: str  # 'place', 'admin1' or 'district'
    near: bool
    placed: bool  # after a preposition of place or 'the town of'


def _strip(name: str) -> str:
    """The name without a unit noun, and without a direction the gazetteer does not know as
    part of it ('southern Idlib' -> 'Idlib'; 'Central Equatoria' stays)."""
    words = gazetteer.normalise(name).split()
    while len(words) > 1 and words[-1].lower() in _PROVINCE | _DISTRICT | _SETTLEMENT:
        words.pop()
    if len(words) > 1 and words[0].lower() in _DIRECTIONS and not gazetteer.lookup(" ".join(words)):
        words.pop(0)
    return " ".join(words)


_NOT_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                     "NORP", "LAW", "LANGUAGE"}  # fmt: skip


def _in_place_position(root: Token) -> bool:
    """'in X', 'near X', 'the town of X', 'the X area', 'between the villages of X and Y'."""
    head = root.head
    if root.dep_ == "conj":
        return _in_place_position(head)
    if root.dep_ == "pobj" and head.lower_ in _AT:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of":
        # "the village of X", "the canton of X", "the west of X"
        noun = head.head.lemma_.lower()
        return noun in _SETTLEMENT | _PROVINCE | _DISTRICT or noun in _NEAR
    if root.dep_ in ("compound", "nmod") and head.lemma_.lower() in _SETTLEMENT:
        return head.dep_ == "pobj" and head.head.lower_ in _AT
    return root.dep_ in ("advmod", "npadvmod", "dobj") and head.lower_ in ("nearby", "near")


def _spans(doc: Doc) -> list[Span]:
    """Entities of place, and any other proper name in a place's position ('near the town of
    Urum al-Jawz', 'outside Bria', 'the Mir Ali area'): the recogniser often tags an unfamiliar
    town as a person or a product, or not at all."""
    spans = [
        e
        for e in doc.ents
        if e.label_ in ("GPE", "LOC", "FAC")
        or (e.label_ not in _NOT_PLACE_LABELS and _in_place_position(e.root))
    ]
    taken = {i for e in spans for i in range(e.start, e.end)}
    for t in doc[2:]:
        # "the town of Urum al-Jawz": the capitalised words after a settlement noun and 'of',
        # however the parser hangs them
        after_of = doc[t.i - 1].lower_ == "of" and doc[t.i - 2].lemma_.lower() in _SETTLEMENT
        particle = t.lower_ in _PARTICLES and doc[t.i + 1 : t.i + 2].text == "-"
        if t.i in taken or not after_of or not (t.text[:1].isupper() or particle):
            continue
        hi = t.i
        while hi + 1 < len(doc) and (
            doc[hi + 1].text[:1].isupper() or doc[hi + 1].text in ("-", "al", "el", "as", "ad")
        ):
            hi += 1
        spans.append(doc[t.i : hi + 1])
        taken.update(range(t.i, hi + 1))
    entities = {i for e in doc.ents for i in range(e.start, e.end)}
    for t in doc:
        if t.i in taken or t.i in entities or t.pos_ != "PROPN" or not _in_place_position(t):
            continue
        lo = min([c.left_edge.i for c in t.lefts if c.dep_ in ("compound",)] + [t.i])
        spans.append(doc[lo : t.i + 1])
    return sorted(spans, key=lambda e: e.start)


def _dateline(ent: Span) -> bool:
    """'DUBAI (Reuters) –', 'MOSCOW, Aug 25 –', '(Bamako)': the place the report was filed."""
    doc = ent.doc
    if ent.start > 2:
        return False
    after = doc[ent.end : ent.end + 2]
    before = doc[max(0, ent.start - 1) : ent.start]
    return (
        (ent.text.isupper() and len(ent.text) > 3)
        or any(t.text in ("(", ":") for t in after)
        or any(t.text == "(" for t in before)
    )


def _destination(ent: Span) -> bool:
    """A place a route starts from, leads to or reaches ('set off from the town of X', 'on the
    road to Gao', 'reached Y'): not where the event happened."""
    root = ent.root
    if root.head.lower_ == "of" and root.head.head.lemma_.lower() in _SETTLEMENT:
        root = root.head.head  # "the town of X": the town's own place in the sentence
    if root.dep_ == "dobj" and root.head.lemma_.lower() in ("reach", "enter", "leave"):
        return True
    if root.dep_ != "pobj":
        return False
    prep = root.head
    verb = prep.head.lemma_.lower()
    return (prep.lower_ in _TOWARDS and verb in _JOURNEY) or (
        prep.lower_ == "from" and verb in _JOURNEY | _SET_OFF
    )


def _context(ent: Span) -> tuple[bool, bool]:
    """(near, placed): a word of nearness, or a preposition of place, before the name."""
    doc = ent.doc
    before = [t.lower_ for t in doc[max(0, ent.start - 6) : ent.start]]
    after = [t.lemma_.lower() for t in doc[ent.end : ent.end + 1]]
    near = (
        any(w in _NEAR for w in before[-3:])
        or bool(set(after) & {"countryside", "outskirts"})
        or (any(w in _SETTLEMENT for w in before[-2:]) and any(w in _NEAR for w in before))
    )
    placed = _in_place_position(ent.root) or any(w in _SETTLEMENT for w in before[-2:])
    return near, placed


def _role(ent: Span, name: str, countries: list[str]) -> str:
    doc = ent.doc
    after = doc[ent.end : ent.end + 1]
    words = {t.lower_ for t in ent} | {t.lower_ for t in after}
    before = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]]
    if words & _PROVINCE or ("of" in before[-1:] and set(before) & _PROVINCE):
        return "admin1"
    if words & _DISTRICT:
        return "district"
    if before[-1:] and before[-1] in _DIRECTIONS:
        return "admin1" if gazetteer.lookup(name, countries, kind="admin1") else "place"
    found = gazetteer.lookup(name, countries)
    if found is not None and found.kind == "admin1":
        return "admin1"
    if (
        found is not None
        and found.admin1
        and gazetteer.match_key(found.admin1) == gazetteer.match_key(name)
    ):
        return "admin1"  # "in Idlib": the province of that name, as conflict reports mean it
    return "place"


def _countries(docs: list[Doc]) -> list[str]:
    found = [gazetteer.country(e.text) for d in docs for e in d.ents if e.label_ in ("GPE", "NORP")]
    return list(dict.fromkeys(c for c in found if c))


def candidates(ev: str) -> tuple[list[_Candidate], list[str]]:
    """The places the event's sentences name, in order, and the countries they name."""
    docs = parse.read([line for line in ev.split("\n") if line.strip()])
    countries = _countries(docs)
    out: list[_Candidate] = []
    seen: set[str] = set()
    for doc in docs:
        for ent in _spans(doc):
            name = _strip(ent.text)
            if (
                not (name[:1].isupper() or _PARTICLE.match(name))
                or name.lower() in seen
                or gazetteer.country(name)
                or _ROADLIKE.fullmatch(name)
                or _dateline(ent)
                or _destination(ent)
            ):
                continue
            if name.isupper() and len(name) <= 8 and ent.label_ != "GPE":
                continue  # an acronym: a mission or a group, not a place
            if ent.label_ in ("LOC", "FAC") and not _in_place_position(ent.root):
                found = gazetteer.lookup(name, countries)
                if found is None or found.kind != "town":
                    continue  # a region of the world, a river, a base: not a town
            seen.add(name.lower())
            near, placed = _context(ent)
            out.append(_Candidate(name, _role(ent, name, countries), near, placed))
    return out, countries


def location(asked_place: str | None, ev: str) -> Location:
    """Place, province, country and coordinates from the event's own sentences."""
    found, countries = candidates(ev)
    places = [c for c in found if c.role == "place"]
    asked = in_text(asked_place, ev)
    place = next((c for c in places if asked and c.name.lower() == _strip(asked).lower()), None)
    if place is None:
        place = next((c for c in places if c.placed), None)
    admin = next((c for c in found if c.role == "admin1"), None)
    admin1 = admin.name if admin else None
    name = place.name if place else None
    country = geo.incident_country(ev, name, admin1)
    town = None
    if name:
        context = [c for c in [country, *countries] if c]
        if admin1 and (unit := gazetteer.lookup(admin1, context, kind="admin1")) and unit.country:
            context.append(unit.country)
        resolved = gazetteer.lookup(name, list(dict.fromkeys(context)))
        town = resolved if resolved is not None and resolved.kind == "town" else None
    if place is not None:
        precision = GeoPrecision.near_town if place.near else GeoPrecision.town
    elif admin1:
        precision = GeoPrecision.region
    else:
        precision = GeoPrecision.unknown
    return Location.model_construct(
        place=name,
        road=_road(ev),
        admin1=admin1,
        country=country,
        latitude=town.latitude if town else None,
        longitude=town.longitude if town else None,
        geo_precision=precision,
    )


_ROAD = re.compile(r"\b([A-Z]{1,2}-?\d{1,3})\s+(?:highway|road|motorway|expressway)\b")
_ROAD_NAMED = re.compile(r"\b(?:highway|route|road)\s+([A-Z]{0,2}-?\d{1,3})\b", re.I)
_ROAD_THE = re.compile(r"\bthe ([A-Z]{1,2}-?\d{1,3})\b")


def _road(text: str) -> str | None:
    """A highway designation such as 'M4', 'N1', 'E40', 'Route 7'."""
    m = _ROAD.search(text) or _ROAD_NAMED.search(text) or _ROAD_THE.search(text)
    return m.group(1).upper().replace("-", "") if m else None

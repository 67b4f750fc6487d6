"""Where an event happened, from its own sentences: the town, the road, the province and the
country (guidelines: 'near the town of X' -> X, near_town; 'in X' -> town; only a province ->
region). The model's place is kept only when the sentences write it."""

from __future__ import annotations

import re

from ..reading import gazetteer
from ..schema import GeoPrecision, Location
from . import geo
from .grounding import in_text

NEAR_WINDOW = 40  # characters before the place name searched for a word of nearness
_NEAR = re.compile(
    r"\b(near|nearby|outside|outskirts of|close to|km|kilometers|kilometres|miles|countryside|"
    r"vicinity|(?:north|south|east|west)\w* of)\b",
    re.I,
)


# A place name: capitalised words, with Arabic article particles ("Urum al-Jawz", "Tell as-Sabi",
# "al-Ghassaniyeh").
_PARTICLE = r"(?:(?:al|el|as|ash|ad|an|ar|at|az)-)"
_NAME = rf"{_PARTICLE}?[A-Z][\w'’-]*(?:[ -]{_PARTICLE}?[A-Z][\w'’-]*)*"
_TOWN_OF = re.compile(r"\b(?:town|village|city|district) of (?P<n>" + _NAME + ")")
_NEAR_TOWN = re.compile(
    r"\b(?:near|nearby|outside|close to|on the outskirts of|(?:in the )?(?:north|south|east|west)"
    r"(?:-?(?:east|west))?(?:ern)? (?:part )?of) (?P<n>" + _NAME + ")"
)
_IN_TOWN = re.compile(
    r"\b(?:in|near|outside) (?P<n>[A-Z][\w'’-]+(?:[ -][a-z]{2}-[A-Z][\w'’-]+)?),\s+"
    r"(?:southern|northern|eastern|western|central|north\w*|south\w*)\s+[A-Z]"
)
_AREA = re.compile(r"\bthe (?P<n>" + _NAME + r") area\b")
# A town a road or a journey leads to is not where the event happened ("on the road to the city
# of X", "heading to the town of X", "the convoy was going from X to Y").
_DESTINATION = re.compile(
    r"\b(?:road|way|route|highway|heading|going|travell?ing|returning|bound)\s+(?:back\s+)?"
    r"(?:to|towards|for)\s+(?:the\s+)?(?:(?:town|village|city|district)\s+of\s+)?$",
    re.I,
)
_DIRECTION = (
    r"(?:southern|northern|eastern|western|central|north-?western|north-?eastern|"
    r"south-?western|south-?eastern)"
)
_PROVINCE_NOUN = r"(?:[Pp]rovince|[Gg]overnorate|[Rr]egion|[Oo]blast)"
_ADMIN_NOUN = rf"(?:{_PROVINCE_NOUN}|[Dd]istrict)"
_ADMIN = [
    # "the Gichik area of Balochistan", "the Mir Ali area of Khyber Pakhtunkhwa's North
    # Waziristan district": the province the area lies in
    re.compile(r"\barea of (?P<n>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})(?=['’]s\b|[,.;]|\s+[a-z]|$)"),
    re.compile(rf"\b{_DIRECTION}\s+(?P<n>[A-Z][\w'’-]+)(?P<more>(?:\s+[A-Z][\w'’-]+)*)"),
    # a district is below the province ("Bijapur district in Chhattisgarh"): not admin1
    re.compile(r"\b(?P<n>[A-Z][\w'’-]+)\s+" + _PROVINCE_NOUN + r"\b"),
    re.compile(
        r"\b(?:province|governorate|region|canton|county) of (?:Greater )?(?P<n>[A-Z][\w'’-]+)"
    ),
]


_ADMIN_WORD = re.compile(r"^\s+(?:province|governorate|region|district|oblast)\b", re.I)
_ENDS_ADMIN = re.compile(r"\s" + _ADMIN_NOUN + r"$")


def _admins(ev: str, towns: list[str]) -> list[str]:
    """Provinces named by the event's words: 'northern Idlib', 'Idlib province', 'the province
    of Idlib'; a country ('northern Burkina Faso', "northeastern Syria's") is not one."""
    out = []
    for rx in _ADMIN:
        for m in rx.finditer(ev):
            name = re.sub(r"['’]s$", "", m["n"])
            whole = name + (m.groupdict().get("more") or "")
            if geo.country_of(name) or geo.country_of(whole) or name in towns:
                continue
            if re.match(r"\s+countryside\b", ev[m.end("n") :]):
                continue  # "the western Kobani countryside": the town's, not a province

            out.append(name)
    return out


def _towns(ev: str) -> list[str]:
    """Towns the event's words name ('the town of X', 'in X, southern Y', 'the X area'), not a
    town a road or journey leads to."""
    found = [
        m["n"]
        for rx in (_TOWN_OF, _IN_TOWN, _AREA)
        for m in rx.finditer(ev)
        if not _DESTINATION.search(ev, 0, m.start())
    ]
    return [t for t in dict.fromkeys(found) if geo.country_of(t) is None]


def location(asked_place: str | None, ev: str) -> Location:
    """Place and province from the event's own sentences: written patterns first ('the town of
    X', 'in X, southern Y', 'the X area', 'Y province'), then the model's answer when the
    sentences contain it and it is neither a country nor the province. A route between two towns
    has no place."""
    towns = _towns(ev)
    if not towns:  # "near Uram Al-Juz": a named place by a word of nearness
        towns = [
            n
            for m in _NEAR_TOWN.finditer(ev)
            if geo.country_of(n := m["n"]) is None and not _ADMIN_WORD.search(ev[m.end() :][:12])
        ][:1]
    admins = _admins(ev, towns)
    admin1 = admins[0] if admins else None
    place = towns[0] if len(towns) == 1 else None
    asked = _proper_noun(asked_place, ev)
    if (
        place is None
        and asked
        and (not towns or asked in towns)
        and geo.country_of(asked) is None
        and asked.removeprefix("Greater ") != admin1
        and not _ENDS_ADMIN.search(asked)  # "Al-Hasakah Governorate" is a province
    ):
        place = asked  # the model's place, when the event's words write it
    if place is None and not towns:
        place = _named_in(ev, admin1)
    if place:
        idx = ev.find(place)
        before = ev[max(0, idx - NEAR_WINDOW) : idx] if idx >= 0 else ""
        after = ev[idx + len(place) :][:20] if idx >= 0 else ""
        near = _NEAR.search(before) or re.match(r"\s+(?:countryside|outskirts)\b", after)
        precision = GeoPrecision.near_town if near else GeoPrecision.town
    elif admin1:
        precision = GeoPrecision.region
    else:
        precision = GeoPrecision.unknown
    country = geo.incident_country(ev, place, admin1)
    town = _gazetteer_town(place, admin1, country, ev)
    return Location.model_construct(
        place=place,
        road=_road(ev),
        admin1=admin1,
        country=country,
        latitude=town.latitude if town else None,
        longitude=town.longitude if town else None,
        geo_precision=precision,
    )


def _gazetteer_town(
    place: str | None, admin1: str | None, country: str | None, ev: str
) -> gazetteer.Place | None:
    """The place in the offline gazetteer (GeoNames), within the countries the event names or
    that hold its province; None when the gazetteer lacks it or it is not a town there."""
    if not place:
        return None
    countries = [c for c in [country, *geo.countries_in(ev)] if c]
    if admin1 and (unit := gazetteer.admin1_of(admin1, country)) is not None and unit.country:
        countries.append(unit.country)
    found = gazetteer.lookup(place, list(dict.fromkeys(countries)))
    return found if found is not None and found.kind == "town" else None


# "in Haseke", "passed through Macdit", "the Kobani countryside": a capitalised name after a
# preposition of place, when nothing more specific names the town. Its words are joined by a
# space, never a line break: the evidence's sentences are one per line, and a headline with no
# full stop ("... patrol in Darbasiyah") is followed by the next sentence's first word.
_IN_NAME = re.compile(
    r"(?<![\w’'-])(?:in|through|at)\s+(?P<n>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?)(?![\w’'-])"
    r"|\b(?P<c>[A-Z][\w’'-]+)\s+countryside\b"
)
_NOT_A_PLACE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|This|That|"
    r"Its|Their|His|Her|Our)\b|.*['’]s$"
)


def _named_in(ev: str, admin1: str | None) -> str | None:
    """The first name after 'in', 'through' or 'at' (or before 'countryside') that is not a
    country, a nationality, a province, a month or a weekday."""
    for m in _IN_NAME.finditer(ev):
        name = m["n"] or m["c"]
        if (
            _NOT_A_PLACE.match(name)
            or geo.country_of(name)
            or geo.country_of(name.split()[0])
            or name == admin1
            or _ADMIN_WORD.search(ev[m.end() :][:14])
            or _ENDS_ADMIN.search(name)
        ):
            continue
        return name
    return None


def _proper_noun(value: str | None, text: str) -> str | None:
    """A place name the article writes with a capital ('Idlib', not 'northwestern')."""
    v = in_text(value, text)
    return v if v is not None and v[:1].isupper() else None


def _road(text: str) -> str | None:
    """A highway designation such as 'M4', 'N1', 'E40', 'Route 7'."""
    m = re.search(r"\b([A-Z]{1,2}-?\d{1,3})\s+(?:highway|road|motorway|expressway)\b", text)
    if m:
        return m.group(1).replace("-", "")
    m = re.search(r"\b(?:highway|route|road)\s+([A-Z]{0,2}-?\d{1,3})\b", text, re.I) or re.search(
        r"\bthe ([A-Z]{1,2}-?\d{1,3})\b", text
    )
    return m.group(1).upper().replace("-", "") if m else None

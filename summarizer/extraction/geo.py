"""Names of countries and the adjectives for their forces, used to read 'joint Russian-Turkish
patrol', 'Chadian peacekeepers' or '... in Syria' deterministically. Extend the table freely:
nothing else in the code names a country."""

from __future__ import annotations

import re

from ..countries import DEMONYMS

COUNTRIES: set[str] = (set(DEMONYMS.values()) - {"Kurdish forces"}) | {
    "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo", "Lebanon",
    "Golan Heights", "Western Sahara", "Darfur", "Abyei", "Kashmir",
}  # fmt: skip
_ALIASES = {
    "Türkiye": "Turkey", "Turkiye": "Turkey", "DRC": "DR Congo", "Democratic Republic of Congo":
    "DR Congo", "Democratic Republic of the Congo": "DR Congo", "CAR": "Central African Republic",
}  # fmt: skip
# A country as the place of an event: "in Syria", "in northern Mali", "Syria's Idlib", "Mali:".
_WHERE = (
    r"(?:\b(?:in|across|inside|of|near)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?)"
)

_JOINT = re.compile(
    r"\b(?P<a>[A-Z][\w.]+)\s*[-–/]\s*(?P<b>[A-Z][\w.]+)\s+(?:joint\s+|military\s+|ground\s+)*"
    r"(?:patrols?|convoys?|forces)",
)
_AND = re.compile(
    r"\b(?P<a>[A-Z][\w.]+)\s+and\s+(?P<b>[A-Z][\w.]+)\s+(?:joint\s+|military\s+)*"
    r"(?:patrols?|convoys?|forces|troops|vehicles?)",
)
# "the Russian military police conducted the 22nd joint patrol with Turkey": the partner
_WITH = re.compile(r"\bjoint\s+(?:[\w-]+\s+){0,2}?patrols?\s+with\s+(?P<c>[A-Z][\w.]+)")


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)


def country_of(word: str) -> str | None:
    word = word.strip()
    if word in DEMONYMS:
        return DEMONYMS[word]
    if word in COUNTRIES:
        return word
    return _ALIASES.get(word)


def forces_in(text: str) -> list[str]:
    """Countries of a joint patrol named like 'joint Russian-Turkish patrol', in text order."""
    for rx in (_JOINT, _AND):
        for m in rx.finditer(text):
            if _BETWEEN.search(text, 0, m.start()):
                continue  # "the ceasefire between Israel and Syrian forces": two sides
            a, b = country_of(m["a"]), country_of(m["b"])
            if a and b and a != b:
                return [a, b]
    return []


def countries_in(text: str) -> list[str]:
    """Country names written in the text (not adjectives), in order of appearance."""
    found: list[tuple[int, str]] = []
    for name in COUNTRIES:
        m = re.search(rf"\b{re.escape(name)}\b", text)
        if m:
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]


def owners_in(text: str) -> list[str]:
    """Adjectives of nationality directly qualifying a vehicle: 'one Russian and one Turkish
    armored vehicle' -> ['Russian', 'Turkish']."""
    out: list[str] = []
    pattern = r"\b([A-Z][\w.]+)\s+(?:(?:and\s+one\s+[A-Z][\w.]+\s+)?(?:military\s+|armou?red\s+)*)"
    for m in re.finditer(pattern + r"(?:vehicles?|armou?red|convoy vehicle)", text):
        span = m.group(0)
        for word in re.findall(r"[A-Z][\w.]+", span):
            if word in DEMONYMS and word not in out:
                out.append(word)
    return out


def incident_country(event_text: str, *places: str | None) -> str | None:
    """The country where the incident happened, never the patrol's nationality: the first
    country the event's own sentences place something in ('in northern Mali', "Syria's Idlib");
    else none."""
    found: list[tuple[int, str]] = []
    for name in COUNTRIES | set(_ALIASES):
        pattern = rf"{_WHERE}{re.escape(name)}\b|\b{re.escape(name)}['’]s\s+(?:\w+\s+)?[A-Z]"
        m = re.search(pattern, event_text)
        if m and name not in places:
            found.append((m.start(), _ALIASES.get(name, name)))
    for dem, country in DEMONYMS.items():
        pattern = (
            rf"\b(?:in|of|near)\s+the\s+(?:[\w-]+\s+)?{re.escape(dem)}\s+"
            r"(?:region|province|governorate|city|town|village|border|territory|coast|capital)\b"
        )
        m = re.search(pattern, event_text)
        if m and country in COUNTRIES:
            found.append((m.start(), country))
    return sorted(found)[0][1] if found else None


# Missions whose patrols and convoys the tool reads about; extend freely. Matched as written.
MISSIONS = (
    "MINUSMA", "MONUSCO", "MINUSCA", "UNIFIL", "UNMISS", "UNDOF", "UNTSO", "UNFICYP", "UNISFA",
    "MINURSO", "UNAMID", "KFOR", "EULEX", "EUMM", "EUFOR", "ISAF", "AMISOM", "ATMIS", "SMM",
)  # fmt: skip
_ACRONYM = re.compile(r"\b(" + "|".join(MISSIONS) + r")\b", re.I)
# A mission's full name, capitalised as a name ("the United Nations Mission in South Sudan",
# "the UN peacekeeping force", "the Joint Observation Mission"); a lowercase description of no
# organisation ("the patrol mission") is not a mission.
_PLACE_NAME = r"(?:\s+(?:in|to|for)\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})?"
_MISSION_NAME = re.compile(
    r"\b((?:UN|U\.N\.|United Nations|OSCE|EU|African Union)\s+(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:[Pp]eacekeeping\s+)?(?:[Mm]ission|[Ff]orce)" + _PLACE_NAME + r")"
    r"|\b((?:[A-Z][\w-]+\s+){1,3}(?:Mission|Force)" + _PLACE_NAME + r")"
)
_DEFINED = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z]{2,})\)")
_NATIONAL = re.compile(
    r"\b(?P<d>[A-Z][\w.]+?)(?:['’]s)?\s+(?:military police|troops|soldiers|forces|army|"
    r"armed forces|military|servicemen|patrol|convoy|peacekeepers)\b"
)


def mission_of(text: str) -> str | None:
    """The mission as the text names it: an acronym it writes ('UNMISS', 'Minusma') first, else
    a capitalised full name, shortened to the acronym the text defines for it ('the United
    Nations Interim Force in Lebanon (UNIFIL)' -> 'UNIFIL')."""
    m = _ACRONYM.search(text)
    if m:
        return m.group(1)
    m = _MISSION_NAME.search(text)
    if m is None:
        return None
    defined = _DEFINED.match(text, m.end())
    name = next(g for g in m.groups() if g).strip()
    return defined["a"] if defined else re.sub(r"^The\s+", "", name)


_OWN_ARMY = re.compile(r"\b(?:military|army|soldiers|troops|security forces|servicemen)\b", re.I)


def home_forces(text: str, country: str | None) -> list[str]:
    """An army, soldiers or a military convoy given no nationality, in a country the event is
    placed in: that country's forces ('a military convoy in northeastern Nigeria ..., the army
    said' -> Nigeria)."""
    if country and country in COUNTRIES and _OWN_ARMY.search(text):
        return [country]
    return []


def forces_of(text: str) -> list[str]:
    """Whose patrol or convoy: the countries of a joint patrol ('joint Russian-Turkish
    patrol'), else the mission as named ('MINUSMA', 'the Joint Observation Mission'), else the
    one nationality its troops are given ('Pakistani soldiers', 'Russian military police'), with
    the partner of a 'joint patrol with Turkey'."""
    joint = forces_in(text)
    if joint:
        return joint
    mission = mission_of(text)
    if mission:
        return [mission]
    for m in _NATIONAL.finditer(text):
        country = country_of(m["d"])
        if country and country in COUNTRIES:
            partner = _WITH.search(text)
            other = country_of(partner["c"].rstrip(".")) if partner else None
            return [country, other] if other and other != country else [country]
    return []

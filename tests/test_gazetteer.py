"""The offline gazetteer (summarizer/reading/gazetteer.py) on the GeoNames data its packages ship:
names as articles write them resolve to the right town, province and country, and words that are
not places in the article's countries resolve to nothing."""

from __future__ import annotations

import marshal
import math
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.countries import DEMONYMS
from summarizer.reading import gazetteer
from summarizer.reading.gazetteer import Place, admin1_of, country, lookup, match_key, normalise


@pytest.fixture(scope="module", autouse=True)
def _loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Build the indexes once, into pytest's own cache directory (kept between runs, never the
    user's cache), so that only the first run pays the build."""
    cache = getattr(request.config, "cache", None)
    directory = cache.mkdir("gazetteer") if cache is not None else tmp_path_factory.mktemp("gaz")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUMMARIZER_GAZETTEER_CACHE", str(directory))
        gazetteer.load()


def _near(place: Place | None, latitude: float, longitude: float, tolerance: float = 0.05) -> bool:
    assert place is not None and place.latitude is not None and place.longitude is not None
    return (
        abs(place.latitude - latitude) <= tolerance
        and abs(place.longitude - longitude) <= tolerance
    )


# --- names as written ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "tidy"),
    [
        ("the Syria's", "Syria"),
        ("Syria’s", "Syria"),
        ("“Idlib”", "Idlib"),
        ("the Philippines'", "Philippines"),
        ("  North   Kivu, ", "North Kivu"),
        ("Ménaka", "Ménaka"),
    ],
)
def test_normalise_strips_article_possessive_quotes(written: str, tidy: str) -> None:
    assert normalise(written) == tidy


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("al-Hasakeh", "Hasakeh"),
        ("Al Hasakah", "hasakah"),
        ("‘Ayn al ‘Arab", "Ayn al-Arab"),
        ("Ménaka", "Menaka"),
        ("Ndélé", "Ndele"),
    ],
)
def test_match_key_folds_articles_ayns_and_diacritics(one: str, other: str) -> None:
    assert match_key(one) == match_key(other)


def test_match_key_keeps_distinct_names_distinct() -> None:
    assert match_key("Aleppo") != match_key("Idlib")
    assert match_key("Al") == "al"  # a lone article is a name, not nothing


# --- countries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Syria", "Syria"),
        ("Syria's", "Syria"),
        ("the DRC", "DR Congo"),
        ("Democratic Republic of the Congo", "DR Congo"),
        ("Türkiye", "Turkey"),
        ("Malian", "Mali"),
        ("Congolese", "DR Congo"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("CAR", "Central African Republic"),
        ("Central African Republic", "Central African Republic"),
        ("United States of America", "United States"),
        ("U.S.", "United States"),
        ("Palestinian Territory", "Palestine"),
        ("Syrian Arab Republic", "Syria"),
        ("Burma", "Myanmar"),
    ],
)
def test_country_reads_names_and_demonyms(written: str, expected: str) -> None:
    assert country(written) == expected


@pytest.mark.parametrize("written", ["car", "Reuters", "Kurdish", "Monday", "Idlib", ""])
def test_country_is_none_for_what_is_not_a_country(written: str) -> None:
    assert country(written) is None


def test_every_country_of_the_demonym_table_is_named_as_the_table_names_it() -> None:
    countries = set(DEMONYMS.values()) - {"Kurdish forces"}
    assert {c for c in countries if country(c) != c} == set()


# --- towns -------------------------------------------------------------------------------------

TOWNS: list[tuple[str, list[str], str, str, float, float]] = [
    # written, article's countries, admin1, country, latitude, longitude
    ("Ariha", ["Syria"], "Idlib", "Syria", 35.81, 36.61),
    ("Saraqib", [], "Idlib", "Syria", 35.86, 36.81),
    ("Qamishli", [], "Al-Hasakah", "Syria", 37.05, 41.23),
    ("Qamishlo", ["Syria"], "Al-Hasakah", "Syria", 37.05, 41.23),
    ("Tal Tamr", ["Syria"], "Al-Hasakah", "Syria", 36.66, 40.37),
    ("Ain Issa", ["Syria"], "Ar-Raqqah", "Syria", 36.39, 38.86),
    ("Kobani", [], "Aleppo", "Syria", 36.89, 38.35),
    ("Ayn al-Arab", ["Syria"], "Aleppo", "Syria", 36.89, 38.35),
    ("Darbasiyah", [], "Al-Hasakah", "Syria", 37.07, 40.65),
    ("al-Hasakeh", [], "Al-Hasakah", "Syria", 36.50, 40.75),
    ("Bria", [], "Haute-Kotto", "Central African Republic", 6.54, 21.99),
    ("Ndele", ["Central African Republic"], "Bamingui-Bangoran", "Central African Republic",
     8.41, 20.65),
    ("Gao", [], "Gao", "Mali", 16.27, -0.04),
    ("Menaka", ["Mali"], "Ménaka", "Mali", 15.92, 2.40),
    ("Kidal", [], "Kidal", "Mali", 18.44, 1.41),
    ("Tahoua", [], "Tahoua", "Niger", 14.89, 5.27),
    ("Beni", ["DR Congo"], "Nord Kivu", "DR Congo", 0.49, 29.47),
    ("Beni", [], "Nord Kivu", "DR Congo", 0.49, 29.47),  # not El Beni, Bolivia
    ("Hassakeh", [], "Al-Hasakah", "Syria", 36.50, 40.75),
    ("Butembo", [], "Nord Kivu", "DR Congo", 0.14, 29.29),
    ("Malakal", [], "Upper Nile", "South Sudan", 9.53, 31.66),
    ("Bor", ["South Sudan"], "Jonglei", "South Sudan", 6.21, 31.56),
    ("Wau", ["South Sudan"], "Western Bahr al Ghazal", "South Sudan", 7.70, 27.99),
    ("Poltava", [], "Poltava", "Ukraine", 49.59, 34.55),
    ("Bijapur", ["India"], "Chhattisgarh", "India", 18.79, 80.82),
    ("Pulwama", [], "Jammu and Kashmir", "India", 33.87, 74.90),
    ("Kupwara", ["India"], "Jammu and Kashmir", "India", 34.03, 74.26),
    ("Bakhmut", ["Ukraine"], "Donetsk", "Ukraine", 48.59, 38.00),
    ("Lashkar Gah", [], "Helmand", "Afghanistan", 31.59, 64.37),
    ("Tumaco", ["Colombia"], "Narino", "Colombia", 1.79, -78.79),
]  # fmt: skip


@pytest.mark.parametrize(("written", "countries", "admin1", "nation", "lat", "lon"), TOWNS)
def test_towns_resolve_with_province_country_and_coordinates(
    written: str, countries: list[str], admin1: str, nation: str, lat: float, lon: float
) -> None:
    place = lookup(written, countries)
    assert place is not None, written
    assert (place.kind, place.admin1, place.country) == ("town", admin1, nation)
    assert _near(place, lat, lon), (place.latitude, place.longitude)


def test_bor_resolves_in_south_sudan_only_when_the_article_is_about_it() -> None:
    south_sudan = lookup("Bor", ["South Sudan"])
    assert south_sudan is not None and south_sudan.country == "South Sudan"
    assert _near(south_sudan, 6.21, 31.56)
    serbia = lookup("Bor", ["Serbia"])
    assert serbia is not None and serbia.country == "Serbia"
    largest = lookup("Bor")  # no article country: the most populous Bor, in Russia
    assert largest is not None and largest.country == "Russia"
    assert largest.population is not None and serbia.population is not None
    assert largest.population > serbia.population > (south_sudan.population or 0)


def test_possessive_and_article_are_stripped_before_lookup() -> None:
    assert lookup("Saraqib's") == lookup("Saraqib")
    assert lookup("the Kidal") == lookup("Kidal")


# --- provinces ---------------------------------------------------------------------------------

PROVINCES: list[tuple[str, list[str], str, str, float, float]] = [
    # written, article's countries, province as the gazetteer names it, country, lat, lon (rough)
    ("North Kivu", [], "Nord Kivu", "DR Congo", -0.5, 29.3),
    ("Nord-Kivu", [], "Nord Kivu", "DR Congo", -0.5, 29.3),
    ("Sud-Kivu", [], "South Kivu", "DR Congo", -2.8, 28.9),
    ("Khyber Pakhtunkhwa", [], "Khyber Pakhtunkhwa", "Pakistan", 34.0, 71.9),
    ("Balochistan", [], "Balochistan", "Pakistan", 28.5, 66.6),
    ("Upper Nile", [], "Upper Nile", "South Sudan", 9.7, 31.9),
    ("Lower Shabelle", [], "Lower Shabeelle", "Somalia", 2.1, 44.8),
    ("Idlib province", [], "Idlib", "Syria", 35.9, 36.6),
]


@pytest.mark.parametrize(("written", "countries", "name", "nation", "lat", "lon"), PROVINCES)
def test_provinces_resolve(
    written: str, countries: list[str], name: str, nation: str, lat: float, lon: float
) -> None:
    place = lookup(written, countries)
    assert place is not None, written
    assert (place.kind, place.name, place.admin1, place.country) == ("admin1", name, name, nation)
    assert _near(place, lat, lon, tolerance=1.5), (place.latitude, place.longitude)


@pytest.mark.parametrize("written", ["Idlib", "Idleb"])
def test_idlib_is_the_town_in_idlib_province_unless_the_province_is_asked_for(
    written: str,
) -> None:
    town = lookup(written)
    assert town is not None and (town.kind, town.admin1, town.country) == (
        "town",
        "Idlib",
        "Syria",
    )
    assert _near(town, 35.93, 36.63)
    province = lookup(written, kind="admin1")
    assert province is not None and (province.kind, province.name) == ("admin1", "Idlib")


@pytest.mark.parametrize("written", ["Hasakah", "Al-Hasakah", "al-Hasakeh", "Hassakeh"])
def test_hasakah_spellings_are_one_province(written: str) -> None:
    place = lookup(written, ["Syria"], kind="admin1")
    assert place is not None and (place.name, place.country) == ("Al-Hasakah", "Syria")


# --- countries in lookup and the no-guess rule -------------------------------------------------


def test_a_country_name_is_the_country_unless_the_article_points_at_a_namesake() -> None:
    georgia = lookup("Georgia")
    assert georgia is not None and (georgia.kind, georgia.country) == ("country", "Georgia")
    state = lookup("Georgia", ["United States"])
    assert state is not None and (state.kind, state.country) == ("admin1", "United States")
    syria = lookup("Syria's")
    assert syria is not None and (syria.kind, syria.name) == ("country", "Syria")


@pytest.mark.parametrize(
    "written", ["Reuters", "Monday", "Patrol", "Convoy", "Police", "Hamilton", "", "the"]
)
def test_words_that_are_not_places_here_resolve_to_nothing(written: str) -> None:
    assert lookup(written) is None
    assert lookup(written, ["Syria"]) is None


def test_a_tiny_village_resolves_only_when_the_article_names_its_country() -> None:
    # Convoy, County Donegal (pop. ~1,500) and Patrol, Indonesia exist in GeoNames
    convoy = lookup("Convoy", ["Ireland"])
    assert convoy is not None and (convoy.kind, convoy.country) == ("town", "Ireland")
    patrol = lookup("Patrol", ["Indonesia"])
    assert patrol is not None and patrol.country == "Indonesia"
    # Arīḩā in Idlib has no recorded population: outside Syria the name means Jericho
    jericho = lookup("Ariha")
    assert jericho is not None and jericho.country == "Palestine"


@pytest.mark.parametrize("written", ["Ain Issa", "Tal Tamr"])
def test_a_village_without_population_resolves_only_in_its_country(written: str) -> None:
    assert lookup(written) is None
    assert lookup(written, ["Iraq"]) is None
    place = lookup(written, ["Syria"])
    assert place is not None and place.country == "Syria"


def test_outside_the_articles_countries_only_prominent_towns_resolve() -> None:
    ankara = lookup("Ankara", ["Syria"])
    assert ankara is not None and (ankara.kind, ankara.country) == ("town", "Turkey")
    # Lashkar Gah (44,000) is a town to name with no country given, not from a Syria article
    assert lookup("Lashkar Gah") is not None
    assert lookup("Lashkar Gah", ["Syria"]) is None
    # a loose spelling is no match abroad: 'Abdullah' is not Abdulino, Russia
    assert lookup("Abdullah") is None
    # given names that are towns somewhere (Ali, Delhi; Hassan, Karnataka)
    assert lookup("Ali", ["Syria"]) is None
    assert lookup("Hassan") is None


def test_ties_between_countries_go_to_the_articles_country_then_to_population() -> None:
    mali = lookup("Kidal")
    assert mali is not None and mali.country == "Mali"
    indonesia = lookup("Kidal", ["Indonesia"])
    assert indonesia is not None and indonesia.country == "Indonesia"
    burkina = lookup("Gao", ["Burkina Faso"])
    assert burkina is not None and burkina.country == "Burkina Faso"
    assert not _near(burkina, 16.27, -0.04, tolerance=1.0)
    # the article's countries may be written any way country() reads
    assert lookup("Kidal", ["Indonesian"]) == indonesia


def test_fuzzy_matching_only_within_the_articles_countries() -> None:
    assert lookup("Qamishlo") is None  # not GeoNames' spelling: needs the article's country
    assert lookup("Qamishlo", ["Turkey"]) is None
    place = lookup("Qamishlo", ["Syria"])
    assert place is not None and place.country == "Syria"


def test_kind_restricts_and_is_checked() -> None:
    assert lookup("Syria", kind="town") is None
    province = lookup("Tahoua", kind="admin1")
    assert province is not None and (province.kind, province.country) == ("admin1", "Niger")
    nation = lookup("Niger", kind="country")
    assert nation is not None and nation.kind == "country"
    with pytest.raises(ValueError):
        lookup("Idlib", kind="province")


# --- admin1_of ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "within", "name", "nation"),
    [
        ("Idlib province", "Syria", "Idlib", "Syria"),
        ("Idleb", "Syria", "Idlib", "Syria"),
        ("Hasakah", "Syria", "Al-Hasakah", "Syria"),
        ("North Kivu", "DR Congo", "Nord Kivu", "DR Congo"),
        ("Upper Nile State", "South Sudan", "Upper Nile", "South Sudan"),
        ("Lower Shabelle region", "Somalia", "Lower Shabeelle", "Somalia"),
        ("Punjab", "India", "Punjab", "India"),
        ("Punjab", "Pakistan", "Punjab", "Pakistan"),
        ("Pulwama district", "India", "Jammu and Kashmir", "India"),
        ("North Waziristan", "Pakistan", "Khyber Pakhtunkhwa", "Pakistan"),
        ("Balochistan", None, "Balochistan", "Pakistan"),
        ("Tahoua", "Nigerien", "Tahoua", "Niger"),
        ("Tigrai", "Ethiopia", "Tigray", "Ethiopia"),
        ("Zaporizhzhia", "Ukraine", "Zaporizhia", "Ukraine"),
        ("Vinnytska oblast", "Ukraine", "Vinnyts'ka", "Ukraine"),
    ],
)
def test_admin1_of(written: str, within: str | None, name: str, nation: str) -> None:
    place = admin1_of(written, within)
    assert place is not None, written
    assert (place.kind, place.name, place.country) == ("admin1", name, nation)


def test_admin1_of_stays_within_the_country() -> None:
    assert admin1_of("Idlib", "Iraq") is None
    assert admin1_of("Upper Nile", "Atlantis") is None
    assert admin1_of("Monday", None) is None
    india, pakistan = admin1_of("Punjab", "India"), admin1_of("Punjab", "Pakistan")
    assert india is not None and pakistan is not None
    assert india.longitude is not None and pakistan.longitude is not None
    assert india.longitude > pakistan.longitude  # two provinces, not one


# --- speed, and the cache ----------------------------------------------------------------------


def test_a_district_name_resolves_to_its_province_when_nothing_else_has_it() -> None:
    province = lookup("North Waziristan", ["Pakistan"])
    assert province is not None
    assert (province.kind, province.name, province.country) == (
        "admin1",
        "Khyber Pakhtunkhwa",
        "Pakistan",
    )
    town = lookup("Pulwama")  # the town, not the district of the same name
    assert town is not None and town.kind == "town"
    district = lookup("Pulwama district")
    assert district is not None and (district.kind, district.name) == (
        "admin1",
        "Jammu and Kashmir",
    )


def test_the_cache_goes_where_the_project_keeps_its_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SUMMARIZER_GAZETTEER_CACHE", raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    assert gazetteer._cache_path().parent == tmp_path
    monkeypatch.setenv("SUMMARIZER_GAZETTEER_CACHE", str(tmp_path / "gazetteer"))
    assert gazetteer._cache_path().parent == tmp_path / "gazetteer"


def test_lookup_is_fast() -> None:
    names = [row[0] for row in TOWNS] + [row[0] for row in PROVINCES] + ["Reuters", "Syria"]
    lookup("Ariha", ["Syria"])
    start = time.perf_counter()
    for _ in range(5):
        for name in names:
            lookup(name)
    elapsed = (time.perf_counter() - start) / (5 * len(names))
    assert elapsed < 0.001, f"{elapsed * 1000:.2f} ms a lookup"


_ENTRIES: list[tuple[str, int, str, str, float, float, int, int]] = [
    ("Springfield", 0, "Illinois", "United States", 39.8, -89.6, 114_000, -1),
    ("Springfield", 0, "", "Jamaica", 18.1, -77.5, 900, -1),
    ("Illinois", 1, "Illinois", "United States", 40.0, -89.0, 12_000_000, -1),
    ("United States", 2, "", "United States", 39.0, -98.0, 330_000_000, -1),
    ("Jamaica", 2, "", "Jamaica", 18.1, -77.3, 2_800_000, -1),
]
_NAMES = [["Springfield"], ["Springfield"], ["Illinois"], ["United States"], ["Jamaica"]]
_COUNTRIES = {"united states": "United States", "jamaica": "Jamaica", "jamaican": "Jamaica"}


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The gazetteer swapped for five entries built by _pack, cached under tmp_path."""
    monkeypatch.setenv("SUMMARIZER_GAZETTEER_CACHE", str(tmp_path))
    monkeypatch.setattr(gazetteer, "_LOADED", [])
    monkeypatch.setattr(
        gazetteer, "_build", lambda: gazetteer._pack(_ENTRIES, _NAMES, _COUNTRIES, {})
    )
    yield tmp_path


def test_the_built_indexes_are_cached_and_read_back(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = lookup("Springfield", ["Jamaican"])
    assert built is not None and (built.country, built.population) == ("Jamaica", 900)
    (cached,) = tiny.glob("gazetteer-*.marshal")
    assert marshal.loads(cached.read_bytes())[0] == [e[0] for e in _ENTRIES]

    def no_build() -> gazetteer._Data:
        raise AssertionError("rebuilt although a cache file exists")

    monkeypatch.setattr(gazetteer, "_LOADED", [])
    monkeypatch.setattr(gazetteer, "_build", no_build)
    assert lookup("Springfield", ["Jamaican"]) == built
    larger = lookup("Springfield")
    assert larger is not None and (larger.admin1, larger.country) == ("Illinois", "United States")
    assert lookup("Illinois") == Place(
        "Illinois", "admin1", "Illinois", "United States", 40.0, -89.0, 12_000_000
    )
    # the small Springfield is no guess outside Jamaica: the big one or nothing
    assert lookup("Springfield", kind="town") == larger


def test_an_unusable_cache_file_is_rebuilt(tiny: Path) -> None:
    path = gazetteer._cache_path()
    path.write_bytes(b"not marshal")
    place = lookup("Springfield")
    assert place is not None and place.country == "United States"
    assert marshal.loads(path.read_bytes())[0][0] == "Springfield"
    assert not math.isnan(place.latitude or math.nan)

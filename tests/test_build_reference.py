"""The committed reference files, as scripts/build_reference.py wrote them from Natural Earth 10m v5.1.1."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parents[1]
COUNTRIES_CSV = ROOT / "data/reference/countries.csv"
COUNTRIES_GEOJSON = ROOT / "static/countries.geojson"
SMALL_STATES = ["SGP", "MLT", "MUS", "TUV", "NRU", "MCO", "VAT", "LIE", "SMR", "MDV", "SYC", "BHR", "PLW", "KNA"]


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return pd.read_csv(COUNTRIES_CSV, dtype=str, keep_default_na=False, na_values=[""]).set_index("iso3", drop=False)


@pytest.fixture(scope="module")
def geojson() -> dict:
    return json.loads(COUNTRIES_GEOJSON.read_text(encoding="utf-8"))


def test_countries_csv_has_exactly_the_agreed_columns(countries):
    from ssedash.reference import COUNTRY_COLUMNS

    assert list(countries.columns) == COUNTRY_COLUMNS


def test_countries_csv_has_one_row_per_iso3_and_per_iso2(countries):
    assert 230 <= len(countries) <= 250
    assert countries["iso3"].is_unique
    assert countries["iso2"].dropna().is_unique
    assert countries["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert countries["iso2"].dropna().str.fullmatch(r"[A-Z]{2}").all()


def test_no_natural_earth_placeholder_minus_99_survives(countries):
    assert not countries.isin(["-99"]).any().any()


def test_namibia_iso2_na_survives_writing_and_reading_back(countries):
    assert countries.loc["NAM", "iso2"] == "NA"
    assert "\nNAM,NA,Namibia," in COUNTRIES_CSV.read_text(encoding="utf-8")


def test_france_and_norway_have_their_iso_codes_despite_minus_99_in_iso_a3(countries):
    assert countries.loc["FRA", ["iso2", "name_en"]].tolist() == ["FR", "France"]
    assert countries.loc["NOR", ["iso2", "name_en"]].tolist() == ["NO", "Norway"]


def test_taiwan_is_twn_with_iso2_tw_not_cn_tw(countries):
    assert countries.loc["TWN", "iso2"] == "TW"


def test_kosovo_is_xkx(countries):
    assert countries.loc["XKX", "iso2"] == "XK"
    assert "KOS" not in countries.index


def test_territories_sharing_a_code_are_merged_into_their_country(countries):
    assert countries.loc["AUS", "name_en"] == "Australia"
    assert countries.loc["FRA", "continent"] == "Europe"
    assert countries.loc["BRA", "name_en"] == "Brazil"


def test_korean_names_are_real_hangul_not_mojibake(countries):
    assert countries.loc["KOR", "name_ko"] == "대한민국"
    assert countries.loc["FRA", "name_ko"] == "프랑스"
    assert countries.loc["CIV", "name_fr"] == "Côte d'Ivoire"
    assert not countries["name_ko"].str.contains("Ã|ë|ì", regex=True).any()


def test_every_country_has_all_three_latin_names_and_a_label_point(countries):
    assert countries[["name_en", "name_fr", "name_es", "name_ko"]].notna().all().all()
    assert pd.to_numeric(countries["label_lon"]).between(-180, 180).all()
    assert pd.to_numeric(countries["label_lat"]).between(-90, 90).all()


def test_gsef_regions_follow_the_un_regions(countries):
    region = countries["gsef_region"]
    assert set(region) == {"Africa", "Asia-Pacific", "Europe", "North America", "Latin America & Caribbean", "Other"}
    assert region[["USA", "CAN"]].eq("North America").all()
    assert region[["MEX", "BRA", "JAM", "GTM"]].eq("Latin America & Caribbean").all()
    assert region[["KOR", "AUS", "FJI", "NPL"]].eq("Asia-Pacific").all()
    assert region[["SEN", "UGA", "MUS"]].eq("Africa").all()
    assert region[["FRA", "RUS"]].eq("Europe").all()
    assert region["ATA"] == "Other"


@pytest.mark.parametrize("iso3", SMALL_STATES)
def test_small_state_is_in_the_csv_and_has_a_geometry(countries, geojson, iso3):
    assert iso3 in countries.index
    features = {f["id"]: f for f in geojson["features"]}
    assert features[iso3]["geometry"]["coordinates"], f"{iso3} lost its polygon"


def test_geojson_has_one_feature_per_csv_row_with_id_iso3_and_name(countries, geojson):
    ids = [f["id"] for f in geojson["features"]]
    assert sorted(ids) == sorted(countries.index)
    for feature in geojson["features"]:
        assert feature["properties"]["iso3"] == feature["id"]
        assert feature["properties"]["name_en"] == countries.loc[feature["id"], "name_en"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_geojson_is_small_enough_to_serve_and_rounded_to_three_decimals():
    text = COUNTRIES_GEOJSON.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 1_600_000
    import re

    assert not re.search(r"\d\.\d{4,}", text)


def test_build_script_never_runs_at_app_time():
    """Only scripts/build_reference.py may read ../shared; the package must not."""
    for path in (ROOT / "ssedash").glob("*.py"):
        assert "shared/data" not in path.read_text(encoding="utf-8"), path


def test_cote_d_ivoire_is_called_by_its_name_in_english(countries):
    assert countries.loc["CIV", "name_en"] == "Côte d'Ivoire"


def test_taiwan_has_a_neutral_name_in_every_language(countries):
    assert countries.loc["TWN", ["name_en", "name_fr", "name_es", "name_ko"]].tolist() == [
        "Taiwan",
        "Taïwan",
        "Taiwán",
        "대만",
    ]


def test_the_map_names_cote_d_ivoire_as_the_table_does(geojson):
    civ = next(f for f in geojson["features"] if f["id"] == "CIV")
    assert civ["properties"]["name_en"] == "Côte d'Ivoire"

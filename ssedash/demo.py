"""SYNTHETIC demo data, for demos and benchmarks only: never mixed with the real store, always labelled.

Real countries and real gazetteer places, made-up participation: editions spread over years and formats,
local governments drawn with a heavy-tailed popularity so some return edition after edition, one row per
participant with a role and a gender.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ssedash.i18n import t
from ssedash.schema import FORMATS, TABLE_MODELS

DEMO_URL = "demo:synthetic"
DEMO_PROGRAMMES = (
    ("demo-leadership", "DEMO Local leadership in SSE (synthetic)"),
    ("demo-finance", "DEMO SSE finance academy (synthetic)"),
    ("demo-policy", "DEMO Public policy for SSE (synthetic)"),
)
DEMO_KINDS = {"demo-leadership": "training", "demo-finance": "academy", "demo-policy": "policy_dialogue"}
ROLES = ("civil servant", "elected official", "SSE network", "researcher")
GENDERS = ("female", "male", "not recorded")


def _local_governments(rng, seed: int, countries: pd.DataFrame, cities: dict, count: int) -> pd.DataFrame:
    """`count` real GeoNames places (the most populous, sampled) as clearly labelled demo local governments."""
    known_iso2 = dict(zip(countries["iso2"].dropna(), countries["iso3"]))
    places = pd.DataFrame.from_records(
        list(cities.values()), columns=["geonameid", "name", "countrycode", "latitude", "longitude", "population"]
    )
    places = places[places["countrycode"].isin(known_iso2)].sort_values("population", ascending=False)
    places = places.drop_duplicates(["countrycode", "name"]).head(max(count * 3, 100))
    chosen = places.sample(n=min(count, len(places)), random_state=seed).reset_index(drop=True)
    return pd.DataFrame(
        {
            "lg_id": "demo-" + chosen["countrycode"].str.lower() + "-" + chosen["geonameid"].astype(str),
            "name": chosen["name"],
            "country_iso3": chosen["countrycode"].map(known_iso2),
            "admin_level": "city",
            "latitude": chosen["latitude"].astype(float),
            "longitude": chosen["longitude"].astype(float),
            "coord_source": "geonames:" + chosen["geonameid"].astype(str),
            "coord_precision": "exact",
            "gsef_member": pd.array(rng.random(len(chosen)) < 0.2, dtype="boolean"),
            "source_url": DEMO_URL,
            "notes": "SYNTHETIC demo record",
        }
    )


def _programmes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "programme_id": [p for p, _ in DEMO_PROGRAMMES],
            "name": [n for _, n in DEMO_PROGRAMMES],
            "organisers": "synthetic",
            "url": None,
            "source_url": DEMO_URL,
        }
    )


def _editions(rng, editions: int) -> pd.DataFrame:
    years = np.sort(rng.integers(2013, 2027, size=editions))
    programme_of = [DEMO_PROGRAMMES[i % len(DEMO_PROGRAMMES)][0] for i in range(editions)]
    unknown = pd.array([None] * editions, dtype="Int64")
    return pd.DataFrame(
        {
            "edition_id": [f"{programme_of[i]}-{years[i]}-{i + 1}" for i in range(editions)],
            "programme_id": programme_of,
            "name": [f"DEMO edition {i + 1} ({years[i]}, synthetic)" for i in range(editions)],
            "year": pd.array(years, dtype="Int64"),
            "start_date": [f"{y}-06-01" for y in years],
            "end_date": [f"{y}-06-05" for y in years],
            "host_city": None,
            "host_country_iso3": None,
            "format": rng.choice(list(FORMATS), size=editions, p=[0.6, 0.3, 0.1]),
            "event_kind": [DEMO_KINDS[p] for p in programme_of],
            "reported_participants": unknown.copy(),
            "reported_participants_qualifier": None,
            "reported_countries": unknown.copy(),
            "reported_countries_qualifier": None,
            "reported_local_governments": unknown.copy(),
            "reported_local_governments_qualifier": None,
            "source_url": DEMO_URL,
            "notes": "SYNTHETIC demo edition",
        }
    )


def _participation(rng, participants: int, local_government: pd.DataFrame, edition_ids: list) -> pd.DataFrame:
    # Heavy-tailed popularity: a few local governments send many people, most send a few.
    popularity = rng.pareto(1.2, size=len(local_government)) + 0.05
    popularity /= popularity.sum()
    lg_index = rng.choice(len(local_government), size=participants, p=popularity)
    edition_index = np.sort(rng.integers(0, len(edition_ids), size=participants))
    return pd.DataFrame(
        {
            "edition_id": np.asarray(edition_ids, dtype=object)[edition_index],
            "country_iso3": local_government["country_iso3"].to_numpy()[lg_index],
            "lg_id": local_government["lg_id"].to_numpy()[lg_index],
            "participants": pd.array(np.ones(participants, dtype=np.int64), dtype="Int64"),
            "role": np.asarray(ROLES, dtype=object)[
                rng.choice(len(ROLES), size=participants, p=[0.55, 0.2, 0.15, 0.1])
            ],
            "gender": np.asarray(GENDERS, dtype=object)[
                rng.choice(len(GENDERS), size=participants, p=[0.48, 0.42, 0.10])
            ],
            "source_url": DEMO_URL,
        }
    )


def synthetic_tables(
    *,
    participants: int,
    editions: int,
    seed: int,
    countries: pd.DataFrame,
    cities: dict,
    local_governments: int = 2_000,
) -> dict[str, pd.DataFrame]:
    """Frames for the four tables, with exactly `participants` participation rows (one per person).
    The random draws happen in a fixed order (places, editions, participation): a seed gives the same store."""
    if participants < 1 or editions < 1:
        raise ValueError(t("participants and editions must be at least 1"))
    rng = np.random.default_rng(seed)
    local_government = _local_governments(rng, seed, countries, cities, local_governments)
    edition = _editions(rng, editions)
    participation = _participation(rng, participants, local_government, edition["edition_id"].tolist())
    frames = {
        "programme": _programmes(),
        "edition": edition,
        "local_government": local_government,
        "participation": participation,
    }
    for name in ("programme", "edition", "local_government"):
        frames[name] = TABLE_MODELS[name].validate(frames[name], lazy=True)
    return frames

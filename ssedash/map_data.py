"""The map's data: filtered participation aggregated per local government and per country (`map_layers`).
Pure; ssedash.maps draws it (and re-exports these names).

No fake numbers: a count that is unknown stays missing (never 0); a point is sized by participation rows where
counts are unknown, each row standing for at least one person.

Countries are named in the reader's language (`country` columns: cache the layers per language); GSEF regions and
coordinate precisions stay codes (`gsef_region`, `coord_precision`), named where they are shown
(ssedash.i18n.content.region_name, ssedash.shown.precision_name).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from ssedash.i18n.content import country_names
from ssedash.summary import row_counts, unknown_counts


@dataclass(frozen=True)
class MapLayers:
    """What the map draws, as plain frames.

    `points`: one row per local government (`lg_id, name, country_iso3, country, gsef_region, latitude,
    longitude, coord_precision, note, editions, first_year, last_year, participants, participation_rows,
    size_value`), plus one row per country that took part but has no polygon (`lg_id` missing, placed at the
    country's label point). `countries`: one row per country that took part (`iso3, country, gsef_region,
    participants, local_governments, participation_rows, editions, has_polygon`), country-level rows included.
    `size_basis`: "participants" when every point's count is recorded, "participation_rows" when none is,
    "mixed" otherwise.
    """

    points: pd.DataFrame
    countries: pd.DataFrame
    size_basis: str

    @property
    def is_empty(self) -> bool:
        return self.countries.empty


def _year_of(participation: pd.DataFrame, editions: pd.DataFrame) -> pd.Series:
    years = dict(zip(editions["edition_id"], editions["year"].astype("float64")))
    return participation["edition_id"].map(years)


def _country_table(rows: pd.DataFrame, geography: pd.DataFrame, polygon_iso3: Collection[str]) -> pd.DataFrame:
    by_country = rows.groupby("country_iso3", sort=True)
    country_table = pd.DataFrame(
        {
            "participants": by_country["participants"].sum(min_count=1).astype("Int64"),
            "local_governments": by_country["lg_id"].nunique().astype("int64"),
            "participation_rows": by_country["rows"].sum().astype("int64"),
            "editions": by_country["edition_id"].nunique().astype("int64"),
        }
    )
    country_table.index.name = "iso3"
    country_table = country_table.join(geography, how="left").reset_index()
    country_table["country"] = country_table["country_name"].fillna(country_table["iso3"])
    country_table["gsef_region"] = country_table["gsef_region"].fillna("Unknown region")
    country_table["has_polygon"] = country_table["iso3"].isin(set(polygon_iso3))
    return country_table


def _lg_points(rows: pd.DataFrame, local_governments: pd.DataFrame, geography: pd.DataFrame) -> pd.DataFrame:
    """One point per LG; one without coordinates is placed at its country's label point (precision "country")."""
    with_lg = rows[rows["lg_id"].notna()]
    by_lg = with_lg.groupby("lg_id", sort=False)
    lg_table = pd.DataFrame(
        {
            "participants": by_lg["participants"].sum(min_count=1).astype("Int64"),
            "participation_rows": by_lg["rows"].sum().astype("int64"),
            "rows_without_count": by_lg["unknown"].sum().astype("int64"),
            "editions": by_lg["edition_id"].nunique().astype("int64"),
            "first_year": by_lg["year"].min(),
            "last_year": by_lg["year"].max(),
        }
    )
    lg_columns = ["lg_id", "name", "country_iso3", "latitude", "longitude", "coord_precision", "notes"]
    lg_points = lg_table.join(local_governments[lg_columns].set_index("lg_id"), how="inner").reset_index()
    lg_points = lg_points.join(geography, on="country_iso3")
    missing = lg_points["latitude"].isna() | lg_points["longitude"].isna()
    lg_points["latitude"] = lg_points["latitude"].where(~missing, lg_points["label_lat"])
    lg_points["longitude"] = lg_points["longitude"].where(~missing, lg_points["label_lon"])
    lg_points["coord_precision"] = lg_points["coord_precision"].where(~missing, "country").fillna("exact")
    return lg_points.rename(columns={"notes": "note"})


def _country_points(rows: pd.DataFrame, country_table: pd.DataFrame) -> pd.DataFrame:
    """A country with participation and no polygon would vanish from the choropleth: show it as a point."""
    no_polygon = country_table[~country_table["has_polygon"]]
    per_country = pd.DataFrame({"unknown": [], "first": [], "last": []}, dtype="float64")
    if len(no_polygon):  # usually none: skip the groupby
        of_them = rows[rows["country_iso3"].isin(no_polygon["iso3"])].groupby("country_iso3")
        per_country = pd.DataFrame(
            {"unknown": of_them["unknown"].sum(), "first": of_them["year"].min(), "last": of_them["year"].max()}
        ).reindex(no_polygon["iso3"])
    return pd.DataFrame(
        {
            "lg_id": pd.Series([None] * len(no_polygon), dtype=object),
            "name": no_polygon["country"].to_numpy(),
            "country_iso3": no_polygon["iso3"].to_numpy(),
            "latitude": no_polygon["label_lat"].to_numpy(),
            "longitude": no_polygon["label_lon"].to_numpy(),
            "coord_precision": "country",
            "note": None,
            "participants": no_polygon["participants"].to_numpy(),
            "participation_rows": no_polygon["participation_rows"].to_numpy(),
            "rows_without_count": per_country["unknown"].fillna(0).to_numpy(dtype="int64"),
            "editions": no_polygon["editions"].to_numpy(),
            "first_year": per_country["first"].to_numpy(dtype="float64"),
            "last_year": per_country["last"].to_numpy(dtype="float64"),
        }
    )


def _size_basis(points: pd.DataFrame) -> str:
    if points.empty or (points["rows_without_count"] == 0).all():
        return "participants"
    if points["participants"].isna().all():
        return "participation_rows"
    return "mixed"


def map_layers(
    participation: pd.DataFrame,
    local_governments: pd.DataFrame,
    editions: pd.DataFrame,
    countries: pd.DataFrame,
    polygon_iso3: Collection[str],
) -> MapLayers:
    """Aggregate filtered participation rows (`FilteredView.participation`, or the same rows summarised:
    `FilteredView.places`) per LG and per country.

    LGs without coordinates are placed at their country's label point with precision "country".
    Inputs are not mutated.
    """
    rows = participation[["edition_id", "country_iso3", "lg_id", "participants"]].assign(
        year=_year_of(participation, editions),
        unknown=unknown_counts(participation).to_numpy(),
        rows=row_counts(participation).to_numpy(),
    )
    geography = countries.set_index("iso3")[["gsef_region", "label_lon", "label_lat"]]
    geography = geography.assign(country_name=geography.index.map(country_names(countries)))
    country_table = _country_table(rows, geography, polygon_iso3)
    lg_points = _lg_points(rows, local_governments, geography)
    points = pd.concat(
        [
            lg_points.drop(columns=["country_name", "label_lon", "label_lat", "gsef_region"]),
            _country_points(rows, country_table),
        ],
        ignore_index=True,
    )
    points = points.dropna(subset=["latitude", "longitude"])
    points["country"] = points["country_iso3"].map(geography["country_name"]).fillna(points["country_iso3"])
    points["gsef_region"] = points["country_iso3"].map(geography["gsef_region"]).fillna("Unknown region")
    points["participants"] = points["participants"].astype("Int64")
    # Each row with an unknown count stands for at least one person.
    recorded = points["participants"].fillna(0).astype("int64")
    points["size_value"] = recorded + points["rows_without_count"].astype("int64")
    size_basis = _size_basis(points)
    points = points.sort_values(["size_value", "name"], ascending=[False, True]).reset_index(drop=True)
    columns = [
        "lg_id",
        "name",
        "country_iso3",
        "country",
        "gsef_region",
        "latitude",
        "longitude",
        "coord_precision",
        "note",
        "editions",
        "first_year",
        "last_year",
        "participants",
        "participation_rows",
        "size_value",
    ]
    return MapLayers(points[columns], country_table.drop(columns=["country_name"]), size_basis)

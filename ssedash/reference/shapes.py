"""Points against the country shapes (polygons in lon/lat, static/countries.geojson): outside their country or
not, and coordinates that look swapped."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

COAST_TOLERANCE_DEG = 0.1  # a coastal city's point often lies just off a simplified coastline


def _shapes_by_iso3(shapes: gpd.GeoDataFrame) -> dict[str, object]:
    geoms: dict[str, list] = {}
    for iso3, geom in zip(shapes["iso3"], shapes.geometry.values):
        if isinstance(iso3, str) and geom is not None and not geom.is_empty:
            geoms.setdefault(iso3, []).append(geom)
    out = {iso3: (parts[0] if len(parts) == 1 else shapely.union_all(parts)) for iso3, parts in geoms.items()}
    shapely.prepare(list(out.values()))
    return out


def points_outside_country(
    latitudes: pd.Series,
    longitudes: pd.Series,
    iso3s: pd.Series,
    shapes: gpd.GeoDataFrame,
    tolerance: float = COAST_TOLERANCE_DEG,
) -> pd.Series:
    """For each row: True when (lat, lon) lies farther than `tolerance` degrees from its country's polygon,
    False when inside or near it, <NA> when a coordinate is missing or there is no polygon for that ISO3.

    The three series are aligned by position; the result has the index of `latitudes`, dtype "boolean".
    `shapes` has an `iso3` column and polygons in lon/lat (static/countries.geojson).
    """
    lat = pd.to_numeric(pd.Series(latitudes), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(pd.Series(longitudes), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    codes = pd.Series(iso3s).astype("object").to_numpy()
    by_iso3 = _shapes_by_iso3(shapes)
    result = np.full(len(lat), -1, dtype=np.int8)  # -1 = unknown
    usable = ~(np.isnan(lat) | np.isnan(lon))
    groups = pd.Series(codes[usable]).groupby(codes[usable], sort=False).indices if usable.any() else {}
    positions = np.flatnonzero(usable)
    for iso3, idx in groups.items():
        geom = by_iso3.get(iso3)
        if geom is None:
            continue
        rows = positions[idx]
        points = shapely.points(lon[rows], lat[rows])
        result[rows] = ~shapely.dwithin(geom, points, tolerance)
    out = pd.array(result.astype(bool), dtype="boolean")
    out[result == -1] = pd.NA
    index = latitudes.index if isinstance(latitudes, pd.Series) else None
    return pd.Series(out, index=index, name="outside_country")


def looks_swapped_many(
    latitudes: pd.Series, longitudes: pd.Series, iso3s: pd.Series, shapes: gpd.GeoDataFrame
) -> pd.Series:
    """For each row: True when the point is outside its country but (lon, lat) read the other way round is inside.

    False otherwise (also when there is nothing to check). Index of `latitudes`, dtype bool.
    """
    lat = pd.to_numeric(pd.Series(latitudes), errors="coerce").reset_index(drop=True)
    lon = pd.to_numeric(pd.Series(longitudes), errors="coerce").reset_index(drop=True)
    codes = pd.Series(iso3s).reset_index(drop=True)
    as_given = points_outside_country(lat, lon, codes, shapes)
    # a longitude beyond ±90 cannot have been a latitude
    swapped_lat = lon.where(lon.abs() <= 90)
    swapped = points_outside_country(swapped_lat, lat, codes, shapes)
    verdict = (as_given.fillna(False) & ~swapped.fillna(True)).astype(bool).to_numpy()
    index = latitudes.index if isinstance(latitudes, pd.Series) else None
    return pd.Series(verdict, index=index, name="looks_swapped")


def looks_swapped(lat: float, lon: float, iso3: str, shapes: gpd.GeoDataFrame) -> bool:
    """True when (lat, lon) is outside `iso3` but the swapped point (lat=lon, lon=lat) falls inside it."""
    return bool(looks_swapped_many(pd.Series([lat]), pd.Series([lon]), pd.Series([iso3]), shapes).iloc[0])

"""The HTML (and PDF) report's world map: an inline SVG (no script, no internet) of the countries reached and the
local governments as dots, with its legend. Pure: shapes and frames in, SVG text out; every text escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

import pandas as pd

from ssedash.i18n import t, tn
from ssedash.report_style import PALETTE

MAP_WIDTH, MAP_HEIGHT = 960, 470  # equirectangular, latitudes -60..85 (Antarctica left out)
LAT_TOP, LAT_BOTTOM = 85.0, -60.0


def _xy(lon: float, lat: float) -> tuple[float, float]:
    x = (lon + 180.0) / 360.0 * MAP_WIDTH
    y = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * MAP_HEIGHT
    return round(x, 1), round(y, 1)


def _rings(geometry) -> Iterable:
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.geom_type == "Polygon":
            yield polygon.exterior.coords
        else:  # nested collections: recurse
            yield from _rings(polygon)


def _path(geometry) -> str:
    parts = []
    for ring in _rings(geometry):
        points = [_xy(lon, lat) for lon, lat in ring]
        if len(points) < 3:
            continue
        parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


def country_paths(shapes, tolerance: float = 0.3) -> dict[str, str]:
    """Each country's outline as an SVG path (simplified): the same for every report, so worth keeping."""
    simplified = shapes.set_index("iso3").geometry.simplify(tolerance, preserve_topology=True)
    return {
        iso3: _path(geometry) for iso3, geometry in simplified.items() if geometry is not None and not geometry.is_empty
    }


def world_map_svg(
    shapes,
    reached: pd.DataFrame,
    points: pd.DataFrame,
    *,
    tolerance: float = 0.3,
    outlines: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """Countries reached in colour (named only / 1 / 2+ local governments), local governments as dots.

    `reached`: iso3, local_governments, rows. `points`: name, latitude, longitude, coord_precision. `outlines`:
    `country_paths(shapes, tolerance)`, made here when not given. `names`: ISO3 -> country name shown on hover.
    """
    outlines = country_paths(shapes, tolerance) if outlines is None else outlines
    lg_by_country = reached.set_index("iso3")["local_governments"] if not reached.empty else pd.Series(dtype="int64")
    paths = []
    for iso3, outline in outlines.items():
        if iso3 in lg_by_country.index:
            count = int(lg_by_country[iso3])
            fill = PALETTE["reached_dark"] if count >= 2 else PALETTE["reached"] if count == 1 else PALETTE["named"]
            named = tn(
                "{country}: {n:,} local government named",
                "{country}: {n:,} local governments named",
                count,
                country=(names or {}).get(iso3, iso3),
            )
            title = f"<title>{escape(named)}</title>"
        else:
            fill, title = PALETTE["land"], ""
        paths.append(
            f'<path d="{outline}" fill="{fill}" stroke="{PALETTE["border"]}" stroke-width="0.4">{title}</path>'
        )
    dots = []
    placed = points.dropna(subset=["latitude", "longitude"])
    columns = (placed[column].tolist() for column in ("name", "latitude", "longitude", "coord_precision"))
    for name, latitude, longitude, precision in zip(*columns):
        x, y = _xy(longitude, latitude)
        colour = PALETTE["warn"] if precision in ("approximate", "ambiguous") else PALETTE["point"]
        label = (
            t("{place} (approximate location)", place=name)
            if precision == "approximate"
            else t("{place} (ambiguous location)", place=name)
            if precision == "ambiguous"
            else name
        )
        dots.append(
            f'<circle cx="{x}" cy="{y}" r="3.2" fill="{colour}" stroke="#fff" stroke-width="0.8">'
            f"<title>{escape(label)}</title></circle>"
        )
    aria = t("World map of countries and local governments reached")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" '
        f'aria-label="{escape(aria)}" class="map">'
        f'<rect width="{MAP_WIDTH}" height="{MAP_HEIGHT}" fill="#f7f9fb"/>{"".join(paths)}{"".join(dots)}</svg>'
    )


def legend() -> str:
    keys = [
        (PALETTE["named"], "", t("country named, no local government")),
        (PALETTE["reached"], "", t("1 local government")),
        (PALETTE["reached_dark"], "", t("2 or more")),
        (PALETTE["point"], ";border-radius:50%", t("local government")),
        (PALETTE["warn"], ";border-radius:50%", t("approximate or ambiguous location")),
    ]
    spans = "".join(f'<span style="background:{colour}{shape}"></span>{escape(text)}' for colour, shape, text in keys)
    return f'<p class="legend muted">{spans}</p>'

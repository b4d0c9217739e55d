"""The map: aggregations per local government and per country, and the MapLibre figure that draws them. Pure.

Works with no internet (docs/design.md §5): MapLibre traces on a `white-bg` style, a grey base layer of every
country and the choropleth's polygons both fetched from a GeoJSON **URL** served by Streamlit (never embedded,
which keeps the figure sent per rerun to a few KB instead of 1.3 MB).

No fake numbers: a local government or a country whose participant count is unknown shows "not recorded",
never 0, and is drawn in a grey that the legend names. Where counts are unknown, points are sized by the number
of participation rows (each row is at least one person) and the caption says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ssedash import chart_layout, map_hover, markdown
from ssedash.i18n import N_, content, t
from ssedash.map_data import MapLayers, map_layers

precision_label = map_hover.precision_label  # the report names locations as the map does

__all__ = [
    "MapLayers",
    "map_layers",
    "precision_label",
]  # with everything below: the map's aggregation lives in ssedash.map_data

COUNTRIES_GEOJSON_URL = "/app/static/countries.geojson"
MEASURES = ("participants", "local_governments", "participation_rows")
COLOUR_BY = ("gsef_region", "first_year")
MAX_POINTS = 300  # above this, only the largest points are drawn (and the caption says so): keeps the figure small
REGION_COLOURS = {  # Okabe-Ito, readable by colour-blind people
    "Africa": "#E69F00",
    "Asia-Pacific": "#0072B2",
    "Europe": "#009E73",
    "Latin America & Caribbean": "#CC79A7",
    "North America": "#D55E00",
    "Other": "#555555",
    "Unknown region": "#555555",
}
YEAR_COLOURS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#c8b400", "#e07b00")
CHOROPLETH_SCALE = [[0.0, "#dadaeb"], [0.35, "#9e9ac8"], [1.0, "#3f007d"]]  # light end still darker than the base
NOT_RECORDED_COLOUR = "#b8b8b8"
BASE_FILL = "#ececec"


def default_measure(layers: MapLayers) -> str:
    """Participants where any count is recorded, else local governments (never a map of zeros)."""
    return "participants" if layers.countries["participants"].notna().any() else "local_governments"


NOT_RECORDED_LEGEND = {  # the legend of the grey countries: they took part, the measure shaded is not known
    "participants": N_("Took part; participants not recorded"),
    "local_governments": N_("Took part; local governments not recorded"),
    "participation_rows": N_("Took part; participation rows not recorded"),
}


def measure_label(measure: str) -> str:
    return {
        "participants": t("Participants recorded"),
        "local_governments": t("Local governments"),
        "participation_rows": t("Participation rows"),
    }[measure]


def colour_label(colour_by: str) -> str:
    return {"gsef_region": t("GSEF region"), "first_year": t("First year")}[colour_by]


def size_caption(layers: MapLayers) -> str:
    """What a circle's area means, in words."""
    if layers.size_basis == "participants":
        return t("Circle area: participants recorded.")
    if layers.size_basis == "participation_rows":
        return t("Circle area: number of participation rows (participant counts were not recorded).")
    return t(
        "Circle area: participants recorded; where a count was not recorded, each participation row counts as one."
    )


def _marker_sizes(values: pd.Series, largest: float) -> np.ndarray:
    # Area proportional to the value (diameter ∝ sqrt), from 8 to 34 px. Below 25 the scale is absolute, so a map
    # where every place counts one or two rows shows small equal circles, not big blobs.
    scale = np.sqrt(values.to_numpy(dtype="float64") / max(largest, 25.0))
    return np.round(np.clip(8 + 26 * scale, 8, 34), 1).astype("float32")


def _base_layer(geojson_url: str) -> list[dict]:
    return [
        {"sourcetype": "geojson", "source": geojson_url, "type": "fill", "color": BASE_FILL, "below": "traces"},
        {
            "sourcetype": "geojson",
            "source": geojson_url,
            "type": "line",
            "color": "#ffffff",
            "line": {"width": 0.6},
            "below": "traces",
        },
    ]


def _centre(points: pd.DataFrame, countries: pd.DataFrame, reference: pd.DataFrame) -> tuple[dict, float]:
    """A view that holds what is shown: the world, unless everything sits in a small area."""
    lat = pd.concat([points["latitude"], reference.set_index("iso3").reindex(countries["iso3"])["label_lat"]])
    lon = pd.concat([points["longitude"], reference.set_index("iso3").reindex(countries["iso3"])["label_lon"]])
    return view_of(lat, lon)


def view_of(latitudes: pd.Series, longitudes: pd.Series) -> tuple[dict, float]:
    """The centre and zoom of a map view that holds these coordinates (missing ones left out): the world, unless
    they sit in a small area; a single point is shown in its region."""
    known = pd.DataFrame({"lat": latitudes.to_numpy(), "lon": longitudes.to_numpy()}).dropna()
    if known.empty:
        return {"lat": 15.0, "lon": 20.0}, 0.6
    lat, lon = known["lat"], known["lon"]
    span = max(lat.max() - lat.min(), (lon.max() - lon.min()) / 2)
    zoom = float(np.clip(np.log2(170 / max(span, 1.0)) - 0.3, 0.6, 6.0))
    return {"lat": float((lat.max() + lat.min()) / 2), "lon": float((lon.max() + lon.min()) / 2)}, round(zoom, 2)


def _country_traces(table: pd.DataFrame, measure: str, geojson_url: str) -> list[go.Choroplethmap]:
    """The choropleth of `measure`, and the countries that took part with it not recorded, in grey."""
    values = table[measure].astype("float64")
    has_value = values.notna() & (values > 0)
    known, unknown = table[has_value], table[~has_value]
    traces = []
    if len(unknown):
        traces.append(
            go.Choroplethmap(
                geojson=geojson_url,
                locations=unknown["iso3"].tolist(),
                z=np.zeros(len(unknown), dtype="int8"),
                colorscale=[[0, NOT_RECORDED_COLOUR], [1, NOT_RECORDED_COLOUR]],
                showscale=False,
                marker={"opacity": 0.8, "line": {"width": 0.6, "color": "#ffffff"}},
                customdata=map_hover.country_customdata(unknown),
                hovertemplate=map_hover.country_hovertemplate(),
                name=t(NOT_RECORDED_LEGEND[measure]),
                showlegend=True,
                legendrank=2000,
            )
        )
    if len(known):
        traces.append(
            go.Choroplethmap(
                geojson=geojson_url,
                locations=known["iso3"].tolist(),
                z=values[has_value].to_numpy(dtype="float32"),
                zmin=0,
                zmax=max(float(values[has_value].max()), 1.0),
                colorscale=CHOROPLETH_SCALE,
                marker={"opacity": 0.85, "line": {"width": 0.6, "color": "#ffffff"}},
                colorbar={
                    "title": {"text": measure_label(measure), "side": "right"},
                    "thickness": 12,
                    "len": 0.6,
                    "x": 1.0,
                    "xanchor": "left",
                    "y": 0.5,
                    "tickformat": ",d",
                    **({"dtick": 1} if values[has_value].max() <= 8 else {}),
                },
                customdata=map_hover.country_customdata(known),
                hovertemplate=map_hover.country_hovertemplate(),
                name=measure_label(measure),
                showlegend=False,
            )
        )
    return traces


def _point_traces(points: pd.DataFrame, colour_by: str) -> list[go.Scattermap]:
    """The points, one trace per colour (GSEF region, or first year on a sequential palette)."""
    largest = float(points["size_value"].max()) if len(points) else 1.0
    if colour_by == "gsef_region":
        groups = [
            (region, points[points["gsef_region"] == region], REGION_COLOURS.get(region, "#555555"))
            for region in sorted(points["gsef_region"].unique())
        ]
    else:
        years = sorted(points["first_year"].dropna().unique())
        palette = [YEAR_COLOURS[int(i)] for i in np.linspace(0, len(YEAR_COLOURS) - 1, num=max(len(years), 1)).round()]
        groups = [(f"{int(year)}", points[points["first_year"] == year], palette[i]) for i, year in enumerate(years)]
    return [
        go.Scattermap(
            lat=group["latitude"].to_numpy(dtype="float32"),
            lon=group["longitude"].to_numpy(dtype="float32"),
            mode="markers",
            marker={"size": _marker_sizes(group["size_value"], largest), "color": colour, "opacity": 0.85},
            customdata=map_hover.point_customdata(group),
            hovertemplate=map_hover.point_hovertemplate(),
            name=content.region_name(name) if colour_by == "gsef_region" else name,
            legendgroup="points",
            legendgrouptitle={"text": colour_label(colour_by)} if name == groups[0][0] else None,
        )
        for name, group, colour in groups
    ]


def map_figure(
    layers: MapLayers,
    *,
    measure: str = "participants",
    colour_by: str = "gsef_region",
    countries: pd.DataFrame | None = None,
    geojson_url: str = COUNTRIES_GEOJSON_URL,
    max_points: int = MAX_POINTS,
    height: int = 560,
) -> go.Figure:
    """A MapLibre figure: grey world, the choropleth of `measure`, LG points coloured by `colour_by`.

    `countries` (the reference table) only helps centre the view. Customdata[0] of every trace is the ISO3 of
    the country, so a click can filter to it.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {COLOUR_BY}, not {colour_by!r}")
    points = layers.points.head(max_points)
    traces = [*_country_traces(layers.countries, measure, geojson_url), *_point_traces(points, colour_by)]
    if not traces:
        # With no trace plotly ignores `layout.map` and draws empty x/y axes: keep the grey world on screen.
        traces.append(go.Scattermap(lat=[], lon=[], mode="markers", showlegend=False, hoverinfo="skip"))
    centre, zoom = (
        _centre(points, layers.countries, countries) if countries is not None else ({"lat": 15.0, "lon": 20.0}, 0.6)
    )
    # Built in one go (each update_layout validates the figure again).
    figure = go.Figure(
        data=traces,
        layout={
            "template": go.layout.Template(),  # the default template alone weighs ~9 KB per rerun
            "height": height,
            "separators": chart_layout.separators(),  # the colour bar's numbers as the reader's locale writes them
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "map": {"style": "white-bg", "center": centre, "zoom": zoom, "layers": _base_layer(geojson_url)},
            "showlegend": True,
            "legend": {
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.01,
                "xanchor": "left",
                "x": 0,
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 13},
                "itemsizing": "constant",
            },
            "hoverlabel": {"align": "left"},
            "clickmode": "event+select",
            "uirevision": "map",
        },
    )
    return figure


def table_rows(layers: MapLayers) -> pd.DataFrame:
    """The Table tab: one row per local government (and per country shown as a point), display-ready."""
    points = layers.points
    return pd.DataFrame(
        {
            t("Local government"): [
                name if isinstance(lg_id, str) else t("{name} (country)", name=name)
                for name, lg_id in zip(points["name"], points["lg_id"])
            ],
            t("Country"): points["country"],
            t("GSEF region"): points["gsef_region"].map(content.region_name),
            t("Editions attended"): points["editions"],
            t("Years"): [
                map_hover.years_label(first, last) for first, last in zip(points["first_year"], points["last_year"])
            ],
            t("Participants recorded"): [map_hover.count_label(value) for value in points["participants"]],
            t("Participation rows"): points["participation_rows"],
            t("Location"): points["coord_precision"].map(precision_label),
        }
    )


def country_table_rows(layers: MapLayers) -> pd.DataFrame:
    countries = layers.countries.sort_values("participation_rows", ascending=False)
    return pd.DataFrame(
        {
            t("Country"): countries["country"],
            t("GSEF region"): countries["gsef_region"].map(content.region_name),
            t("Participants recorded"): [map_hover.count_label(value) for value in countries["participants"]],
            t("Local governments"): countries["local_governments"],
            t("Participation rows"): countries["participation_rows"],
            t("Editions"): countries["editions"],
        }
    )


def edition_years(editions: pd.DataFrame) -> list[int]:
    return sorted({int(year) for year in editions["year"].dropna()})


def sources(editions: pd.DataFrame) -> list[str]:
    """The distinct source URLs of the editions shown, in year order."""
    ordered = editions.sort_values(["year", "edition_id"])
    return list(dict.fromkeys(url for url in ordered["source_url"].dropna() if not url.startswith("demo:")))


def source_links(editions: pd.DataFrame) -> markdown.Markdown:
    """The sources as safe Markdown: each http(s) URL a link, anything else (an upload:<file name>) as text."""
    return markdown.join(markdown.link(url, url) for url in sources(editions))


def points_caption(layers: MapLayers, max_points: int = MAX_POINTS) -> str:
    """What the circles are, and how many of them are drawn."""
    caption = size_caption(layers)
    shown = len(layers.points)
    if shown > max_points:
        caption += " " + t(
            "The {shown:,} largest of {total:,} local governments are drawn; narrow the filters to see "
            "the others (the Table tab lists them all).",
            shown=max_points,
            total=shown,
        )
    return caption


def flagged_points(layers: MapLayers) -> list[str]:
    """One line per point whose location is not exact, with its note: these must be said on the map, not hidden."""
    flagged = layers.points[layers.points["coord_precision"] != "exact"]
    return [
        t("{place} ({country}): {location}", place=row.name, country=row.country, location=location)
        if not (isinstance(row.note, str) and row.note)
        else t(
            "{place} ({country}): {location} — {note}",
            place=row.name,
            country=row.country,
            location=location,
            note=row.note,
        )
        for row in flagged.itertuples(index=False)
        for location in (map_hover.precision_label(row.coord_precision),)
    ]


def next_year(years: list[int], current: int | None) -> int:
    """The year after `current` among `years`, wrapping round to the first (the map's "play")."""
    if not years:
        raise ValueError("no years to step through")
    later = [year for year in years if current is not None and year > current]
    return later[0] if later else years[0]

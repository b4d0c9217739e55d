"""A self-contained HTML report for funders: headline figures, a world map (inline SVG: no script, no internet),
every edition with reported vs recorded figures and its source, the local governments reached, and the notes.

Pure: frames and shapes in, one HTML string out. Every value from the data is escaped; only http(s) links are
made clickable. It prints cleanly (the browser's "Save as PDF" gives a one-file PDF to forward).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from ssedash import charts, markdown, metrics, report_charts
from ssedash.headline import Card
from ssedash.headline import headline as compute_headline
from ssedash.i18n import t
from ssedash.impact import forum_label
from ssedash.kinds import kind_names
from ssedash.summary import row_counts

PALETTE = {
    "ink": "#1b1f24",
    "muted": "#5b6470",
    "land": "#e6e8eb",
    "border": "#ffffff",
    "reached": "#56B4E9",
    "named": "#B8DCF2",
    "reached_dark": "#0072B2",
    "point": "#D55E00",
    "warn": "#E69F00",
}
MAP_WIDTH, MAP_HEIGHT = 960, 470  # equirectangular, latitudes -60..85 (Antarctica left out)
LAT_TOP, LAT_BOTTOM = 85.0, -60.0


def _e(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _link(url: object, text: object | None = None) -> str:
    url_text = "" if url is None or (not isinstance(url, str) and pd.isna(url)) else str(url)
    label = _e(text if text is not None else url_text)
    if markdown.is_web_url(url_text):  # the one rule for links: http(s) only (not javascript:, data:, upload:)
        return f'<a href="{_e(url_text.strip())}" rel="noopener noreferrer">{label}</a>'
    return label


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


def countries_reached(participation: pd.DataFrame) -> pd.DataFrame:
    """Per country named in the rows (or their summary lines): iso3, local governments named, participation rows."""
    return (
        participation.assign(rows=row_counts(participation))
        .groupby("country_iso3")
        .agg(local_governments=("lg_id", "nunique"), rows=("rows", "sum"))
        .reset_index()
        .rename(columns={"country_iso3": "iso3"})
    )


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
) -> str:
    """Countries reached in colour (named only / 1 / 2+ local governments), local governments as dots.

    `reached`: iso3, local_governments, rows. `points`: name, latitude, longitude, coord_precision. `outlines`:
    `country_paths(shapes, tolerance)`, made here when not given.
    """
    outlines = country_paths(shapes, tolerance) if outlines is None else outlines
    lg_by_country = reached.set_index("iso3")["local_governments"] if not reached.empty else pd.Series(dtype="int64")
    paths = []
    for iso3, outline in outlines.items():
        if iso3 in lg_by_country.index:
            count = int(lg_by_country[iso3])
            fill = PALETTE["reached_dark"] if count >= 2 else PALETTE["reached"] if count == 1 else PALETTE["named"]
            title = f"<title>{_e(iso3)}: {count}</title>"
        else:
            fill, title = PALETTE["land"], ""
        paths.append(
            f'<path d="{outline}" fill="{fill}" stroke="{PALETTE["border"]}" stroke-width="0.4">{title}</path>'
        )
    dots = []
    placed = points.dropna(subset=["latitude", "longitude"])
    for name, latitude, longitude, precision in _columns(placed, "name", "latitude", "longitude", "coord_precision"):
        x, y = _xy(longitude, latitude)
        colour = PALETTE["warn"] if precision in ("approximate", "ambiguous") else PALETTE["point"]
        note = f" ({_e(precision)} location)" if precision in ("approximate", "ambiguous") else ""
        dots.append(
            f'<circle cx="{x}" cy="{y}" r="3.2" fill="{colour}" stroke="#fff" stroke-width="0.8">'
            f"<title>{_e(name)}{note}</title></circle>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" '
        f'aria-label="{_e(t("World map of countries and local governments reached"))}" class="map">'
        f'<rect width="{MAP_WIDTH}" height="{MAP_HEIGHT}" fill="#f7f9fb"/>{"".join(paths)}{"".join(dots)}</svg>'
    )


def _columns(frame: pd.DataFrame, *names: str):
    """The rows of `frame`'s columns `names` as tuples of plain Python values (quicker than itertuples on Arrow
    strings)."""
    return zip(*(frame[name].tolist() for name in names))


def _figure_cell(card: Card) -> str:
    value = _e(card.value)
    for qualifier in (t("at least"), t("about")):  # a word before the number, smaller so the number stays on a line
        if card.value.startswith(qualifier + " "):
            value = f'<span class="qual">{_e(qualifier)}</span> {_e(card.value[len(qualifier) + 1 :])}'
    return (
        f'<div class="kpi"><div class="label">{_e(card.label)}</div><div class="value">{value}</div>'
        f'<div class="note">{_e(card.note)}</div></div>'
    )


def _pair(reported: object, recorded) -> str:
    """'5,700+ reported · 11 recorded', or whichever of the two exists (`reported` is the text with its qualifier)."""
    parts = []
    if isinstance(reported, str) and reported:
        parts.append(t("{n} reported", n=reported))
    if recorded is not None and not pd.isna(recorded) and int(recorded) > 0:
        parts.append(t("{n} recorded", n=f"{int(recorded):,}"))
    return _e(" · ".join(parts)) if parts else _e(t("not recorded"))


def _count(value) -> str:
    return t("not recorded") if value is None or pd.isna(value) else f"{int(value):,}"


def _style() -> str:
    """The report's stylesheet (print-friendly), in the palette of the map."""
    return f"""body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: {PALETTE["ink"]}; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; line-height: 1.45; }}
h1 {{ font-size: 1.7rem; margin-bottom: .2rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }}
.muted, .sub, .note {{ color: {PALETTE["muted"]}; font-size: .85rem; }}
.kpis {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: .8rem; margin: 1.2rem 0; }}
.kpi {{ border: 1px solid #dde1e6; border-radius: 8px; padding: .7rem .9rem; }}
.kpi .label {{ font-size: .85rem; color: {PALETTE["muted"]}; }} .kpi .value {{ font-size: 1.8rem; font-weight: 650; }}
.kpi .qual {{ font-size: 1rem; font-weight: 500; }}
table {{ border-collapse: collapse; width: 100%; font-size: .85rem; }} th, td {{ border-bottom: 1px solid #e5e7ea; padding: .35rem .4rem; text-align: left; vertical-align: top; }}
th {{ background: #f4f6f8; }} td.num, th.num {{ text-align: right; white-space: nowrap; }}
.map {{ width: 100%; height: auto; border: 1px solid #e5e7ea; border-radius: 6px; }}
.chart {{ margin: 1rem 0 1.4rem; }} .chart figcaption {{ font-weight: 600; font-size: .95rem; }}
.chart svg {{ width: 100%; height: auto; font-family: inherit; }}
.legend span.forum {{ border-left: 2px dotted #8c8c8c; border-radius: 0; width: 0; }}
.legend span {{ display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin: 0 .3rem 0 1rem; vertical-align: middle; }}
.demo {{ background: #fff3cd; border: 2px solid {PALETTE["warn"]}; padding: .6rem; font-weight: 650; margin: 1rem 0; }}
a {{ color: {PALETTE["reached_dark"]}; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }} tr {{ break-inside: avoid; }} }}
"""


def _edition_rows(figures: pd.DataFrame, programme_names: dict) -> tuple[list[str], list[str]]:
    """One table row per edition (reported beside recorded, and what differs), and the editions' notes."""
    edition_rows: list[str] = []
    notes: list[str] = []
    kinds = kind_names()
    for row in figures.itertuples():
        differs = []
        if (
            not pd.isna(row.reported_local_governments)
            and row.reported_local_governments != row.recorded_local_governments
        ):
            differs.append(
                t(
                    "{reported} local governments reported, {recorded} listed",
                    reported=row.reported_local_governments_text,
                    recorded=row.recorded_local_governments,
                )
            )
        if not pd.isna(row.reported_countries) and row.reported_countries != row.recorded_countries:
            differs.append(
                t(
                    "{reported} countries reported, {recorded} listed",
                    reported=row.reported_countries_text,
                    recorded=row.recorded_countries,
                )
            )
        if row.rows_with_unknown_count:
            differs.append(t("participant counts not recorded for {n} row(s)", n=row.rows_with_unknown_count))
        edition_rows.append(
            "<tr>"
            f"<td>{_e(row.year)}</td><td>{_link(row.source_url, row.name)}<div class='sub'>"
            f"{_e(programme_names.get(row.programme_id, row.programme_id))} · {_e(kinds.get(row.event_kind, row.event_kind))}"
            f" · {_e(metrics_format(row.format))}</div></td>"
            f"<td>{_pair(row.reported_participants_text, row.recorded_participants)}</td>"
            f"<td>{_pair(row.reported_local_governments_text, row.recorded_local_governments)}</td>"
            f"<td>{_pair(row.reported_countries_text, row.recorded_countries)}</td>"
            f"<td class='sub'>{'; '.join(_e(d) for d in differs)}</td>"
            "</tr>"
        )
        if isinstance(row.notes, str) and row.notes:
            notes.append(f"<li><strong>{_e(row.name)}</strong>: {_e(row.notes)}</li>")

    return edition_rows, notes


def _lg_rows(local_governments: pd.DataFrame, participation: pd.DataFrame, country_names: dict) -> list[str]:
    """One table row per local government reached, with the number of editions it took part in."""
    editions_of = participation.dropna(subset=["lg_id"]).groupby("lg_id")["edition_id"].nunique()
    lg_rows: list[str] = []
    ordered = local_governments.sort_values(["country_iso3", "name"])
    editions = ordered["lg_id"].map(editions_of).fillna(0).astype("int64").tolist()
    for (name, iso3, precision, notes), n in zip(
        _columns(ordered, "name", "country_iso3", "coord_precision", "notes"), editions
    ):
        lg_rows.append(
            f"<tr><td>{_e(name)}</td><td>{_e(country_names.get(iso3, iso3))}</td>"
            f"<td class='num'>{n}</td><td>{_e(precision if isinstance(precision, str) else '')}</td>"
            f"<td>{_e(notes) if isinstance(notes, str) else ''}</td></tr>"
        )
    return lg_rows


def _head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} — {_e(t("report"))}</title>
<style>
{_style()}</style></head><body>
"""


def _tail(edition_rows: list[str], lg_rows: list[str], notes: list[str]) -> str:
    """The editions, local governments, notes and sources sections."""
    return f"""<h2>{_e(t("Editions"))}</h2>
<table><thead><tr><th>{_e(t("Year"))}</th><th style="width:34%">{_e(t("Edition (links to its source)"))}</th>
<th>{_e(t("Participants"))}</th><th>{_e(t("Local governments"))}</th><th>{_e(t("Countries"))}</th><th>{_e(t("What differs"))}</th></tr></thead>
<tbody>{"".join(edition_rows) or f"<tr><td colspan='6'>{_e(t('No editions match this scope.'))}</td></tr>"}</tbody></table>
<h2>{_e(t("Local governments reached"))}</h2>
<table><thead><tr><th>{_e(t("Local government"))}</th><th>{_e(t("Country"))}</th><th class="num">{_e(t("Editions"))}</th><th>{_e(t("Location"))}</th><th>{_e(t("Notes"))}</th></tr></thead>
<tbody>{"".join(lg_rows) or f"<tr><td colspan='5'>{_e(t('No local government named in this scope.'))}</td></tr>"}</tbody></table>
<h2>{_e(t("Notes on the data"))}</h2>
<ul>{"".join(notes) or f"<li>{_e(t('No notes.'))}</li>"}</ul>
<h2>{_e(t("Sources and licences"))}</h2>
<p class="muted">{_e(t("Every figure above links to the public page it comes from."))} {_e(t("Country boundaries"))}: Natural Earth ({_e(t("public domain"))}). {_e(t("Gazetteer"))}: GeoNames ({_link("https://creativecommons.org/licenses/by/4.0/", "CC-BY 4.0")}).</p>
</body></html>
"""


def _chart_svgs(
    editions: pd.DataFrame,
    participation: pd.DataFrame,
    programmes: pd.DataFrame,
    forums: pd.DataFrame | None,
    figures: pd.DataFrame,
) -> list[str]:
    """The reach-over-time charts as inline SVG (the PDF draws the same charts), forums marked as context.
    `figures`: `metrics.edition_figures` of the same editions and rows."""
    source = charts.source_line(editions["source_url"])
    marks = report_charts.forum_marks(forums, forum_label)
    return [
        report_charts.bar_chart_svg(chart)
        for chart in (
            *report_charts.people_charts(editions, participation, programmes, marks, source, figures),
            *report_charts.reach_charts(editions, participation, marks, source),
        )
    ]


def build_report(
    *,
    editions: pd.DataFrame,
    participation: pd.DataFrame,
    local_governments: pd.DataFrame,
    programmes: pd.DataFrame,
    countries: pd.DataFrame,
    shapes,
    generated_at: str,
    scope: str,
    include_reported: bool = True,
    demo: bool = False,
    view_link: str | None = None,
    forums: pd.DataFrame | None = None,
    outlines: Mapping[str, str] | None = None,
) -> str:
    """The whole report as one HTML document. `scope` says in words which filters made it; `forums` (GSEF's global
    forums) are marked on the year charts as context, never counted. `outlines` (`country_paths(shapes)`) may be
    kept by the caller: they are the same for every report."""
    headline = compute_headline(editions, participation, include_reported=include_reported)
    figures = metrics.edition_figures(editions, participation)
    programme_names = dict(zip(programmes["programme_id"], programmes["name"]))
    country_names = dict(zip(countries["iso3"], countries["name_en"]))

    svg = world_map_svg(shapes, countries_reached(participation), local_governments, outlines=outlines)
    chart_svgs = _chart_svgs(editions, participation, programmes, forums, figures)

    edition_rows, notes = _edition_rows(figures, programme_names)
    lg_rows = _lg_rows(local_governments, participation, country_names)
    countries_without_lg = sorted(
        set(participation.loc[participation["lg_id"].isna(), "country_iso3"]) - set(local_governments["country_iso3"])
    )

    demo_banner = (
        f"<div class='demo'>{_e(t('DEMO: SYNTHETIC DATA. These figures are made up for demonstration and benchmarking; none of them are real.'))}</div>"
        if demo
        else ""
    )
    link = f"<p class='muted'>{_e(t('Live view'))}: {_link(view_link)}</p>" if view_link else ""
    title = t("GSEF capacity building on the Social and Solidarity Economy")
    return f"""{_head(title)}{demo_banner}
<h1>{_e(title)}</h1>
<p class="muted">{_e(t("Scope"))}: {_e(scope)} · {_e(t("generated"))} {_e(generated_at)} {_e(t("by ssedash"))}</p>
{link}
<div class="kpis">
{"".join(_figure_cell(card) for card in headline.people)}
</div>
<div class="kpis">
{"".join(_figure_cell(card) for card in headline.places)}
</div>
<p class="muted">{_e(t("People at different kinds of event (trainings, webinars, policy dialogues, academies) are counted apart, never added up. Reported figures are what the organisers announced (“5,700+” is a lower bound: at least 5,700); a total over several editions is computed, and is “at least” when an edition gave no count. Recorded figures are counted from the participation rows. Where they differ, both are shown."))}</p>
<h2>{_e(t("Where participants came from"))}</h2>
{svg}
<p class="legend muted"><span style="background:{PALETTE["named"]}"></span>{_e(t("country named, no local government"))}<span style="background:{PALETTE["reached"]}"></span>{_e(t("1 local government"))}<span style="background:{PALETTE["reached_dark"]}"></span>{_e(t("2 or more"))}<span style="background:{PALETTE["point"]};border-radius:50%"></span>{_e(t("local government"))}<span style="background:{PALETTE["warn"]};border-radius:50%"></span>{_e(t("approximate or ambiguous location"))}</p>
{f"<p class='muted'>{_e(t('Countries named without a local government'))}: {_e(', '.join(country_names.get(c, c) for c in countries_without_lg))}</p>" if countries_without_lg else ""}
<h2>{_e(t("Reach over time"))}</h2>
{"".join(chart_svgs) or f"<p class='muted'>{_e(t('No figures to chart in this scope.'))}</p>"}
{_tail(edition_rows, lg_rows, notes)}"""


def metrics_format(value: object) -> str:
    return t(metrics.FORMAT_LABELS.get(str(value), str(value)))

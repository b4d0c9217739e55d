"""The reports' bar charts, computed once and drawn twice: as fpdf2 bars in the PDF, as inline SVG in the HTML
report (so both open with no internet and no browser plotting library).

Pure: frames in, `BarChart`s out; `bar_chart_svg` turns one into an SVG string with every text escaped.
A missing figure is no bar (never a zero bar); labels keep the qualifier as sources write it ("5,700+").
GSEF's global forums are `marks`: dotted context lines, never bars.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from ssedash import charts, kinds, metrics
from ssedash.i18n import formatting, t


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[int | None]
    texts: Sequence[str | None]


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    source: str
    marks: Mapping[str, str] = field(default_factory=dict)
    short: bool = False  # a smaller chart (one per kind of event)


def people_charts(
    editions: pd.DataFrame,
    participation: pd.DataFrame,
    programmes: pd.DataFrame,
    marks: Mapping[str, str],
    source: str,
    figures: pd.DataFrame | None = None,
) -> list[BarChart]:
    """People per year as reported, one chart per kind of event: different people, each on its own scale.
    `figures`: `metrics.edition_figures` of the same, when already made."""
    totals = metrics.yearly_totals(metrics.participants_by_year(editions, participation, programmes, figures))
    years = [str(int(y)) for y in sorted(totals["year"].unique())]
    labels = kinds.kind_labels()
    found = []
    for kind in kinds.kinds_in_order(totals["event_kind"]):
        rows = totals[totals["event_kind"] == kind].set_index("year").reindex([int(y) for y in years])
        series = Series(
            labels.get(kind, kind),
            charts.KIND_COLOURS.get(kind, charts.REPORTED_COLOUR),
            [None if pd.isna(v) else int(v) for v in rows["reported_participants"]],
            [None if pd.isna(v) else str(v) for v in rows["reported_participants_text"]],
        )
        found.append(
            BarChart(
                t("{label} per year, as reported (“+”: at least; no bar: not published)", label=series.name),
                years,
                (series,),
                source,
                marks,
                short=True,
            )
        )
    return found


def reach_charts(
    editions: pd.DataFrame, participation: pd.DataFrame, marks: Mapping[str, str], source: str
) -> list[BarChart]:
    """Countries reached (cumulative) and local governments new and returning, per year."""
    cumulative = metrics.cumulative_countries(editions, participation)
    years = [str(int(y)) for y in cumulative["year"]]
    values = [int(v) for v in cumulative["cumulative_countries"]]
    found = [
        BarChart(
            t("Countries reached, cumulative (recorded in participation rows)"),
            years,
            (
                Series(
                    t("Countries reached so far"),
                    charts.CUMULATIVE_COLOUR,
                    values,
                    [formatting.number(v) for v in values],
                ),
            ),
            source,
            marks,
        )
    ]
    turnover = metrics.local_government_turnover(editions, participation)
    by_year = turnover.groupby("year")[["new", "returning"]].sum()
    years = [str(int(y)) for y in by_year.index]
    found.append(
        BarChart(
            t("Local governments per year: new and returning (count)"),
            years,
            (
                Series(
                    t("New"),
                    charts.NEW_COLOUR,
                    [int(v) for v in by_year["new"]],
                    [formatting.number(int(v)) for v in by_year["new"]],
                ),
                Series(
                    t("Returning"),
                    charts.RETURNING_COLOUR,
                    [int(v) for v in by_year["returning"]],
                    [formatting.number(int(v)) for v in by_year["returning"]],
                ),
            ),
            source,
            marks,
        )
    )
    return [chart for chart in found if chart.categories]  # no year, no chart


def forum_marks(forums: pd.DataFrame | None, label) -> dict[str, str]:
    """Year -> label of GSEF's global forums (context marks); none when no forums are given."""
    if forums is None or forums.empty:
        return {}
    return {str(int(y)): label(str(f), y) for y, f in zip(forums["year"], forums["forum"])}


SVG_WIDTH, SVG_PLOT = 760, 150
FORUM_GREY = "#8c8c8c"


def bar_chart_svg(chart: BarChart) -> str:
    """One chart as an inline SVG: bars labelled as sources write them, forums as dotted lines, a legend."""
    height = SVG_PLOT * (0.65 if chart.short else 1)
    top, left, bottom = 26, 8, height + 26
    values = [v for s in chart.series for v in s.values if v is not None]
    largest = max(values, default=0) or 1
    slot = (SVG_WIDTH - 2 * left) / max(len(chart.categories), 1)
    bar = min(34.0, (slot - 8) / max(len(chart.series), 1))
    parts = [f'<line x1="{left}" y1="{bottom}" x2="{SVG_WIDTH - left}" y2="{bottom}" stroke="#c8c8c8"/>']
    for i, category in enumerate(chart.categories):
        centre = left + (i + 0.5) * slot
        if category in chart.marks:
            parts.append(
                f'<line x1="{centre:.1f}" y1="{top - 14}" x2="{centre:.1f}" y2="{bottom}" '
                f'stroke="{FORUM_GREY}" stroke-dasharray="3 3"/>'
                f'<text x="{centre + 3:.1f}" y="{top - 16 + 9 * (i % 2)}" font-size="9" '
                f'fill="{FORUM_GREY}">{escape(chart.marks[category])}</text>'
            )
        x0 = centre - bar * len(chart.series) / 2
        for j, series in enumerate(chart.series):
            value = series.values[i]
            if value is None:
                continue
            h = max((height - 8) * value / largest, 1.0)
            x = x0 + j * bar
            parts.append(
                f'<rect x="{x:.1f}" y="{bottom - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                f'fill="{escape(series.colour)}"><title>{escape(series.name)} {escape(category)}: '
                f"{escape(series.texts[i] or '')}</title></rect>"
                f'<text x="{x + (bar - 2) / 2:.1f}" y="{bottom - h - 3:.1f}" font-size="10" '
                f'text-anchor="middle">{escape(series.texts[i] or "")}</text>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{bottom + 14}" font-size="10" fill="#5b6470" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    legend = "".join(f'<span style="background:{escape(s.colour)}"></span>{escape(s.name)}' for s in chart.series)
    if chart.marks:
        legend += f'<span class="forum"></span>{escape(t("GSEF global forum (context, not counted)"))}'
    return (
        f'<figure class="chart"><figcaption>{escape(chart.title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_WIDTH} {bottom + 22:.0f}" role="img" '
        f'aria-label="{escape(chart.title)}">{"".join(parts)}</svg>'
        f'<p class="legend muted">{legend}</p><p class="note">{escape(chart.source)}</p></figure>'
    )

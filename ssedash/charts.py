"""Plotly figure builders, pure: a small aggregated frame in, a figure out.

Colours are explicit, from the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies)
and readable on light and dark backgrounds; Streamlit's theme styles the rest (fonts, grid, background).
Every figure is titled with what it counts and its unit, and carries a source line under the plot.
Built with graph_objects rather than plotly.express: several times faster per figure, which matters on reruns.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from ssedash import chart_layout
from ssedash.i18n import N_, content, formatting, t
from ssedash.kinds import kind_labels, kinds_in_order
from ssedash.metrics import NO_LOCAL_GOVERNMENT, NOT_RECORDED

# Okabe & Ito (2008), "Color Universal Design". Black is left out of the cycle: unreadable on a dark theme.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
PALETTE = tuple(OKABE_ITO.values())
UNKNOWN_GREY = "#999999"
REPORTED_COLOUR = OKABE_ITO["blue"]
RECORDED_COLOUR = OKABE_ITO["orange"]
NEW_COLOUR = OKABE_ITO["bluish_green"]
RETURNING_COLOUR = OKABE_ITO["sky_blue"]
CUMULATIVE_COLOUR = OKABE_ITO["vermillion"]


def source_line(source_urls: pd.Series | list[str]) -> str:
    """'Source: …' naming the sites the figures come from; synthetic data says so instead."""
    urls = [str(u) for u in pd.Series(source_urls).dropna().unique()]
    if any(u.startswith("demo:") for u in urls):
        return t("Source: SYNTHETIC demo data, not real figures")
    hosts = sorted({urlparse(u).netloc.removeprefix("www.") for u in urls if u.startswith(("http://", "https://"))})
    if not hosts:
        return t("Source: not recorded")
    shown = ", ".join(hosts[:4]) + (t(" and {n} more", n=len(hosts) - 4) if len(hosts) > 4 else "")
    return t("Source: GSEF and partners' published figures ({hosts}); compiled by ssedash", hosts=shown)


def unknown_labels() -> frozenset[str]:
    """'Not recorded' and 'no local government named', as codes and as the reader reads them: drawn grey."""
    return frozenset({NOT_RECORDED, NO_LOCAL_GOVERNMENT, t(NOT_RECORDED), t(NO_LOCAL_GOVERNMENT)})


def category_colours(categories) -> dict[str, str]:
    """A stable colour per category (sorted order), grey for 'not recorded' and unnamed places."""
    from ssedash.maps import REGION_COLOURS

    # A GSEF region has the map's colour, by its code or by its name in the reader's language: the same in every
    # chart, on the map and in every language.
    regions = {**REGION_COLOURS, **{content.region_name(code): colour for code, colour in REGION_COLOURS.items()}}
    colours: dict[str, str] = {}
    unknown = unknown_labels()
    named = sorted(c for c in set(categories) if c not in unknown)
    for i, category in enumerate(named):
        colours[category] = regions.get(category, PALETTE[i % len(PALETTE)])
    colours.update(dict.fromkeys(unknown, UNKNOWN_GREY))
    return colours


def short_labels(labels: list[str], limit: int = 48) -> list[str]:
    """Axis labels cut to `limit` characters with an ellipsis, kept unique (plotly merges equal categories)."""
    out: list[str] = []
    for label in labels:
        short = label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
        while short in out:
            short += "\u200b"  # an invisible difference keeps two cut labels apart
        out.append(short)
    return out


def _nullable(values: pd.Series) -> list:
    return [None if pd.isna(v) else int(v) for v in values]


def _bars(years: list[str], values: list, texts: list, name: str, colour: str) -> go.Bar:
    return go.Bar(
        x=years,
        y=values,
        name=name,
        marker_color=colour,
        text=[text or "" for text in texts],
        textposition="outside",
        constraintext="none",
        cliponaxis=False,
        customdata=[text or t("not recorded") for text in texts],
        hovertemplate="%{x}: %{customdata}<extra>" + name + "</extra>",
    )


KIND_COLOURS = {
    "training": OKABE_ITO["blue"],
    "academy": OKABE_ITO["reddish_purple"],
    "policy_dialogue": OKABE_ITO["bluish_green"],
    "webinar": OKABE_ITO["sky_blue"],
}


def participants_by_year(totals: pd.DataFrame, source: str, marks: Mapping[str, str] | None = None) -> go.Figure:
    """Bars per year: for each event kind, participants reported by organisers (people of different kinds are
    never stacked into one total), then participants recorded in rows. The bar's length is the number; its label
    and hover keep the qualifier ("5,700+" is a lower bound, said in the legend). A missing figure is a missing
    bar, labelled 'not recorded' in the hover, never a zero. `marks` (year -> label): context lines, not bars."""
    years = [str(int(y)) for y in sorted(totals["year"].unique())]
    labels = kind_labels()
    traces = []
    for kind in kinds_in_order(totals["event_kind"]):
        rows = totals[totals["event_kind"] == kind].set_index("year").reindex([int(y) for y in years])
        texts = [None if pd.isna(text) else str(text) for text in rows["reported_participants_text"]]
        name = labels.get(kind, kind)
        if any(text and text.endswith("+") for text in texts):
            name = t("{kind} (+ = at least)", kind=name)
        traces.append(
            _bars(years, _nullable(rows["reported_participants"]), texts, name, KIND_COLOURS.get(kind, REPORTED_COLOUR))
        )
        recorded = _nullable(rows["recorded_participants"])
        if any(v is not None for v in recorded):
            traces.append(
                _bars(
                    years,
                    recorded,
                    [None if v is None else formatting.number(v) for v in recorded],
                    t("{kind}, recorded in participation rows", kind=labels.get(kind, kind)),
                    RECORDED_COLOUR,
                )
            )
    recorded_shown = any(trace.marker.color == RECORDED_COLOUR for trace in traces)
    title = (
        t("Participants per year (people), by kind of event: reported by the organisers and recorded in rows")
        if recorded_shown
        else t("Participants per year (people), by kind of event, as the organisers reported them")
    )
    # Several kinds make a long legend: below the title it would cover it, so it goes under the plot.
    layout = {
        "barmode": "group",
        "xaxis": {"type": "category", "title": {"text": t("Year")}},
        "yaxis": {"title": {"text": t("Participants (people)")}},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0.0},
        "margin": {"t": 60, "b": 150, "l": 10, "r": 10},
    }
    return chart_layout.marked(traces, title, source, years, marks, height=460, layout=layout)


def local_government_turnover(turnover: pd.DataFrame, source: str) -> go.Figure:
    """Stacked horizontal bars per edition, earliest on top: local governments new to the editions shown, and
    returning. Edition names are shortened on the axis and given in full on hover."""
    full = [f"{int(y)} · {name}" for y, name in zip(turnover["year"], turnover["name"])]
    labels = short_labels(full)
    traces = [
        go.Bar(
            y=labels,
            x=[int(v) for v in turnover[column]],
            name=name,
            marker_color=colour,
            orientation="h",
            customdata=full,
            hovertemplate="%{customdata}: %{x}<extra>" + name + "</extra>",
        )
        for column, name, colour in (("new", t("New"), NEW_COLOUR), ("returning", t("Returning"), RETURNING_COLOUR))
    ]
    layout = {
        "barmode": "stack",
        "yaxis": {"type": "category", "autorange": "reversed", "automargin": True},
        "xaxis": {"title": {"text": t("Local governments (count)")}, "rangemode": "tozero"},
    }
    return chart_layout.figure(
        traces,
        t("Local governments per edition: new and returning (count)"),
        source,
        height=max(320, 150 + 34 * len(labels)),
        layout=layout,
    )


def cumulative_countries(cumulative: pd.DataFrame, source: str, marks: Mapping[str, str] | None = None) -> go.Figure:
    """A line of countries reached so far (recorded in participation rows), by year; `marks` as for
    `participants_by_year`."""
    years = [str(int(y)) for y in cumulative["year"]]
    line = go.Scatter(
        x=years,
        y=[int(v) for v in cumulative["cumulative_countries"]],
        mode="lines+markers",
        line={"color": CUMULATIVE_COLOUR, "width": 3},
        name=t("Countries reached"),
        customdata=[int(v) for v in cumulative["new_countries"]],
        hovertemplate=t("{year}: {n} countries (+{new} new)", year="%{x}", n="%{y}", new="%{customdata}")
        + "<extra></extra>",
    )
    layout = {
        "xaxis": {"type": "category", "title": {"text": t("Year")}},
        "yaxis": {"title": {"text": t("Countries (cumulative count)")}, "rangemode": "tozero"},
    }
    return chart_layout.marked(
        [line], t("Countries reached, cumulative (count of countries recorded)"), source, years, marks, layout=layout
    )


_LEVELS = ("gsef_region", "subregion", "country", "local_government")
MAX_SUNBURST_LEAVES = 250  # beyond this the rings are unreadable and the figure slow to send on every rerun
OTHER_LOCAL_GOVERNMENTS = N_("other local governments")


def place_sunburst(places: pd.DataFrame, measure: str, source: str) -> go.Figure:
    """Region > subregion > country > local government, sized by `measure` ("participation_rows" or
    "local_governments"), coloured by region. Rows naming no local government appear as their own grey leaf."""
    if measure not in ("participation_rows", "local_governments"):
        raise ValueError(f"measure must be 'participation_rows' or 'local_governments', not {measure!r}")
    unnamed = unknown_labels()
    frame = places.assign(local_governments=(~places["local_government"].isin(unnamed)).astype("int64"))
    if measure == "local_governments":
        frame = frame[frame["local_governments"] > 0]
    if len(frame) > MAX_SUNBURST_LEAVES:
        # Keep the largest leaves; the others are summed per country into one "other local governments" leaf.
        smaller = frame[measure].rank(method="first", ascending=False) > MAX_SUNBURST_LEAVES
        frame = frame.assign(local_government=frame["local_government"].where(~smaller, t(OTHER_LOCAL_GOVERNMENTS)))
    colours = category_colours(frame["gsef_region"])
    ids, parents, labels, values, node_colours = [], [], [], [], []
    for depth in range(len(_LEVELS)):
        keys = list(_LEVELS[: depth + 1])
        grouped = frame.groupby(keys, sort=True)[measure].sum()
        for key, value in grouped.items():
            key = key if isinstance(key, tuple) else (key,)
            ids.append("/".join(key))
            parents.append("/".join(key[:-1]))
            labels.append(content.region_name(key[-1]) if depth == 0 else key[-1])
            values.append(int(value))
            node_colours.append(
                UNKNOWN_GREY
                if key[-1] in unnamed or key[-1] == t(OTHER_LOCAL_GOVERNMENTS)
                else colours.get(key[0], UNKNOWN_GREY)
            )
    sunburst = go.Sunburst(
        ids=ids,
        parents=parents,
        labels=labels,
        values=values,
        branchvalues="total",
        marker={"colors": node_colours},
        maxdepth=3,
        insidetextorientation="radial",
        hovertemplate="%{label}: %{value}<extra></extra>",
    )
    unit = t("participation rows") if measure == "participation_rows" else t("local governments")
    title = t("Where participants came from: region > country > local government ({unit})", unit=unit)
    return chart_layout.figure([sunburst], title, source, height=560)


def horizontal_bars(
    frame: pd.DataFrame,
    label_column: str,
    value_column: str,
    title: str,
    axis_title: str,
    source: str,
    *,
    colour_column: str | None = None,
    top: int = 25,
) -> go.Figure:
    """Sorted horizontal bars, largest on top, at most `top` of them (the title says when some are left out).
    'not recorded' keeps its bar, in grey."""
    shown = frame.sort_values([value_column, label_column], ascending=[False, True]).head(top)
    if len(frame) > top:
        title = t("{title} — top {top} of {n}", title=title, top=top, n=len(frame))
    colour_keys = shown[colour_column] if colour_column else shown[label_column]
    colours = category_colours(frame[colour_column] if colour_column else frame[label_column])
    bar_colours = [
        UNKNOWN_GREY if label in unknown_labels() else colours[key]
        for label, key in zip(shown[label_column], colour_keys)
    ]
    values = _nullable(shown[value_column])
    full = [str(v) for v in shown[label_column]]
    bars = go.Bar(
        y=short_labels(full, 36),
        x=values,
        orientation="h",
        marker_color=bar_colours,
        customdata=full,
        text=[formatting.number(v) if v is not None else t("not recorded") for v in values],
        textposition="auto",
        hovertemplate="%{customdata}: %{x}<extra></extra>",
    )
    layout = {
        "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"},
        "xaxis": {"title": {"text": axis_title}, "rangemode": "tozero"},
        "showlegend": False,
    }
    return chart_layout.figure([bars], title, source, height=max(300, 120 + 28 * len(shown)), layout=layout)

"""How every chart of ssedash.charts is put together: the common layout (title, margins, legend, the source line
under the plot), GSEF's global forums marked on year charts as context, and the figure built in one go (each
update_layout or add_trace on a plotly figure validates it again: slow on every filter change).
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from ssedash.i18n import Language, current, t


def separators(language: Language | None = None) -> str:
    """plotly's `layout.separators` for the reader's locale: the decimal sign then the thousands separator
    (".," in English, ",\u202f" in French: "5 700", ",." in Spanish), so axis ticks and hovers read as the
    figures written in the text do."""
    locale = (language or current()).value
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def _wrap(text: str, width: int = 110) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def merged(base: dict, update: dict) -> dict:
    """`base` with `update`'s keys, nested dicts merged key by key (as plotly's update_layout merges them)."""
    out = dict(base)
    for key, value in update.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def figure(
    traces: list,
    title: str,
    source: str,
    *,
    height: int = 420,
    layout: dict | None = None,
    notes: list[dict] | None = None,
) -> go.Figure:
    """The figure of `traces`, titled, with the source line under the plot and `notes` (more annotations); `layout`
    adds to (or overrides) the common layout. Built in one go: each update_layout or add_trace validates again."""
    common = {
        "title": {"text": title},
        "height": height,
        "separators": separators(),
        # Ticks written in full and grouped as the text writes them ("5,700", "5 700"), 4-digit numbers too (plotly
        # groups only from 10,000 by default, and abbreviates "6k").
        "xaxis": {"separatethousands": True, "exponentformat": "none"},
        "yaxis": {"separatethousands": True, "exponentformat": "none"},
        "margin": {"t": 60, "b": 110, "l": 10, "r": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        "annotations": [
            {
                "text": _wrap(source),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -70,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11},
                "align": "left",
            },
            *(notes or []),
        ],
    }
    # The traces are validated as they are made; the layout dicts here are written as plotly writes them back, so
    # validating them again would change nothing and costs more than the rest of a chart (tests/test_charts.py
    # checks that every chart equals its validated rebuild).
    return go.Figure(data=traces, layout=merged(common, layout or {}), _validate=False)


def year_marks(years: list[str], marks: Mapping[str, str] | None) -> tuple[list, dict]:
    """The traces and layout that mark, on a chart of `years` (categories), each year of `marks` (year -> label:
    GSEF's global forums) with a dotted line and a label, said in the legend to be context. Marks never add to a
    bar. None shown: no trace and an empty layout."""
    shown = [(years.index(year), label) for year, label in (marks or {}).items() if year in years]
    if not shown:
        return [], {}
    # A shape on a category axis is placed by index ("2018" would read as index 2018).
    line = {"dash": "dot", "color": "#888888", "width": 1}
    shapes = [
        {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain", "line": line}
        for x, _ in shown
    ]
    notes = [
        {
            "x": x,
            "y": 1.0 + 0.055 * (i % 2),
            "yref": "paper",
            "yanchor": "bottom",
            "showarrow": False,
            "text": label,
            "font": {"size": 10, "color": "#666666"},
        }
        for i, (x, label) in enumerate(shown)
    ]
    # The legend says what the dotted lines are; on the right, clear of the labels and the source line.
    legend = go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        line=line,
        hoverinfo="skip",
        name=t("GSEF global forum (context, not counted)"),
    )
    return [legend], {
        "shapes": shapes,
        "notes": notes,
        "margin": {"r": 250, "b": 110, "t": 80},
        "legend": {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1.0, "yanchor": "top"},
    }


def marked(
    traces: list,
    title: str,
    source: str,
    years: list[str],
    marks: Mapping[str, str] | None,
    *,
    height: int = 420,
    layout: dict,
) -> go.Figure:
    """`figure` of a year chart, with `year_marks`."""
    mark_traces, mark_layout = year_marks(years, marks)
    notes = mark_layout.pop("notes", [])
    return figure(
        [*traces, *mark_traces], title, source, height=height, layout=merged(layout, mark_layout), notes=notes
    )

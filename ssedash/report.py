"""A self-contained HTML report for funders: headline figures, a world map (inline SVG: no script, no internet),
every edition with reported vs recorded figures and its source, the local governments reached, and the notes.

Pure: frames and shapes in, one HTML string out. Every value from the data is escaped; only http(s) links are
made clickable. It prints cleanly (the browser's "Save as PDF" gives a one-file PDF to forward).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

import pandas as pd

from ssedash import charts, map_hover, markdown, metrics, report_charts, report_map, report_style
from ssedash.headline import Card
from ssedash.headline import headline as compute_headline
from ssedash.i18n import N_, content, current, formatting, t, tn
from ssedash.impact import forum_label
from ssedash.kinds import kind_names
from ssedash.quantity import int_or_none
from ssedash.report_map import country_paths, world_map_svg
from ssedash.summary import row_counts

__all__ = ["build_report", "countries_reached", "country_paths", "generated_on", "world_map_svg"]  # the map: report_map

PALETTE = report_style.PALETTE
_MUTED = ' class="muted"'
EXPLANATION = N_(
    "People at different kinds of event (trainings, webinars, policy dialogues, academies) are counted apart, never "
    "added up. Reported figures are what the organisers announced (“5,700+” is a lower bound: at least 5,700); a "
    "total over several editions is computed, and is “at least” when an edition gave no count. Recorded figures are "
    "counted from the participation rows. Where they differ, both are shown."
)


def generated_on(value: dt.date | str) -> str:
    """The day a report was made, as the reader's locale writes it ("Nov 25, 2026", "25 nov. 2026"); a text that
    is not an ISO date is shown as given."""
    if not isinstance(value, str):
        return formatting.day(value)
    try:
        return formatting.day(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return value


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


def countries_reached(participation: pd.DataFrame) -> pd.DataFrame:
    """Per country named in the rows (or their summary lines): iso3, local governments named, participation rows."""
    return (
        participation.assign(rows=row_counts(participation))
        .groupby("country_iso3")
        .agg(local_governments=("lg_id", "nunique"), rows=("rows", "sum"))
        .reset_index()
        .rename(columns={"country_iso3": "iso3"})
    )


def _columns(frame: pd.DataFrame, *names: str):
    """The rows of `frame`'s columns `names` as tuples of plain Python values (quicker than itertuples on Arrow
    strings)."""
    return zip(*(frame[name].tolist() for name in names))


def _figure_cell(card: Card) -> str:
    value = _e(card.value)
    for written in (t("at least {n}"), t("about {n}")):  # the qualifier's words smaller, so the number stays on a line
        before, _, after = written.partition("{n}")
        if (before.strip() or after.strip()) and card.value.startswith(before) and card.value.endswith(after):
            number = card.value[len(before) : len(card.value) - len(after)]
            value = _qualified(before, number, after)
            break
    return (
        f'<div class="kpi"><div class="label">{_e(card.label)}</div><div class="value">{value}</div>'
        f'<div class="note">{_e(card.note)}</div></div>'
    )


def _qualified(before: str, number: str, after: str) -> str:
    """ "at least 5,700" as `<span class="qual">at least</span> 5,700` (and "5,700 이상" likewise, words after)."""
    head = f'<span class="qual">{_e(before.rstrip())}</span>' + before[len(before.rstrip()) :] if before.strip() else ""
    tail = after[: len(after) - len(after.lstrip())] + f'<span class="qual">{_e(after.lstrip())}</span>'
    return head + _e(number) + (tail if after.strip() else "")


def _filled(message: str, **markup: str) -> str:
    """A translated `message` escaped, then its `{placeholders}` filled with `markup` (HTML made here, e.g. links)."""
    text = _e(message)
    for name, value in markup.items():
        text = text.replace("{" + name + "}", value)
    return text


def _pair(reported: object, reported_value: object, recorded) -> str:
    """'5,700+ reported · 11 recorded', or whichever of the two exists (`reported` is the text with its qualifier,
    `reported_value` its number, which picks the plural form)."""
    parts = []
    if isinstance(reported, str) and reported:
        parts.append(tn("{n} reported", "{n} reported", int_or_none(reported_value) or 0, n=reported))
    if recorded is not None and not pd.isna(recorded) and int(recorded) > 0:
        parts.append(tn("{n} recorded", "{n} recorded", int(recorded), n=formatting.number(int(recorded))))
    return _e(" · ".join(parts)) if parts else _e(t("not recorded"))


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
                tn(
                    "{reported} local governments reported, {recorded} listed",
                    "{reported} local governments reported, {recorded} listed",
                    int(row.recorded_local_governments),
                    reported=row.reported_local_governments_text,
                    recorded=row.recorded_local_governments,
                )
            )
        if not pd.isna(row.reported_countries) and row.reported_countries != row.recorded_countries:
            differs.append(
                tn(
                    "{reported} countries reported, {recorded} listed",
                    "{reported} countries reported, {recorded} listed",
                    int(row.recorded_countries),
                    reported=row.reported_countries_text,
                    recorded=row.recorded_countries,
                )
            )
        if row.rows_with_unknown_count:
            differs.append(
                tn(
                    "participant counts not recorded for {n:,} row",
                    "participant counts not recorded for {n:,} rows",
                    row.rows_with_unknown_count,
                )
            )
        edition_rows.append(
            "<tr>"
            f"<td>{_e(row.year)}</td><td>{_link(row.source_url, row.name)}<div class='sub'>"
            f"{_e(programme_names.get(row.programme_id, row.programme_id))} · {_e(kinds.get(row.event_kind, row.event_kind))}"
            f" · {_e(content.format_name(row.format))}</div></td>"
            f"<td>{_pair(row.reported_participants_text, row.reported_participants, row.recorded_participants)}</td>"
            f"<td>{_pair(row.reported_local_governments_text, row.reported_local_governments, row.recorded_local_governments)}</td>"
            f"<td>{_pair(row.reported_countries_text, row.reported_countries, row.recorded_countries)}</td>"
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
            f"<td class='num'>{n}</td><td>{_e(map_hover.precision_label(precision) if isinstance(precision, str) else '')}</td>"
            f"<td>{_e(notes) if isinstance(notes, str) else ''}</td></tr>"
        )
    return lg_rows


def _tag(name: str, text: str, attributes: str = "") -> str:
    """`<name attributes>text</name>`, the text escaped (write t() calls outside f-strings: Babel reads no f-string)."""
    return f"<{name}{attributes}>{_e(text)}</{name}>"


def _head(title: str) -> str:
    page_title = t("{title} — report", title=title)
    return f"""<!DOCTYPE html>
<html lang="{current().value}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(page_title)}</title>
<style>
{report_style.stylesheet()}</style></head><body>
"""


def _table(headers: list[tuple[str, str]], rows: list[str], empty: str) -> str:
    """A table of `rows` under `headers` (text, attributes), or one row saying `empty`."""
    head = "".join(_tag("th", text, attributes) for text, attributes in headers)
    body = "".join(rows) or f"<tr><td colspan='{len(headers)}'>{_e(empty)}</td></tr>"
    return f"<table><thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody></table>"


def _tail(edition_rows: list[str], lg_rows: list[str], notes: list[str]) -> str:
    """The editions, local governments, notes and sources sections."""
    editions = _table(
        [
            (t("Year"), ""),
            (t("Edition (links to its source)"), ' style="width:34%"'),
            (t("Participants"), ""),
            (t("Local governments"), ""),
            (t("Countries"), ""),
            (t("What differs"), ""),
        ],
        edition_rows,
        t("No editions match this scope."),
    )
    local_governments = _table(
        [(t("Local government"), ""), (t("Country"), ""), (t("Editions"), ' class="num"'), (t("Location"), "")]
        + [(t("Notes"), "")],
        lg_rows,
        t("No local government named in this scope."),
    )
    sources = _filled(
        t(
            "Every figure above links to the public page it comes from. Country boundaries: Natural Earth (public "
            "domain). Gazetteer: GeoNames ({licence})."
        ),
        licence=_link("https://creativecommons.org/licenses/by/4.0/", "CC-BY 4.0"),
    )
    return "\n".join(
        [
            _tag("h2", t("Editions")),
            editions,
            _tag("h2", t("Local governments reached")),
            local_governments,
            _tag("h2", t("Notes on the data")),
            "<ul>" + ("".join(notes) or _tag("li", t("No notes."))) + "</ul>",
            _tag("h2", t("Sources and licences")),
            f'<p class="muted">{sources}</p>',
            "</body></html>\n",
        ]
    )


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


def _countries_without_lg(
    participation: pd.DataFrame, local_governments: pd.DataFrame, country_names: Mapping[str, str]
) -> str:
    """The countries named in rows without any local government, in a sentence ("" when there is none)."""
    without = sorted(
        set(participation.loc[participation["lg_id"].isna(), "country_iso3"]) - set(local_governments["country_iso3"])
    )
    if not without:
        return ""
    names = ", ".join(country_names.get(iso3, iso3) for iso3 in without)
    return _tag("p", t("Countries named without a local government: {countries}", countries=names), _MUTED)


def build_report(
    *,
    editions: pd.DataFrame,
    participation: pd.DataFrame,
    local_governments: pd.DataFrame,
    programmes: pd.DataFrame,
    countries: pd.DataFrame,
    shapes,
    generated_at: dt.date | str,
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
    country_names = content.country_names(countries)

    svg = report_map.world_map_svg(
        shapes, countries_reached(participation), local_governments, outlines=outlines, names=country_names
    )
    chart_svgs = _chart_svgs(editions, participation, programmes, forums, figures)

    edition_rows, notes = _edition_rows(figures, programme_names)
    lg_rows = _lg_rows(local_governments, participation, country_names)

    title = t("GSEF capacity building on the Social and Solidarity Economy")
    demo_warning = t(
        "DEMO: SYNTHETIC DATA. These figures are made up for demonstration and benchmarking; none of them are real."
    )
    live = _filled(t("Live view: {url}"), url=_link(view_link)) if view_link else ""
    top = [
        _head(title) + (_tag("div", demo_warning, " class='demo'") if demo else ""),
        _tag("h1", title),
        _tag(
            "p", t("Scope: {scope} · generated {date} by ssedash", scope=scope, date=generated_on(generated_at)), _MUTED
        ),
        f"<p class='muted'>{live}</p>" if view_link else "",
        f'<div class="kpis">\n{"".join(_figure_cell(card) for card in headline.people)}\n</div>',
        f'<div class="kpis">\n{"".join(_figure_cell(card) for card in headline.places)}\n</div>',
        _tag("p", t(EXPLANATION), _MUTED),
        _tag("h2", t("Where participants came from")),
        svg,
        report_map.legend(),
        _countries_without_lg(participation, local_governments, country_names),
        _tag("h2", t("Reach over time")),
        "".join(chart_svgs) or _tag("p", t("No figures to chart in this scope."), _MUTED),
    ]
    return "\n".join(top) + "\n" + _tail(edition_rows, lg_rows, notes)

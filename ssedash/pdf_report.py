"""The funders' report as a PDF (the same content as the HTML report, plus the Impact sentence and charts): a file
that opens anywhere. Drawn with fpdf2 (pure Python, no browser): the world map is the HTML report's inline SVG,
the charts are plain bars drawn here, the text is embedded DejaVu Sans.

Pure: a FilteredView, the reference shapes, the forums (context, marked on the year charts only) and the import
history in; bytes out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ssedash import charts, impact, kinds, markdown, metrics, pdf_fonts, report, report_charts
from ssedash.filters import FilteredView
from ssedash.i18n import Language, content, current, t
from ssedash.report_charts import BarChart
from ssedash.store import WRITE_ACTIONS

WIDTH = 180.0  # mm: A4 portrait less 15 mm margins
MUTED = (91, 100, 112)
INK = (27, 31, 36)
FORUM_GREY = (140, 140, 140)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def provenance(history: pd.DataFrame) -> str:
    """ "Data as of 2026-11-25; imports #1, #4" from the store's history: the imports whose rows are active."""
    if history.empty:
        return t("Data: no import recorded.")
    active = history[history["action"].isin((*WRITE_ACTIONS, "seed")) & history["rolled_back_by"].isna()]
    active = active if not active.empty else history
    ids = ", ".join(f"#{int(i)}" for i in sorted(active["import_id"]))
    return t("Data as of {date}; imports {ids}.", date=report.generated_on(str(active["at"].max())[:10]), ids=ids)


def country_table(view: FilteredView, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per country named in the rows: GSEF region, local governments named, events, years (most events first).
    `names`: ISO3 -> the country's name in the reader's language (`content.country_names`); else as the view has
    it."""
    rows = view.places.merge(view.editions[["edition_id", "year"]], on="edition_id")
    if names is not None:
        rows = rows.assign(country=content.translated(rows["country_iso3"], names))
    columns = [t("Country"), t("GSEF region"), t("Local governments"), t("Events"), t("Years")]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    out = (
        rows.groupby(["country", "gsef_region"], dropna=False)
        .agg(
            lgs=("lg_id", "nunique"),
            events=("edition_id", "nunique"),
            first=("year", "min"),
            last=("year", "max"),
        )
        .reset_index()
        .sort_values(["events", "country"], ascending=[False, True])
    )
    years = [str(f) if f == last else f"{f}–{last}" for f, last in zip(out["first"], out["last"])]
    regions = [content.region_name(region) for region in out["gsef_region"]]
    return pd.DataFrame(dict(zip(columns, [out["country"].fillna("?"), regions, out["lgs"], out["events"], years])))


class _Report(FPDF):
    def __init__(self, fonts: Mapping[str, Path], footer_text: str, language: Language):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.fonts_used = pdf_fonts.register(self, fonts, language)
        self.typeface = self.fonts_used.family
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=15)
        self._footer_text = footer_text

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.typeface, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, f"{self._footer_text} · {self.page_no()}", align="C")

    def text_block(self, text: str, *, size: float = 9, bold: bool = False, colour=INK, link: str = "") -> None:
        self.set_font(self.typeface, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(WIDTH, size * 0.5, text, link=link, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def heading(self, text: str) -> None:
        if self.get_y() > 250:
            self.add_page()
        self.ln(3)
        self.text_block(text, size=13, bold=True)
        self.set_draw_color(220, 220, 220)
        self.line(15, self.get_y(), 15 + WIDTH, self.get_y())
        self.ln(2)


def _cards(pdf: _Report, cards) -> None:
    """A row of figure cards: label, value as sources write it, and where the number comes from."""
    width = WIDTH / max(len(cards), 1)
    top = pdf.get_y()
    for i, card in enumerate(cards):
        x = 15 + i * width
        pdf.set_draw_color(221, 225, 230)
        pdf.rect(x + 1, top, width - 2, 26)
        pdf.set_xy(x + 3, top + 2)
        pdf.set_font(pdf.typeface, "", 7.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(width - 6, 3.4, card.label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(pdf.typeface, "B", 13 if len(card.value) < 14 else 10)
        pdf.set_text_color(*INK)
        pdf.multi_cell(width - 6, 6, card.value, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(pdf.typeface, "", 6.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(width - 6, 2.9, card.note, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(15, top + 28)


def _bars(pdf: _Report, chart: BarChart) -> None:
    """Grouped vertical bars, each labelled with its figure as sources write it; a missing figure is no bar.
    The chart's marks (GSEF's global forums) are dotted context lines, never bars."""
    height = 26 if chart.short else 40
    if pdf.get_y() > 200:
        pdf.add_page()
    pdf.text_block(chart.title, size=10, bold=True)
    top = pdf.get_y() + 6
    values = [v for s in chart.series for v in s.values if v is not None]
    largest = max(values, default=0) or 1
    slot = WIDTH / max(len(chart.categories), 1)
    bar = min(12.0, (slot - 4) / max(len(chart.series), 1))
    pdf.set_draw_color(200, 200, 200)
    pdf.line(15, top + height, 15 + WIDTH, top + height)
    for i, category in enumerate(chart.categories):
        x0 = 15 + i * slot + (slot - bar * len(chart.series)) / 2
        if category in chart.marks:
            pdf.set_draw_color(*FORUM_GREY)
            pdf.set_dash_pattern(dash=0.8, gap=0.8)
            pdf.line(15 + (i + 0.5) * slot, top - 5, 15 + (i + 0.5) * slot, top + height)
            pdf.set_dash_pattern()
            pdf.set_font(pdf.typeface, "", 6)
            pdf.set_text_color(*FORUM_GREY)
            pdf.text(15 + (i + 0.5) * slot + 0.8, top - 3 + 2.4 * (i % 2), chart.marks[category])
        for j, series in enumerate(chart.series):
            value = series.values[i]
            if value is None:
                continue
            h = max(height * value / largest, 0.4)
            pdf.set_fill_color(*_rgb(series.colour))
            pdf.rect(x0 + j * bar, top + height - h, bar - 0.6, h, style="F")
            pdf.set_font(pdf.typeface, "", 6)
            pdf.set_text_color(*INK)
            pdf.text(x0 + j * bar, top + height - h - 0.8, series.texts[i] or "")
        pdf.set_font(pdf.typeface, "", 7)
        pdf.set_text_color(*MUTED)
        pdf.text(15 + i * slot + slot / 2 - pdf.get_string_width(category) / 2, top + height + 4, category)
    pdf.set_xy(15, top + height + 7)
    legend = "   ".join(f"■ {s.name}" for s in chart.series)
    if chart.marks:
        legend += "   ┆ " + t("GSEF global forum (context, not counted)")
    pdf.text_block(legend, size=7, colour=MUTED)
    pdf.text_block(chart.source, size=6.5, colour=MUTED)


def _table(pdf: _Report, frame: pd.DataFrame, widths: Sequence[float], links: Sequence[str] | None = None) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(pdf.typeface, "", 7)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(246, 247, 249)  # the bars' last colour would otherwise fill the rows

    with pdf.table(
        col_widths=tuple(widths),
        text_align="LEFT",
        line_height=3.6,
        first_row_as_headings=True,
        width=WIDTH,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_mode="ROWS",
        cell_fill_color=(246, 247, 249),
        headings_style=FontFace(emphasis="BOLD", fill_color=(232, 236, 240)),
    ) as table:
        table.row([str(c) for c in frame.columns])
        for i, values in enumerate(frame.itertuples(index=False)):
            row = table.row()
            for j, value in enumerate(values):
                text = "—" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
                link = links[i] if links is not None and j == 1 and markdown.is_web_url(links[i]) else None
                row.cell(text, link=link)


def _front_matter(
    pdf: _Report,
    title: str,
    *,
    scope: str,
    generated_at: dt.date | str,
    history: pd.DataFrame,
    view_link: str | None,
    demo: bool,
) -> None:
    """The demo warning, the title, the filters and data used, and the link back to the live view."""
    if demo:
        pdf.text_block(
            t("DEMO: SYNTHETIC DATA. These figures are made up; none of them are real."), bold=True, colour=(180, 90, 0)
        )
    pdf.text_block(title, size=17, bold=True)
    pdf.text_block(
        t(
            "Filters used: {scope} · generated {date} by ssedash · {data}",
            scope=scope,
            date=report.generated_on(generated_at),
            data=provenance(history),
        ),
        size=8,
        colour=MUTED,
    )
    if view_link:
        pdf.text_block(
            t("Live view: {url}", url=view_link), size=8, colour=_rgb(report.PALETTE["reached_dark"]), link=view_link
        )


def _world_map(pdf: _Report, view: FilteredView, shapes) -> None:
    pdf.heading(t("Where participants came from"))
    reached = report.countries_reached(view.places)
    svg = report.world_map_svg(shapes[shapes["iso3"] != "ATA"], reached, view.local_governments)
    pdf.image(io.BytesIO(svg.encode("utf-8")), x=15, w=WIDTH)
    pdf.text_block(
        t(
            "Countries in blue: named in the participation rows (darker: 2 or more local governments). "
            "Dots: local governments (orange: approximate or ambiguous location)."
        ),
        size=7,
        colour=MUTED,
    )


def _reach_over_time(pdf: _Report, view: FilteredView, forums: pd.DataFrame) -> None:
    pdf.heading(t("Reach over time"))
    source = charts.source_line(view.editions["source_url"])
    marks = report_charts.forum_marks(forums, impact.forum_label)
    for chart in (
        *report_charts.people_charts(view.editions, view.places, view.programmes, marks, source),
        *report_charts.reach_charts(view.editions, view.places, marks, source),
    ):
        _bars(pdf, chart)


def _editions(pdf: _Report, view: FilteredView) -> None:
    """The editions table, each name linked to its source."""
    pdf.heading(t("Editions and their sources"))
    figures = metrics.edition_figures(view.editions, view.places)
    names = kinds.kind_names()
    editions = pd.DataFrame(
        {
            t("Year"): figures["year"].astype(int),
            t("Edition (links to its source)"): figures["name"],
            t("Kind of event"): [names.get(k, k) for k in figures["event_kind"]],
            t("Participants reported"): figures["reported_participants_text"].fillna(t("not published")),
            t("Source"): figures["source_url"],
        }
    )
    _table(pdf, editions, (12, 62, 24, 22, 60), links=list(figures["source_url"]))


def build_pdf(
    view: FilteredView,
    *,
    shapes,
    forums: pd.DataFrame,
    history: pd.DataFrame,
    scope: str,
    generated_at: dt.date | str,
    view_link: str | None,
    fonts: Mapping[str, Path],
    demo: bool = False,
    countries: pd.DataFrame | None = None,
) -> bytes:
    """The report as PDF bytes, in the active language (Korean in Noto Sans CJK where installed: `pdf_fonts`).
    `countries` (the reference table) gives the countries' names in that language; without it, as the view has
    them."""
    title = t("GSEF capacity building on the Social and Solidarity Economy")
    pdf = _Report(fonts, f"{title} — ssedash, {report.generated_on(generated_at)}", current())
    pdf.set_title(title)
    pdf.set_creator("ssedash")
    pdf.add_page()
    _front_matter(pdf, title, scope=scope, generated_at=generated_at, history=history, view_link=view_link, demo=demo)
    result = impact.impact(view, forums)
    if result is None:
        pdf.text_block(t("No editions match this scope."), size=11)
        return bytes(pdf.output())
    pdf.ln(2)
    pdf.text_block(result.sentence, size=11.5, bold=True)
    _cards(pdf, result.headline.people)
    _cards(pdf, result.headline.places)
    pdf.text_block(result.caveat, size=7.5, colour=MUTED)
    _world_map(pdf, view, shapes)
    _reach_over_time(pdf, view, forums)
    pdf.text_block(result.context, size=7, colour=MUTED)
    pdf.heading(t("By country"))
    names = content.country_names(countries) if countries is not None else None
    _table(pdf, country_table(view, names), (40, 36, 30, 20, 24))
    _editions(pdf, view)
    pdf.heading(t("GSEF members"))
    pdf.text_block(result.members, size=8)
    _sources(pdf)
    return bytes(pdf.output())


def _sources(pdf: _Report) -> None:
    pdf.heading(t("Sources and licences"))
    pdf.text_block(
        t(
            "Every figure comes from the public page linked beside its edition above; our compilation (the "
            "tables and their notes) is shared under CC BY 4.0. Country boundaries: Natural Earth (public "
            "domain). Coordinates: GeoNames (CC BY 4.0). Font: {font}.",
            font=pdf.fonts_used.name,
        ),
        size=8,
        colour=MUTED,
    )

"""Page sections drawn from results the package computed, so that each page stays a short script (read widgets,
one call, draw): the Map page's panel, the Data page's downloads and preview, the Overview's coverage charts and
the Breakdowns' attribute charts. Nothing here decides a figure; it only lays out what it is given."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from ssedash import downloads, explore, maps, markdown, profiles
from ssedash.filters import FilteredView, Filters
from ssedash.i18n import t
from ssedash.i18n.formatting import number
from ssedash.ui.cache import map_figure, map_layers
from ssedash.ui.impact import link_table, map_profile_link, with_absolute_links
from ssedash.ui.sidebar import on_country_click, rerun_after_country_click
from ssedash.ui.widgets import plotly_chart, table

PLAY_EVERY = 1.5  # seconds between two years when the map plays through them


def map_panel(view: FilteredView, years: list[int], time_mode: str, measure: str, colour_by: str) -> None:
    """The map and its table for the filters (one year at a time unless `time_mode` is "range"); a fragment, so a
    click on the map or the year slider, and each step of "play", reruns only the panel."""
    st.fragment(_map_panel, run_every=PLAY_EVERY if time_mode == "play" else None)(
        view, years, time_mode, measure, colour_by
    )


def _map_panel(view: FilteredView, years: list[int], time_mode: str, measure: str, colour_by: str) -> None:
    rerun_after_country_click("map_chart")
    chosen = _year_filters(view.filters, years, time_mode)
    layers = map_layers(chosen)
    if layers.points.empty and layers.countries.empty:
        st.info(
            t(
                "Nothing to place on the map for these filters: the editions selected have only the organisers' "
                "reported totals (see Sources & notes)."
            ),
            icon=":material/info:",
        )
    elif layers.points.empty:
        st.info(
            t("No local government is recorded for these filters: only countries are shaded."), icon=":material/info:"
        )
    map_tab, table_tab = st.tabs([t("Map"), t("Table")])
    with map_tab:
        st.plotly_chart(
            map_figure(chosen, measure=measure, colour_by=colour_by),
            key="map_chart",
            on_select=on_country_click("map_chart"),
            selection_mode="points",
            width="stretch",
            config={"displaylogo": False, "scrollZoom": True},
        )
        st.caption(
            markdown.escape(maps.points_caption(layers))
            + " "
            + t("Click a country or a point to filter to its country.")
        )
        for line in maps.flagged_points(layers):
            st.caption("⚠ " + markdown.escape(line))
        map_profile_link(layers, view.filters)
    with table_tab:
        for frame in profiles.map_tables(layers):
            link_table(frame, t("Profile"), t("open profile"))


def _year_filters(filters: Filters, years: list[int], time_mode: str) -> Filters:
    """The sidebar's filters, cut to the year on the slider when the map shows one year (or plays)."""
    if time_mode == "range":
        return filters
    if time_mode == "play":
        st.session_state["map_year"] = maps.next_year(years, st.session_state.get("map_year"))
    year = st.select_slider(t("Year"), years, key="map_year")
    return replace(filters, year_from=year, year_to=year)


def data_downloads(data: explore.DataTable, filters: Filters) -> None:
    """CSV and XLSX of exactly the filtered rows (XLSX up to its cap), built when clicked."""
    csv_column, xlsx_column = st.columns(2)
    _download(csv_column, t("Download CSV"), lambda: downloads.to_csv_bytes(data.table), filters, "csv")
    if data.rows <= downloads.XLSX_MAX_ROWS:
        _download(xlsx_column, t("Download XLSX"), lambda: downloads.to_xlsx_bytes(data.table), filters, "xlsx")
    else:
        xlsx_column.caption(
            markdown.text(
                t("XLSX is offered up to {cap} rows: narrow the filters or download the CSV."),
                cap=number(downloads.XLSX_MAX_ROWS),
            )
        )


MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _download(column, label: str, build, filters: Filters, extension: str) -> None:
    column.download_button(
        label,
        data=build,
        file_name=downloads.download_filename(filters, extension),
        mime=MIME[extension],
        on_click="ignore",
        icon="⬇️",
        width="stretch",
    )


def data_preview(data: explore.DataTable) -> None:
    """The first rows of the filtered table, with a profile link per row; an unknown count stays empty."""
    if data.rows > explore.PREVIEW_ROWS:
        st.caption(
            markdown.text(
                t("Showing the first {shown} of {rows} rows; the downloads hold them all."),
                shown=number(explore.PREVIEW_ROWS),
                rows=number(data.rows),
            )
        )
    preview = data.preview
    preview = with_absolute_links(
        profiles.with_profile_links(preview, preview[t("Local government ID")], preview[t("Country code (ISO3)")]),
        t("Profile"),
    )
    table(
        preview,
        missing="",  # an unknown count stays empty, as the header says (never 0)
        height=560,
        column_config={
            t("Source"): st.column_config.LinkColumn(t("Source")),
            t("Profile"): st.column_config.LinkColumn(t("Profile"), display_text=t("open profile")),
            t("Edition"): st.column_config.TextColumn(t("Edition"), width="medium"),
        },
    )


def coverage_over_time(overview: explore.Overview) -> None:
    """Participants, new and returning local governments, and countries per year: chart or table, with notes."""
    for heading, chart, frame, note in (
        (
            t("Participants per year"),
            overview.participants_chart,
            overview.participants_table,
            t(
                "Reported: what the organisers announced (“5,700+” is a lower bound). Recorded: the sum of "
                "participant counts in participation rows; a missing bar means no figure exists, not zero."
            ),
        ),
        (
            t("New and returning local governments"),
            overview.turnover_chart,
            overview.turnover_table,
            t("New: first time among the editions shown (the filters decide what counts as earlier).")
            if overview.lgs_named
            else t("No local government is named in these editions."),
        ),
        (
            t("Countries reached"),
            overview.countries_chart,
            overview.countries_table,
            t("Countries named in participation rows; organisers' country counts without a list cannot be added up."),
        ),
    ):
        st.markdown(f"**{markdown.escape(heading)}**")
        chart_tab, table_tab = st.tabs([t("Chart"), t("Table")])
        with chart_tab:
            plotly_chart(chart)
        with table_tab:
            table(frame)
        st.caption(markdown.escape(note))
        st.caption(overview.sources)


def side_by_side(charts, *, empty: str | None = None) -> None:
    """Two charts in two columns; a chart that is None shows `empty` instead."""
    for column, chart in zip(st.columns(len(charts)), charts, strict=True):
        with column:
            if chart is None:
                st.info(markdown.escape(empty or ""))
            else:
                plotly_chart(chart)

from dataclasses import replace

import streamlit as st

from ssedash import maps, markdown, profiles, ui
from ssedash.i18n import N_, t

TIME_MODES = {"range": N_("Years in the sidebar range"), "one": N_("One year"), "play": N_("▶ Play through the years")}

ui.ensure_router()
ui.demo_banner()
st.title(t("Where participants come from"))
view = ui.filtered_view()
if view.is_empty:
    ui.empty_state()
    st.stop()

years = maps.edition_years(view.editions)
left, middle, right = st.columns([2, 3, 3])
colour_by = left.radio(t("Colour points by"), maps.COLOUR_BY, format_func=maps.colour_label, key="map_colour")
measure = middle.radio(
    t("Shade countries by"),
    maps.MEASURES,
    format_func=maps.measure_label,
    key="map_measure",
    index=maps.MEASURES.index(maps.default_measure(ui.map_layers())),
    horizontal=True,
)
time_mode = right.radio(
    t("Time"), list(TIME_MODES), format_func=lambda mode: t(TIME_MODES[mode]), key="map_time", horizontal=True
)


@st.fragment(run_every=1.5 if time_mode == "play" else None)
def map_panel() -> None:
    ui.rerun_after_country_click("map_chart")
    chosen = view.filters
    if time_mode != "range":
        if time_mode == "play":
            st.session_state["map_year"] = maps.next_year(years, st.session_state.get("map_year"))
        year = st.select_slider(t("Year"), years, key="map_year")
        chosen = replace(chosen, year_from=year, year_to=year)
    layers = ui.map_layers(chosen)
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
    figure = ui.map_figure(chosen, measure=measure, colour_by=colour_by)
    map_tab, table_tab = st.tabs([t("Map"), t("Table")])
    with map_tab:
        st.plotly_chart(
            figure,
            key="map_chart",
            on_select=ui.on_country_click("map_chart"),
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
        ui.map_profile_link(layers, view.filters)
    with table_tab:
        for table in profiles.map_tables(layers):
            ui.link_table(table, t("Profile"), t("open profile"))


map_panel()
st.caption(
    markdown.text(
        t("Sources: {sources}. Country shapes: Natural Earth (public domain)."),
        sources=maps.source_links(view.editions) or t("synthetic demo data"),
    )
)

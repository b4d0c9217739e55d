import streamlit as st

from ssedash import maps, markdown, ui
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

ui.map_panel(view, years, time_mode, measure, colour_by)
st.caption(
    markdown.text(
        t("Sources: {sources}. Country shapes: Natural Earth (public domain)."),
        sources=maps.source_links(view.editions) or t("synthetic demo data"),
    )
)

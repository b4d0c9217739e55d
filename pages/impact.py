"""Impact: what the capacity building reached, in a sentence, a map and reach over time, for funders to forward."""

import streamlit as st

from ssedash import impact, maps, markdown, ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
ui.print_css()
st.title(t("Impact: where GSEF's capacity building reached"))
result = ui.held(impact.impact, ui.forums())
if result is None:
    ui.empty_state()
    st.stop()
st.markdown(f"### {markdown.escape(result.sentence)}")
for cards in (result.headline.people, result.headline.places):
    for column, card in zip(st.columns(max(len(cards), 3)), cards):
        ui.figure_metric(column, card)
st.caption(markdown.escape(result.caveat))
members = st.toggle(t("Show GSEF members (context: the figures do not change)"), key="impact_members")
st.plotly_chart(ui.map_figure(members=members), key="impact_map", width="stretch", config={"displaylogo": False})
st.caption(markdown.escape(maps.points_caption(ui.map_layers())))
st.subheader(t("Reach over time"))
for chart in (result.participants_chart, result.countries_chart, result.turnover_chart):
    ui.plotly_chart(chart)
st.caption(markdown.escape(result.context))
st.caption(result.sources)
st.subheader(t("Highlights by GSEF region"))
ui.table(result.regions)
st.caption(t("Countries and local governments named in participation rows, per GSEF region."))
if result.new_in_latest is not None:
    st.subheader(
        markdown.text(
            t("New in the latest edition: {edition} ({year})"),
            edition=result.new_in_latest.edition,
            year=result.new_in_latest.year,
        )
    )
    ui.link_table(result.new_in_latest.table, t("Profile"), t("open profile"))
st.subheader(t("GSEF members"))
st.markdown(markdown.escape(result.members))
ui.share_controls("impact")

import streamlit as st

from ssedash import explore, markdown, ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
st.title(t("GSEF capacity building on the Social and Solidarity Economy"))
overview = ui.cached(explore.overview)
if overview is None:
    ui.empty_state()
    st.stop()

labels = {"participants": t("Participants"), "local_governments": t("Local governments"), "countries": t("Countries"),
          "editions": t("Editions")}
for column, (key, label) in zip(st.columns(4), labels.items()):
    ui.figure_metric(column, label, overview.headline[key])

change = overview.change
if change is not None:
    st.subheader(markdown.text(t("Latest edition: {name}"), name=change.latest))
    for column, key in zip(st.columns(3), ("participants", "local_governments", "countries")):
        value = change.figures[key]
        column.metric(markdown.escape(labels[key]), f"{value:,}" if value is not None else t("not recorded"),
                      delta=None if change.deltas[key] is None else f"{change.deltas[key]:+,}",
                      help=markdown.text(t("change against {previous}"), previous=change.previous)
                      if change.previous else None)
    st.caption(markdown.text(t("Change against {previous}"), previous=change.previous) if change.previous
               else t("No earlier edition of this programme in the selection: no change shown."))

st.subheader(t("Coverage over time"))
for heading, chart, table, note in (
    (t("Participants per year"), overview.participants_chart, overview.participants_table,
     t("Reported: what the organisers announced. Recorded: the sum of participant counts in participation rows; "
       "a missing bar means no figure exists, not zero.")),
    (t("New and returning local governments"), overview.turnover_chart, overview.turnover_table,
     t("New: first time among the editions shown (the filters decide what counts as earlier).")
     if overview.lgs_named else t("No local government is named in these editions.")),
    (t("Countries reached"), overview.countries_chart, overview.countries_table,
     t("Countries named in participation rows; organisers' country counts without a list cannot be added up.")),
):
    st.markdown(f"**{markdown.escape(heading)}**")
    chart_tab, table_tab = st.tabs([t("Chart"), t("Table")])
    with chart_tab:
        ui.plotly_chart(chart)
    with table_tab:
        ui.table(table)
    st.caption(markdown.escape(note))
    st.caption(overview.sources)

st.subheader(t("Editions: reported and recorded"))
ui.table(overview.editions_table)

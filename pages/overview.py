import streamlit as st

from ssedash import metrics, ui
from ssedash.i18n import t

ui.demo_banner()
st.title(t("GSEF capacity building on the Social and Solidarity Economy"))
view = ui.filtered_view()

if view.is_empty:
    st.info(t("Nothing matches these filters. Widen the years or clear a filter in the sidebar."))
    st.stop()

headline = metrics.headline(view.editions, view.participation, include_reported=not view.filters.narrows_places)
columns = st.columns(4)
ui.figure_metric(columns[0], t("Participants"), headline["participants"])
ui.figure_metric(columns[1], t("Local governments"), headline["local_governments"])
ui.figure_metric(columns[2], t("Countries"), headline["countries"])
ui.figure_metric(columns[3], t("Editions"), headline["editions"])

st.subheader(t("Editions: reported and recorded"))
st.dataframe(metrics.edition_figures(view.editions, view.participation), hide_index=True, width="stretch")

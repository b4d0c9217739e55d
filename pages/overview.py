import streamlit as st

from ssedash import metrics, ui
from ssedash.i18n import t

ui.demo_banner()
st.title(t("GSEF capacity building on the Social and Solidarity Economy"))
data = ui.tables()
editions = data["edition"]
figures = metrics.edition_figures(editions, data["participation"])

if editions.empty:
    st.info(t("No editions in the store yet. Import an edition's CSV to get started."))
    st.stop()

headline = metrics.headline(editions, data["participation"])
columns = st.columns(4)
ui.figure_metric(columns[0], t("Participants"), headline["participants"])
ui.figure_metric(columns[1], t("Local governments"), headline["local_governments"])
ui.figure_metric(columns[2], t("Countries"), headline["countries"])
ui.figure_metric(columns[3], t("Editions"), headline["editions"])

st.subheader(t("Editions: reported and recorded"))
st.dataframe(figures, hide_index=True, width="stretch")

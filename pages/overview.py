import streamlit as st

from ssedash import explore, markdown, ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
st.title(t("GSEF capacity building on the Social and Solidarity Economy"))
overview = ui.held(explore.overview)
if overview is None:
    ui.empty_state()
    st.stop()

for cards in (overview.headline.people, overview.headline.places):
    for column, card in zip(st.columns(max(len(cards), 3)), cards):
        ui.figure_metric(column, card)
st.caption(
    t(
        "People at different kinds of event (trainings, webinars, policy dialogues, academies) are counted "
        "apart, never added up. A “+” marks a lower bound (“5,700+”: at least 5,700)."
    )
)

change = overview.change
if change is not None:
    st.subheader(markdown.escape(change.title))  # names come from the data
    for column, card, delta in zip(st.columns(3), change.cards, change.deltas):
        ui.figure_metric(column, card, delta=delta)
    st.caption(markdown.escape(change.comparison))

st.subheader(t("Coverage over time"))
ui.coverage_over_time(overview)

st.subheader(t("Editions: reported and recorded"))
ui.table(overview.editions_table)

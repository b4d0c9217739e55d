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
for heading, chart, table, note in (
    (
        t("Participants per year"),
        overview.participants_chart,
        overview.participants_table,
        t(
            "Reported: what the organisers announced (“5,700+” is a lower bound). Recorded: the sum of participant "
            "counts in participation rows; a missing bar means no figure exists, not zero."
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
        ui.plotly_chart(chart)
    with table_tab:
        ui.table(table)
    st.caption(markdown.escape(note))
    st.caption(overview.sources)

st.subheader(t("Editions: reported and recorded"))
ui.table(overview.editions_table)

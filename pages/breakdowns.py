import streamlit as st

from ssedash import explore, markdown, ui
from ssedash.i18n import t
from ssedash.i18n.formatting import number

ui.ensure_router()
ui.demo_banner()
st.title(t("Breakdowns"))
measures = {"participation_rows": t("Participation rows"), "local_governments": t("Local governments named")}
measure = (
    st.segmented_control(
        t("Size places by"),
        list(measures),
        format_func=measures.get,
        key="breakdown_measure",
        default="participation_rows",
    )
    or "participation_rows"
)
result = ui.held(explore.breakdowns, measure)
if result is None:
    ui.empty_state()
    st.stop()

st.subheader(t("By place: region, subregion, country, local government"))
if result.places_chart is None:
    st.info(t("No participation row names a place for these filters."))
else:
    if result.rows_with_unknown_count:
        st.caption(
            markdown.text(
                t(
                    "Participant counts are unknown for {unknown} of {rows} participation rows, so "
                    "places are sized by rows (one row = one person or one local government), not by "
                    "people."
                ),
                unknown=number(result.rows_with_unknown_count),
                rows=number(result.rows),
            )
        )
    chart_tab, bars_tab, table_tab = st.tabs([t("Sunburst"), t("Bars"), t("Table")])
    with chart_tab:
        ui.plotly_chart(result.places_chart)
    with bars_tab:
        ui.plotly_chart(result.countries_chart)
    with table_tab:
        ui.table(result.places_table)
    st.caption(result.sources)

st.subheader(t("By programme and format"))
ui.side_by_side((result.programme_chart, result.format_chart))
ui.table(result.edition_attributes_table)
st.caption(result.sources)

st.subheader(t("By gender and role, where recorded"))
st.caption(t("“not recorded” is a category of its own: those rows are counted, never dropped."))
ui.side_by_side((result.gender_chart, result.role_chart), empty=t("No participation rows for these filters."))
ui.table(result.participant_attributes_table)

import streamlit as st

from ssedash import explore, markdown, ui
from ssedash.i18n import t
from ssedash.i18n.formatting import number

ui.ensure_router()
ui.demo_banner()
st.title(t("Data"))
data = ui.held(explore.data_table)
if data.rows == 0:
    ui.empty_state()
    st.stop()

recorded = number(data.participants_recorded) if data.participants_recorded is not None else t("not recorded")
st.markdown(
    markdown.text(
        t(
            "Participation rows matching the filters: **{rows}**; participants recorded: **{recorded}**; "
            "rows with an unknown count: **{unknown}** (left empty, never 0)."
        ),
        rows=number(data.rows),
        recorded=recorded,
        unknown=number(data.rows_with_unknown_count),
    )
)

ui.data_downloads(data, ui.current_filters())
st.caption(
    t(
        "Downloads hold exactly the filtered rows. Cells starting with = + - @ get a leading ' so that "
        "spreadsheets do not run them as formulas."
    )
)

ui.data_preview(data)

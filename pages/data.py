import streamlit as st

from ssedash import downloads, explore, markdown, profiles, ui
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
            "**{rows}** participation rows match the filters; participants recorded: **{recorded}**; "
            "rows with an unknown count: **{unknown}** (left empty, never 0)."
        ),
        rows=number(data.rows),
        recorded=recorded,
        unknown=number(data.rows_with_unknown_count),
    )
)

chosen = ui.current_filters()
csv_column, xlsx_column = st.columns(2)
csv_column.download_button(
    t("Download CSV"),
    data=lambda: downloads.to_csv_bytes(data.table),
    file_name=downloads.download_filename(chosen, "csv"),
    mime="text/csv",
    on_click="ignore",
    icon="⬇️",
    width="stretch",
)
if data.rows <= downloads.XLSX_MAX_ROWS:
    xlsx_column.download_button(
        t("Download XLSX"),
        data=lambda: downloads.to_xlsx_bytes(data.table),
        file_name=downloads.download_filename(chosen, "xlsx"),
        on_click="ignore",
        icon="⬇️",
        width="stretch",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
else:
    xlsx_column.caption(
        markdown.text(
            t("XLSX is offered up to {cap} rows: narrow the filters or download the CSV."),
            cap=number(downloads.XLSX_MAX_ROWS),
        )
    )
st.caption(
    t(
        "Downloads hold exactly the filtered rows. Cells starting with = + - @ get a leading ' so that "
        "spreadsheets do not run them as formulas."
    )
)

if data.rows > explore.PREVIEW_ROWS:
    st.caption(
        markdown.text(
            t("Showing the first {shown} of {rows} rows; the downloads hold them all."),
            shown=number(explore.PREVIEW_ROWS),
            rows=number(data.rows),
        )
    )
preview = data.preview
preview = ui.with_absolute_links(
    profiles.with_profile_links(preview, preview[t("Local government ID")], preview[t("Country code (ISO3)")]),
    t("Profile"),
)
ui.table(
    preview,
    missing="",  # an unknown count stays empty, as the header says (never 0)
    height=560,
    column_config={
        t("Source"): st.column_config.LinkColumn(t("Source")),
        t("Profile"): st.column_config.LinkColumn(t("Profile"), display_text=t("open profile")),
        t("Edition"): st.column_config.TextColumn(t("Edition"), width="medium"),
    },
)

import streamlit as st

from ssedash import ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
st.title(t("Report"))
st.caption(
    t(
        "One file for funders and partners, of the view the sidebar filters select: headline figures, a world map, "
        "every edition with its source, the local governments reached and the notes on the data. It opens in any "
        "browser with no internet; the PDF holds the same with the Impact sentence and charts."
    )
)
html, file_name = ui.report_html()
left, right = st.columns(2)
left.download_button(
    t("Download the report (HTML)"),
    html,
    file_name=file_name,
    mime="text/html",
    type="primary",
    icon="⬇️",
    width="stretch",
)
make_pdf, pdf_name = ui.report_pdf()
right.download_button(
    t("Download the report (PDF)"),
    data=make_pdf,
    file_name=pdf_name,
    mime="application/pdf",
    on_click="ignore",
    icon="⬇️",
    width="stretch",
)
st.subheader(t("Preview"))
st.iframe(html, height=1100)  # our HTML, every value in it escaped (ssedash.report)

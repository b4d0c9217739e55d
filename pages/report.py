import streamlit as st

from ssedash import ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
st.title(t("Report"))
st.caption(t(
    "One file for funders and partners, of the view the sidebar filters select: headline figures, a world map, "
    "every edition with its source, the local governments reached and the notes on the data. It opens in any "
    "browser with no internet; print it or save it as PDF from there."
))
html, file_name = ui.report_html()
st.download_button(t("Download the report (HTML)"), html, file_name=file_name, mime="text/html", type="primary", icon="⬇️")
st.subheader(t("Preview"))
st.iframe(html, height=1100)  # our HTML, every value in it escaped (ssedash.report)

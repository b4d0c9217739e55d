"""ssedash: the router. Page setup, the pages this mode allows, the shared sidebar, nothing else."""

from pathlib import Path

import streamlit as st

from ssedash import auth, config, ui
from ssedash.i18n import t

# A local file: a :material/…: favicon would make the browser fetch it from a font server (no request may leave).
FAVICON = Path(__file__).parent / "static" / "favicon.png"
ui.choose_language()  # ?lang=, else this session's choice, else the browser's locale, else English: before any text
st.set_page_config(page_title=t("GSEF capacity building — ssedash"), page_icon=str(FAVICON), layout="wide")

pages = [
    st.Page("pages/overview.py", title=t("Overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/impact.py", title=t("Impact"), icon=":material/volunteer_activism:", url_path="impact"),
    st.Page("pages/map.py", title=t("Map"), icon=":material/map:", url_path="map"),
    st.Page("pages/breakdowns.py", title=t("Breakdowns"), icon=":material/donut_small:", url_path="breakdowns"),
    st.Page("pages/data.py", title=t("Data"), icon=":material/table:", url_path="data"),
    st.Page("pages/report.py", title=t("Report"), icon=":material/description:", url_path="report"),
    st.Page("pages/sources.py", title=t("Sources & notes"), icon=":material/menu_book:", url_path="sources"),
    st.Page("pages/profile.py", title=t("Place profiles"), icon=":material/location_city:", url_path="profile"),
    # The map and headline alone, for an iframe: /embed?embed=true (Streamlit's own embed mode drops its chrome).
    st.Page("pages/embed.py", title=t("Embed"), url_path="embed", visibility="hidden"),
]
if auth.can_change_data(config.get_settings().mode):  # public mode: these pages do not exist at all
    pages += [
        st.Page("pages/upload.py", title=t("Upload"), icon=":material/upload:", url_path="upload"),
        st.Page("pages/history.py", title=t("History"), icon=":material/history:", url_path="history"),
    ]
navigation = st.navigation(pages)
if navigation.url_path != "embed":  # the embed view reads the filters from its link and draws no sidebar
    ui.sidebar_filters()
ui.watch_store(navigation.url_path)  # an import committed elsewhere shows here within seconds (not on Upload)
navigation.run()

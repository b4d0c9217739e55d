"""ssedash: the router. Page setup, the pages this mode allows, the shared sidebar, nothing else."""

import streamlit as st

from ssedash import auth, config, ui
from ssedash.i18n import t

st.set_page_config(page_title=t("GSEF capacity building — ssedash"), page_icon="🌍", layout="wide")

pages = [
    st.Page("pages/overview.py", title=t("Overview"), icon="📊", default=True),
    st.Page("pages/map.py", title=t("Map"), icon="🗺️", url_path="map"),
    st.Page("pages/breakdowns.py", title=t("Breakdowns"), icon="🧭", url_path="breakdowns"),
    st.Page("pages/data.py", title=t("Data"), icon="🗂️", url_path="data"),
    st.Page("pages/report.py", title=t("Report"), icon="📄", url_path="report"),
    st.Page("pages/sources.py", title=t("Sources & notes"), icon="📚", url_path="sources"),
]
if auth.can_change_data(config.get_settings().mode):  # public mode: these pages do not exist at all
    pages += [
        st.Page("pages/upload.py", title=t("Upload"), icon="⬆️", url_path="upload"),
        st.Page("pages/history.py", title=t("History"), icon="🕘", url_path="history"),
    ]
navigation = st.navigation(pages)
ui.sidebar_filters()
navigation.run()

"""Upload: an edition file (template → upload → report → resolve → preview → commit) or a cities file.

The wizards are drawn by ssedash.ui (upload_page), their state transitions and decisions are in ssedash.upload.
"""

import streamlit as st

from ssedash import markdown, ui
from ssedash.i18n import t

ui.ensure_router()
by = ui.analyst_gate()
if by is None:
    st.stop()
ui.demo_banner()
st.title(t("Upload data"))
st.markdown(
    t(
        "Add one edition at a time: **1** upload its CSV or XLSX (start from the template) · **2** read the report — "
        "every problem is named by file line and column · **3** resolve unknown local governments · **4** preview what "
        "changes · **5** commit. Nothing is written until you commit, and every import can be rolled back from History."
    )
)
st.caption(markdown.text(t("Signed as {by} in the import history."), by=by))
ui.upload_templates()
ui.upload_wizards(by)

"""History: every import (who, when, file, checksum, rows, action, rolled back by) and rollback with confirmation."""

import streamlit as st

from ssedash import markdown, ui, upload
from ssedash.i18n import formatting, t

ui.ensure_router()
by = ui.analyst_gate()
if by is None:
    st.stop()
ui.demo_banner()
st.title(t("Import history"))
store = ui.store()

outcome = st.session_state.pop("history_outcome", None)
if outcome is not None:
    ui.outcome(outcome)

history = store.history()
ui.table(upload.history_shown(upload.history_table(history)), missing="")

st.subheader(t("Roll back an import"))
candidates = upload.rollback_candidates(history)
if not candidates:
    st.caption(t("No import can be rolled back."))
    st.stop()
rows = upload.history_table(history).set_index("import_id")
chosen = st.selectbox(
    t("Import"),
    candidates,
    index=None,
    key="rollback_import",
    placeholder=t("Choose an import…"),
    format_func=lambda i: t(
        "#{id} {action} {edition} ({file}, {at})",
        id=i,
        action=upload.action_name(rows.at[i, "action"]),
        edition=rows.at[i, "edition_id"] or "",
        file=rows.at[i, "file_name"],
        at=formatting.moment(rows.at[i, "at"]),
    ),
)
if chosen is not None:
    st.warning(
        markdown.text(
            t(
                "Rolling back import #{id} retires the rows it added and restores the rows it "
                "replaced. The rollback is itself recorded and can be undone by importing again."
            ),
            id=chosen,
        )
    )
    confirmed = st.checkbox(t("Yes, roll back import #{id}", id=chosen), key="rollback_confirm")
    if st.button(t("Roll back"), type="primary", disabled=not confirmed, key="rollback_button"):
        st.session_state["history_outcome"] = upload.rollback(store, chosen, by=by)
        for key in ("rollback_import", "rollback_confirm"):
            st.session_state.pop(key, None)
        st.rerun()

"""The replacement diff, drawn in the Upload page's preview: what committing the file would change in the edition
it replaces (ssedash.upload.diff decides; this module draws). Nothing is drawn for a new edition."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from ssedash import markdown
from ssedash.i18n import t
from ssedash.ingest import ImportPlan
from ssedash.upload.diff import EditionDiff, edition_diff


def replacement_diff(plan: ImportPlan, tables: Mapping[str, pd.DataFrame]) -> EditionDiff | None:
    """Draw what replacing the edition changes (before the commit); returns the diff, None for a new edition."""
    diff = edition_diff(plan, tables)
    if diff is None:
        return None
    st.markdown(t("**What the replacement changes**"))
    if diff.is_empty:
        st.info(
            markdown.text(
                t(
                    "The file holds the same {n:,} rows and figures as the stored edition: replacing it "
                    "changes nothing."
                ),
                n=diff.unchanged_rows,
            )
        )
        return diff
    st.caption(
        markdown.text(
            t(
                "{added:,} row(s) added, {removed:,} removed, {changed:,} changed, {same:,} unchanged; {appear} local "
                "government(s) appear, {disappear} disappear."
            ),
            added=len(diff.added),
            removed=len(diff.removed),
            changed=len(diff.changed),
            same=diff.unchanged_rows,
            appear=len(diff.appearing),
            disappear=len(diff.disappearing),
        )
    )
    for frame, label in (
        (diff.figures, t("Reported figures that change")),
        (diff.edition, t("Edition details that change")),
    ):
        if len(frame):
            st.markdown(markdown.text(t("{label}:"), label=label))
            st.dataframe(frame, hide_index=True, width="stretch")
    for frame, label in (
        (diff.changed, t("Rows changed")),
        (diff.added, t("Rows added")),
        (diff.removed, t("Rows removed")),
        (diff.appearing, t("Local governments that appear")),
        (diff.disappearing, t("Local governments that disappear")),
    ):
        if len(frame):
            with st.expander(markdown.text(t("{label} ({n:,})"), label=label, n=len(frame)), expanded=len(frame) <= 20):
                st.dataframe(frame, hide_index=True, width="stretch")
    return diff

"""The replacement diff, drawn in the Upload page's preview: what committing the file would change in the edition
it replaces (ssedash.upload.diff decides; this module draws). Nothing is drawn for a new edition."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from ssedash import markdown
from ssedash.i18n import t, tn
from ssedash.ingest import ImportPlan
from ssedash.ui.cache import reference
from ssedash.upload import shown
from ssedash.upload.diff import EditionDiff, edition_diff


def replacement_diff(plan: ImportPlan, tables: Mapping[str, pd.DataFrame]) -> EditionDiff | None:
    """Draw what replacing the edition changes (before the commit); returns the diff, None for a new edition."""
    diff = edition_diff(plan, tables)
    if diff is None:
        return None
    st.markdown(t("**What the replacement changes**"))
    if diff.is_empty:
        st.info(
            tn(
                "The file holds the same {n:,} row and figures as the stored edition: replacing it changes nothing.",
                "The file holds the same {n:,} rows and figures as the stored edition: replacing it changes nothing.",
                diff.unchanged_rows,
            )
        )
        return diff
    st.caption(
        markdown.text(
            t("{added}, {removed}, {changed}, {same}; {appear}, {disappear}."),
            added=tn("{n:,} row added", "{n:,} rows added", len(diff.added)),
            removed=tn("{n:,} removed", "{n:,} removed", len(diff.removed)),
            changed=tn("{n:,} changed", "{n:,} changed", len(diff.changed)),
            same=tn("{n:,} unchanged", "{n:,} unchanged", diff.unchanged_rows),
            appear=tn("{n:,} local government appears", "{n:,} local governments appear", len(diff.appearing)),
            disappear=tn("{n:,} disappears", "{n:,} disappear", len(diff.disappearing)),
        )
    )
    for frame, label, fields in (
        (diff.figures, t("Reported figures that change"), ("figure",)),
        (diff.edition, t("Edition details that change"), ("field",)),
    ):
        if len(frame):
            st.markdown(markdown.text(t("{label}:"), label=label))
            st.dataframe(shown.table(frame, fields=fields), hide_index=True, width="stretch")
    countries = reference().countries
    for frame, label in (
        (diff.changed, t("Rows changed")),
        (diff.added, t("Rows added")),
        (diff.removed, t("Rows removed")),
        (diff.appearing, t("Local governments that appear")),
        (diff.disappearing, t("Local governments that disappear")),
    ):
        if len(frame):
            with st.expander(
                markdown.text(t("{label} ({n})"), label=label, n=shown.count(len(frame))), expanded=len(frame) <= 20
            ):
                st.dataframe(shown.table(frame, countries), hide_index=True, width="stretch")
    return diff

"""Fix in place, drawn: after the validation report, the refused rows in an editable grid (the problem columns
and messages beside each row, a 'drop this row' tick and its reason), a button that applies the fixes and checks
the corrected file again at once, and the corrected file's download. The decisions are in ssedash.upload.fix and
ssedash.upload.fix_state; this module reads widgets and draws."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from ssedash import config, i18n, markdown
from ssedash.i18n import t, tn
from ssedash.ui.upload_language import speaking
from ssedash.upload import fix, fix_state, shown, wizard
from ssedash.upload.review import Review

MARKED = "background-color: rgba(255, 75, 75, 0.18)"  # the problem columns and messages (read-only cells)


@st.cache_data(max_entries=4, show_spinner=False)
def _refused_rows(working: bytes, problems: tuple, row_cap: int, language: i18n.Language) -> fix.RefusedRows:
    """Read once per file and check, not on every click in the grid (a large file takes a while to read); per
    language, as unnamed columns are labelled in it ("(column 3)")."""
    with i18n.use(language):
        return fix.refused_rows(working, problems, row_cap=row_cap)


def _column_config(refused: fix.RefusedRows) -> dict:
    columns = {
        fix_state.LINE: st.column_config.NumberColumn(t("Line"), disabled=True, format="%d"),
        fix_state.DROP: st.column_config.CheckboxColumn(t("Drop this row")),
        fix_state.REASON: st.column_config.TextColumn(t("Reason for dropping")),
        fix_state.WHERE: st.column_config.TextColumn(t("⚠ Columns"), disabled=True),
        fix_state.PROBLEMS: st.column_config.TextColumn(t("Problems"), disabled=True, width="large"),
    }
    return {**columns, **{column: st.column_config.TextColumn() for column in refused.columns}}


def _styled(frame: pd.DataFrame):
    """The grid with its problem columns and messages marked (st.data_editor styles read-only columns only)."""
    return frame.style.map(lambda value: MARKED if value else "", subset=[fix_state.WHERE, fix_state.PROBLEMS])


def _apply_fixes(
    refused: fix.RefusedRows,
    key: str,
    upload_file: tuple[str, bytes],
    apply: Callable[[wizard.Change], None],
    recheck: Callable[[str, bytes], None],
) -> None:
    """The button's callback: runs before the fragment redraws, so the report shows the new check at once."""
    edits, dropped = fix_state.grid_edits(refused, st.session_state.get(key))
    name, raw = upload_file
    change, correction = fix_state.fixes_applied(
        st.session_state, raw, name, edits, dropped, row_cap=config.get_settings().row_cap
    )
    apply(change)
    if correction.ok:
        recheck(correction.file_name, correction.raw)


def _download(upload_file: tuple[str, bytes]) -> None:
    correction = fix_state.correction_of(st.session_state, hashlib.sha256(upload_file[1]).hexdigest())
    if correction is None:
        return
    st.caption(
        markdown.text(
            t("Checked: the corrected copy {name} ({edits}, {dropped})."),
            name=correction.file_name,
            edits=tn("{n:,} cell edited", "{n:,} cells edited", len(correction.edits)),
            dropped=tn("{n:,} row dropped", "{n:,} rows dropped", len(correction.dropped)),
        )
    )
    st.download_button(
        t("Download the corrected file (CSV)"),
        correction.raw,
        file_name=correction.file_name,
        mime="text/csv",
        key="edition_state_fix_download",
    )


def fix_in_place(
    review: Review,
    upload_file: tuple[str, bytes],
    working: bytes,
    *,
    apply: Callable[[wizard.Change], None],
    recheck: Callable[[str, bytes], None],
) -> None:
    """The refused rows of the file worked on (`working`: the upload, or its corrected copy) in an editable grid,
    and the corrected copy's download once there is one. `apply` writes a state change; `recheck(name, bytes)`
    checks a file again with the same edition details and places."""
    _download(upload_file)
    refused = _refused_rows(working, tuple(review.plan.problems), config.get_settings().row_cap, i18n.current())
    refusals = fix_state.refusals_of(st.session_state, hashlib.sha256(upload_file[1]).hexdigest())
    if refusals:
        st.error(
            markdown.text(t("The fixes were not applied: {reasons}"), reasons=" ".join(p.message for p in refusals))
        )
    if not refused.rows:
        return
    st.subheader(t("Fix the refused rows"))
    first = t("the first {n:,} of {total:,}", n=len(refused.rows), total=refused.total)
    st.caption(
        markdown.text(
            t(
                "Correct the marked cells here, or tick 'Drop this row' and say why ({rows} refused "
                "rows). Personal-data columns are not shown."
            ),
            rows=first if refused.total > len(refused.rows) else shown.count(refused.total),
        )
    )
    key = f"edition_state_fix_grid_{hashlib.sha256(working).hexdigest()[:16]}"
    st.data_editor(
        _styled(fix_state.grid_frame(refused)),
        key=key,
        hide_index=True,
        num_rows="fixed",
        column_config=_column_config(refused),
        width="stretch",
    )
    st.button(
        t("Apply fixes and check again"),
        type="primary",
        key="edition_state_fix_apply",
        on_click=speaking(_apply_fixes),
        args=(refused, key, upload_file, apply, recheck),
    )

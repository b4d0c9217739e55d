"""Fix in place on the Upload page, pure: the grid of refused rows as a table (`grid_frame`), the analyst's edits
read back from the grid's edit state (`grid_edits`), and the wizard's state around a corrected file: which file
is being worked on (`working_file`), the fixes applied (`fixes_applied`) and the review stamped with the original
upload's checksum and the import's note (`current_review`). Every key is `edition_state_…`, so a new upload drops
it. ssedash.ui.upload_fix draws.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping

import pandas as pd

from ssedash.upload import wizard
from ssedash.upload.fix import CellEdit, Correction, DroppedRow, RefusedRows, apply_fixes, correction_note
from ssedash.upload.review import Review

FIXED, REFUSED = "edition_state_fix", "edition_state_fix_refused"
LINE, DROP, REASON, WHERE, PROBLEMS = "line", "drop this row", "reason for dropping", "⚠ columns", "problems"


def grid_frame(refused: RefusedRows) -> pd.DataFrame:
    """One row per refused row: its file line and problem columns, its cells as written (text) under the file's
    column labels, then 'drop' (unticked) and its reason, and the problem messages (long: last)."""
    front = pd.DataFrame(
        [{LINE: row.line, WHERE: ", ".join(sorted(row.columns))} for row in refused.rows], columns=[LINE, WHERE]
    )
    cells = pd.DataFrame([list(row.cells) for row in refused.rows], columns=list(refused.columns), dtype=object)
    back = pd.DataFrame(
        [{DROP: False, REASON: "", PROBLEMS: " · ".join(row.messages)} for row in refused.rows],
        columns=[DROP, REASON, PROBLEMS],
    )
    return pd.concat([front, cells, back], axis=1)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def grid_edits(refused: RefusedRows, edit_state: Mapping | None) -> tuple[tuple[CellEdit, ...], tuple[DroppedRow, ...]]:
    """The cell edits and dropped rows in st.data_editor's edit state ({"edited_rows": {position: {column:
    value}}}): a cell edit where a file cell now differs from what was written; a drop where 'drop' is ticked."""
    edits: list[CellEdit] = []
    dropped: list[DroppedRow] = []
    changed = (edit_state or {}).get("edited_rows", {}) or {}
    for position, columns in sorted(((int(p), c) for p, c in changed.items()), key=lambda item: item[0]):
        if not 0 <= position < len(refused.rows):
            continue
        row = refused.rows[position]
        written = dict(zip(refused.columns, row.cells, strict=True))
        if columns.get(DROP):
            dropped.append(DroppedRow(row.line, _text(columns.get(REASON)).strip()))
            continue
        edits += [
            CellEdit(row.line, column, _text(value))
            for column, value in columns.items()
            if column in written and _text(value).strip() != written[column]
        ]
    return tuple(edits), tuple(dropped)


def correction_of(state: Mapping, sha256: str) -> Correction | None:
    """The corrected copy of the upload whose checksum is `sha256`, when the analyst made one."""
    correction = state.get(FIXED)
    return correction if isinstance(correction, Correction) and correction.original_sha256 == sha256 else None


def working_file(state: Mapping, sha256: str, name: str, raw: bytes) -> tuple[str, bytes]:
    """(name, bytes) of the file the wizard works on: the corrected copy of this upload, else the upload itself."""
    correction = correction_of(state, sha256)
    return (name, raw) if correction is None else (correction.file_name, correction.raw)


def fixes_applied(
    state: Mapping,
    raw: bytes,
    name: str,
    edits: Iterable[CellEdit],
    dropped: Iterable[DroppedRow],
    *,
    row_cap: int = 200_000,
) -> tuple[wizard.Change, Correction]:
    """The grid's fixes applied to the upload (`raw`, as uploaded), after the ones already made: the new corrected
    copy to keep, or its refusals to show (the copy made before stays)."""
    sha256 = hashlib.sha256(raw).hexdigest()
    before = correction_of(state, sha256)
    earlier_edits, earlier_drops = (before.edits, before.dropped) if before is not None else ((), ())
    correction = apply_fixes(raw, name, (*earlier_edits, *edits), (*earlier_drops, *dropped), row_cap=row_cap)
    if not correction.ok:
        return wizard.Change({REFUSED: (sha256, correction.refusals)}), correction
    return wizard.Change({FIXED: correction}, (REFUSED,)), correction


def refusals_of(state: Mapping, sha256: str) -> tuple:
    """Why the last fixes for the upload whose checksum is `sha256` were not applied (empty when they were)."""
    refused = state.get(REFUSED)
    return refused[1] if isinstance(refused, tuple) and refused[0] == sha256 else ()


def current_review(state: Mapping, sha256: str, name: str) -> Review | None:
    """The review of the file worked on (see `working_file`), its plan stamped with the original upload's checksum
    and a note of the fixes when it is a corrected copy; None when there is none yet."""
    correction = correction_of(state, sha256)
    review = wizard.current_review(state, correction.sha256 if correction is not None else sha256)
    if review is None or correction is None:
        return review
    plan = dataclasses.replace(
        review.plan, original_sha256=correction.original_sha256, note=correction_note(correction, name)
    )
    return dataclasses.replace(review, plan=plan)

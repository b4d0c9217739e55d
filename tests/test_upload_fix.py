"""Refused rows fixed in place (ssedash.upload.fix and fix_state): cells edited, rows dropped with a reason, the
corrected copy's lines and delimiter, an XLSX in and a CSV out, the refused rows for the grid, the grid's edits."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pandas as pd
import pytest

from ssedash import files, ingest, upload
from ssedash.upload import fix, fix_state, wizard

DETAILS = ingest.EditionDetails(programme="Test programme", source_url="https://example.org/test")
# Two bad cells: an unknown country on line 2, a count that is not a number on line 3. 'Name' is personal data.
TWO_BAD = (
    b"year;country;local_government;participants;Name\n2020;Narnia;Dakar;3;Ann\n"
    b"2020;SN;Dakar;many;Bob\n2020;SN;Thies;4;Cy\n"
)
SHA = hashlib.sha256(TWO_BAD).hexdigest()


@pytest.fixture(scope="module")
def ref():
    from ssedash.context import load_reference

    reference = load_reference()
    return {"countries": reference.resolver, "gazetteer": reference.gazetteer, "shapes": reference.shapes}


@pytest.fixture(scope="module")
def tables():
    return files.read_bundled()


def review(raw, ref, tables, name="upload.csv"):
    return upload.review_upload(raw, name, details=DETAILS, tables=tables, **ref)


def rows_of(raw: bytes) -> pd.DataFrame:
    return ingest.parse_upload(raw, "x.csv").frame.set_index("line")


# --- apply_fixes -------------------------------------------------------------------------------------------------


def test_an_edited_cell_changes_that_cell_only_and_every_row_keeps_its_line():
    corrected = fix.apply_fixes(TWO_BAD, "partners.csv", [fix.CellEdit(2, "country", "Senegal")], [])
    assert corrected.ok and corrected.file_name == "partners-corrected.csv"
    frame = rows_of(corrected.raw)
    assert list(frame.index) == [2, 3, 4]
    assert frame.loc[2, "country"] == "Senegal" and frame.loc[3, "participants"] == "many"
    assert corrected.raw.splitlines()[0] == b"year;country;local_government;participants;Name"  # as written, same ;


def test_a_dropped_row_leaves_an_empty_line_so_the_later_rows_keep_their_lines():
    corrected = fix.apply_fixes(TWO_BAD, "p.csv", [], [fix.DroppedRow(3, "not a participant")])
    assert list(rows_of(corrected.raw).index) == [2, 4]
    assert corrected.dropped == (fix.DroppedRow(3, "not a participant"),)


def test_the_two_bad_cells_fixed_make_a_file_that_can_be_committed(ref, tables):
    assert not review(TWO_BAD, ref, tables).can_commit
    corrected = fix.apply_fixes(
        TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "Senegal"), fix.CellEdit(3, "participants", "5")], []
    )
    again = review(corrected.raw, ref, tables, corrected.file_name)
    assert again.can_commit and again.plan.participation["participants"].tolist() == [3, 5, 4]


@pytest.mark.parametrize(
    "edit, rule",
    [
        (fix.CellEdit(9, "country", "SN"), "fix_unknown_line"),
        (fix.CellEdit(1, "country", "SN"), "fix_unknown_line"),  # the header is not a data row
        (fix.CellEdit(2, "pays", "SN"), "fix_unknown_column"),
    ],
)
def test_an_edit_on_an_unknown_line_or_column_is_refused_and_the_file_is_left_as_it_was(edit, rule):
    corrected = fix.apply_fixes(TWO_BAD, "p.csv", [edit], [])
    assert not corrected.ok and [p.rule for p in corrected.refusals] == [rule]
    assert corrected.raw is TWO_BAD and corrected.file_name == "p.csv"


def test_a_drop_needs_a_reason_and_a_drop_of_an_unknown_line_is_refused():
    no_reason = fix.apply_fixes(TWO_BAD, "p.csv", [], [fix.DroppedRow(3, "  ")])
    unknown = fix.apply_fixes(TWO_BAD, "p.csv", [], [fix.DroppedRow(7, "gone")])
    assert [p.rule for p in no_reason.refusals] == ["fix_drop_without_reason"]
    assert [p.rule for p in unknown.refusals] == ["fix_unknown_line"]


def test_nothing_to_fix_and_an_unreadable_file_are_refusals_not_exceptions():
    assert [p.rule for p in fix.apply_fixes(TWO_BAD, "p.csv", [], []).refusals] == ["fix_nothing"]
    assert [p.rule for p in fix.apply_fixes(b"", "p.csv", [fix.CellEdit(2, "a", "b")], []).refusals] == ["empty_file"]


def test_an_xlsx_in_gives_a_csv_out_with_its_sheet_rows_as_lines():
    book = openpyxl.Workbook()
    for row in [
        ["year", "country", "city", "role"],
        [2020, "Narnia", "Dakar", "mayor\nand chair"],
        [2020, "SN", "Dakar", "official"],
    ]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    corrected = fix.apply_fixes(out.getvalue(), "partners.xlsx", [fix.CellEdit(2, "country", "SN")], [])
    assert corrected.file_name == "partners-corrected.csv" and not corrected.raw.startswith(b"PK")
    frame = rows_of(corrected.raw)
    assert list(frame.index) == [2, 3] and frame.loc[2, "country"] == "SN"
    assert frame.loc[2, "role"] == "mayor and chair"


def test_an_edited_value_with_a_line_break_stays_on_its_line():
    corrected = fix.apply_fixes(TWO_BAD, "p.csv", [fix.CellEdit(2, "local_government", "Dakar\nCity")], [])
    frame = rows_of(corrected.raw)
    assert list(frame.index) == [2, 3, 4] and frame.loc[2, "local_government"] == "Dakar City"


def test_a_formula_looking_edit_stays_plain_text_and_the_report_download_still_neutralises_it(ref, tables):
    corrected = fix.apply_fixes(TWO_BAD, "p.csv", [fix.CellEdit(2, "country", '=HYPERLINK("http://x")')], [])
    assert rows_of(corrected.raw).loc[2, "country"] == '=HYPERLINK("http://x")'  # text, as the ingest keeps it
    report = ingest.problems_csv(review(corrected.raw, ref, tables).plan.problems).decode("utf-8-sig")
    assert "'=HYPERLINK" in report and ",=HYPERLINK" not in report


def test_the_original_bytes_are_never_changed():
    raw = bytes(TWO_BAD)
    fix.apply_fixes(raw, "p.csv", [fix.CellEdit(2, "country", "SN")], [fix.DroppedRow(3, "x")])
    assert raw == TWO_BAD


def test_the_note_names_the_original_the_cells_edited_and_each_dropped_row_with_its_reason():
    corrected = fix.apply_fixes(
        TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "SN")], [fix.DroppedRow(3, "not a participant")]
    )
    note = fix.correction_note(corrected, "p.csv")
    assert SHA in note and "1 cell edited on line 2" in note and "line 3 dropped: not a participant" in note


# --- refused rows and the grid --------------------------------------------------------------------------------------


def test_the_refused_rows_are_the_rows_with_an_error_with_their_cells_messages_and_problem_columns(ref, tables):
    refused = fix.refused_rows(TWO_BAD, review(TWO_BAD, ref, tables).plan.problems)
    assert refused.columns == ("year", "country", "local_government", "participants")  # no personal data
    assert [r.line for r in refused.rows] == [2, 3] and refused.total == 2
    assert refused.rows[0].cells == ("2020", "Narnia", "Dakar", "3") and refused.rows[0].columns == {"country"}
    assert "Narnia" in refused.rows[0].messages[0] and refused.rows[1].columns == {"participants"}


def test_a_file_without_errors_has_no_refused_rows_and_the_grid_is_cut_at_its_limit(ref, tables):
    assert fix.refused_rows(b"year,country\n2020,SN\n", []).rows == ()
    problems = review(TWO_BAD, ref, tables).plan.problems
    cut = fix.refused_rows(TWO_BAD, problems, limit=1)
    assert [r.line for r in cut.rows] == [2] and cut.total == 2


def test_unnamed_and_repeated_headers_get_their_own_labels():
    assert fix.column_labels([" year ", "", "year"]) == ("year", "(column 2)", "(column 3)")


def test_the_grid_shows_line_and_problem_columns_then_the_cells_then_drop_reason_and_messages(ref, tables):
    refused = fix.refused_rows(TWO_BAD, review(TWO_BAD, ref, tables).plan.problems)
    frame = fix_state.grid_frame(refused)
    assert list(frame.columns) == [
        fix_state.LINE,
        fix_state.WHERE,
        *refused.columns,
        fix_state.DROP,
        fix_state.REASON,
        fix_state.PROBLEMS,
    ]
    assert frame[fix_state.LINE].tolist() == [2, 3] and frame[fix_state.WHERE].tolist() == ["country", "participants"]
    assert not frame[fix_state.DROP].any()


def test_the_grid_edit_state_gives_changed_cells_and_ticked_drops_only(ref, tables):
    refused = fix.refused_rows(TWO_BAD, review(TWO_BAD, ref, tables).plan.problems)
    state = {
        "edited_rows": {
            "0": {"country": "SN", "year": "2020"},
            1: {fix_state.DROP: True, fix_state.REASON: " duplicate "},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    edits, dropped = fix_state.grid_edits(refused, state)
    assert edits == (fix.CellEdit(2, "country", "SN"),) and dropped == (fix.DroppedRow(3, "duplicate"),)
    assert fix_state.grid_edits(refused, None) == ((), ())


# --- the wizard's state ---------------------------------------------------------------------------------------------


def test_fixes_build_on_the_earlier_ones_and_the_wizard_then_works_on_the_corrected_copy():
    change, _ = fix_state.fixes_applied({}, TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "SN")], [])
    state = dict(change.set)
    change, second = fix_state.fixes_applied(state, TWO_BAD, "p.csv", [fix.CellEdit(3, "participants", "5")], [])
    assert second.edits == (fix.CellEdit(2, "country", "SN"), fix.CellEdit(3, "participants", "5"))
    state = dict(change.set)
    assert fix_state.working_file(state, SHA, "p.csv", TWO_BAD) == ("p-corrected.csv", second.raw)
    assert fix_state.working_file(state, "another upload", "q.csv", b"q") == ("q.csv", b"q")


def test_refused_fixes_keep_the_earlier_copy_and_say_why():
    change, _ = fix_state.fixes_applied({}, TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "SN")], [])
    state = dict(change.set)
    change, refused = fix_state.fixes_applied(state, TWO_BAD, "p.csv", [], [fix.DroppedRow(3, "")])
    state.update(change.set)
    assert not refused.ok and fix_state.correction_of(state, SHA) is not None
    assert [p.rule for p in fix_state.refusals_of(state, SHA)] == ["fix_drop_without_reason"]
    assert fix_state.refusals_of(state, "another upload") == ()


def test_a_new_upload_drops_the_corrected_copy():
    change, _ = fix_state.fixes_applied({}, TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "SN")], [])
    assert set(change.set) <= set(wizard.new_generation(change.set, "edition").drop)


def test_the_review_of_a_corrected_copy_carries_the_original_checksum_and_the_note(ref, tables):
    change, corrected = fix_state.fixes_applied(
        {}, TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "SN"), fix.CellEdit(3, "participants", "5")], []
    )
    state = {**change.set, **wizard.reviewed(review(corrected.raw, ref, tables), DETAILS).set}
    stamped = fix_state.current_review(state, SHA, "p.csv")
    assert stamped.plan.sha256 == corrected.sha256 and stamped.plan.original_sha256 == SHA
    assert SHA in stamped.plan.note
    assert fix_state.current_review({}, SHA, "p.csv") is None


# --- the commit and the history ------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_store(tmp_path):
    from ssedash.store import Store

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.create()
    store.ensure_seeded(files.read_bundled(), files.bundled_sha256())
    return store


def test_a_corrected_file_commits_with_both_checksums_and_the_original_is_then_recognised_as_corrected(
    sqlite_store, ref
):
    change, corrected = fix_state.fixes_applied(
        {}, TWO_BAD, "p.csv", [fix.CellEdit(2, "country", "SN")], [fix.DroppedRow(3, "not a participant")]
    )
    state = {
        **change.set,
        **wizard.reviewed(review(corrected.raw, ref, sqlite_store.read_all_active(), corrected.file_name), DETAILS).set,
    }
    outcome = upload.commit(sqlite_store, fix_state.current_review(state, SHA, "p.csv").plan, by="ana")
    assert outcome.ok, outcome.message
    last = upload.history_table(sqlite_store.history()).iloc[0]
    assert (last["sha256"], last["original_sha256"]) == (corrected.sha256, SHA)
    assert "line 3 dropped: not a participant" in last["note"]
    assert "as corrected (import #" in upload.already_imported(sqlite_store, SHA)
    assert "This exact file" in upload.already_imported(sqlite_store, corrected.sha256)
    assert upload.already_imported(sqlite_store, "0" * 64) is None


def test_the_history_table_shows_both_checksums_and_the_note():
    assert {"sha256", "original_sha256", "note"} <= set(upload.history_table(pd.DataFrame()).columns)

"""AppTest of fix in place on the Upload page: a refused file's two bad cells fixed in the grid, checked again at
once, committed with both checksums in the history; the original uploaded again is recognised."""

from __future__ import annotations

import hashlib

from ssedash import config, context
from tests.apptest import make_app_test
from tests.pages.conftest import shown
from tests.pages.test_upload import report, upload_file

TWO_BAD = (
    b"year;country;local_government;participants;Name\n2020;Narnia;Dakar;3;Ann\n"
    b"2020;SN;Dakar;many;Bob\n2020;SN;Thies;4;Cy\n"
)
SHA = hashlib.sha256(TWO_BAD).hexdigest()


def grid(at):
    [editor] = at.data_editor
    return editor


def edit(at, rows: dict) -> None:
    """What the analyst types in the grid, as st.data_editor keeps it (AppTest cannot type into the grid)."""
    at.session_state[grid(at).key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def test_the_refused_rows_show_in_a_grid_with_their_problem_columns_and_messages(upload_app_store):
    at = upload_file(make_app_test("pages/upload.py"), "partners.csv", TWO_BAD)
    shown_rows = grid(at).value
    assert shown_rows["line"].tolist() == [2, 3]
    assert shown_rows["⚠ columns"].tolist() == ["country", "participants"]
    assert "Narnia" in shown_rows["problems"].iloc[0] and "Name" not in shown_rows.columns  # personal data hidden
    assert "edition_state_commit" not in {b.key for b in at.button}


def commit(at) -> None:
    """Accept the warnings (local governments placed from the gazetteer) and commit."""
    at.checkbox(key="edition_state_accept").check().run()
    at.button(key="edition_state_commit").click().run()
    assert not at.exception, at.exception


def history(at):
    return next(d.value for d in at.dataframe if "rolled_back_by" in d.value.columns)


def test_two_bad_cells_fixed_in_the_grid_are_checked_again_committed_and_the_history_shows_both_checksums(
    upload_app_store,
):
    at = upload_file(make_app_test("pages/upload.py"), "partners.csv", TWO_BAD)
    edit(at, {0: {"country": "Senegal"}, 1: {"participants": "5"}})
    at.button(key="edition_state_fix_apply").click().run()
    assert not at.exception, at.exception
    assert not at.data_editor  # no refused row left
    assert "error" not in set(report(at)["severity"])  # the report is the new check's
    assert "Download the corrected file (CSV)" in {b.label for b in at.get("download_button")}
    commit(at)
    assert not at.exception
    assert "Import #" in shown(at.success[0].value)
    tables = context.open_store(config.get_settings()).read_all_active()
    assert sorted(tables["participation"].query("edition_id == 'test-programme-2020'")["participants"]) == [3, 4, 5]
    at.switch_page("pages/history.py").run()
    last = history(at).sort_values("import_id").iloc[-1]
    assert last["original_sha256"] == SHA and last["sha256"] != SHA and len(last["sha256"]) == 64


def test_the_original_uploaded_again_is_recognised_as_imported_corrected(upload_app_store):
    at = upload_file(make_app_test("pages/upload.py"), "partners.csv", TWO_BAD)
    edit(at, {0: {"country": "SN"}, 1: {"drop this row": True, "reason for dropping": "not a participant"}})
    at.button(key="edition_state_fix_apply").click().run()
    commit(at)
    assert "Import #" in shown(at.success[0].value)
    note = context.open_store(config.get_settings()).history().iloc[0]["note"]
    assert SHA in note and "line 3 dropped: not a participant" in note and "1 cell edited on line 2" in note
    at.file_uploader[0].set_value(("partners.csv", TWO_BAD, "text/csv")).run()
    assert any("already imported" in i.value and "corrected" in i.value for i in at.info)


def test_a_drop_without_a_reason_is_not_applied_and_says_why(upload_app_store):
    at = upload_file(make_app_test("pages/upload.py"), "partners.csv", TWO_BAD)
    edit(at, {1: {"drop this row": True}})
    at.button(key="edition_state_fix_apply").click().run()
    assert not at.exception
    assert any("Say why line 3 is dropped" in shown(e.value) for e in at.error)
    assert grid(at).value["line"].tolist() == [2, 3]  # the same check, nothing applied
    assert "Download the corrected file (CSV)" not in {b.label for b in at.get("download_button")}


def test_a_fixed_cell_and_a_place_chosen_for_an_unknown_local_government_commit_together(upload_app_store):
    raw = b"year,country,local_government,participants\n2020,UG,Kampalla City Council,3\n2020,SN,Dakar,lots\n"
    at = upload_file(make_app_test("pages/upload.py"), "uganda.csv", raw)
    assert grid(at).value["line"].tolist() == [2, 3]  # the unknown place (line 2) is placed below, not typed
    edit(at, {1: {"participants": "2"}})
    at.button(key="edition_state_fix_apply").click().run()
    assert not at.exception
    assert set(report(at)[lambda f: f["severity"] == "error"]["rule"]) == {"lg_not_found"}
    at.button(key="edition_state_apply").click().run()  # the first GeoNames suggestion
    assert not at.exception
    commit(at)
    assert "Import #" in shown(at.success[0].value)
    store = context.open_store(config.get_settings())
    lgs = store.read_all_active()["local_government"]
    assert lgs[lgs["name"] == "Kampalla City Council"].iloc[0]["coord_source"].startswith("geonames:")
    assert store.history().iloc[0]["original_sha256"] == hashlib.sha256(raw).hexdigest()

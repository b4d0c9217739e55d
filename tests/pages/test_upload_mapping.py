"""AppTest of the Upload page's column mapping (ssedash.ui.upload_mapping): a file whose headers are all unknown is
mapped on screen and lands; a bad mapping is refused with a clear problem; the mapping is offered again for the
programme's next file."""

from __future__ import annotations

from tests.apptest import make_app_test
from tests.pages.conftest import active_tables

CHECK = "FormSubmitter:edition_details-Check the file"
FIRST = b"Annee civile;Etat;Nom de la ville;Inscrits\n2019;KOR;Seoul;4\n2019;NPL;Tokha;2\n"
NEXT = b"Annee civile;Etat;Nom de la ville;Inscrits\n2021;KOR;Seoul;5\n2021;NPL;Tokha;3\n"
FIELDS = ("year", "country", "local_government", "participants")


def put(at, raw: bytes, name: str = "partner.csv"):
    at.file_uploader[0].set_value((name, raw, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def check(at, programme: str = "__new__"):
    at.selectbox(key="ed_programme").set_value(programme)
    if programme == "__new__":
        at.text_input(key="ed_new_programme").input("Partner programme")
    at.text_input(key="ed_source").input("https://example.org/partner")
    at.button(key=CHECK).click().run()
    assert not at.exception, at.exception
    return at


def map_columns(at, fields=FIELDS):
    for i, field in enumerate(fields):
        at.selectbox(key=f"edition_state_column_{i}").set_value(field).run()
        assert not at.exception, at.exception
    return at


def report_rules(at) -> set[str]:
    frames = [d.value for d in at.dataframe if "rule" in d.value.columns]
    return set(frames[0]["rule"]) if frames else set()


def test_every_column_of_an_unknown_file_is_shown_as_not_used_with_the_missing_fields_asked_for(upload_app_store):
    at = put(make_app_test("pages/upload.py"), FIRST)
    assert [at.selectbox(key=f"edition_state_column_{i}").value for i in range(4)] == ["", "", "", ""]
    assert any("e.g. Seoul · Tokha" in c.value for c in at.caption)
    assert {s.key for s in at.selectbox} >= {"edition_state_missing_year", "edition_state_missing_country"}


def test_a_file_whose_headers_are_all_unknown_is_mapped_on_screen_and_lands(upload_app_store):
    at = map_columns(put(make_app_test("pages/upload.py"), FIRST))
    assert [at.selectbox(key=f"edition_state_column_{i}").value for i in range(4)] == list(FIELDS)
    assert not any(s.key.startswith("edition_state_missing_") for s in at.selectbox)
    check(at)
    assert "missing_column" not in report_rules(at)
    at.button(key="edition_state_commit").click().run()
    assert not at.exception and at.success
    rows = active_tables()["participation"]
    rows = rows[rows["edition_id"] == "partner-programme-2019"]
    assert sorted(rows["participants"]) == [2, 4] and set(rows["country_iso3"]) == {"KOR", "NPL"}


def test_a_required_field_that_was_not_found_is_mapped_by_choosing_its_column(upload_app_store):
    at = put(make_app_test("pages/upload.py"), FIRST)
    at.selectbox(key="edition_state_missing_country").set_value("Etat").run()
    assert at.selectbox(key="edition_state_column_1").value == "country"
    assert "edition_state_missing_country" not in {s.key for s in at.selectbox}


def test_two_columns_mapped_to_one_field_are_refused_with_a_problem_saying_how_to_fix_it(upload_app_store):
    at = map_columns(put(make_app_test("pages/upload.py"), FIRST), ("year", "country", "local_government", "year"))
    message = next(e.value for e in at.error if "both mapped" in e.value)
    assert "Annee civile" in message and "Inscrits" in message and "map only one of them" in message
    assert at.selectbox(key="edition_state_column_3").value == "year"  # the choice stays as made, beside its error
    check(at)
    assert "mapping_conflict" in report_rules(at)
    assert "edition_state_commit" not in {b.key for b in at.button}


def test_a_changed_mapping_drops_the_last_check_so_the_next_one_uses_it(upload_app_store):
    at = check(map_columns(put(make_app_test("pages/upload.py"), FIRST)))
    assert "edition_state_commit" in {b.key for b in at.button}
    at.selectbox(key="edition_state_column_3").set_value("").run()
    assert "edition_state_commit" not in {b.key for b in at.button}


def test_the_mapping_is_remembered_and_offered_for_the_programmes_next_file(upload_app_store):
    at = check(map_columns(put(make_app_test("pages/upload.py"), FIRST, "first.csv")))
    at.button(key="edition_state_commit").click().run()
    assert at.success
    put(at, NEXT, "next.csv")
    assert "edition_state_use_mapping" not in {b.key for b in at.button}  # no programme known yet
    check(at, programme="partner-programme")
    offer = next(i.value for i in at.info if "read these columns differently" in i.value)
    assert "first" in offer and "Nom de la ville → local\\_government" in offer
    at.button(key="edition_state_use_mapping").click().run()
    assert [at.selectbox(key=f"edition_state_column_{i}").value for i in range(4)] == list(FIELDS)
    assert any("remembered from import" in c.value for c in at.caption)
    at.button(key=CHECK).click().run()
    at.button(key="edition_state_commit").click().run()
    assert at.success
    assert "partner-programme-2021" in set(active_tables()["edition"]["edition_id"])


def test_a_remembered_mapping_can_be_declined(upload_app_store):
    at = check(map_columns(put(make_app_test("pages/upload.py"), FIRST, "first.csv")))
    at.button(key="edition_state_commit").click().run()
    check(put(at, NEXT, "next.csv"), programme="partner-programme")
    at.button(key="edition_state_keep_mapping").click().run()
    assert "edition_state_use_mapping" not in {b.key for b in at.button}
    assert [at.selectbox(key=f"edition_state_column_{i}").value for i in range(4)] == ["", "", "", ""]


def test_a_second_header_for_one_field_is_fixed_on_screen_by_choosing_not_used_for_it(upload_app_store):
    raw = b"year,country,local_government,Country,participants\n2019,KOR,Seoul,KOR,4\n"
    at = put(make_app_test("pages/upload.py"), raw, "dup.csv")
    assert any("both mean" in e.value for e in at.error)
    assert at.selectbox(key="edition_state_column_3").value == "country"
    at.selectbox(key="edition_state_column_3").set_value("").run()
    assert not any("both mean" in e.value for e in at.error)
    check(at)
    assert "duplicate_header" not in report_rules(at)
    assert "edition_state_commit" in {b.key for b in at.button}


def test_a_mapped_file_fixed_in_the_grid_keeps_its_mapping_and_lands(upload_app_store):
    raw = b"Annee civile;Etat;Nom de la ville;Inscrits\n2019;KOR;Seoul;4\n2019;NPL;Tokha;many\n"
    at = check(map_columns(put(make_app_test("pages/upload.py"), raw, "bad.csv")))
    [editor] = at.data_editor
    assert editor.value["line"].tolist() == [3]
    at.session_state[editor.key] = {"edited_rows": {0: {"Inscrits": "2"}}, "added_rows": [], "deleted_rows": []}
    at.button(key="edition_state_fix_apply").click().run()
    assert not at.exception, at.exception
    assert "missing_column" not in report_rules(at) and "error" not in report_rules(at)
    at.button(key="edition_state_commit").click().run()
    assert not at.exception and at.success
    rows = active_tables()["participation"]
    assert sorted(rows[rows["edition_id"] == "partner-programme-2019"]["participants"]) == [2, 4]

"""AppTest of the History page: every import listed, rollback only after confirmation, refusals explained."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from ssedash import config, context, ingest, upload
from tests.apptest import make_app_test
from tests.pages.conftest import shown

DATA = Path(__file__).parents[1] / "data"
DETAILS = ingest.EditionDetails(programme="Test programme", source_url="https://example.org/test")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SSEDASH_DB_URL", f"sqlite:///{tmp_path / 'history.sqlite'}")
    monkeypatch.delenv("SSEDASH_MODE", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield context.open_store(config.get_settings())
    st.cache_resource.clear()
    st.cache_data.clear()


def commit(store, raw: bytes, name: str, *, replace: bool = False) -> int:
    reference = context.load_reference()
    review = upload.review_upload(
        raw,
        name,
        details=DETAILS,
        countries=reference.resolver,
        gazetteer=reference.gazetteer,
        shapes=reference.shapes,
        tables=store.read_all_active(),
    )
    outcome = upload.commit(store, review.plan, by="ana", replace=replace)
    assert outcome.ok, outcome.message
    return outcome.result.import_id


def history(at):
    return next(d.value for d in at.dataframe if "rolled_back_by" in d.value.columns)


def test_every_import_is_listed_with_who_when_file_checksum_rows_and_action(app_db):
    import_id = commit(app_db, (DATA / "clean.csv").read_bytes(), "clean.csv")
    at = make_app_test("pages/history.py")
    assert not at.exception
    table = history(at).set_index("import_id")
    assert table.loc[import_id, "by"] == "ana" and table.loc[import_id, "file_name"] == "clean.csv"
    assert table.loc[import_id, "action"] == "add" and table.loc[import_id, "rows"] == 3
    assert len(table.loc[import_id, "sha256"]) == 64 and table.loc[import_id, "at"]
    assert "seed" in set(table["action"])


def test_a_rollback_needs_confirmation_then_restores_the_store(app_db):
    before = app_db.read_all_active()
    import_id = commit(app_db, (DATA / "clean.csv").read_bytes(), "clean.csv")
    at = make_app_test("pages/history.py")
    at.selectbox(key="rollback_import").set_value(import_id).run()
    assert at.button(key="rollback_button").disabled
    at.checkbox(key="rollback_confirm").check().run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    assert f"Import #{import_id} rolled back" in shown(at.success[0].value)
    after = app_db.read_all_active()
    assert all(before[name].equals(after[name]) for name in before)
    table = history(at).set_index("import_id")
    assert not table.loc[[import_id], "rolled_back_by"].isna().any()
    assert any(c.value == "No import can be rolled back." for c in at.caption)  # nothing left to undo


def test_a_refused_rollback_says_why_and_changes_nothing(app_db):
    first = commit(app_db, (DATA / "clean.csv").read_bytes(), "clean.csv")
    commit(app_db, (DATA / "clean.csv").read_bytes() + b"2019,Dakar,SN,1,,14.69,-17.44\n", "v2.csv", replace=True)
    before = app_db.read_all_active()
    at = make_app_test("pages/history.py")
    at.selectbox(key="rollback_import").set_value(first).run()
    at.checkbox(key="rollback_confirm").check().run()
    at.button(key="rollback_button").click().run()
    assert "Roll back refused" in shown(at.error[0].value) and "roll back import" in shown(at.error[0].value)
    after = app_db.read_all_active()
    assert all(before[name].equals(after[name]) for name in before)


def test_the_history_page_is_behind_the_team_password(app_db, monkeypatch):
    monkeypatch.setenv("SSEDASH_MODE", "team")
    monkeypatch.setenv("SSEDASH_PASSWORD_HASH", "pbkdf2_sha256$10$00$00")
    at = make_app_test("pages/history.py")
    assert not at.dataframe or all("rolled_back_by" not in d.value.columns for d in at.dataframe)
    assert at.text_input(key="sign_in_password")

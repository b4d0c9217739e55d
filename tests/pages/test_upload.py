"""AppTest of the Upload page: the wizard end to end, every refused corpus file, resolve, replace, modes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ssedash import auth
from tests.apptest import make_app_test
from tests.pages.conftest import active_tables, chart_specs, shown

DATA = Path(__file__).parents[1] / "data"
CORPUS = list(csv.DictReader((DATA / "corpus.csv").open(encoding="utf-8")))
REFUSED = [row for row in CORPUS if row["outcome"] == "refused"]
CHECK = "FormSubmitter:edition_details-Check the file"


def same_tables(a, b) -> bool:
    return a.keys() == b.keys() and all(a[name].equals(b[name]) for name in a)


def upload_file(at, name: str, raw: bytes | None = None, programme: str = "Test programme"):
    """Put a file in the edition uploader, fill the form's programme and source, press Check."""
    raw = (DATA / name).read_bytes() if raw is None else raw
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if name.endswith("xlsx") else "text/csv"
    at.file_uploader[0].set_value((name, raw, mime)).run()
    assert not at.exception, at.exception
    at.selectbox(key="ed_programme").set_value("__new__")
    at.text_input(key="ed_new_programme").input(programme)
    at.text_input(key="ed_source").input("https://example.org/test-edition")
    at.button(key=CHECK).click().run()
    assert not at.exception, at.exception
    return at


def report(at):
    """The validation report's problem table."""
    frames = [d.value for d in at.dataframe if "rule" in d.value.columns]
    assert frames, "no problem table on the page"
    return frames[0]


def metrics(at) -> dict[str, str]:
    values = {}
    for metric in at.metric:
        values.setdefault(metric.label, metric.value)
    return values


def button_keys(at) -> set:
    return {b.key for b in at.button}


def test_a_clean_file_lands_and_shows_on_the_overview_at_once(upload_app_store):
    at = make_app_test()
    editions_before = metrics(at)["Editions"]
    at.switch_page("pages/upload.py").run()
    upload_file(at, "clean.csv")
    assert any("3 data rows" in c.value for c in at.caption)
    assert any("adds a new edition" in m.value for m in at.markdown)
    preview_map = next(spec for spec in chart_specs(at) if spec["layout"].get("map", {}).get("style") == "white-bg")
    assert preview_map["layout"]["map"]["center"]["lat"] != 0  # centred on its points (plotly would pick 0°, 0°)
    at.button(key="edition_state_commit").click().run()
    assert not at.exception
    assert "edition 'test-programme-2019' added" in shown(at.success[0].value)
    # AppTest has no page URL to make the link absolute against: the label alone (tests/e2e follows the link)
    assert any(m.value == "Open the map filtered to this edition" for m in at.markdown)
    assert "edition_state_commit" not in button_keys(at)  # the wizard starts again with an empty uploader
    at.switch_page("pages/overview.py").run()
    assert int(metrics(at)["Editions"]) == int(editions_before) + 1
    assert "test-programme-2019" in set(active_tables()["edition"]["edition_id"])


def test_the_upload_page_draws_no_store_watcher_while_the_other_pages_do(upload_app_store):
    """A timed watcher run would leave wizard steps on screen (ssedash.ui.freshness): the page must not draw it."""
    at = make_app_test()
    assert at.session_state["_watched_run"] == at.session_state["_app_runs"]
    at.switch_page("pages/upload.py").run()
    assert at.session_state["_watched_run"] == at.session_state["_app_runs"] - 1
    at.switch_page("pages/history.py").run()
    assert at.session_state["_watched_run"] == at.session_state["_app_runs"]


@pytest.mark.parametrize("row", REFUSED, ids=[row["file"] for row in REFUSED])
def test_a_refused_file_changes_nothing_and_its_report_says_where(upload_app_store, row):
    at = make_app_test("pages/upload.py")
    before = active_tables()
    upload_file(at, row["file"])
    problems = report(at)
    errors = problems[problems["severity"] == "error"]
    assert row["rules"] in set(errors["rule"])
    first = errors[errors["rule"] == row["rules"]].iloc[0]
    if row["rules"] not in ("empty_file", "header_only", "binary_file"):  # file-level problems have no line
        assert first["line"] >= 1 and first["column"]
    assert any("Nothing can be committed" in e.value for e in at.error)  # the column mapping may show one first
    assert "edition_state_commit" not in button_keys(at)
    assert any(b.label == "Download the report (CSV)" for b in at.get("download_button"))
    assert same_tables(before, active_tables())


def test_an_unknown_local_government_is_resolved_from_a_suggestion(upload_app_store):
    at = make_app_test("pages/upload.py")
    upload_file(at, "lg_not_found.csv")
    assert "lg_not_found" in set(report(at)["rule"])
    pick = at.radio(key="edition_state_pick_0")
    assert "Kampala" in pick.options[0]
    at.button(key="edition_state_apply").click().run()
    assert not at.exception
    at.button(key="edition_state_commit").click().run()
    assert at.success
    lgs = active_tables()["local_government"]
    added = lgs[lgs["name"] == "Kampalla City Council"].iloc[0]
    assert added["coord_source"].startswith("geonames:") and added["country_iso3"] == "UGA"


def test_typed_coordinates_outside_the_country_must_be_accepted_as_a_warning(upload_app_store):
    at = make_app_test("pages/upload.py")
    upload_file(at, "lg_not_found.csv")
    at.radio(key="edition_state_pick_0").set_value("typed").run()
    at.number_input(key="edition_state_lat_0").set_value(48.85)
    at.number_input(key="edition_state_lon_0").set_value(2.35).run()
    at.button(key="edition_state_apply").click().run()
    assert "coordinates_outside_country" in set(report(at)["rule"])
    assert at.button(key="edition_state_commit").disabled
    at.checkbox(key="edition_state_accept").check().run()
    at.button(key="edition_state_commit").click().run()
    assert at.success


def test_an_existing_edition_is_replaced_only_when_asked_and_the_same_file_is_recognised(upload_app_store):
    at = make_app_test("pages/upload.py")
    upload_file(at, "clean.csv")
    at.button(key="edition_state_commit").click().run()
    upload_file(at, "clean.csv")
    assert any("already imported" in i.value for i in at.info)
    assert at.button(key="edition_state_commit").disabled  # replace is not ticked
    at.checkbox(key="edition_state_replace").check().run()
    at.button(key="edition_state_commit").click().run()
    assert "already imported" in at.info[0].value
    assert not any("Import #" in shown(s.value) for s in at.success)
    changed = (DATA / "clean.csv").read_bytes() + b"2019,Dakar,SN,1,,14.69,-17.44\n"
    upload_file(at, "clean-v2.csv", changed)
    at.checkbox(key="edition_state_replace").check().run()
    at.button(key="edition_state_commit").click().run()
    assert "replaced" in shown(at.success[0].value) and "kept in the history" in shown(at.success[0].value)
    active = active_tables()
    assert (active["participation"]["edition_id"] == "test-programme-2019").sum() == 4


def test_personal_data_columns_are_named_as_dropped(upload_app_store):
    at = make_app_test("pages/upload.py")
    at.file_uploader[0].set_value(("pii.csv", (DATA / "pii_columns.csv").read_bytes(), "text/csv")).run()
    assert any("Personal data dropped" in w.value for w in at.warning)


def test_the_page_offers_both_templates(upload_app_store):
    at = make_app_test("pages/upload.py")
    labels = {b.label for b in at.get("download_button")}
    assert {"Edition template (CSV)", "Edition template (XLSX)", "Cities template (CSV)"} <= labels


def test_a_cities_file_corrects_a_local_government(upload_app_store):
    at = make_app_test("pages/upload.py")
    raw = (
        b"lg_id,name,country,latitude,longitude,admin_level,gsef_member,source_url\n"
        b"np-tokha,Tokha,NPL,27.7583,85.3283,municipality,no,https://example.org/tokha\n"
    )
    at.file_uploader[1].set_value(("cities.csv", raw, "text/csv")).run()
    assert not at.exception
    at.button(key="cities_state_commit").click().run()
    assert any("0 local governments added, 1 corrected" in shown(s.value) for s in at.success)
    tokha = active_tables()["local_government"].set_index("lg_id").loc["np-tokha"]
    assert tokha["latitude"] == 27.7583


def test_in_public_mode_upload_and_history_are_not_in_the_navigation(upload_app_store, monkeypatch):
    monkeypatch.setenv("SSEDASH_MODE", "public")
    at = make_app_test()
    assert not at.exception
    for page in ("pages/upload.py", "pages/history.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page") as refused:
            at.switch_page(page)
        known = str(refused.value).split("Known pages:")[1]
        assert "overview.py" in known and "upload.py" not in known and "history.py" not in known


def test_in_local_mode_upload_and_history_are_in_the_navigation(upload_app_store):
    at = make_app_test("pages/history.py")
    assert [title.value for title in at.title] == ["Import history"]


def test_in_team_mode_the_uploader_waits_for_the_password(upload_app_store, monkeypatch):
    monkeypatch.setenv("SSEDASH_MODE", "team")
    monkeypatch.setenv("SSEDASH_PASSWORD_HASH", auth.hash_password("right one", iterations=1000))
    waits = []
    monkeypatch.setattr(auth, "SLEEP", waits.append)
    at = make_app_test("pages/upload.py")
    assert not at.file_uploader
    at.text_input(key="sign_in_password").input("wrong")
    at.button(key="FormSubmitter:analyst_sign_in-Sign in").click().run()
    assert "Wrong password" in at.error[0].value and not at.file_uploader
    at.text_input(key="sign_in_password").input("wrong again")
    at.button(key="FormSubmitter:analyst_sign_in-Sign in").click().run()
    assert waits == [2.0] and not at.file_uploader
    at.text_input(key="sign_in_name").input("Ana")
    at.text_input(key="sign_in_password").input("right one")
    at.button(key="FormSubmitter:analyst_sign_in-Sign in").click().run()
    assert at.file_uploader
    assert any("Signed as Ana" in c.value for c in at.caption)


def test_in_team_mode_without_any_sign_in_configured_uploads_are_closed(upload_app_store, monkeypatch):
    monkeypatch.setenv("SSEDASH_MODE", "team")
    monkeypatch.delenv("SSEDASH_PASSWORD_HASH", raising=False)
    at = make_app_test("pages/upload.py")
    assert not at.file_uploader and "Uploads are closed" in at.error[0].value


def test_script_and_formula_cells_show_as_literal_text(upload_app_store):
    at = make_app_test("pages/upload.py")
    upload_file(at, "formula_and_script.csv")
    shown = at.table[0].value
    assert set(shown["role"]) == {'=HYPERLINK("http://x")', "<script>alert(1)</script>"}
    assert not at.exception and at.button(key="edition_state_commit")


ACCEPTED = [row for row in CORPUS if row["outcome"] == "accepted"]


@pytest.mark.parametrize("row", ACCEPTED, ids=[row["file"] for row in ACCEPTED])
def test_every_accepted_corpus_file_commits_once_its_warnings_are_accepted(upload_app_store, row):
    at = make_app_test("pages/upload.py")
    upload_file(at, row["file"])
    commit_button = at.button(key="edition_state_commit")
    warned = [c for c in at.checkbox if c.key == "edition_state_accept"]
    assert commit_button.disabled == bool(warned)
    if warned:
        warned[0].check().run()
    at.button(key="edition_state_commit").click().run()
    assert not at.exception
    assert "Import #" in shown(at.success[0].value)
    assert any(e.startswith("test-programme-") for e in active_tables()["edition"]["edition_id"])


def sign_in(at, password: str, name: str = ""):
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button(key="FormSubmitter:analyst_sign_in-Sign in").click().run()
    assert not at.exception, at.exception
    return at


def test_a_new_session_does_not_reset_the_failed_sign_ins(upload_app_store, monkeypatch):
    monkeypatch.setenv("SSEDASH_MODE", "team")
    monkeypatch.setenv("SSEDASH_PASSWORD_HASH", auth.hash_password("right one", iterations=1000))
    waits = []
    monkeypatch.setattr(auth, "SLEEP", waits.append)
    for attempt in range(auth.FREE_FAILURES):  # every guess in a session of its own
        at = sign_in(make_app_test("pages/upload.py"), f"guess {attempt}")
        assert "Wrong password" in shown(at.error[0].value)
    assert waits == [2.0, 4.0, 8.0, 8.0]  # the slow-down grew across sessions
    assert "try again in 60 seconds" in shown(at.error[0].value)
    at = sign_in(make_app_test("pages/upload.py"), "right one")  # a fresh session, even with the right password
    assert "Too many failed sign-ins: try again in" in shown(at.error[0].value) and not at.file_uploader


def test_the_edition_form_takes_the_event_kind_and_a_figure_as_published(upload_app_store):
    at = make_app_test("pages/upload.py")
    at.file_uploader[0].set_value(("clean.csv", (DATA / "clean.csv").read_bytes(), "text/csv")).run()
    at.selectbox(key="ed_programme").set_value("__new__")
    at.text_input(key="ed_new_programme").input("Test programme")
    at.text_input(key="ed_source").input("https://example.org/test-edition")
    at.selectbox(key="ed_kind").set_value("webinar")
    at.text_input(key="ed_rep_p").input("5,700+")
    at.button(key=CHECK).click().run()
    at.button(key="edition_state_commit").click().run()
    assert not at.exception, at.exception
    edition = active_tables()["edition"].set_index("edition_id").loc["test-programme-2019"]
    assert (edition["event_kind"], edition["reported_participants"], edition["reported_participants_qualifier"]) == (
        "webinar",
        5700,
        "at_least",
    )

"""The upload wizard's logic (ssedash.upload): review, resolutions, preview, commit outcomes, cities file, races."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest

from ssedash import files, ingest, upload
from ssedash.store import Store
from tests.ingest_fixtures import corpus_bytes

DETAILS = ingest.EditionDetails(programme="Test programme", source_url="https://example.org/test")
UGANDA_UNKNOWN = b"year,country,local_government,participants\n2020,UG,Kampalla City Council,3\n"


@pytest.fixture(scope="module")
def ref():
    from ssedash.context import load_reference

    reference = load_reference()
    return {"countries": reference.resolver, "gazetteer": reference.gazetteer, "shapes": reference.shapes}


@pytest.fixture(scope="module")
def tables():
    return files.read_bundled()


def review(raw, ref, tables, name="upload.csv", **kwargs):
    return upload.review_upload(raw, name, details=kwargs.pop("details", DETAILS), tables=tables, **ref, **kwargs)


# --- review -------------------------------------------------------------------------------------------------------


def test_a_review_reports_its_stages_in_order(ref, tables):
    seen = []
    review(corpus_bytes("clean.csv"), ref, tables, progress=lambda stage, fraction: seen.append((stage, fraction)))
    assert [s for s, _ in seen] == ["read", "validate", "resolve", "plan", "plan"]
    assert [f for _, f in seen] == sorted(f for _, f in seen) and seen[-1][1] == 1.0


def test_a_review_says_what_was_detected_in_a_french_cp1252_file(ref, tables):
    result = review(corpus_bytes("cp1252_semicolon_french.csv"), ref, tables)
    assert result.detected.encoding == "cp1252"
    assert result.detected.delimiter_name == "semicolon"
    assert result.detected.column_mapping["Collectivité"] == "local_government"
    assert result.file_values == {"year": 2019}
    assert result.can_commit


def test_a_review_names_the_pii_columns_it_dropped(ref, tables):
    result = review(corpus_bytes("pii_columns.csv"), ref, tables)
    assert result.detected.dropped_pii
    assert result.summary.rows_ok == result.summary.rows > 0


def test_the_summary_counts_rows_ok_and_problems_by_rule(ref, tables):
    result = review(corpus_bytes("negative_count.csv"), ref, tables)
    assert not result.can_commit
    assert result.summary.errors.get("must_be_positive", 0) >= 1
    assert result.summary.rows_ok < result.summary.rows


def test_the_report_table_filters_by_severity_and_rule(ref, tables):
    problems = review(corpus_bytes("swapped_coordinates.csv"), ref, tables).plan.problems
    warnings = upload.filter_problems(problems, severities=["warning"])
    assert set(warnings["severity"]) == {"warning"} and len(warnings)
    assert upload.filter_problems(problems, rules=["no_such_rule"]).empty
    assert len(upload.filter_problems(problems)) == len(problems)


# --- resolutions ----------------------------------------------------------------------------------------------


def test_an_unknown_local_government_comes_with_gazetteer_suggestions(ref, tables):
    result = review(UGANDA_UNKNOWN, ref, tables)
    assert not result.can_commit
    [item] = result.unresolved
    assert (item.line, item.name, item.country_iso3, item.rule) == (2, "Kampalla City Council", "UGA", "lg_not_found")
    assert item.suggestions[0].name == "Kampala"
    assert list(upload.suggestion_points(item)["name"])[:1] == ["Kampala"]


def test_picking_a_suggestion_replans_the_file_with_that_point(ref, tables):
    item = review(UGANDA_UNKNOWN, ref, tables).unresolved[0]
    place = item.suggestions[0]
    chosen = upload.Resolution(item.name, "UGA", place.latitude, place.longitude, f"geonames:{place.geonameid}")
    result = review(UGANDA_UNKNOWN, ref, tables, resolutions=[chosen])
    assert result.can_commit and not result.unresolved and not result.plan.warnings
    lg = result.plan.local_governments.iloc[0]
    assert (lg["name"], lg["latitude"], lg["coord_source"], lg["coord_precision"]) == (
        "Kampalla City Council",
        place.latitude,
        f"geonames:{place.geonameid}",
        "approximate",
    )
    assert result.detected.sha256 == ingest.parse_upload(UGANDA_UNKNOWN, "x").sha256  # the analyst's own file


def test_typed_coordinates_outside_the_country_are_flagged(ref, tables):
    chosen = upload.Resolution("Kampalla City Council", "UGA", 48.85, 2.35)  # Paris
    result = review(UGANDA_UNKNOWN, ref, tables, resolutions=[chosen])
    assert result.can_commit
    [warning] = result.plan.warnings
    assert (warning.rule, warning.line, warning.column) == ("coordinates_outside_country", 2, "latitude")
    assert result.plan.local_governments.iloc[0]["coord_source"] == "analyst"


def test_apply_resolutions_fills_only_the_resolved_rows_and_keeps_every_line(ref):
    raw = (
        "sep=;\nAnnée;Pays;Collectivité;Participants\n2019;Ouganda;Kampalla;1\n\n"
        "2019;Sénégal;Dakar;2\n2019;UG;KAMPALLA;3\n"
    ).encode("cp1252")
    corrected = upload.apply_resolutions(
        raw, "f.csv", [upload.Resolution("Kampalla", "UGA", 0.3, 32.5)], ref["countries"]
    )
    parsed = ingest.parse_upload(corrected, "f.csv")
    frame = parsed.frame.set_index("line")
    assert list(frame.index) == [3, 5, 6]
    assert frame.loc[3, "latitude"] == "0.3" and frame.loc[6, "longitude"] == "32.5"
    assert pd.isna(frame.loc[5, "latitude"])
    assert parsed.delimiter == ";" and parsed.encoding == "utf-8"


def test_apply_resolutions_reads_an_xlsx_and_keeps_its_sheet_rows_as_lines(ref, tmp_path):
    frame = pd.DataFrame({"year": ["2020", "2020"], "country": ["UG", "SN"], "city": ["Kampalla", "Dakar"]})
    path = tmp_path / "f.xlsx"
    frame.to_excel(path, index=False)
    corrected = upload.apply_resolutions(
        path.read_bytes(), "f.xlsx", [upload.Resolution("Kampalla", "UGA", 0.3, 32.5)], ref["countries"]
    )
    rows = ingest.parse_upload(corrected, "f.csv").frame.set_index("line")
    assert rows.loc[2, "latitude"] == "0.3" and pd.isna(rows.loc[3, "latitude"])


def test_apply_resolutions_without_choices_returns_the_file_unchanged(ref):
    assert upload.apply_resolutions(UGANDA_UNKNOWN, "f.csv", [], ref["countries"]) is UGANDA_UNKNOWN


# --- form, preview ----------------------------------------------------------------------------------------------


def test_the_form_values_become_edition_details():
    details = upload.details_from_form(
        {
            "programme": upload.NEW_PROGRAMME,
            "new_programme": " New one ",
            "year": 2024.0,
            "edition_id": "",
            "start_date": dt.date(2024, 5, 1),
            "end_date": None,
            "reported_participants": 12,
            "format": "online",
            "source_url": " https://example.org/x ",
            "host_country": "",
        }
    )
    assert details.programme == "New one" and details.year == 2024 and details.edition_id is None
    assert details.start_date == "2024-05-01" and details.end_date is None
    assert details.reported_participants == 12 and details.format == "online"
    assert details.source_url == "https://example.org/x" and details.host_country is None


def test_the_preview_shows_headline_figures_before_and_after(ref, tables):
    plan = review(corpus_bytes("clean.csv"), ref, tables).plan
    shown = upload.preview(plan, tables)
    headline = shown.headline.set_index("figure")
    assert shown.action == "add" and shown.rows == 3 and shown.participants_added == 7
    assert headline.loc["Editions", "after"] == headline.loc["Editions", "before"] + 1
    counted = headline.loc["Participants counted in rows"]
    assert counted["after"] == counted["before"] + 7  # a plain sum of counts, never the organisers' figures
    assert set(shown.points["name"]) == {"Seoul", "Tokha", "Bilbao"}
    assert upload.map_link(plan) == "/map?programme=test-programme&from=2019&to=2019"


def test_a_refused_plan_has_no_preview_and_no_link(ref, tables):
    plan = review(corpus_bytes("unknown_country.csv"), ref, tables).plan
    assert upload.preview(plan, tables) is None and upload.map_link(plan) is None


def test_the_templates_parse_as_uploads():
    for raw, name in ((upload.template_csv(), "t.csv"), (upload.template_xlsx(), "t.xlsx")):
        parsed = ingest.parse_upload(raw, name)
        assert not parsed.problems, parsed.problems
        assert set(parsed.column_mapping.values()) >= {"year", "country", "local_government"}


# --- commits --------------------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.create()
    store.ensure_seeded(files.read_bundled(), files.bundled_sha256())
    return store


def plan_for(store, ref, raw, name="upload.csv", details=DETAILS):
    return review(raw, ref, store.read_all_active(), name=name, details=details).plan


def test_commit_outcomes_say_added_duplicate_exists_and_replaced(sqlite_store, ref):
    raw = corpus_bytes("clean.csv")
    first = upload.commit(sqlite_store, plan_for(sqlite_store, ref, raw), by="ana")
    assert first.ok and "added" in first.message and first.result.rows == 3
    assert upload.commit(sqlite_store, plan_for(sqlite_store, ref, raw), by="ana").status == "duplicate"
    other = raw + b"2019,Dakar,SN,1,,14.69,-17.44\n"
    plan = plan_for(sqlite_store, ref, other)
    assert plan.replaces_existing_edition
    exists = upload.commit(sqlite_store, plan, by="ana")
    assert exists.status == "exists" and "Replace" in exists.message
    replaced = upload.commit(sqlite_store, plan, by="ana", replace=True)
    assert replaced.ok and "old rows are kept" in replaced.message
    active = sqlite_store.read_all_active()
    assert (active["edition"]["edition_id"] == "test-programme-2019").sum() == 1
    assert (active["participation"]["edition_id"] == "test-programme-2019").sum() == 4


def test_a_refused_plan_is_not_committed(sqlite_store, ref):
    before = sqlite_store.read_all_active()
    outcome = upload.commit(sqlite_store, plan_for(sqlite_store, ref, corpus_bytes("unknown_country.csv")), by="a")
    assert outcome.status == "refused"
    after = sqlite_store.read_all_active()
    assert all(before[name].equals(after[name]) for name in before)


def test_rollback_outcomes(sqlite_store, ref):
    done = upload.commit(sqlite_store, plan_for(sqlite_store, ref, corpus_bytes("clean.csv")), by="ana")
    candidates = upload.rollback_candidates(sqlite_store.history())
    assert done.result.import_id in candidates
    assert upload.rollback(sqlite_store, done.result.import_id, by="bo").ok
    again = upload.rollback(sqlite_store, done.result.import_id, by="bo")
    assert again.status == "refused" and "already rolled back" in again.message
    assert done.result.import_id not in upload.rollback_candidates(sqlite_store.history())
    table = upload.history_table(sqlite_store.history())
    assert tuple(table.columns) == upload.HISTORY_COLUMNS and table.iloc[0]["by"] == "bo"


def test_two_sessions_committing_the_same_edition_at_once_leave_exactly_one_copy(store_url, ref):
    store = Store(store_url)
    store.create()
    store.ensure_seeded(files.read_bundled(), files.bundled_sha256())
    base = corpus_bytes("clean.csv")
    # Two different files for one edition, both planned before either commits (two analysts' sessions).
    plans = [plan_for(store, ref, base), plan_for(store, ref, base + b"2019,Dakar,SN,1,,14.69,-17.44\n")]
    assert not any(p.replaces_existing_edition for p in plans)
    barrier = threading.Barrier(2)
    outcomes: list = [None, None]

    def run(i):
        sessions_store = Store(store_url)  # each session has its own engine and connections
        barrier.wait()
        outcomes[i] = upload.commit(sessions_store, plans[i], by=f"analyst {i}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    statuses = sorted(o.status for o in outcomes)
    assert statuses[0] == "committed" and statuses[1] in ("conflict", "exists"), [o.message for o in outcomes]
    loser = next(o for o in outcomes if not o.ok)
    assert "test-programme-2019" in loser.message
    active = store.read_all_active()
    assert (active["edition"]["edition_id"] == "test-programme-2019").sum() == 1
    winner = next(i for i, o in enumerate(outcomes) if o.ok)
    assert (active["participation"]["edition_id"] == "test-programme-2019").sum() == len(plans[winner].participation)


# --- cities file ----------------------------------------------------------------------------------------------

CITIES = (
    "lg_id,name,country,latitude,longitude,admin_level,gsef_member,source_url\n"
    "np-tokha,Tokha,NPL,27.7583,85.3283,municipality,no,https://example.org/tokha\n"
    ",Bilbao,Spain,43.263,-2.935,city,yes,https://example.org/bilbao\n"
)


def cities(raw, ref, known, name="cities.csv"):
    return upload.check_cities(
        raw.encode() if isinstance(raw, str) else raw,
        name,
        countries=ref["countries"],
        shapes=ref["shapes"],
        known_local_governments=known,
    )


def test_a_cities_file_saved_by_excel_with_a_sep_line_is_read_like_any_other(ref, tables):
    semicolons = "sep=;\n" + CITIES.replace(",", ";").replace("27.7583", "27,7583")
    plan = cities(semicolons, ref, tables["local_government"])
    assert plan.can_commit, plan.errors
    assert plan.detected.delimiter == ";" and plan.local_governments["name"].tolist() == ["Tokha", "Bilbao"]
    assert plan.local_governments["latitude"].tolist() == [27.7583, 43.263]  # a decimal comma with ';'
    assert {p.line for p in plan.problems if p.line} <= {3, 4}  # file lines count the sep= line


def test_a_cities_file_adds_new_and_corrects_known_local_governments(ref, tables):
    plan = cities(CITIES, ref, tables["local_government"])
    assert plan.can_commit and not plan.problems
    assert plan.corrections == ("np-tokha",) and plan.added == 1
    rows = plan.local_governments.set_index("lg_id")
    assert rows.loc["es-bilbao", "country_iso3"] == "ESP" and bool(rows.loc["es-bilbao", "gsef_member"])
    assert rows.loc["np-tokha", "latitude"] == 27.7583 and rows.loc["np-tokha", "coord_source"] == "analyst"
    assert set(upload.cities_preview(plan)["status"]) == {"new", "corrected"}


def test_a_cities_file_reports_each_bad_cell_with_line_and_column(ref, tables):
    raw = (
        "name;pays;latitude;longitude;admin_level;gsef_member;source_url\n"
        "Atlantis;Nowhere;1;2;city;yes;https://e.org/a\n"
        ";Spain;43;-2;city;;https://e.org/b\n"
        "Lyon;FR;145,7;4,8;city;maybe;ftp://x\n"
    )
    plan = cities(raw, ref, tables["local_government"])
    assert not plan.can_commit and plan.local_governments.empty
    found = {(p.line, p.column, p.rule) for p in plan.errors}
    assert {
        (2, "pays", "unknown_country"),
        (3, "name", "missing_value"),
        (4, "latitude", "latitude_range"),
        (4, "gsef_member", "not_a_boolean"),
        (4, "source_url", "bad_url"),
    } <= found


def test_a_cities_file_missing_a_column_is_refused_by_name(ref, tables):
    plan = cities("name,country\nLyon,FR\n", ref, tables["local_government"])
    assert {p.value or p.column for p in plan.errors if p.rule == "missing_column"} >= {"latitude", "source_url"}


def test_a_cities_point_outside_its_country_is_a_warning(ref, tables):
    raw = (
        "name,country,latitude,longitude,admin_level,gsef_member,source_url\n"
        "Bilbao,ES,-2.935,43.263,city,,https://e.org/b\n"
    )
    plan = cities(raw, ref, tables["local_government"])
    assert plan.can_commit
    [warning] = plan.warnings
    assert (warning.rule, warning.line) == ("coordinates_outside_country", 2) and "swapped" in warning.message


def test_a_cities_file_cannot_describe_one_local_government_twice(ref, tables):
    raw = CITIES + "np-tokha,Tokha,NPL,27.7,85.3,municipality,,https://e.org/t\n"
    plan = cities(raw, ref, tables["local_government"])
    assert [(p.line, p.rule) for p in plan.errors] == [(4, "duplicate_lg")]


def test_a_cities_commit_then_the_same_file_again(sqlite_store, ref):
    plan = cities(CITIES, ref, sqlite_store.read_active("local_government"))
    done = upload.commit_cities(sqlite_store, plan, by="ana")
    assert done.ok and "1 local government added, 1 corrected" in done.message
    assert upload.commit_cities(sqlite_store, plan, by="ana").status == "duplicate"
    lgs = sqlite_store.read_active("local_government").set_index("lg_id")
    assert lgs.loc["np-tokha", "latitude"] == 27.7583 and "es-bilbao" in lgs.index


@pytest.mark.parametrize(
    "raw, rule",
    [
        (b"", "empty_file"),
        (b"\x00\x01\x02binary", "binary_file"),
        (b"name,country,latitude,longitude,admin_level,gsef_member,source_url\n", "header_only"),
    ],
)
def test_an_unreadable_cities_file_is_refused(ref, tables, raw, rule):
    plan = cities(raw, ref, tables["local_government"])
    assert not plan.can_commit and rule in {p.rule for p in plan.errors}


def test_a_busy_store_is_a_plain_refusal_to_try_again_not_an_error():
    from types import SimpleNamespace

    from ssedash.store import StoreBusy

    class BusyStore:
        def commit_plan(self, plan, *, by, replace=False):
            raise StoreBusy(30)

        def commit_local_governments(self, frame, **kwargs):
            raise StoreBusy(30)

    plan = SimpleNamespace(can_commit=True, local_governments=None, file_name="f.csv", sha256="0" * 64)
    for outcome in (upload.commit(BusyStore(), plan, by="analyst"), upload.commit_cities(BusyStore(), plan, by="a")):
        assert outcome.status == "refused" and not outcome.ok
        assert "busy with another import" in outcome.message and "try again" in outcome.message


# --- Hardening (issue 7): the same guarded reader everywhere, no traceback --------------------------------------

SWALLOWING = corpus_bytes("unclosed_quote.csv")


def test_a_review_of_a_file_whose_quote_swallows_rows_is_refused_with_line_and_column(ref, tables):
    result = review(SWALLOWING, ref, tables)
    assert not result.can_commit
    [problem] = [p for p in result.plan.errors if p.rule == "multiline_field"]
    assert (problem.line, problem.column) == (2, "role")
    assert result.summary.errors == {"multiline_field": 1}


def test_a_cities_file_with_missing_cells_or_a_swallowing_quote_is_refused(ref, tables):
    short = CITIES.replace(",Bilbao,Spain,43.263,-2.935,city,yes,https://example.org/bilbao", ",Bilbao,Spain,43.263")
    plan = cities(short, ref, tables["local_government"])
    assert not plan.can_commit and [(p.rule, p.line) for p in plan.errors] == [("field_count", 3)]
    swallowing = CITIES.replace("municipality,no", '"municipality,no')
    assert "multiline_field" in {p.rule for p in cities(swallowing, ref, tables["local_government"]).errors}


def test_a_cities_file_saved_as_excel_unicode_text_is_read(ref, tables):
    plan = cities(CITIES.replace(",", "\t").encode("utf-16"), ref, tables["local_government"])
    assert plan.can_commit and plan.detected.encoding == "utf-16"


def test_apply_resolutions_reads_excel_unicode_text_and_keeps_every_line(ref):
    raw = "year\tcountry\tlocal_government\n\n2020\tUG\tKampalla\n2020\tSN\tDakar\n".encode("utf-16")
    corrected = upload.apply_resolutions(
        raw, "f.txt", [upload.Resolution("Kampalla", "UGA", 0.3, 32.5)], ref["countries"]
    )
    frame = ingest.parse_upload(corrected, "f.csv").frame.set_index("line")
    assert list(frame.index) == [3, 4] and frame.loc[3, "latitude"] == "0.3" and pd.isna(frame.loc[4, "latitude"])


def test_apply_resolutions_keeps_lines_after_cells_that_hold_line_breaks(ref):
    raw = (
        b'year,country,local_government,address\n2020,UG,Kampalla,"1 Main St\nKampala"\n'
        b'2020,SN,Dakar,"2 Rue\nDakar"\n2020,UG,Kampalla,"3 Road\nKampala"\n'
    )
    corrected = upload.apply_resolutions(
        raw, "f.csv", [upload.Resolution("Kampalla", "UGA", 0.3, 32.5)], ref["countries"]
    )
    frame = ingest.parse_upload(corrected, "f.csv").frame.set_index("line")
    assert list(frame.index) == [2, 4, 6] and frame.loc[6, "longitude"] == "32.5"


def test_apply_resolutions_leaves_a_file_that_does_not_read_cleanly_as_it_was(ref):
    assert (
        upload.apply_resolutions(
            SWALLOWING, "q.csv", [upload.Resolution("Kampala", "UGA", 0.3, 32.5)], ref["countries"]
        )
        is SWALLOWING
    )


@pytest.mark.parametrize("year", ["9" * 5000, "1e400", "nan", "99999"])
def test_a_first_look_at_a_file_with_an_impossible_year_states_no_year(year):
    look = upload.inspect(f"year,country\n{year},KOR\n".encode(), "y.csv")
    assert look.file_values == {}


def _broken(*args, **kwargs):
    raise RuntimeError("internal detail at /srv/ssedash/secret.py")


def test_an_unexpected_error_in_a_review_is_one_problem_with_a_reference_not_an_exception(
    ref, tables, tmp_path, monkeypatch
):
    log = tmp_path / "errors.log"
    monkeypatch.setenv("SSEDASH_ERROR_LOG", str(log))
    monkeypatch.setattr(ingest, "build_import_plan", _broken)
    result = review(corpus_bytes("clean.csv"), ref, tables)
    [problem] = result.plan.problems
    assert problem.rule == "unexpected_error" and not result.can_commit
    assert problem.value in problem.message and "/srv" not in problem.message and "Traceback" not in problem.message
    assert f"--- {problem.value}" in log.read_text(encoding="utf-8")
    assert result.detected.sha256 == ingest.parse_upload(corpus_bytes("clean.csv"), "x").sha256


def test_an_unexpected_error_in_a_first_look_or_a_cities_check_is_a_refusal_with_a_reference(
    ref, tables, tmp_path, monkeypatch
):
    monkeypatch.setenv("SSEDASH_ERROR_LOG", str(tmp_path / "errors.log"))
    monkeypatch.setattr(ingest, "parse_upload", _broken)
    look = upload.inspect(corpus_bytes("clean.csv"), "clean.csv")
    assert [p.rule for p in look.refused] == ["unexpected_error"] and look.head.empty
    monkeypatch.setattr(upload.cities, "read_records", _broken)
    plan = cities(CITIES, ref, tables["local_government"])
    assert [p.rule for p in plan.problems] == ["unexpected_error"] and not plan.can_commit


def test_apply_resolutions_keeps_sheet_rows_as_lines_when_an_xlsx_cell_holds_a_line_break(ref):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in [
        ["year", "country", "city", "role"],
        [2020, "UG", "Kampalla", "mayor\nand chair"],
        [2020, "SN", "Dakar", "official"],
        [2020, "UG", "Kampalla", "official"],
    ]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    corrected = upload.apply_resolutions(
        out.getvalue(), "f.xlsx", [upload.Resolution("Kampalla", "UGA", 0.3, 32.5)], ref["countries"]
    )
    parsed = ingest.parse_upload(corrected, "f.csv")
    assert not [p for p in parsed.problems if p.severity == "error"]
    frame = parsed.frame.set_index("line")
    assert list(frame.index) == [2, 3, 4] and frame.loc[2, "role"] == "mayor and chair"
    assert frame.loc[4, "latitude"] == "0.3" and pd.isna(frame.loc[3, "latitude"])

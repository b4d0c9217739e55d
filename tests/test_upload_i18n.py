"""The upload in the analyst's language: what the Upload and History pages show and let download (report CSV and
XLSX, preview, replacement diff, outcomes, history, column mapping, templates) goes through the catalogues. Under
the pseudo-French catalogue (tests/pseudo_language.py) every shown word comes back as ⟦…⟧; data stays as is."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from ssedash import files, i18n, ingest, upload
from ssedash.ingest import ColumnMatch, MatchedBy
from ssedash.problems import Problem
from ssedash.store import Store
from ssedash.upload import mapping, shown, templates
from ssedash.upload.diff import edition_diff
from ssedash.upload.report_xlsx import report_xlsx
from tests import pseudo_language
from tests.ingest_fixtures import *  # noqa: F403 (fixtures: reference_kwargs)
from tests.ingest_fixtures import corpus_bytes

OPEN = pseudo_language.OPEN
RAW = b"year,country,participants\n2019,Atlantis,3\n2019,KOR,-1\n"
PROBLEMS = [
    Problem(2, "country", "Atlantis", "unknown_country", "'Atlantis' is not a country we know.", "error"),
    Problem(3, "participants", "-1", "must_be_positive", "'-1' is not a valid participant count.", "error"),
    Problem(None, None, None, "encoding", "The file is not UTF-8.", "info"),
]
DETAILS = ingest.EditionDetails(
    programme="Test programme", source_url="https://example.org/test", reported_participants="5,700"
)


def translated(text: object) -> bool:
    """The text went through the catalogues: it is marked, and nothing English is left outside the marks."""
    return OPEN in str(text) and not pseudo_language.leaks(str(text))


@pytest.fixture(scope="module")
def store(tmp_path_factory, reference_kwargs):
    """A store holding the edition of clean.csv (Seoul, Tokha, Bilbao)."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('i18n') / 's.sqlite'}")
    store.create()
    store.ensure_seeded(files.read_bundled(), files.bundled_sha256())
    plan = upload.review_upload(
        corpus_bytes("clean.csv"), "clean.csv", details=DETAILS, tables=store.read_all_active(), **reference_kwargs
    ).plan
    assert upload.commit(store, plan, by="ana").ok
    return store


def test_the_report_workbook_names_its_sheets_headers_and_comments_in_the_analysts_language(pseudo_french):
    book = load_workbook(io.BytesIO(report_xlsx(RAW, PROBLEMS)))
    assert all(translated(name) for name in book.sheetnames)
    errors = [[c.value for c in row] for row in book[book.sheetnames[1]].iter_rows()]
    assert all(translated(header) for header in errors[0])
    assert errors[1][3] == "unknown_country" and errors[1][2] == "Atlantis"  # data and codes as they are
    file_sheet = book[book.sheetnames[0]]
    assert translated(file_sheet["A1"].value) and file_sheet["B1"].value == "year"  # the file's own header stays
    comment = file_sheet["C2"].comment.text
    assert comment.startswith(OPEN) and "⟦error⟧ (unknown_country)" in comment


def test_the_report_workbook_in_english_is_unchanged():
    book = load_workbook(io.BytesIO(report_xlsx(RAW, PROBLEMS)))
    assert book.sheetnames == ["File", "Errors", "Warnings", "Notices"]
    assert "How to fix:" in book["File"]["C2"].comment.text


def test_the_shown_problem_table_is_headed_in_the_analysts_language(pseudo_french):
    table = shown.problems_shown(upload.filter_problems(PROBLEMS, rules=["unknown_country"]))
    assert all(translated(header) for header in table.columns) and len(table) == 1


def test_a_table_helper_would_catch_a_header_it_does_not_know(pseudo_french):
    """The check can fail: a header outside the table is shown as written, not marked."""
    assert not translated(shown.header("not a known header"))


def test_the_preview_headline_and_new_local_governments_are_shown_in_the_readers_language(
    pseudo_french, store, reference_kwargs, reference
):
    raw = b"year,local_government,country,participants\n2021,Seoul,KOR,4\n"
    plan = upload.review_upload(
        raw, "new.csv", details=DETAILS, tables=store.read_all_active(), **reference_kwargs
    ).plan
    found = upload.preview(plan, store.read_all_active())
    assert found is not None
    headline = shown.table(found.headline)
    assert all(translated(header) for header in headline.columns)
    assert all(translated(figure) for figure in headline.iloc[:, 0])
    lgs = shown.table(
        pd.DataFrame([{"lg_id": "kr-seoul", "name": "Seoul", "country_iso3": "KOR"}]), reference.countries
    )
    assert all(translated(header) for header in lgs.columns)
    assert lgs.iloc[0].tolist() == ["kr-seoul", "Seoul", "KOR", "Corée du Sud"]  # the country in French


def test_the_replacement_diff_names_what_changed_in_the_readers_language(pseudo_french, store, reference_kwargs):
    changed = corpus_bytes("clean.csv").replace(b",4,", b",5,", 1)
    plan = upload.review_upload(
        changed, "again.csv", details=DETAILS, tables=store.read_all_active(), **reference_kwargs
    ).plan
    diff = edition_diff(plan, store.read_all_active())
    assert diff is not None and len(diff.changed) == 1
    assert diff.changed["change"].iloc[0] == "⟦⟦participants⟧: 4 -> 5⟧"
    table = shown.table(diff.changed)
    assert all(translated(header) for header in table.columns)


def test_the_outcome_of_a_refused_commit_and_the_history_go_through_the_catalogues(
    pseudo_french, store, reference_kwargs
):
    plan = upload.review_upload(
        RAW, "bad.csv", details=DETAILS, tables=store.read_all_active(), **reference_kwargs
    ).plan
    outcome = upload.commit(store, plan, by="ana")
    assert not outcome.ok and translated(outcome.message)
    history = upload.history_shown(upload.history_table(store.history()))
    assert all(translated(header) for header in history.columns)
    assert all(translated(action) for action in history.iloc[:, 3])


def test_the_column_mapping_labels_fields_and_how_they_were_matched_in_the_readers_language(pseudo_french):
    assert mapping.field_label("year") == "⟦{field} (required)⟧".replace("{field}", "⟦year⟧")
    assert mapping.field_label("local_government") == "⟦local_government⟧"
    assert translated(mapping.field_label(mapping.NOT_USED))
    match = ColumnMatch(header="Ville", field="local_government", how=MatchedBy.SYNONYM, samples=())
    assert translated(mapping.how_label(match))


def test_field_labels_in_english_are_unchanged():
    assert mapping.field_label("year") == "year (required)" and mapping.field_label("role") == "role"


def test_the_template_help_sheet_is_in_the_analysts_language(pseudo_french):
    help_sheet = templates.help_sheet()
    assert all(translated(header) for header in help_sheet.columns)
    assert all(translated(meaning) for meaning in help_sheet.iloc[:, 1])
    book = load_workbook(io.BytesIO(templates.template_xlsx()))
    assert all(translated(name) for name in book.sheetnames)


def test_stage_labels_event_kinds_and_cities_preview_status_go_through_the_catalogues(pseudo_french):
    assert all(translated(i18n.t(label)) for label in upload.STAGE_LABELS.values())
    assert all(translated(upload.event_kind_label(kind)) for kind in upload.EVENT_KIND_CHOICES)
    rows = upload.detection_rows(ingest.Detected(column_mapping={"Ville": "name"}, ignored_columns=("x",)))
    table = shown.table(rows, fields=("read as",))
    assert all(translated(header) for header in table.columns)
    assert table.iloc[:, 1].tolist() == ["⟦name⟧", "⟦ignored⟧"]


def test_counts_in_markdown_messages_are_grouped_for_the_readers_locale():
    with i18n.use(i18n.Language.FR):
        assert shown.count(5700) == "5\u202f700"
    assert shown.count(5700) == "5,700"


def test_a_delimiter_is_named_in_the_readers_language(pseudo_french):
    assert shown.delimiter_name(";") == "⟦semicolon⟧" and shown.delimiter_name(None) == "-"


def test_a_translated_sheet_name_is_one_excel_accepts():
    name = shown.sheet_name("Erreurs / avertissements : [tous les problèmes]")
    assert name.startswith("Erreurs") and len(name) <= 31 and not set("[]:*?/\\") & set(name)
    assert len(shown.sheet_name("x" * 40)) == 31 and shown.sheet_name("/") == "Sheet"


def test_a_local_government_moved_to_another_country_is_told_with_country_names(pseudo_french, store, reference_kwargs):
    raw = (
        b"lg_id,name,country,latitude,longitude,admin_level,gsef_member,source_url\n"
        b"np-tokha,Tokha,IND,27.7583,85.3283,municipality,no,https://example.org/tokha\n"
    )
    plan = upload.check_cities(
        raw,
        "cities.csv",
        countries=reference_kwargs["countries"],
        shapes=reference_kwargs["shapes"],
        known_local_governments=store.read_all_active()["local_government"],
    )
    moved = [p.message for p in plan.problems if p.rule == "country_changed"]
    assert moved == [
        "⟦'{id}' was recorded in {old}; this row moves it to {new}.⟧".format(id="np-tokha", old="Népal", new="Inde")
    ]

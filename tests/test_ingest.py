"""ssedash.ingest: uploads become a parsed frame, a row-level report and an import plan."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest

from ssedash import ingest, schema
from ssedash.ingest import EditionDetails, Problem
from tests.ingest_fixtures import *  # noqa: F403 (fixtures: reference_kwargs, make_plan)
from tests.ingest_fixtures import CORPUS_DIR, KNOWN_LOCAL_GOVERNMENTS, corpus_bytes

HEADER = "year,local_government,country,participants,role,latitude,longitude"
CORPUS = list(csv.DictReader((CORPUS_DIR / "corpus.csv").open(encoding="utf-8")))


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def rules_of(problems) -> set[str]:
    return {p.rule for p in problems}


def only(problems, rule: str) -> Problem:
    found = [p for p in problems if p.rule == rule]
    assert len(found) == 1, found
    return found[0]


def assert_plan_matches_table_models(plan) -> None:
    schema.ProgrammeTable.validate(plan.programmes)
    schema.EditionTable.validate(plan.editions)
    schema.LocalGovernmentTable.validate(plan.local_governments)
    schema.ParticipationTable.validate(plan.participation)
    for table, frame in (
        ("programme", plan.programmes),
        ("edition", plan.editions),
        ("local_government", plan.local_governments),
        ("participation", plan.participation),
    ):
        assert list(frame.columns) == schema.columns_of(table)


# --- The corpus --------------------------------------------------------------------------------------------------


def test_the_corpus_table_lists_every_file_in_tests_data():
    listed = {row["file"] for row in CORPUS}
    on_disk = {p.name for p in CORPUS_DIR.iterdir() if p.suffix in (".csv", ".xlsx") and p.name != "corpus.csv"}
    assert listed == on_disk


@pytest.mark.parametrize("case", CORPUS, ids=[row["file"] for row in CORPUS])
def test_each_corpus_file_is_accepted_or_refused_with_the_expected_rules(case, make_plan):
    plan = make_plan(case["file"])
    expected_rules = {r for r in case["rules"].split(";") if r}
    assert expected_rules <= rules_of(plan.problems)
    if case["outcome"] == "accepted":
        assert plan.can_commit, plan.errors
        assert len(plan.participation) == plan.detected.rows > 0
        assert len(plan.editions) == 1
        assert_plan_matches_table_models(plan)
    else:
        assert not plan.can_commit
        assert plan.participation.empty and plan.editions.empty
        assert_plan_matches_table_models(plan)
        for problem in plan.errors:  # a refused file says where: a cell's line and column when a cell is at fault
            if problem.value is not None and problem.rule not in ("row_cap",):
                assert problem.line is not None and problem.column is not None, problem


# --- Parsing -------------------------------------------------------------------------------------------------------


def test_a_clean_csv_becomes_canonical_text_columns_with_file_lines():
    parsed = ingest.parse_upload(corpus_bytes("clean.csv"), "clean.csv")
    assert (parsed.kind, parsed.encoding, parsed.delimiter) == ("csv", "utf-8", ",")
    assert parsed.sha256 == hashlib.sha256(corpus_bytes("clean.csv")).hexdigest()
    assert list(parsed.frame.columns) == [
        "line",
        "year",
        "local_government",
        "country",
        "participants",
        "role",
        "latitude",
        "longitude",
    ]
    assert parsed.frame["line"].tolist() == [2, 3, 4]
    assert parsed.frame["participants"].tolist() == ["4", "2", "1"]
    assert pd.isna(parsed.frame.loc[2, "role"])
    assert parsed.problems == ()


def test_a_bom_is_read_as_utf8_sig_and_the_rows_are_the_same_as_without_it():
    with_bom = ingest.parse_upload(corpus_bytes("bom_utf8.csv"), "bom_utf8.csv")
    plain = ingest.parse_upload(corpus_bytes("clean.csv"), "clean.csv")
    assert with_bom.encoding == "utf-8-sig"
    assert "year" in with_bom.column_mapping  # the BOM is not glued to the first header
    pd.testing.assert_frame_equal(with_bom.frame, plain.frame)


def test_a_cp1252_semicolon_french_file_keeps_its_accents_and_says_which_encoding_was_used():
    parsed = ingest.parse_upload(corpus_bytes("cp1252_semicolon_french.csv"), "f.csv")
    assert (parsed.encoding, parsed.delimiter) == ("cp1252", ";")
    assert parsed.column_mapping == {
        "Année": "year",
        "Pays": "country",
        "Collectivité": "local_government",
        "Participants": "participants",
        "Latitude": "latitude",
        "Longitude": "longitude",
    }
    assert parsed.frame["country"].tolist() == ["Côte d'Ivoire", "Sénégal", "France"]
    assert parsed.frame["local_government"].tolist()[2] == "Montréal-la-Cluse"
    assert only(parsed.problems, "encoding").severity == "info"


def test_decimal_commas_are_accepted_in_a_semicolon_file(make_plan):
    plan = make_plan("cp1252_semicolon_french.csv")
    assert plan.participation["country_iso3"].tolist() == ["CIV", "SEN", "FRA"]
    abidjan = plan.local_governments.set_index("lg_id").loc["ci-abidjan"]
    assert (abidjan["latitude"], abidjan["longitude"]) == (5.3364, -4.0267)
    assert plan.local_governments["lg_id"].tolist() == ["ci-abidjan", "sn-dakar", "fr-montreal-la-cluse"]


def test_a_decimal_comma_in_a_comma_separated_file_is_not_a_number(make_plan):
    plan = make_plan(csv_bytes(HEADER, '2019,Tokha,NPL,1,,"27,77",85.3'))
    problem = only(plan.problems, "not_a_number")
    assert (problem.line, problem.column, problem.value) == (2, "latitude", "27,77")


def test_spanish_headers_are_matched_without_accents_or_case():
    parsed = ingest.parse_upload(corpus_bytes("spanish_headers.csv"), "es.csv")
    assert parsed.column_mapping == {
        "Año": "year",
        "Ciudad": "local_government",
        "País": "country",
        "Participantes": "participants",
        "Cargo": "role",
        "Latitud": "latitude",
        "Longitud": "longitude",
    }


@pytest.mark.parametrize("header", ["Local Government", "LOCAL-GOVERNMENT", "local_government", " Collectivité "])
def test_headers_match_ignoring_case_accents_spaces_dashes_and_underscores(header):
    assert ingest.canonical_column(header) == "local_government"


def test_namibia_written_na_stays_namibia(make_plan):
    parsed = ingest.parse_upload(corpus_bytes("namibia_na.csv"), "namibia_na.csv")
    assert parsed.frame["country"].tolist() == ["NA", "Namibia"]
    plan = make_plan("namibia_na.csv")
    assert plan.participation["country_iso3"].tolist() == ["NAM", "NAM"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_supported_delimiter_is_sniffed_from_the_header(delimiter):
    raw = csv_bytes(delimiter.join(["year", "country", "local_government"]), delimiter.join(["2019", "KOR", "Seoul"]))
    parsed = ingest.parse_upload(raw, "x.csv")
    assert parsed.delimiter == delimiter
    assert parsed.frame[["year", "country", "local_government"]].iloc[0].tolist() == ["2019", "KOR", "Seoul"]


def test_an_empty_file_is_refused():
    for raw in (b"", b"  \n\n", b"\xef\xbb\xbf"):
        parsed = ingest.parse_upload(raw, "empty.csv")
        assert [(p.rule, p.severity) for p in parsed.problems] == [("empty_file", "error")]


def test_a_header_without_rows_is_refused():
    parsed = ingest.parse_upload(corpus_bytes("header_only.csv"), "h.csv")
    assert rules_of(parsed.problems) == {"header_only"}


def test_binary_junk_is_refused_before_any_parsing():
    parsed = ingest.parse_upload(corpus_bytes("binary_junk.csv"), "junk.csv")
    assert [p.rule for p in parsed.problems] == ["binary_file"]
    assert parsed.frame.empty


def test_an_old_xls_or_a_damaged_xlsx_is_refused_as_unreadable():
    old_xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert [p.rule for p in ingest.parse_upload(old_xls, "a.xls").problems] == ["unreadable_xlsx"]
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("xl/workbook.xml", "not xml")
    assert [p.rule for p in ingest.parse_upload(damaged.getvalue(), "a.xlsx").problems] == ["unreadable_xlsx"]


def test_duplicate_headers_are_refused_naming_both():
    parsed = ingest.parse_upload(corpus_bytes("duplicate_headers.csv"), "d.csv")
    problem = only(parsed.problems, "duplicate_header")
    assert (problem.line, problem.column, problem.severity) == (1, "Country", "error")
    assert "'country'" in problem.message and "'Country'" in problem.message


def test_two_identically_written_headers_are_refused_too():
    parsed = ingest.parse_upload(csv_bytes("year,country,year", "2019,KOR,2019"), "d.csv")
    assert "Columns 'year' and 'year'" in only(parsed.problems, "duplicate_header").message


def test_missing_required_columns_are_named():
    parsed = ingest.parse_upload(csv_bytes("local_government,participants", "Seoul,3"), "m.csv")
    missing = [p for p in parsed.problems if p.rule == "missing_column"]
    assert [p.severity for p in missing] == ["error", "error"]
    assert "'year'" in missing[0].message and "'country'" in missing[1].message


def test_the_local_government_column_is_optional(make_plan):
    plan = make_plan(csv_bytes("year,country,participants", "2019,KOR,3", "2019,NPL,1"))
    assert plan.can_commit, plan.errors
    assert plan.participation["lg_id"].isna().all()
    assert plan.local_governments.empty


def test_more_rows_than_the_cap_are_refused_with_the_cap_and_the_count():
    raw = csv_bytes(HEADER, *["2019,Seoul,KOR,1,,37.5,126.9"] * 12)
    parsed = ingest.parse_upload(raw, "big.csv", row_cap=10)
    problem = only(parsed.problems, "row_cap")
    assert problem.severity == "error" and problem.value == "12"
    assert "12 data rows" in problem.message and "limit is 10 rows" in problem.message
    assert parsed.frame.empty


def test_a_plan_over_the_row_cap_is_refused(make_plan):
    plan = make_plan(csv_bytes(HEADER, *["2019,Seoul,KOR,1,,37.5,126.9"] * 6), row_cap=5)
    assert [p.rule for p in plan.errors] == ["row_cap"]


def test_unknown_columns_are_ignored_with_a_warning():
    parsed = ingest.parse_upload(csv_bytes("year,country,shoe size,", "2019,KOR,42,"), "u.csv")
    assert parsed.ignored_columns == ("shoe size",)
    problem = only(parsed.problems, "unknown_column")
    assert (problem.line, problem.column, problem.severity) == (1, "shoe size", "warning")
    assert "shoe size" not in parsed.frame.columns


def test_cells_are_stripped_and_blank_lines_skipped_but_lines_still_counted():
    parsed = ingest.parse_upload(
        csv_bytes(HEADER, "  2019 , Seoul ,KOR,4,,37.5,126.9", "", "2019,Tokha,NPL,2,,27.7,85.3"), "s.csv"
    )
    assert parsed.frame["line"].tolist() == [2, 4]
    assert parsed.frame["local_government"].tolist() == ["Seoul", "Tokha"]


def test_a_quoted_newline_inside_a_cell_does_not_shift_later_line_numbers():
    parsed = ingest.parse_upload(
        csv_bytes(HEADER, '2019,Seoul,KOR,4,"mayor\nand chair",37.5,126.9', "2019,Tokha,NPL,x,,27.7,85.3"), "q.csv"
    )
    assert parsed.frame["line"].tolist() == [2, 4]
    assert parsed.frame["role"].iloc[0] == "mayor\nand chair"


def test_a_row_with_more_cells_than_the_header_is_an_error_on_its_line():
    parsed = ingest.parse_upload(csv_bytes("year,country", "2019,KOR", "2019,KOR,extra"), "r.csv")
    problem = only(parsed.problems, "too_many_cells")
    assert (problem.line, problem.value, problem.severity) == (3, "extra", "error")


def test_an_excel_sep_hint_line_sets_the_delimiter_and_keeps_lines_right():
    parsed = ingest.parse_upload(b"sep=;\nyear;country\n2019;KOR\n", "x.csv")
    assert parsed.delimiter == ";"
    assert parsed.frame["line"].tolist() == [3]


def test_an_xlsx_file_reads_its_first_sheet_as_text_with_sheet_rows_as_lines():
    parsed = ingest.parse_upload(corpus_bytes("clean.xlsx"), "clean.xlsx")
    assert (parsed.kind, parsed.encoding, parsed.delimiter) == ("xlsx", None, None)
    assert parsed.frame["line"].tolist() == [2, 3]
    assert parsed.frame["year"].tolist() == ["2023", "2023"]
    assert parsed.frame["latitude"].tolist() == ["37.5665", "27.7711"]


# --- Personal data -------------------------------------------------------------------------------------------------


def test_pii_columns_are_dropped_and_their_values_appear_nowhere(make_plan):
    plan = make_plan("pii_columns.csv")
    assert plan.can_commit
    assert plan.detected.dropped_pii == ("Name", "E-mail")
    assert {(p.rule, p.column) for p in plan.problems if p.rule == "pii_dropped"} == {
        ("pii_dropped", "Name"),
        ("pii_dropped", "E-mail"),
    }
    everything = " ".join(
        [
            *(frame.to_csv() for frame in (plan.programmes, plan.editions, plan.local_governments, plan.participation)),
            ingest.problems_csv(plan.problems).decode("utf-8-sig"),
            repr(plan.detected),
            repr(plan.problems),
        ]
    )
    for secret in ("Secretperson", "jane.secret", "Hiddenname", "kim.hidden"):
        assert secret not in everything
    assert "duplicate_row" not in rules_of(plan.problems)  # two people differing only by name are not duplicates


def test_a_participants_column_is_not_mistaken_for_a_participant_name_column():
    parsed = ingest.parse_upload(csv_bytes("year,country,participant,participants", "2019,KOR,Kim,3"), "p.csv")
    assert parsed.dropped_pii == ("participant",)
    assert parsed.frame["participants"].tolist() == ["3"]


# --- Cell validation -----------------------------------------------------------------------------------------------


def test_a_negative_participant_count_is_refused_with_its_line_column_and_plain_words(make_plan):
    plan = make_plan("negative_count.csv")
    problem = only(plan.errors, "must_be_positive")
    assert (problem.line, problem.column, problem.value) == (3, "participants", "-3")
    assert problem.message == (
        "'-3' is not a valid participant count: use a whole number of 1 or more, or leave it empty if unknown."
    )


def test_a_zero_participant_count_is_refused_but_an_empty_one_means_unknown(make_plan):
    plan = make_plan(csv_bytes(HEADER, "2019,Seoul,KOR,0,,37.5,126.9", "2019,Tokha,NPL,,,27.7,85.3"))
    assert [(p.rule, p.line) for p in plan.errors] == [("must_be_positive", 2)]
    ok = make_plan(csv_bytes(HEADER, "2019,Tokha,NPL,,,27.7,85.3"))
    assert ok.can_commit and ok.participation["participants"].isna().all()


def test_a_text_or_fractional_participant_count_is_refused(make_plan):
    plan = make_plan(csv_bytes(HEADER, "2019,Seoul,KOR,two,,37.5,126.9", "2019,Seoul,KOR,2.5,,37.5,126.9"))
    assert [(p.line, p.column, p.value, p.rule) for p in plan.errors] == [
        (2, "participants", "two", "not_a_number"),
        (3, "participants", "2.5", "not_an_integer"),
    ]


def test_every_bad_cell_of_a_column_is_reported_not_only_the_first(make_plan):
    plan = make_plan(
        csv_bytes(
            HEADER, "2019,Seoul,KOR,-1,,37.5,126.9", "2019,Seoul,KOR,x,,37.5,126.9", "2019,Seoul,KOR,0,,37.5,126.9"
        )
    )
    assert [(p.line, p.rule) for p in plan.errors] == [
        (2, "must_be_positive"),
        (3, "not_a_number"),
        (4, "must_be_positive"),
    ]


def test_years_must_be_whole_numbers_between_1990_and_2100(make_plan):
    plan = make_plan(csv_bytes("year,country", "1985,KOR", "2019.5,KOR", "soon,KOR", ",KOR"))
    assert [(p.line, p.column, p.value, p.rule) for p in plan.errors if p.line] == [
        (2, "year", "1985", "year_range"),
        (3, "year", "2019.5", "not_an_integer"),
        (4, "year", "soon", "not_a_number"),
        (5, "year", None, "missing_value"),
    ]


def test_coordinates_must_be_in_range_and_come_in_pairs(make_plan):
    plan = make_plan(
        csv_bytes(
            HEADER, "2019,A,NPL,1,,95,85.3", "2019,B,NPL,1,,27.7,-185", "2019,C,NPL,1,,27.7,", "2019,D,NPL,1,,nan,85.3"
        )
    )
    assert [(p.line, p.column, p.rule) for p in plan.errors] == [
        (2, "latitude", "latitude_range"),
        (3, "longitude", "longitude_range"),
        (4, "longitude", "coordinates_incomplete"),
        (5, "latitude", "not_a_number"),
    ]


def test_an_unknown_country_is_refused_naming_the_value(make_plan):
    plan = make_plan("unknown_country.csv")
    problem = only(plan.errors, "unknown_country")
    assert (problem.line, problem.column, problem.value) == (3, "country", "Atlantis")
    assert "'Atlantis'" in problem.message


def test_an_empty_country_cell_is_refused(make_plan):
    plan = make_plan(csv_bytes("year,country,local_government", "2019,,Seoul"))
    assert [(p.line, p.column, p.rule) for p in plan.errors] == [(2, "country", "missing_value")]


def test_identical_rows_are_a_warning_naming_the_first_line(make_plan):
    plan = make_plan(
        csv_bytes(HEADER, "2019,Seoul,KOR,1,,37.5,126.9", "2019,Tokha,NPL,1,,27.7,85.3", "2019,Seoul,KOR,1,,37.5,126.9")
    )
    problem = only(plan.problems, "duplicate_row")
    assert (problem.line, problem.severity) == (4, "warning")
    assert "repeats line 2" in problem.message
    assert plan.can_commit and len(plan.participation) == 3


def test_a_row_source_must_be_a_link(make_plan):
    plan = make_plan(csv_bytes("year,country,source", "2019,KOR,www.example.org"))
    assert [(p.line, p.column, p.value, p.rule) for p in plan.errors] == [(2, "source", "www.example.org", "bad_url")]


def test_problems_beyond_a_hundred_per_rule_are_counted_not_listed(make_plan):
    plan = make_plan(csv_bytes("year,country,participants,role", *[f"2019,KOR,-1,r{i}" for i in range(130)]))
    listed = [p for p in plan.problems if p.rule == "must_be_positive"]
    assert len(listed) == ingest.MAX_PROBLEMS_PER_RULE
    more = only(plan.problems, "more_problems")
    assert (more.column, more.value, more.severity) == ("participants", "130", "error")
    assert "30 more" in more.message


def test_many_identical_rows_list_a_hundred_and_count_the_rest_as_the_report_would():
    parsed = ingest.parse_upload(csv_bytes("year,country,participants", *["2019,KOR,1"] * 251), "same.csv")
    listed = [p for p in parsed.problems if p.rule == "duplicate_row"]
    assert len(listed) == ingest.MAX_PROBLEMS_PER_RULE and listed[-1].line == 102
    more = only(parsed.problems, "more_problems")
    assert (more.column, more.value, more.severity) == (None, "250", "warning")
    assert ingest.cap_problems(parsed.problems) == (more, *listed)


def test_validate_upload_returns_typed_rows_and_every_problem(reference_kwargs):
    parsed = ingest.parse_upload(corpus_bytes("clean.csv"), "clean.csv")
    rows, problems = ingest.validate_upload(parsed, known_local_governments=KNOWN_LOCAL_GOVERNMENTS, **reference_kwargs)
    assert problems == ()
    assert rows["year"].dtype == "Int64" and rows["participants"].tolist() == [4, 2, 1]
    assert rows["country_iso3"].tolist() == ["KOR", "NPL", "ESP"]
    assert rows["lg_id"].tolist() == ["kr-seoul-city", "np-tokha", "es-bilbao"]
    assert rows["latitude"].dtype == "Float64"


def test_validate_upload_passes_a_refused_parse_through(reference_kwargs):
    parsed = ingest.parse_upload(b"", "e.csv")
    rows, problems = ingest.validate_upload(parsed, known_local_governments=KNOWN_LOCAL_GOVERNMENTS, **reference_kwargs)
    assert rows.empty and [p.rule for p in problems] == ["empty_file"]


def test_decimal_comma_can_be_forced_on_or_off(reference_kwargs):
    parsed = ingest.parse_upload(csv_bytes("year\tcountry\tlatitude\tlongitude", "2019\tNPL\t27,7\t85,3"), "t.csv")
    rows, problems = ingest.validate_upload(
        parsed, known_local_governments=KNOWN_LOCAL_GOVERNMENTS, decimal_comma=True, **reference_kwargs
    )
    assert rows["latitude"].tolist() == [27.7] and problems == ()
    _, problems = ingest.validate_upload(parsed, known_local_governments=KNOWN_LOCAL_GOVERNMENTS, **reference_kwargs)
    assert [p.rule for p in problems] == ["not_a_number", "not_a_number"]


# --- Local governments ---------------------------------------------------------------------------------------------


def test_a_known_local_government_is_reused_by_normalised_name_within_its_country(make_plan):
    plan = make_plan(
        csv_bytes("year,country,local_government", "2019,KOR,SEOUL METROPOLITAN GOVERNMENT", "2019,KOR,seoul")
    )
    assert plan.participation["lg_id"].tolist() == ["kr-seoul", "kr-seoul-city"]
    assert plan.local_governments.empty


def test_a_known_name_in_another_country_is_not_reused(make_plan):
    plan = make_plan(csv_bytes(HEADER, "2019,Seoul,FRA,1,,48.85,2.35"))
    assert plan.participation["lg_id"].tolist() == ["fr-seoul"]


def test_an_unknown_local_government_with_coordinates_is_added(make_plan):
    plan = make_plan("clean.csv")
    assert plan.participation["lg_id"].tolist() == ["kr-seoul-city", "np-tokha", "es-bilbao"]
    tokha = plan.local_governments.set_index("lg_id").loc["np-tokha"]
    assert (tokha["name"], tokha["country_iso3"], tokha["coord_source"], tokha["coord_precision"]) == (
        "Tokha",
        "NPL",
        "upload",
        "exact",
    )
    assert (tokha["latitude"], tokha["longitude"]) == (27.7711, 85.3274)


def test_a_new_lg_id_that_collides_with_a_known_one_gets_a_suffix(make_plan):
    known = pd.concat(
        [
            KNOWN_LOCAL_GOVERNMENTS,
            pd.DataFrame(
                [
                    {
                        **KNOWN_LOCAL_GOVERNMENTS.iloc[0].to_dict(),
                        "lg_id": "np-tokha",
                        "name": "Tokha Municipality",
                        "country_iso3": "NPL",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    plan = make_plan(csv_bytes(HEADER, "2019,Tokha,NPL,1,,27.7,85.3"), known_local_governments=known)
    assert plan.local_governments["lg_id"].tolist() == ["np-tokha-2"]


def test_swapped_coordinates_are_accepted_with_a_warning_that_says_so(make_plan):
    plan = make_plan("swapped_coordinates.csv")
    problem = only(plan.problems, "coordinates_outside_country")
    assert (problem.line, problem.column, problem.severity) == (3, "latitude", "warning")
    assert "outside Nepal" in problem.message and "look swapped" in problem.message
    assert plan.can_commit


def test_coordinates_in_the_wrong_country_are_a_warning_without_the_swap_hint(make_plan):
    plan = make_plan(csv_bytes(HEADER, "2019,Lyon,NPL,1,,45.76,4.83"))
    problem = only(plan.problems, "coordinates_outside_country")
    assert "outside Nepal" in problem.message and "swapped" not in problem.message


def test_different_coordinates_for_one_new_lg_are_a_warning_and_the_first_are_used(make_plan):
    plan = make_plan(csv_bytes(HEADER, "2019,Tokha,NPL,1,,27.77,85.32", "2019,Tokha,NPL,2,,27.80,85.30"))
    problem = only(plan.problems, "lg_coordinates_differ")
    assert problem.line == 3
    assert plan.local_governments[["latitude", "longitude"]].iloc[0].tolist() == [27.77, 85.32]


def test_an_unknown_lg_without_coordinates_is_placed_from_the_gazetteer_with_a_warning(make_plan):
    plan = make_plan("gazetteer_resolution.csv")
    problem = only(plan.problems, "lg_resolved_from_gazetteer")
    assert (problem.line, problem.column, problem.value, problem.severity) == (
        2,
        "local_government",
        "Kampala",
        "warning",
    )
    lg = plan.local_governments.iloc[0]
    assert (lg["lg_id"], lg["country_iso3"], lg["coord_source"]) == ("ug-kampala", "UGA", "geonames:232422")
    assert plan.participation["lg_id"].tolist() == ["ug-kampala"]


def test_an_lg_found_nowhere_is_refused_with_suggestions(make_plan):
    plan = make_plan("lg_not_found.csv")
    problem = only(plan.errors, "lg_not_found")
    assert (problem.line, problem.column, problem.value) == (2, "local_government", "Kampalla City Council")
    assert "Did you mean: Kampala?" in problem.message


def test_an_lg_matching_several_places_is_refused_listing_them(make_plan):
    plan = make_plan(csv_bytes("year,country,local_government", "2020,PH,San Fernando"))
    problem = only(plan.errors, "lg_ambiguous")
    assert (problem.line, problem.column) == (2, "local_government")
    assert "matches 3 places in Philippines" in problem.message
    assert all(str(gid) in problem.message for gid in (1690039, 1690033, 1690060))


def test_each_distinct_lg_is_reported_once_at_its_first_line(make_plan):
    plan = make_plan(csv_bytes("year,country,local_government", "2020,PH,San Fernando", "2020,PH,san fernando"))
    assert [p.line for p in plan.errors] == [2]


# --- The plan ------------------------------------------------------------------------------------------------------


def test_a_clean_file_plans_one_edition_of_a_known_programme_replacing_the_stored_one(make_plan):
    raw = corpus_bytes("clean.csv")
    plan = make_plan("clean.csv")
    sha = hashlib.sha256(raw).hexdigest()
    assert plan.sha256 == sha and plan.file_name == "clean.csv"
    assert plan.programmes.empty
    edition = plan.editions.iloc[0]
    assert (edition["edition_id"], edition["programme_id"], edition["year"], edition["name"]) == (
        "gsef-shrdc-2019",
        "gsef-shrdc",
        2019,
        "GSEF Social and Human Resources Development Course 2019",
    )
    assert edition["source_url"] == f"upload:clean.csv#sha256={sha[:12]}"
    assert plan.replaces_existing_edition
    assert plan.participation["edition_id"].unique().tolist() == ["gsef-shrdc-2019"]
    assert plan.participation["participants"].tolist() == [4, 2, 1]
    assert (plan.participation["source_url"] == edition["source_url"]).all()
    assert dataclasses.replace(plan.detected, columns=()) == ingest.Detected(
        encoding="utf-8",
        delimiter=",",
        kind="csv",
        column_mapping={h: h for h in HEADER.split(",")},
        dropped_pii=(),
        ignored_columns=(),
        rows=3,
        sha256=sha,
    )
    assert {(c.header, c.field, c.how) for c in plan.detected.columns} == {
        (h, h, ingest.MatchedBy.SYNONYM) for h in HEADER.split(",")
    }
    assert plan.detected.delimiter_name == "comma"


def test_a_new_year_is_a_new_edition(make_plan):
    plan = make_plan(csv_bytes("year,country", "2024,KOR"))
    assert plan.editions["edition_id"].tolist() == ["gsef-shrdc-2024"]
    assert not plan.replaces_existing_edition


def test_the_programme_can_be_named_in_the_file_and_matched_by_name(make_plan):
    plan = make_plan(
        csv_bytes("programme,year,country", "gsef social and human resources development course,2024,KOR"),
        details=EditionDetails(),
    )
    assert plan.can_commit and plan.programmes.empty
    assert plan.editions["programme_id"].tolist() == ["gsef-shrdc"]


def test_an_unknown_programme_becomes_a_new_programme_row(make_plan):
    plan = make_plan(
        csv_bytes("year,country", "2024,KOR"),
        details=EditionDetails(programme="Urban SSE Academy", source_url="https://example.org/a"),
    )
    programme = plan.programmes.iloc[0]
    assert len(plan.programmes) == 1
    assert (programme["programme_id"], programme["name"], programme["source_url"]) == (
        "urban-sse-academy",
        "Urban SSE Academy",
        "https://example.org/a",
    )
    assert programme[["organisers", "url"]].isna().all()
    assert plan.editions[["edition_id", "name", "source_url"]].iloc[0].tolist() == [
        "urban-sse-academy-2024",
        "Urban SSE Academy 2024",
        "https://example.org/a",
    ]
    assert_plan_matches_table_models(plan)


def test_without_any_programme_the_file_is_refused(make_plan):
    plan = make_plan("clean.csv", details=EditionDetails())
    assert [p.rule for p in plan.errors] == ["programme_required"]


def test_a_file_programme_that_disagrees_with_the_form_is_refused(make_plan):
    plan = make_plan(csv_bytes("programme,year,country", "Other thing,2024,KOR"))
    assert "programme_conflict" in rules_of(plan.errors)


def test_one_file_is_one_edition_so_several_years_are_refused(make_plan):
    plan = make_plan(csv_bytes("year,country", "2019,KOR", "2019,NPL", "2020,KOR"))
    problem = only(plan.errors, "several_editions")
    assert (problem.line, problem.column, problem.value) == (4, "year", "2020")


def test_several_edition_or_programme_values_are_refused_too(make_plan):
    plan = make_plan(csv_bytes("edition,year,country", "a,2019,KOR", "b,2019,KOR"))
    assert (only(plan.errors, "several_editions").column) == "edition"
    plan = make_plan(csv_bytes("programme,year,country", "a,2019,KOR", "b,2019,KOR"), details=EditionDetails())
    assert (only(plan.errors, "several_editions").column) == "programme"


def test_the_year_may_come_from_the_form_when_the_file_has_no_year_column(make_plan):
    plan = make_plan(
        csv_bytes("country,local_government", "KOR,Seoul"),
        details=EditionDetails(
            programme="gsef-shrdc",
            year=2025,
            host_country="Corée du Sud",
            format="hybrid",
            start_date="2025-06-01",
            reported_local_governments=12,
            notes="from the form",
        ),
    )
    assert plan.can_commit, plan.errors
    edition = plan.editions.iloc[0]
    assert (edition["edition_id"], edition["year"], edition["host_country_iso3"], edition["format"]) == (
        "gsef-shrdc-2025",
        2025,
        "KOR",
        "hybrid",
    )
    assert edition["reported_local_governments"] == 12


def test_without_a_year_anywhere_the_year_column_is_missing(make_plan):
    plan = make_plan(csv_bytes("country", "KOR"))
    assert rules_of(plan.errors) == {"missing_column"}


def test_a_file_year_that_disagrees_with_the_form_is_refused(make_plan):
    plan = make_plan(csv_bytes("year,country", "2019,KOR"), details=EditionDetails(programme="gsef-shrdc", year=2020))
    assert rules_of(plan.errors) == {"year_conflict"}


def test_the_edition_id_comes_from_the_file_then_the_form_then_programme_and_year(make_plan):
    from_file = make_plan(csv_bytes("edition,year,country", "Seoul Course 2019,2019,KOR"))
    assert from_file.editions["edition_id"].tolist() == ["seoul-course-2019"]
    from_form = make_plan(
        csv_bytes("year,country", "2019,KOR"), details=EditionDetails(programme="gsef-shrdc", edition_id="special-2019")
    )
    assert from_form.editions["edition_id"].tolist() == ["special-2019"]
    assert not from_form.replaces_existing_edition


def test_bad_form_details_are_refused_with_plain_reasons(make_plan):
    plan = make_plan(
        csv_bytes("year,country", "2019,KOR"),
        details=EditionDetails(
            programme="gsef-shrdc",
            host_country="Atlantis",
            format="by pigeon",
            start_date="1/6/2019",
            reported_participants=-1,
            source_url="not a link",
        ),
    )
    assert rules_of(plan.errors) == {"unknown_country", "bad_format", "bad_date", "must_be_positive", "bad_url"}


def test_a_row_source_url_wins_over_the_form_and_names_the_new_lg(make_plan):
    plan = make_plan(
        csv_bytes(
            "year,country,local_government,latitude,longitude,source_url",
            "2019,NPL,Tokha,27.7,85.3,https://example.org/list",
            "2019,NPL,Tokha,27.7,85.3,",
        ),
        details=EditionDetails(programme="gsef-shrdc", source_url="https://example.org/edition"),
    )
    assert plan.participation["source_url"].tolist() == ["https://example.org/list", "https://example.org/edition"]
    assert plan.local_governments["source_url"].tolist() == ["https://example.org/list"]
    assert plan.editions["source_url"].tolist() == ["https://example.org/edition"]


def test_a_plan_with_errors_has_empty_frames_but_every_problem(make_plan):
    plan = make_plan(csv_bytes(HEADER, "2019,Seoul,Atlantis,-3,,37.5,126.9", "2020,Tokha,NPL,x,,27.7,85.3"))
    assert not plan.can_commit
    assert [(p.line, p.rule) for p in plan.errors] == [
        (2, "must_be_positive"),
        (2, "unknown_country"),
        (3, "not_a_number"),
        (3, "several_editions"),
    ]
    assert plan.participation.empty and plan.local_governments.empty and plan.editions.empty


def test_formula_and_script_text_is_kept_as_plain_text(make_plan):
    plan = make_plan("formula_and_script.csv")
    assert plan.can_commit
    assert plan.participation["role"].tolist() == ['=HYPERLINK("http://x")', "<script>alert(1)</script>"]


def test_an_xlsx_upload_plans_like_a_csv(make_plan):
    plan = make_plan("clean.xlsx")
    assert plan.detected.kind == "xlsx"
    assert plan.participation["country_iso3"].tolist() == ["KOR", "NPL"]
    assert plan.editions["edition_id"].tolist() == ["gsef-shrdc-2023"]


# --- Reports, template, slugs --------------------------------------------------------------------------------------


def test_problems_frame_has_one_row_per_problem_with_fixed_columns():
    problems = [
        Problem(3, "participants", "-3", "must_be_positive", "bad", "error"),
        Problem(None, None, None, "empty_file", "empty", "error"),
    ]
    frame = ingest.problems_frame(problems)
    assert list(frame.columns) == ["line", "column", "value", "rule", "severity", "message", "how to fix"]
    assert frame["how to fix"].iloc[0].startswith("Write a count of 1 or more")
    assert frame["line"].tolist()[0] == 3 and pd.isna(frame["line"].iloc[1])
    assert list(ingest.problems_frame([]).columns) == list(frame.columns)


def test_problems_csv_neutralises_cells_that_a_spreadsheet_would_run(make_plan):
    problems = [
        Problem(2, "role", '=HYPERLINK("http://x")', "r", "+1 bad", "error"),
        Problem(3, "@col", "-3", "r", "plain", "warning"),
    ]
    rows = list(csv.reader(io.StringIO(ingest.problems_csv(problems).decode("utf-8-sig"))))
    assert rows[0] == ["line", "column", "value", "rule", "severity", "message", "how to fix"]
    assert rows[1][:6] == ["2", "role", '\'=HYPERLINK("http://x")', "r", "error", "'+1 bad"]
    assert rows[2][:6] == ["3", "'@col", "'-3", "r", "warning", "plain"]


def test_the_problems_csv_lists_errors_apart_from_warnings_each_with_how_to_fix_it():
    problems = [
        Problem(2, "gender", "x", "duplicate_row", "repeats", "warning"),
        Problem(3, "country", "Atlantis", "unknown_country", "unknown", "error"),
        Problem(None, None, None, "encoding", "cp1252", "info"),
        Problem(4, "participants", "-1", "must_be_positive", "negative", "error"),
    ]
    rows = list(csv.DictReader(io.StringIO(ingest.problems_csv(problems).decode("utf-8-sig"))))
    assert [r["severity"] for r in rows] == ["error", "error", "warning", "info"]
    assert [r["line"] for r in rows[:2]] == ["3", "4"]
    assert rows[0]["how to fix"].startswith("Write the country as an ISO code")


def test_the_template_has_the_contract_columns_and_two_marked_examples():
    template = ingest.template_frame()
    assert tuple(template.columns) == schema.UPLOAD_COLUMNS
    assert len(template) == 2
    assert template["local_government"].str.startswith("Example").all()
    parsed = ingest.parse_upload(template.to_csv(index=False).encode(), "template.csv")
    assert set(parsed.column_mapping.values()) == set(schema.UPLOAD_COLUMNS)
    assert not [p for p in parsed.problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("GSEF SHRDC 2019", "gsef-shrdc-2019"),
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("  --São Paulo--  ", "sao-paulo"),
        ("Montréal-la-Cluse", "montreal-la-cluse"),
    ],
)
def test_slugify_makes_ascii_hyphen_slugs(text, slug):
    assert ingest.slugify(text) == slug


def test_slugify_gives_non_latin_names_a_stable_valid_slug():
    import re

    slug = ingest.slugify("서울")
    assert re.fullmatch(schema.SLUG, slug) and slug == ingest.slugify("서울")


# --- Size ---------------------------------------------------------------------------------------------------------


def big_upload(rows: int = 100_000, lgs: int = 300) -> bytes:
    """rows rows over `lgs` distinct Nepalese LGs, all with coordinates inside Nepal."""
    lines = [HEADER]
    for i in range(rows):
        k = i % lgs
        lines.append(f"2019,Place {k},NPL,{1 + i % 4},official,{27.0 + (k % 30) * 0.05:.4f},{84.0 + k // 30 * 0.1:.4f}")
    return csv_bytes(*lines)


def test_a_100000_row_file_with_300_lgs_plans_every_row_and_each_lg_once(make_plan):
    # How long it takes is measured by `python -m bench ingest`, not asserted here.
    plan = make_plan(big_upload(), file_name="big.csv")
    assert plan.can_commit, plan.errors[:3]
    assert len(plan.participation) == 100_000 and len(plan.local_governments) == 300


# --- Hardening (issue 7): nothing dropped silently, bad input never raises ----------------------------------------


def test_an_unclosed_quote_refuses_the_plan_instead_of_storing_one_swallowing_row(make_plan):
    raw = (
        b'year,local_government,country,participants,role\n2030,Kampala,UGA,3,"mayor\n'
        b"2030,Bandung,IDN,2,official\n2030,Durban,ZAF,1,official\n"
    )
    plan = make_plan(raw)
    assert not plan.can_commit and plan.participation.empty
    problem = only(plan.errors, "multiline_field")
    assert (problem.line, problem.column) == (2, "role")


@pytest.mark.parametrize(
    "year, rule",
    [
        ("9" * 20, "year_range"),
        ("9" * 5000, "year_range"),
        ("-" + "9" * 40, "year_range"),
        ("inf", "not_a_number"),
        ("nan", "not_a_number"),
        ("1e400", "not_a_number"),
    ],
)
def test_a_huge_or_non_finite_year_is_a_named_problem(make_plan, year, rule):
    plan = make_plan(csv_bytes("year,country", f"{year},KOR"))
    problem = only(plan.errors, rule)
    assert (problem.line, problem.column) == (2, "year")


@pytest.mark.parametrize(
    "count, rule",
    [
        ("9" * 20, "too_large"),
        (str(2**63), "too_large"),
        ("9223372036854775807", "too_large"),
        ("100001", "too_large"),
        ("9" * 5000 + ".0", "too_large"),
        ("-" + "9" * 40, "must_be_positive"),
        ("1e400", "not_a_number"),
    ],
)
def test_a_participant_count_over_the_per_row_bound_is_too_large(make_plan, count, rule):
    plan = make_plan(csv_bytes("year,country,participants", f"2019,KOR,{count}"))
    problem = only(plan.errors, rule)
    assert (problem.line, problem.column) == (2, "participants")
    if rule == "too_large":
        assert "100,000" in problem.message


def test_a_count_at_the_per_row_bound_is_accepted(make_plan):
    plan = make_plan(csv_bytes("year,country,participants", "2019,KOR,100000"))
    assert plan.can_commit and plan.participation["participants"].tolist() == [100_000]


@pytest.mark.parametrize("field", ["reported_participants", "reported_countries", "reported_local_governments"])
def test_a_reported_figure_over_ten_million_is_too_large(make_plan, field):
    details = EditionDetails(programme="gsef-shrdc", **{field: 2**63})
    plan = make_plan(csv_bytes("year,country", "2019,KOR"), details=details)
    assert [p.rule for p in plan.errors] == ["too_large"]


def test_excel_unicode_text_is_planned_like_its_utf8_twin(make_plan):
    text = "year\tcountry\tparticipants\n2019\tKOR\t3\n2019\tSénégal\t2\n"
    plan = make_plan(text.encode("utf-16"))
    assert plan.can_commit, plan.errors
    assert plan.detected.encoding == "utf-16" and plan.participation["country_iso3"].tolist() == ["KOR", "SEN"]


def test_a_new_local_government_id_is_country_and_slug_and_skips_ids_taken():
    countries = SimpleNamespace(iso2=lambda iso3: {"SEN": "SN"}.get(iso3))
    assert ingest.new_lg_id("Saint-Louis", "SEN", countries, set()) == "sn-saint-louis"
    assert (
        ingest.new_lg_id("Saint-Louis", "SEN", countries, {"sn-saint-louis", "sn-saint-louis-2"}) == "sn-saint-louis-3"
    )
    assert ingest.new_lg_id("Somewhere", "XKX", countries, set()) == "xk-somewhere"  # no ISO2: the ISO3's start

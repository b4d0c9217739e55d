"""ssedash.upload.city_rows: one row of a cities file, checked cell by cell, becomes a record or names its problems."""

from __future__ import annotations

import pandas as pd

from ssedash.reference import CountryResolver
from ssedash.upload.city_rows import CityRow, city_record

COLUMNS = ("name", "country", "latitude", "longitude", "admin_level", "gsef_member", "source_url", "lg_id")
COUNTRIES = CountryResolver(
    pd.DataFrame(
        [
            {
                "iso3": "NPL",
                "iso2": "NP",
                "name_en": "Nepal",
                "name_fr": "Népal",
                "name_es": "Nepal",
                "gsef_region": "Asia-Pacific",
            },
        ]
    )
)


def row(line: int = 2, **cells: str) -> CityRow:
    values = {
        "name": "Tokha",
        "country": "Nepal",
        "latitude": "27.75",
        "longitude": "85.32",
        "admin_level": "city",
        "gsef_member": "yes",
        "source_url": "https://example.org/tokha",
        "lg_id": "",
        **cells,
    }
    position = {column: i for i, column in enumerate(COLUMNS)}
    written_of = {column: column.upper() for column in COLUMNS}  # as the file's header writes them
    return CityRow(line, [values[c] for c in COLUMNS], position, written_of)


def test_a_good_row_becomes_a_record_placed_by_the_analyst():
    record = city_record(row(), COUNTRIES, decimal_comma=False)
    assert record is not None
    assert (record["country_iso3"], record["latitude"], record["gsef_member"], record["coord_source"]) == (
        "NPL",
        27.75,
        True,
        "analyst",
    )
    assert record["line"] == 2 and record["lg_id"] == ""


def test_decimal_commas_are_read_only_when_the_file_uses_them():
    assert city_record(row(latitude="27,75", longitude="85,32"), COUNTRIES, decimal_comma=True)["latitude"] == 27.75
    checked = row(latitude="27,75", longitude="85,32")
    assert city_record(checked, COUNTRIES, decimal_comma=False) is None
    assert {p.column for p in checked.problems} == {"LATITUDE", "LONGITUDE"}


def test_every_bad_cell_is_named_with_the_files_own_column_and_the_row_gives_no_record():
    checked = row(line=7, country="Atlantis", gsef_member="maybe", source_url="example.org", lg_id="Not An Id")
    assert city_record(checked, COUNTRIES, decimal_comma=False) is None
    assert {(p.line, p.column, p.rule) for p in checked.problems} == {
        (7, "COUNTRY", "unknown_country"),
        (7, "GSEF_MEMBER", "not_a_boolean"),
        (7, "SOURCE_URL", "bad_url"),
        (7, "LG_ID", "bad_lg_id"),
    }
    assert checked.errors == 4


def test_a_row_without_coordinates_is_kept_with_a_warning_and_half_coordinates_are_an_error():
    unplaced = row(latitude="", longitude="")
    record = city_record(unplaced, COUNTRIES, decimal_comma=False)
    assert record is not None and record["coord_source"] is None and record["latitude"] is None
    assert [(p.rule, p.severity) for p in unplaced.problems] == [("no_coordinates", "warning")]
    half = row(longitude="")
    assert city_record(half, COUNTRIES, decimal_comma=False) is None
    assert [p.rule for p in half.problems] == ["coordinates_incomplete"]


def test_an_empty_membership_is_unknown_not_no():
    assert city_record(row(gsef_member=""), COUNTRIES, decimal_comma=False)["gsef_member"] is None
    assert city_record(row(gsef_member="Non"), COUNTRIES, decimal_comma=False)["gsef_member"] is False

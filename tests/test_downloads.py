"""Downloads: the readable participation table, CSV and XLSX bytes with formula cells neutralised, file names."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from ssedash import downloads, filters


@pytest.fixture
def view(bundled, reference):
    return filters.apply_filters(bundled, filters.Filters(year_from=2019, year_to=2019), reference.countries)


RISKY = pd.DataFrame(
    {
        "Local government": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "Tokha", None],
        "Participants": pd.array([1, 2, None, 4, 5, 6, 7], dtype="Int64"),
    }
)


def test_participation_table_has_readable_columns_and_names_each_row(view):
    table = downloads.participation_table(view)
    assert len(table) == len(view.participation) == 31
    assert {"Edition", "Local government", "Participants (unknown = empty)", "Country", "Year"} <= set(table.columns)
    assert "Tokha" in set(table["Local government"])
    assert table["Participants (unknown = empty)"].isna().all()  # unknown stays empty, never 0
    assert set(table["Format"]) == {"In person"}


def test_neutralise_formulas_prefixes_risky_cells_and_leaves_the_input_alone():
    before = RISKY.copy()
    out = downloads.neutralise_formulas(RISKY)
    assert out["Local government"].tolist()[:6] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "Tokha",
    ]
    assert pd.isna(out["Local government"].iloc[6])
    assert out["Participants"].tolist()[:2] == [1, 2]  # numbers are not text: untouched
    pd.testing.assert_frame_equal(RISKY, before)


def test_csv_bytes_are_utf8_with_bom_and_neutralised():
    text = downloads.to_csv_bytes(RISKY).decode("utf-8")
    assert text.startswith("\ufeffLocal government,Participants")
    assert "\n'+1,2\n" in text and "\n'-2,\n" in text


def test_xlsx_cells_are_strings_never_formulas():
    workbook = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx_bytes(RISKY)))
    cells = [cell for cell in workbook.active["A"][1:6]]
    assert [c.value for c in cells] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tx"]
    assert {c.data_type for c in cells} == {"s"}


def test_xlsx_refuses_more_rows_than_the_cap(monkeypatch):
    monkeypatch.setattr(downloads, "XLSX_MAX_ROWS", 3)
    with pytest.raises(ValueError, match="download the CSV"):
        downloads.to_xlsx_bytes(RISKY)


def test_csv_of_the_participation_table_round_trips(view):
    table = downloads.participation_table(view)
    back = pd.read_csv(io.BytesIO(downloads.to_csv_bytes(table)), encoding="utf-8-sig")
    assert back.shape == table.shape and list(back.columns) == list(table.columns)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (filters.Filters(), "ssedash-participation.csv"),
        (filters.Filters(year_from=2019, year_to=2019), "ssedash-participation-2019.csv"),
        (filters.Filters(year_from=2018), "ssedash-participation-2018-latest.csv"),
        (
            filters.Filters(programmes=("gsef-shrdc",), countries=("NPL",), regions=("Asia-Pacific",)),
            "ssedash-participation-gsef-shrdc-asia-pacific-npl.csv",
        ),
    ],
)
def test_download_filename_says_which_filters_made_it(chosen, expected):
    assert downloads.download_filename(chosen, "csv") == expected


def test_download_filename_stays_short_with_many_filters():
    chosen = filters.Filters(local_governments=tuple(f"lg-number-{i}" for i in range(50)))
    name = downloads.download_filename(chosen, "xlsx")
    assert len(name) <= 130 and name.endswith("-etc.xlsx")


def test_the_participation_tables_headers_and_format_names_are_in_the_readers_language(view, pseudo_french):
    table = downloads.participation_table(view)
    assert all(column.startswith("⟦") and column.endswith("⟧") for column in table.columns)
    assert set(table["⟦Format⟧"]) == {"⟦In person⟧"}
    assert "Tokha" in set(table["⟦Local government⟧"])  # names are data: as stored

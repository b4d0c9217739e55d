"""ssedash.records: the guarded reader names every odd input as a problem, never drops a row, never raises."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from ssedash import limits, records
from ssedash.records import xlsx_file

SWALLOWING = (
    b'year,local_government,country,participants,role\n2030,Kampala,UGA,3,"mayor\n'
    b"2030,Bandung,IDN,2,official\n2030,Durban,ZAF,1,official\n"
)  # the printf file of issue 7


def rules(read: records.Records) -> list[str]:
    return [p.rule for p in read.problems]


def only(read: records.Records, rule: str):
    found = [p for p in read.problems if p.rule == rule]
    assert len(found) == 1, read.problems
    return found[0]


def sheet(rows: list[list[object]], *, write_only: bool = False) -> bytes:
    """A workbook; write-only mode writes no <dimension> tag, like some other generators."""
    book = openpyxl.Workbook(write_only=write_only)
    target = book.create_sheet() if write_only else book.active
    for row in rows:
        target.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Quotes that swallow rows ------------------------------------------------------------------------------------


def test_an_unclosed_quote_that_swallows_the_rest_of_the_file_is_an_error_on_its_line_and_column():
    read = records.read_records(SWALLOWING)
    problem = only(read, "multiline_field")
    assert (problem.line, problem.column, problem.severity) == (2, "role", "error")
    assert problem.value.startswith("mayor\n2030,Bandung")
    assert "closing quote" in problem.message and "3 lines" in problem.message


def test_a_quote_closed_later_in_the_file_still_shows_the_swallowed_rows():
    raw = b'year,country,role\n2019,KOR,"mayor\n2019,NPL,official\n2019,JPN,"chair"\n2019,UGA,x\n'
    assert "multiline_field" in rules(records.read_records(raw))


def test_a_lone_multiline_cell_among_single_line_rows_is_refused():
    raw = b'year,country,role\n2019,KOR,"mayor\nand chair"\n2019,NPL,a\n2019,JPN,b\n'
    assert only(records.read_records(raw), "multiline_field").line == 2


def test_line_breaks_inside_cells_are_accepted_when_they_are_the_files_habit():
    raw = b'year,country,address\n2019,KOR,"1 Main St\nSeoul"\n2019,NPL,"2 High St\nKathmandu"\n'
    read = records.read_records(raw)
    assert read.problems == ()
    assert [line for line, _ in read.rows] == [2, 4]


# --- Field counts --------------------------------------------------------------------------------------------------


def test_a_row_with_fewer_cells_than_the_header_is_an_error_naming_the_first_missing_column():
    read = records.read_records(b"year,country,participants\n2019,KOR,3\n2019,KOR\n")
    problem = only(read, "field_count")
    assert (problem.line, problem.column, problem.severity) == (3, "participants", "error")
    assert "2 cells but the header has 3" in problem.message


def test_trailing_empty_cells_and_a_trailing_empty_header_cell_are_not_field_count_problems():
    read = records.read_records(b"year,country,\n2019,KOR,\n2019,NPL,,,\n2019,JPN\n")
    assert read.problems == ()


def test_a_filled_cell_beyond_the_header_is_too_many_cells_with_its_position():
    problem = only(records.read_records(b"year,country\n2019,KOR,extra\n"), "too_many_cells")
    assert (problem.line, problem.column, problem.value) == (2, "(column 3)", "extra")


def test_an_xlsx_row_shorter_than_the_header_is_not_a_field_count_problem():
    read = records.read_records(sheet([["year", "country", "role"], [2019, "KOR"]]))
    assert read.problems == () and read.rows == ((2, ["2019", "KOR"]),)


# --- Cells ---------------------------------------------------------------------------------------------------------


def test_a_cell_over_the_limit_is_cell_too_long_with_its_value_cut_for_display():
    raw = b"year,country,role\n2019,KOR," + b"x" * (limits.MAX_CELL_CHARS + 1) + b"\n"
    problem = only(records.read_records(raw), "cell_too_long")
    assert (problem.line, problem.column) == (2, "role")
    assert len(problem.value) <= 60 and f"{limits.MAX_CELL_CHARS + 1:,}" in problem.message


def test_a_cell_at_the_limit_is_read_whole():
    raw = b"year,country,role\n2019,KOR," + b"x" * limits.MAX_CELL_CHARS + b"\n"
    read = records.read_records(raw)
    assert read.problems == () and len(read.rows[0][1][2]) == limits.MAX_CELL_CHARS


def test_a_nul_byte_in_a_cell_is_named_with_line_and_column():
    problem = only(records.read_records(b"year,country\n2019,KOR\n2019,UG\x00A\n"), "nul_byte")
    assert (problem.line, problem.column, problem.value) == (3, "country", "UG\\0A")


def test_mostly_nul_bytes_are_a_binary_file():
    read = records.read_records(b"\x00\x01\x02binary" * 50)
    assert read.refusal.rule == "binary_file"


# --- Encodings -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_excel_unicode_text_with_a_bom_is_read_as_utf16_tab_separated(encoding):
    text = "year\tcountry\tlocal_government\n2019\tSN\tThiès\n"
    raw = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = ("\ufeff" + text).encode(encoding)
    read = records.read_records(raw)
    assert read.refusal is None and read.problems == ()
    assert (read.encoding, read.delimiter) == ("utf-32" if encoding == "utf-32" else "utf-16", "\t")
    assert read.rows == ((2, ["2019", "SN", "Thiès"]),)


def test_a_utf16_bom_on_bytes_that_are_not_utf16_is_a_named_refusal():
    read = records.read_records(b"\xff\xfey\x00e\x00\x00\xd8")  # a lone surrogate
    assert read.refusal.rule == "bad_encoding" and "UTF-16" in read.refusal.message


# --- XLSX ----------------------------------------------------------------------------------------------------------


def test_xlsx_cells_read_as_text_like_pandas_did():
    read = records.read_records(sheet([["year", "participants", "latitude", "ok"], [2019.0, 3, 37.5665, True]]))
    assert read.rows == ((2, ["2019", "3", "37.5665", "True"]),)


def _with_garbage_after_row(raw: bytes, row: int) -> bytes:
    """The workbook with its sheet XML broken after `row`: reading past that row raises."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'(<row r="%d".*?</row>)' % (row + 1), rb"\1<broken", data, count=1, flags=re.S)
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("write_only", [False, True], ids=["with dimension", "without dimension"])
def test_an_xlsx_over_the_row_cap_is_refused_as_soon_as_it_passes_it_without_reading_the_rest(write_only):
    raw = sheet([["year", "country"], *[[2019, "KOR"]] * 200], write_only=write_only)
    broken = _with_garbage_after_row(raw, 60)
    assert records.read_records(broken, row_cap=500).refusal.rule == "unreadable_xlsx"  # reading it all fails
    read = records.read_records(broken, row_cap=50)
    assert read.refusal.rule == "row_cap" and read.refusal.value == ">50"
    assert "more than 50 data rows" in read.refusal.message and read.rows == ()


def test_an_xlsx_at_the_row_cap_is_read():
    read = records.read_records(sheet([["year", "country"], *[[2019, "KOR"]] * 50]), row_cap=50)
    assert read.refusal is None and len(read.rows) == 50


def test_a_non_finite_number_in_a_crafted_sheet_is_text_for_the_checks():
    assert xlsx_file.cell_text(type("Cell", (), {"value": float("inf"), "data_type": "n"})()) == "inf"
    assert xlsx_file.cell_text(type("Cell", (), {"value": "#N/A", "data_type": "e"})()) == ""


def test_a_cell_that_ends_with_a_line_break_is_refused_even_where_line_breaks_are_the_habit():
    raw = b'year,country,address\n2019,KOR,"1 Main St\nSeoul"\n2019,NPL,"2 High St\nKathmandu"\n2019,JPN,"Tokyo\n"\n'
    problem = only(records.read_records(raw), "multiline_field")
    assert (problem.line, problem.column, problem.value) == (6, "address", "Tokyo")

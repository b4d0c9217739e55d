"""The problem report as XLSX: the file's rows with the problem cells filled and commented, one sheet per severity."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ssedash.problems import Problem
from ssedash.upload.report_xlsx import FILLS, report_xlsx

RAW = b'year,country,participants,Name\n2019,Atlantis,3,Jane Secret\n2019,KOR,-1,=HYPERLINK("http://x")\n'
PROBLEMS = [
    Problem(2, "country", "Atlantis", "unknown_country", "'Atlantis' is not a country we know.", "error"),
    Problem(3, "participants", "-1", "must_be_positive", "'-1' is not a valid participant count.", "error"),
    Problem(3, None, None, "duplicate_row", "Line 3 repeats line 2 exactly.", "warning"),
    Problem(1, "Name", None, "pii_dropped", "Column 'Name' holds personal data.", "info"),
    Problem(None, None, None, "encoding", "The file is not UTF-8.", "info"),
]


def workbook(raw: bytes = RAW, problems=PROBLEMS, **options):
    return load_workbook(io.BytesIO(report_xlsx(raw, problems, **options)))


def fill(cell) -> str | None:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None


def test_the_workbook_has_the_file_then_errors_warnings_and_notices_apart():
    assert workbook().sheetnames == ["File", "Errors", "Warnings", "Notices"]


def test_the_file_sheet_holds_the_rows_as_read_after_their_file_line():
    rows = [[c.value for c in row] for row in workbook()["File"].iter_rows()]
    assert rows[0] == ["line", "year", "country", "participants", "Name"]
    assert rows[1][:4] == [2, "2019", "Atlantis", "3"]


def test_an_error_cell_is_filled_red_and_its_comment_says_what_and_how_to_fix():
    sheet = workbook()["File"]
    assert fill(sheet["C2"]) == FILLS["error"] and fill(sheet["D3"]) == FILLS["error"]
    comment = sheet["C2"].comment.text
    assert (
        "'Atlantis' is not a country we know." in comment and "How to fix: Write the country as an ISO code" in comment
    )


def test_cells_without_a_problem_are_left_plain():
    sheet = workbook()["File"]
    assert fill(sheet["B2"]) is None and sheet["B2"].comment is None and fill(sheet["D2"]) is None


def test_a_row_problem_marks_the_line_cell_with_the_warning_fill():
    sheet = workbook()["File"]
    assert fill(sheet["A3"]) == FILLS["warning"] and "repeats line 2" in sheet["A3"].comment.text
    assert fill(sheet["A2"]) is None


def test_a_column_problem_marks_the_header_cell():
    sheet = workbook()["File"]
    assert fill(sheet["E1"]) == FILLS["info"] and "personal data" in sheet["E1"].comment.text


def test_personal_data_columns_are_not_copied_into_the_report():
    book = workbook(leave_out=["Name"])
    values = [c.value for row in book["File"].iter_rows() for c in row]
    assert "Jane Secret" not in values and "(personal data, not shown)" in values


def test_a_formula_cell_stays_text():
    cell = workbook()["File"]["E3"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_each_severity_sheet_lists_its_problems_with_how_to_fix_them():
    book = workbook()
    errors = [[c.value for c in row] for row in book["Errors"].iter_rows()]
    assert errors[0][-1] == "how to fix" and [r[3] for r in errors[1:]] == ["unknown_country", "must_be_positive"]
    assert errors[2][-1].startswith("Write a count of 1 or more")
    assert [r[3].value for r in list(book["Warnings"].iter_rows())[1:]] == ["duplicate_row"]
    assert [r[3].value for r in list(book["Notices"].iter_rows())[1:]] == ["pii_dropped", "encoding"]


def test_a_file_that_cannot_be_read_still_gives_the_problem_sheets():
    book = workbook(b"", [Problem(None, None, None, "empty_file", "The file is empty.", "error")])
    assert [[c.value for c in row] for row in book["File"].iter_rows()] == [["line"]]
    assert list(book["Errors"].iter_rows())[1][3].value == "empty_file"


def test_a_problem_about_an_unnamed_column_marks_that_column():
    raw = b"year,country,\n2019,KOR,stray\n"
    problems = [
        Problem(2, "(unnamed column 3)", "stray", "too_many_cells", "An extra cell.", "error"),
        Problem(2, "(column 3)", "stray", "too_many_cells", "An extra cell.", "error"),
    ]
    sheet = workbook(raw, problems)["File"]
    assert fill(sheet["D2"]) == FILLS["error"] and sheet["D2"].comment.text.count("An extra cell.") == 2
    assert fill(sheet["A2"]) is None

"""The problem report as an XLSX workbook (`report_xlsx`): bytes in, bytes out, nothing written anywhere.

Sheet "File": the file's rows as read (`ssedash.records.read_records`), its file line first, every cell as text.
A cell with a problem is filled (errors red, warnings amber, notices blue) and carries the problems' messages and
how to fix them as a comment; a problem about a whole row (no column, or a column the file does not have) marks
the row's line cell; a problem about a column (on the header line) marks the header cell. Personal-data columns
(`leave_out`) are written empty: they are never stored or shown, not even back to the analyst.
Sheets "Errors", "Warnings" and "Notices": the problems of each severity apart, with how to fix each.

Cells are written as text, never as formulas: a cell that starts with "=" stays inert in Excel.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from ssedash.fixes import how_to_fix
from ssedash.i18n import N_, t
from ssedash.ingest.problems import PROBLEM_COLUMNS, SEVERITY_ORDER, by_severity
from ssedash.problems import ERROR, INFO, WARNING, Problem
from ssedash.records import Records, read_records
from ssedash.upload.shown import header as shown_header
from ssedash.upload.shown import severity_name, sheet_name

FILLS = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "DDEBF7"}  # light red, amber, light blue
SHEETS = {ERROR: N_("Errors"), WARNING: N_("Warnings"), INFO: N_("Notices")}
LEFT_OUT = N_("(personal data, not shown)")
_BOLD = Font(bold=True)


def _column_positions(header: list[str]) -> dict[str, int]:
    """Sheet column (1 = the line column) of each header as a problem names it: as written, stripped, or by its
    position for an unnamed one ("(column n)" from the reader, "(unnamed column n)" from the column matching)."""
    positions: dict[str, int] = {}
    for i, written in enumerate(header):
        for name in (written.strip(), t("(column {n})", n=i + 1), f"(column {i + 1})", f"(unnamed column {i + 1})"):
            positions.setdefault(name, i + 1)
    return positions


def _marks(problems: tuple[Problem, ...], positions: dict[str, int]) -> dict[tuple[int, int], list[Problem]]:
    """(file line, sheet column) -> the problems shown on that cell."""
    marks: dict[tuple[int, int], list[Problem]] = {}
    for problem in problems:
        if problem.line is not None:
            column = positions.get((problem.column or "").strip(), 0)
            marks.setdefault((problem.line, column), []).append(problem)
    return marks


def _cell(sheet, value, problems: list[Problem] | None = None, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if bold:
        cell.font = _BOLD
    if problems:
        worst = min((p.severity for p in problems), key=SEVERITY_ORDER.index)
        cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])
        text = "\n\n".join(
            t(
                "{severity} ({rule}): {message}\nHow to fix: {fix}",
                severity=severity_name(p.severity),
                rule=p.rule,
                message=p.message,
                fix=how_to_fix(p.rule),
            )
            for p in problems
        )
        cell.comment = Comment(text[:30_000], "ssedash", width=360, height=160)
    return cell


def _file_sheet(book: Workbook, records: Records, problems: tuple[Problem, ...], leave_out: set[str]) -> None:
    sheet = book.create_sheet(sheet_name(t("File")))
    header = list(records.header or [])
    marks = _marks(problems, _column_positions(header))
    hidden = {i for i, written in enumerate(header) if written.strip() in leave_out}
    line = records.header_line
    sheet.append(
        [
            _cell(sheet, shown_header("line"), marks.get((line, 0)), bold=True),
            *(_cell(sheet, written, marks.get((line, i + 1)), bold=True) for i, written in enumerate(header)),
        ]
    )
    for line, cells in records.rows:
        row = [_cell(sheet, line, marks.get((line, 0)))]
        for i, value in enumerate(cells):
            shown = t(LEFT_OUT) if i in hidden and value else value
            row.append(
                _cell(sheet, shown or None, marks.get((line, i + 1)))
                if (line, i + 1) in marks
                else _plain(sheet, shown)
            )
        sheet.append(row)


def _plain(sheet, value: str) -> str | WriteOnlyCell | None:
    """A cell without a problem: the value as is (fast), or a text cell when it would read as a formula."""
    if not value:
        return None
    return _cell(sheet, value) if value.startswith("=") else value


def _problem_sheet(book: Workbook, severity, problems: list[Problem]) -> None:
    sheet = book.create_sheet(sheet_name(t(SHEETS[severity])))
    sheet.append([_cell(sheet, shown_header(name), bold=True) for name in PROBLEM_COLUMNS])
    for p in problems:
        values = (p.line, p.column, p.value, p.rule, severity_name(p.severity), p.message, how_to_fix(p.rule))
        sheet.append([_cell(sheet, value) for value in values])


def report_xlsx(
    raw: bytes, problems: Iterable[Problem], *, leave_out: Iterable[str] = (), row_cap: int = 200_000
) -> bytes:
    """The report workbook of a file and its problems: the file with its problem cells marked, then one sheet per
    severity. `leave_out`: headers (as written) whose cells are not copied (personal data)."""
    problems = by_severity(problems)
    book = Workbook(write_only=True)
    _file_sheet(book, read_records(raw, row_cap), problems, {c.strip() for c in leave_out})
    for severity in SEVERITY_ORDER:
        _problem_sheet(book, severity, [p for p in problems if p.severity == severity])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

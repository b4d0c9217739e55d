"""Upload bytes to records, guarded: the one reader behind edition files, cities files and corrected copies.

`read_records(raw, row_cap)` decodes the bytes (UTF-8 with or without BOM; UTF-16 or UTF-32 with a BOM, as
Excel's "Unicode text" saves; else Windows-1252), honours Excel's `sep=` first line or sniffs the delimiter, and
reads a CSV with the csv module (so file lines stay exact) or the first sheet of an XLSX streamed (openpyxl
read-only). It stops an XLSX as soon as its data rows pass `row_cap`. It never raises on bad input: what stops
the reading is `Records.refusal`, and what is wrong with a row is in `Records.problems`, each with line, column,
value (cut for display), rule and how to fix it:

- multiline_field: a quoted cell runs over several lines and that looks like a missing closing quote (it ends
  with a line break, a line inside it has as many cells as the header, or at least as many of the file's rows,
  header included, fit on one line): the rows it swallowed would otherwise be lost silently.
- field_count: a CSV row has fewer cells than the header (empty cells are fine, missing ones are not).
- too_many_cells: a row has filled cells beyond the header.
- cell_too_long: a cell over limits.MAX_CELL_CHARS characters.
- nul_byte: a NUL character in a cell.

Line numbers: the header is line 1 and a row's line is the file line where the row starts; for XLSX the line is
the sheet row.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from ssedash import limits
from ssedash.i18n import t
from ssedash.problems import ERROR, Problem, show

DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Cells are measured by our own rule (cell_too_long, with line and column), so the csv module's own limit,
# which raises mid-file without saying where, is lifted once for the process.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass(frozen=True)
class Records:
    kind: str  # "csv" | "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    header: list[str] | None = None  # as written (not stripped); None when the file has no non-empty line
    header_line: int = 1
    rows: tuple = ()  # (line, cells stripped) per non-empty data row, in file order
    problems: tuple[Problem, ...] = ()  # row-level problems (errors here refuse the file)
    refusal: Problem | None = None  # what stopped the reading (no rows then)
    sep_hint: bool = False  # the file starts with Excel's "sep=X" line


def _refused(kind: str, rule: str, message: str, value: str | None = None, **detected) -> Records:
    return Records(kind=kind, refusal=Problem(None, None, value, rule, message, ERROR), **detected)


def is_xlsx(raw: bytes) -> bool:
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return any(n.startswith("xl/") for n in archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that splits the header line most often (outside quotes); comma on a tie or none."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def decode_text(raw: bytes) -> tuple[str | None, str | None]:
    """(text, encoding): a BOM says UTF-16/32; else UTF-8 (with or without BOM), else Windows-1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                return None, encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t")
    return control / len(sample) > 0.05


def _label(header: list[str], position: int) -> str:
    written = header[position].strip() if position < len(header) else ""
    return written or t("(column {n})", n=position + 1)


# --- CSV -----------------------------------------------------------------------------------------------------------


def _multiline_problems(header, rows, spans, delimiter) -> list[Problem]:
    """A quoted cell over several lines that looks like a missing closing quote (see the module docstring).
    `spans` holds, per row, the number of file lines it covers and, when over one, its cells as read (unstripped)."""
    multiline = [(line, cells, span) for (line, _), (span, cells) in zip(rows, spans) if span > 1]
    if not multiline:
        return []
    width = len(header)
    unusual = len(multiline) <= len(rows) - len(multiline) + 1  # not most of the rows (header included)
    found = []
    for line, cells, span in multiline:
        position = next((i for i, c in enumerate(cells) if LINE_BREAK.search(c)), None)
        if position is None:  # not expected: a record over several lines has a line break in a cell
            continue
        cell = cells[position]
        inner = LINE_BREAK.split(cell)[1:]
        swallowed = width > 1 and any(part.count(delimiter) >= width - 1 for part in inner)
        if unusual or swallowed or cell.endswith(("\n", "\r")):
            found.append(Problem(
                line, _label(header, position), show(cell.strip()), "multiline_field",
                t("The cell in column '{column}' starting on line {line} runs over {n} lines, unlike the file's "
                  "other rows: a closing quote (\") is probably missing, so the lines after it were read into "
                  "this cell. Add the missing quote, or remove the line breaks inside the cell.",
                  column=_label(header, position), line=line, n=span), ERROR))
    return found


def _width_problems(header, rows, delimiter, kind) -> list[Problem]:
    """field_count (CSV: fewer cells than the header) and too_many_cells (filled cells beyond the header)."""
    named = [h.strip() for h in header]
    while named and not named[-1]:
        named.pop()
    width, full, found = len(named), len(header), []
    for line, cells in rows:
        if len(cells) == full:  # the usual row: nothing to check
            continue
        if kind == "csv" and len(cells) < width:
            found.append(Problem(
                line, _label(header, len(cells)), None, "field_count",
                t("Line {line} has {n} cells but the header has {width}: a delimiter ('{d}') is missing, or a "
                  "cell that holds it is not quoted. Give every row as many cells as the header (empty cells are "
                  "fine).", line=line, n=len(cells), width=width, d=delimiter), ERROR))
        extra = next((i for i in range(full, len(cells)) if cells[i]), None)
        if extra is not None:
            found.append(Problem(
                line, _label(header, extra), show(cells[extra]), "too_many_cells",
                t("Line {line} has {n} cells but the header has {width}: check the delimiter and the quotes "
                  "around cells that contain it.", line=line, n=len(cells), width=width), ERROR))
    return found


def _read_csv(text: str, delimiter: str, row_cap: int):
    """(header, header_line, rows, spans, total data rows, problem or None) with the csv module; spans: per row,
    the file lines it covers and, when over one, its cells unstripped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    header, header_line, rows, spans, count, previous_end = None, 1, [], [], 0, 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if header is None:
                if record and any(c.strip() for c in record):
                    header, header_line = record, start
                continue
            cells = [c.strip() for c in record]
            if not any(cells):
                continue
            count += 1
            if count <= row_cap:
                rows.append((start, cells))
                span = previous_end - start + 1
                spans.append((span, record if span > 1 else None))
    except csv.Error as error:  # not expected with strict=False and no field limit; named all the same
        return header, header_line, rows, spans, count, Problem(
            previous_end + 1, None, None, "unreadable_csv",
            t("Line {line} could not be read as CSV ({detail}). Save the file again as CSV UTF-8.",
              line=previous_end + 1, detail=str(error)), ERROR)
    return header, header_line, rows, spans, count, None


def _row_cap_problem(total: str, row_cap: int) -> Problem:
    return Problem(None, None, total, "row_cap", t(
        "The file has {total} data rows; the limit is {cap:,} rows per upload. Split it into smaller files (one "
        "edition per file).", total=total, cap=row_cap), ERROR)


def _csv_records(raw: bytes, row_cap: int) -> Records:
    text, encoding = decode_text(raw)
    if text is None and encoding is not None:
        return _refused("csv", "bad_encoding", t(
            "The file starts with a {encoding} mark but is not valid {encoding}. Save it again as CSV UTF-8.",
            encoding=encoding.upper()), encoding=encoding)
    if text is None or looks_binary(text):
        return _refused("csv", "binary_file", t(
            "This file is not a text CSV (it contains binary data). Upload a CSV or .xlsx file."))
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first_line)
    if hint:  # Excel's "sep=;" first line
        delimiter = hint.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = sniff_delimiter(first_line)
    header, header_line, rows, spans, total, unreadable = _read_csv(text, delimiter, row_cap)
    detected: dict[str, Any] = {"encoding": encoding, "delimiter": delimiter, "sep_hint": bool(hint)}
    if unreadable is not None:
        return Records(kind="csv", refusal=unreadable, **detected)
    if total > row_cap:
        return Records(kind="csv", refusal=_row_cap_problem(f"{total:,}", row_cap), **detected)
    if hint:
        header_line += 1
        rows = [(line + 1, cells) for line, cells in rows]
    problems = []
    if header is not None:
        problems = [*_multiline_problems(header, rows, spans, delimiter),
                    *_width_problems(header, rows, delimiter, "csv"),
                    *_cell_problems(header, header_line, rows, may_be_long=len(text) > limits.MAX_CELL_CHARS,
                                    may_have_nul="\x00" in text)]
    return Records(kind="csv", header=header, header_line=header_line, rows=tuple(rows), problems=tuple(problems),
                   **detected)


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _cell_text(cell) -> str:
    """A sheet cell as text, as pandas' read_excel(dtype=str) gives it: whole numbers without '.0', errors empty."""
    value = getattr(cell, "value", None)
    if value is None or getattr(cell, "data_type", None) == "e":
        return ""
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return str(value)
    return str(value)


def _dimensions_from_the_head_only() -> None:
    """openpyxl's read-only sheet looks for <dimension> with end events, so a sheet without that tag (openpyxl's
    own write-only mode writes none) is parsed whole when the workbook opens, before its first row is read. The
    tag, when there is one, comes before <sheetData>: look only there. (We reset the dimensions anyway.) Applied
    once; skipped if openpyxl's internals are not the ones this was written for."""
    try:
        from openpyxl.worksheet import _read_only
        from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
        from openpyxl.worksheet.dimensions import SheetDimension
        from openpyxl.xml.functions import iterparse
    except ImportError:
        return
    if getattr(_read_only.ReadOnlyWorksheet._get_size, "head_only", False):
        return

    def _get_size(sheet) -> None:
        source = sheet._get_source()
        try:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    boundaries = SheetDimension.from_tree(element).boundaries
                    sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = boundaries
                    return
                if element.tag == DATA_TAG:
                    return
        finally:
            source.close()

    _get_size.head_only = True  # type: ignore[attr-defined]  # a marker: patched once per process
    _read_only.ReadOnlyWorksheet._get_size = _get_size


def _xlsx_records(raw: bytes, row_cap: int) -> Records:
    import openpyxl

    _dimensions_from_the_head_only()
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # a wrong <dimension> tag must not cut the sheet short
        header: list[str] | None = None
        header_line = 1
        rows: list[tuple[int, list[str]]] = []
        for position, row in enumerate(sheet.iter_rows(), start=1):
            cells = [_cell_text(c) for c in row]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header, header_line = cells, position
                continue
            if len(rows) == row_cap:  # refused as soon as the cap is passed: the rest is never read
                return _refused("xlsx", "row_cap", _row_cap_problem(f"more than {row_cap:,}", row_cap).message,
                                f">{row_cap}")
            rows.append((position, [c.strip() for c in cells]))
    finally:
        book.close()
    if header is not None:  # trailing empty header cells from formatting
        while header and not header[-1].strip():
            header.pop()
    problems = []
    if header is not None:
        problems = [*_width_problems(header, rows, None, "xlsx"),
                    *_cell_problems(header, header_line, rows, may_be_long=True, may_have_nul=True)]
    return Records(kind="xlsx", header=header, header_line=header_line, rows=tuple(rows), problems=tuple(problems))


# --- Cells and the entry point -------------------------------------------------------------------------------------


def _cell_problems(header, header_line, rows, *, may_be_long: bool, may_have_nul: bool) -> list[Problem]:
    """cell_too_long and nul_byte, header included (skipped when the whole text rules them out)."""
    if not (may_be_long or may_have_nul):
        return []
    found = []
    for line, cells in [(header_line, header), *rows]:
        for position, cell in enumerate(cells):
            if may_be_long and len(cell) > limits.MAX_CELL_CHARS:
                found.append(Problem(
                    line, _label(header, position), show(cell), "cell_too_long",
                    t("The cell holds {n:,} characters; the limit is {limit:,}. A closing quote may be missing, or "
                      "the cell holds a whole document: shorten it or remove it.", n=len(cell),
                      limit=limits.MAX_CELL_CHARS), ERROR))
            if may_have_nul and "\x00" in cell:
                found.append(Problem(
                    line, _label(header, position), show(cell.replace("\x00", "\\0")), "nul_byte",
                    t("The cell holds a NUL character (\\0), which is not text: the file is damaged or was saved "
                      "in another encoding. Save it again as CSV UTF-8."), ERROR))
    return found


def read_records(raw: bytes, row_cap: int = 200_000) -> Records:
    """Read an upload's bytes into a header and rows of text cells; see the module docstring. Never raises on
    bad input (a damaged workbook is an `unreadable_xlsx` refusal)."""
    if not raw.strip() or raw.strip() == codecs.BOM_UTF8:
        return _refused("csv", "empty_file", t("The file is empty: there is nothing to import."))
    if is_xlsx(raw):
        try:
            return _xlsx_records(raw, row_cap)
        except Exception as error:  # openpyxl raises many kinds on damaged workbooks
            return _refused("xlsx", "unreadable_xlsx", t(
                "The Excel file could not be read ({kind}). Save it again as .xlsx or as CSV.",
                kind=type(error).__name__))
    if raw.startswith(b"\xd0\xcf\x11\xe0") or raw.startswith(b"PK\x03\x04"):
        return _refused("csv", "unreadable_xlsx", t(
            "This looks like an old Excel (.xls) or other office file, not CSV or .xlsx. Save it as .xlsx or CSV "
            "(UTF-8) and upload it again."))
    return _csv_records(raw, row_cap)

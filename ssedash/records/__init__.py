"""Upload bytes to records, guarded: the one reader behind edition files, cities files and corrected copies.

`read_records(raw, row_cap)` (read.py) decodes the bytes (UTF-8 with or without BOM; UTF-16 or UTF-32 with a BOM,
as Excel's "Unicode text" saves; else Windows-1252), honours Excel's `sep=` first line or sniffs the delimiter
(sniff.py), and reads a CSV with the csv module so file lines stay exact (csv_file.py) or the first sheet of an
XLSX streamed with openpyxl read-only (xlsx_file.py). It stops an XLSX as soon as its data rows pass `row_cap`.
It never raises on bad input: what stops the reading is `Records.refusal` (result.py), and what is wrong with a
row is in `Records.problems` (row_problems.py), each with line, column, value (cut for display), rule and how to
fix it:

- multiline_field: a quoted cell runs over several lines and that looks like a missing closing quote (it ends
  with a line break, a line inside it has as many cells as the header, or at least as many of the file's rows,
  header included, fit on one line): the rows it swallowed would otherwise be lost silently.
- field_count: a CSV row has fewer cells than the header (empty cells are fine, missing ones are not).
- too_many_cells: a row has filled cells beyond the header.
- cell_too_long: a cell over limits.MAX_CELL_CHARS characters.
- nul_byte: a NUL character in a cell.

Line numbers: the header is line 1 and a row's line is the file line where the row starts; for XLSX the line is
the sheet row. The names below are the package's public surface: import them from `ssedash.records`.
"""

from ssedash.records.read import read_records
from ssedash.records.result import Records
from ssedash.records.row_problems import LINE_BREAK
from ssedash.records.sniff import DELIMITERS, decode_text, is_xlsx, looks_binary, sniff_delimiter

__all__ = [
    "DELIMITERS",
    "LINE_BREAK",
    "Records",
    "decode_text",
    "is_xlsx",
    "looks_binary",
    "read_records",
    "sniff_delimiter",
]

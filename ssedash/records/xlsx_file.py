"""An .xlsx upload: its first sheet streamed (openpyxl read-only), cells as text the way pandas would give them,
refused as soon as its data rows pass the row cap (the rest is never read)."""

from __future__ import annotations

import io
import math

from ssedash.records.result import Records
from ssedash.records.row_problems import cell_problems, row_cap_problem, width_problems


def cell_text(cell) -> str:
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


def xlsx_records(raw: bytes, row_cap: int) -> Records:
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
            cells = [cell_text(c) for c in row]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header, header_line = cells, position
                continue
            if len(rows) == row_cap:  # refused as soon as the cap is passed: the rest is never read
                return Records(kind="xlsx", refusal=row_cap_problem(None, row_cap))
            rows.append((position, [c.strip() for c in cells]))
    finally:
        book.close()
    if header is not None:  # trailing empty header cells from formatting
        while header and not header[-1].strip():
            header.pop()
    problems = []
    if header is not None:
        problems = [
            *width_problems(header, rows, None, "xlsx"),
            *cell_problems(header, header_line, rows, may_be_long=True, may_have_nul=True),
        ]
    return Records(kind="xlsx", header=header, header_line=header_line, rows=tuple(rows), problems=tuple(problems))

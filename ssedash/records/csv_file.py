"""A CSV upload read with the csv module, so file lines stay exact: decoded, Excel's `sep=` first line honoured or
the delimiter sniffed, refused at the row cap, every row problem named."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ssedash import limits
from ssedash.i18n import t
from ssedash.problems import ERROR, Problem
from ssedash.records.result import Records, refused
from ssedash.records.row_problems import cell_problems, multiline_problems, row_cap_problem, width_problems
from ssedash.records.sniff import decode_text, looks_binary, sniff_delimiter

# Cells are measured by our own rule (cell_too_long, with line and column), so the csv module's own limit,
# which raises mid-file without saying where, is lifted once for the process.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


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
        return (
            header,
            header_line,
            rows,
            spans,
            count,
            Problem(
                previous_end + 1,
                None,
                None,
                "unreadable_csv",
                t(
                    "Line {line} could not be read as CSV ({detail}). Save the file again as CSV UTF-8.",
                    line=previous_end + 1,
                    detail=str(error),
                ),
                ERROR,
            ),
        )
    return header, header_line, rows, spans, count, None


def csv_records(raw: bytes, row_cap: int) -> Records:
    text, encoding = decode_text(raw)
    if text is None and encoding is not None:
        return refused(
            "csv",
            "bad_encoding",
            t(
                "The file starts with a {encoding} mark but is not valid {encoding}. Save it again as CSV UTF-8.",
                encoding=encoding.upper(),
            ),
            encoding=encoding,
        )
    if text is None or looks_binary(text):
        return refused(
            "csv",
            "binary_file",
            t("This file is not a text CSV (it contains binary data). Upload a CSV or .xlsx file."),
        )
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
        return Records(kind="csv", refusal=row_cap_problem(total, row_cap), **detected)
    if hint:
        header_line += 1
        rows = [(line + 1, cells) for line, cells in rows]
    problems = []
    if header is not None:
        problems = [
            *multiline_problems(header, rows, spans, delimiter),
            *width_problems(header, rows, delimiter, "csv"),
            *cell_problems(
                header, header_line, rows, may_be_long=len(text) > limits.MAX_CELL_CHARS, may_have_nul="\x00" in text
            ),
        ]
    return Records(
        kind="csv", header=header, header_line=header_line, rows=tuple(rows), problems=tuple(problems), **detected
    )

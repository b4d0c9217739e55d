"""A file's records written back as CSV text, each row on its own file line again: the one writer behind every
corrected copy (places chosen for unknown local governments, cells fixed and rows dropped in the grid)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ssedash.records import LINE_BREAK, Records


def _write_csv(records: Iterable[list[str]], delimiter: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for record in records:
        writer.writerow(record)
    return out.getvalue().encode("utf-8")


def _records_to_lines(read: Records, header: list[str], rows: Iterable[tuple[int, list[str]]]) -> list[list[str]]:
    """Records back in file order, with empty records so each row lands on its own file line again."""
    out: list[list[str]] = []
    physical = 1 if read.sep_hint else 0  # lines written so far (the sep= line is written apart)
    for line, cells in [(read.header_line, header), *rows]:
        out.extend([] for _ in range(max(0, line - 1 - physical)))
        physical = max(physical, line - 1)
        out.append(cells)
        physical += 1 + sum(len(LINE_BREAK.findall(c)) for c in cells)
    return out


def write_copy(read: Records, header: list[str], rows: Iterable[tuple[int, list[str]]]) -> bytes:
    """`header` and `rows` ((file line, cells), in file order; a row left out leaves an empty line) as UTF-8 CSV
    with the file's own delimiter (and its Excel `sep=` line), every row on its file line again. An XLSX is
    written as CSV with its sheet rows as lines: a line break inside a cell becomes a space."""
    if read.kind == "xlsx":
        header = [LINE_BREAK.sub(" ", c) for c in header]
        rows = [(line, [LINE_BREAK.sub(" ", c) for c in cells]) for line, cells in rows]
    delimiter = read.delimiter or ","
    hint = f"sep={delimiter}\n".encode() if read.sep_hint else b""
    return hint + _write_csv(_records_to_lines(read, header, rows), delimiter)

"""Step 1: an upload's bytes -> text cells under canonical column names (`parse_upload`), with every problem met.

The bytes are read by the one guarded reader, `ssedash.records.read_records` (UTF-8, UTF-16 with a BOM, else
Windows-1252; Excel's `sep=` line or a sniffed delimiter; XLSX streamed up to the row cap). Here the headers
are matched to the upload contract (schema.UPLOAD_SYNONYMS), personal-data columns dropped
(schema.PII_SYNONYMS), and every row keeps its file line (header = 1; for XLSX the sheet row).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from ssedash import schema
from ssedash.bulk import few_collections
from ssedash.ingest.problems import MAX_PROBLEMS_PER_RULE, more_problems
from ssedash.ingest.shapes import ParsedUpload
from ssedash.problems import ERROR, INFO, WARNING, Problem
from ssedash.records import read_records
from ssedash.text import fold_header

_SYNONYM_INDEX: dict[str, str] = {
    fold_header(synonym): canonical
    for canonical, synonyms in schema.UPLOAD_SYNONYMS.items()
    for synonym in (canonical, *synonyms)
}
_PII_INDEX: frozenset[str] = frozenset(fold_header(s) for s in schema.PII_SYNONYMS)


def canonical_column(header: str) -> str | None:
    """The canonical upload column a header stands for, or None."""
    return _SYNONYM_INDEX.get(fold_header(header))


def is_pii_column(header: str) -> bool:
    return fold_header(header) in _PII_INDEX


def _refused(file_name, sha256, kind, problem, encoding=None, delimiter=None) -> ParsedUpload:
    return ParsedUpload(
        file_name=file_name, sha256=sha256, encoding=encoding, delimiter=delimiter, kind=kind,
        frame=pd.DataFrame({"line": pd.Series([], dtype="int64")}), column_mapping={}, dropped_pii=(),
        ignored_columns=(), problems=(problem,),
    )


@dataclass(frozen=True)
class _Columns:
    """What became of each header: kept (position, canonical), mapped, dropped as personal data, or ignored."""

    keep: list[tuple[int, str]] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _map_columns(header: list[str], header_line: int, rows) -> _Columns:
    found = _Columns()
    seen: dict[str, str] = {}
    for position, written in enumerate(header):
        canonical = canonical_column(written) if written else None
        if canonical is not None:
            if canonical in seen:
                found.problems.append(Problem(
                    header_line, written, written, "duplicate_header",
                    f"Columns '{seen[canonical]}' and '{written}' both mean '{canonical}': keep only one of them.",
                    ERROR))
                continue
            seen[canonical] = written
            found.mapping[written] = canonical
            found.keep.append((position, canonical))
        elif written and is_pii_column(written):
            found.dropped.append(written)
            found.problems.append(Problem(
                header_line, written, None, "pii_dropped",
                f"Column '{written}' holds personal data (names, e-mails, phone numbers): it was dropped and is "
                "not stored.", INFO))
        elif written or any(position < len(cells) and cells[position].strip() for _, cells in rows):
            label = written or f"(unnamed column {position + 1})"
            found.ignored.append(label)
            found.problems.append(Problem(
                header_line, label, None, "unknown_column",
                f"Column '{label}' is not part of the upload template and was ignored. Expected columns: "
                + ", ".join(schema.UPLOAD_COLUMNS) + ".", WARNING))
    return found


def _missing_columns(required: Iterable[str], columns: _Columns, header: list[str], header_line: int) -> list[Problem]:
    found = set(columns.mapping.values())
    return [Problem(
        header_line, None, None, "missing_column",
        f"The required column '{name}' is missing (accepted headers include "
        f"{', '.join(schema.UPLOAD_SYNONYMS[name][:4])}). Headers found: {', '.join(h for h in header if h) or 'none'}.",
        ERROR) for name in required if name not in found]


def _duplicate_rows(rows, width: int) -> list[Problem]:
    """Identical rows, compared on every cell as written (personal-data columns included, so two people who
    differ only by name are not called duplicates; their names still go nowhere). The report lists the first
    MAX_PROBLEMS_PER_RULE and counts the rest, so only those are written out: a file of 100,000 rows of few
    distinct values does not build a message per row."""
    problems = []
    first_seen: dict[tuple[str, ...], int] = {}
    repeats = 0
    for line, cells in rows:
        first = first_seen.setdefault(tuple(cells[:width]), line)
        if first != line:
            repeats += 1
            if repeats <= MAX_PROBLEMS_PER_RULE:
                problems.append(Problem(
                    line, None, None, "duplicate_row",
                    f"Line {line} repeats line {first} exactly. If they are two people with the same details, "
                    "this is fine; otherwise delete one.", WARNING))
    if repeats > MAX_PROBLEMS_PER_RULE:
        problems.append(more_problems("duplicate_row", None, repeats, WARNING))
    return problems


def _text_frame(rows, keep: list[tuple[int, str]]) -> pd.DataFrame:
    """The kept columns as text (None where a cell is empty or missing), after the file line. Built column by
    column from the rows transposed: a frame from a list of rows is ~4x slower on 100,000 rows."""
    width = max((p for p, _ in keep), default=-1) + 1
    padded = [cells if len(cells) >= width else [*cells, *[""] * (width - len(cells))] for _, cells in rows]
    transposed = list(zip(*padded)) if padded and width else []
    data = {name: [cell or None for cell in transposed[p]] if transposed else [None] * len(rows) for p, name in keep}
    frame = pd.DataFrame(data, columns=[c for _, c in keep], dtype=object)
    frame.insert(0, "line", pd.Series([line for line, _ in rows], dtype="int64"))
    return frame


@few_collections()
def parse_upload(
    raw: bytes, file_name: str, *, row_cap: int = 200_000, required: Iterable[str] = schema.UPLOAD_REQUIRED
) -> ParsedUpload:
    """Read an upload's bytes into text cells under canonical column names, with every problem found on the way.

    `required` defaults to the upload contract (year, country); build_import_plan drops `year` when the edition
    details give it.
    """
    sha256 = hashlib.sha256(raw).hexdigest()
    read = read_records(raw, row_cap)
    kind, encoding, delimiter = read.kind, read.encoding, read.delimiter
    if read.refusal is not None:
        return _refused(file_name, sha256, kind, read.refusal, encoding, delimiter)
    if read.header is None:
        return _refused(file_name, sha256, kind, Problem(
            None, None, None, "empty_file", "The file is empty: there is nothing to import.", ERROR),
            encoding, delimiter)
    problems: list[Problem] = []
    if encoding == "cp1252":
        problems.append(Problem(
            None, None, None, "encoding",
            "The file is not UTF-8; it was read as Windows-1252 (cp1252). Check accented names in the preview.",
            INFO))
    problems.extend(read.problems)  # multiline_field, field_count, too_many_cells, cell_too_long, nul_byte
    header = [h.strip() for h in read.header]
    columns = _map_columns(header, read.header_line, read.rows)
    problems += columns.problems
    problems += _missing_columns(required, columns, header, read.header_line)
    problems += _duplicate_rows(read.rows, len(header))
    if not read.rows:
        problems.append(Problem(None, None, None, "header_only", "The file has a header but no data rows.", ERROR))
    return ParsedUpload(
        file_name=file_name, sha256=sha256, encoding=encoding, delimiter=delimiter, kind=kind,
        frame=_text_frame(read.rows, columns.keep), column_mapping=columns.mapping,
        dropped_pii=tuple(columns.dropped), ignored_columns=tuple(columns.ignored), problems=tuple(problems),
    )

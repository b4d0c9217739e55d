"""Step 1: an upload's bytes -> text cells under canonical column names (`parse_upload`), with every problem met.

The bytes are read by the one guarded reader, `ssedash.records.read_records` (UTF-8, UTF-16 with a BOM, else
Windows-1252; Excel's `sep=` line or a sniffed delimiter; XLSX streamed up to the row cap). Here the headers
are matched to the upload contract (the analyst's choices, else schema.UPLOAD_SYNONYMS; see ingest.columns),
personal-data columns dropped (schema.PII_SYNONYMS), and every row keeps its file line (header = 1; for XLSX
the sheet row).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import pandas as pd

from ssedash import schema
from ssedash.bulk import few_collections
from ssedash.i18n import t
from ssedash.ingest.columns import NO_CHOICES, Columns, canonical_column, is_pii_column, match_columns
from ssedash.ingest.headers import accepted_headers
from ssedash.ingest.problems import MAX_PROBLEMS_PER_RULE, more_problems
from ssedash.ingest.shapes import ParsedUpload
from ssedash.problems import ERROR, INFO, WARNING, Problem
from ssedash.records import read_records

__all__ = ["canonical_column", "is_pii_column", "parse_upload"]


def _cp1252() -> Problem:
    """The notice that the file was read as Windows-1252 (built when shown, in the reader's language)."""
    return Problem(
        None,
        None,
        None,
        "encoding",
        t("The file is not UTF-8; it was read as Windows-1252 (cp1252). Check accented names in the preview."),
        INFO,
    )


def _refused(file_name, sha256, kind, problem, encoding=None, delimiter=None) -> ParsedUpload:
    return ParsedUpload(
        file_name=file_name,
        sha256=sha256,
        encoding=encoding,
        delimiter=delimiter,
        kind=kind,
        frame=pd.DataFrame({"line": pd.Series([], dtype="int64")}),
        column_mapping={},
        dropped_pii=(),
        ignored_columns=(),
        problems=(problem,),
    )


def _missing_columns(required: Iterable[str], columns: Columns, header: list[str], header_line: int) -> list[Problem]:
    """A required field no column feeds: its value is the field, so the CLI can name the --column to give."""
    found = set(columns.mapping.values())
    return [
        Problem(
            header_line,
            None,
            name,
            "missing_column",
            t(
                "The required column '{name}' is missing (accepted headers include {accepted}). Headers found: "
                "{found}. Rename a column, or map the one that holds it to '{name}'.",
                name=name,
                accepted=", ".join(accepted_headers(name)),
                found=", ".join(h for h in header if h) or t("none"),
            ),
            ERROR,
        )
        for name in required
        if name not in found
    ]


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
                problems.append(
                    Problem(
                        line,
                        None,
                        None,
                        "duplicate_row",
                        t(
                            "Line {line} repeats line {first} exactly. If they are two people with the same details, "
                            "this is fine; otherwise delete one.",
                            line=line,
                            first=first,
                        ),
                        WARNING,
                    )
                )
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
    raw: bytes,
    file_name: str,
    *,
    row_cap: int = 200_000,
    required: Iterable[str] = schema.UPLOAD_REQUIRED,
    columns: Mapping[str, str | None] = NO_CHOICES,
) -> ParsedUpload:
    """Read an upload's bytes into text cells under canonical column names, with every problem found on the way.

    `required` defaults to the upload contract (year, country); build_import_plan drops `year` when the edition
    details give it. `columns` are the analyst's choices, header as written -> upload field (schema.UPLOAD_COLUMNS)
    or None (not used); they override the header synonyms (see ssedash.ingest.columns).
    """
    sha256 = hashlib.sha256(raw).hexdigest()
    read = read_records(raw, row_cap)
    kind, encoding, delimiter = read.kind, read.encoding, read.delimiter
    if read.refusal is not None:
        return _refused(file_name, sha256, kind, read.refusal, encoding, delimiter)
    if read.header is None:
        return _refused(
            file_name,
            sha256,
            kind,
            Problem(None, None, None, "empty_file", t("The file is empty: there is nothing to import."), ERROR),
            encoding,
            delimiter,
        )
    problems: list[Problem] = [_cp1252()] if encoding == "cp1252" else []
    problems.extend(read.problems)  # multiline_field, field_count, too_many_cells, cell_too_long, nul_byte
    header = [h.strip() for h in read.header]
    matched = match_columns(header, read.header_line, read.rows, columns)
    problems += matched.problems
    problems += _missing_columns(required, matched, header, read.header_line)
    problems += _duplicate_rows(read.rows, len(header))
    if not read.rows:
        problems.append(Problem(None, None, None, "header_only", t("The file has a header but no data rows."), ERROR))
    return ParsedUpload(
        file_name=file_name,
        sha256=sha256,
        encoding=encoding,
        delimiter=delimiter,
        kind=kind,
        frame=_text_frame(read.rows, matched.keep),
        column_mapping=matched.mapping,
        dropped_pii=tuple(matched.dropped),
        ignored_columns=tuple(matched.ignored),
        problems=tuple(problems),
        columns=tuple(matched.matches),
    )

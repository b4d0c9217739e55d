"""Refused rows fixed in place: the rows to show in the grid (`refused_rows`), and the analyst's cell edits and
dropped rows written into a corrected copy of the file (`apply_fixes`), read by the one guarded reader and written
by the one writer (upload/rewrite.py), so every other row keeps its file line and the report still points at the
analyst's own file. An XLSX comes back as CSV. Values are kept as text, as the ingest keeps them: a cell that looks
like a formula stays plain text here and is neutralised where the project writes downloads (the problem report).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from ssedash.i18n import t, tn
from ssedash.ingest import is_pii_column
from ssedash.problems import ERROR, Problem
from ssedash.records import LINE_BREAK, Records, read_records
from ssedash.upload.rewrite import write_copy

GRID_ROWS = 500  # refused rows shown in the grid at most (the report lists every problem)


@dataclass(frozen=True)
class CellEdit:
    """The analyst's new value for one cell: the row's file line and its column's label (`column_labels`)."""

    line: int
    column: str
    value: str


@dataclass(frozen=True)
class DroppedRow:
    """A row the analyst leaves out of the corrected file, and why (a reason is required)."""

    line: int
    reason: str


@dataclass(frozen=True)
class Correction:
    """The corrected copy of a file, or why no copy was made (`refusals`: `raw` is then the file as uploaded)."""

    raw: bytes
    file_name: str
    original_sha256: str
    edits: tuple[CellEdit, ...] = ()
    dropped: tuple[DroppedRow, ...] = ()
    refusals: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.refusals

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass(frozen=True)
class RefusedRow:
    line: int
    cells: tuple[str, ...]  # as written, one per grid column
    messages: tuple[str, ...]  # the row's error messages, in report order
    columns: frozenset[str]  # the grid columns the errors point at


@dataclass(frozen=True)
class RefusedRows:
    """The rows with an error, for the grid (at most GRID_ROWS of them; `total` counts them all)."""

    columns: tuple[str, ...]  # grid column labels; personal-data columns are left out
    rows: tuple[RefusedRow, ...] = ()
    total: int = 0


def column_labels(header: Iterable[str]) -> tuple[str, ...]:
    """Each column's label: its header as written (stripped), or '(column N)' when empty or repeated."""
    labels: list[str] = []
    for position, written in enumerate(header, start=1):
        label = written.strip()
        labels.append(label if label and label not in labels else t("(column {n})", n=position))
    return tuple(labels)


def corrected_name(file_name: str) -> str:
    """`partners.xlsx` -> `partners-corrected.csv` (a corrected copy is always CSV)."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return f"{stem}-corrected.csv"


def _refusal(line: int | None, column: str | None, rule: str, message: str) -> Problem:
    return Problem(line, column, None, rule, message, ERROR)


def _edit_refusals(read: Records, labels: tuple[str, ...], edits, dropped) -> list[Problem]:
    lines = {line for line, _ in read.rows}
    found = [
        _refusal(
            e.line,
            None,
            "fix_unknown_line",
            t("Line {line} is not a data row of this file: nothing was changed.", line=e.line),
        )
        for e in (*edits, *dropped)
        if e.line not in lines
    ]
    found += [
        _refusal(
            e.line,
            e.column,
            "fix_unknown_column",
            t("The file has no column '{column}': nothing was changed.", column=e.column),
        )
        for e in edits
        if e.column not in labels
    ]
    found += [
        _refusal(
            d.line,
            None,
            "fix_drop_without_reason",
            t(
                "Say why line {line} is dropped (the reason goes into the import's note): nothing was changed.",
                line=d.line,
            ),
        )
        for d in dropped
        if not d.reason.strip()
    ]
    return found


def _fixed_rows(read: Records, labels: tuple[str, ...], edits, dropped) -> list[tuple[int, list[str]]]:
    position = {label: i for i, label in enumerate(labels)}
    by_line: dict[int, list[CellEdit]] = {}
    for edit in edits:
        by_line.setdefault(edit.line, []).append(edit)
    gone = {d.line for d in dropped}
    rows = []
    for line, cells in read.rows:
        if line in gone:
            continue
        if line in by_line:
            cells = list(cells) + [""] * max(0, len(labels) - len(cells))
            for edit in by_line[line]:  # a line break would move every later row off its file line
                cells[position[edit.column]] = LINE_BREAK.sub(" ", edit.value).strip()
        rows.append((line, list(cells)))
    return rows


def apply_fixes(
    raw: bytes, file_name: str, edits: Iterable[CellEdit], dropped: Iterable[DroppedRow], *, row_cap: int = 200_000
) -> Correction:
    """The file with the analyst's cell edits and without the dropped rows, as CSV (same headers as written,
    the file's delimiter; an XLSX gives a CSV). Every other row and cell stays as read, on its file line; a
    dropped row leaves an empty line. Refused, with `raw` unchanged, when an edit names a line that is not a data
    row or a column the file does not have, a drop has no reason, nothing was changed, or the file does not read.
    The frames and bytes given are never changed."""
    edits, dropped = tuple(edits), tuple(dropped)
    original = hashlib.sha256(raw).hexdigest()
    read = read_records(raw, row_cap)
    if read.refusal is not None or read.header is None:
        refusal = read.refusal or _refusal(None, None, "empty_file", t("The file has no header row to fix."))
        return Correction(raw, file_name, original, edits, dropped, (refusal,))
    if not edits and not dropped:
        return Correction(
            raw,
            file_name,
            original,
            refusals=(
                _refusal(
                    None,
                    None,
                    "fix_nothing",
                    t("Nothing was changed in the grid: correct a cell, or tick 'drop' and give a reason, first."),
                ),
            ),
        )
    labels = column_labels(read.header)
    refusals = _edit_refusals(read, labels, edits, dropped)
    if refusals:
        return Correction(raw, file_name, original, edits, dropped, tuple(refusals))
    header = [h.strip() for h in read.header]
    fixed = write_copy(read, header, _fixed_rows(read, labels, edits, dropped))
    return Correction(fixed, corrected_name(file_name), original, edits, dropped)


def correction_note(correction: Correction, original_name: str) -> str:
    """The import's note for a corrected file: where it came from, the cells edited and the rows dropped (why)."""
    parts = [
        t("Corrected on the Upload page from {name} (sha256 {sha})", name=original_name, sha=correction.original_sha256)
    ]
    if correction.edits:
        lines = sorted({e.line for e in correction.edits})
        parts.append(
            t(
                "{cells} on {lines}",
                cells=tn("{n:,} cell edited", "{n:,} cells edited", len(correction.edits)),
                lines=tn("line {lines}", "lines {lines}", len(lines), lines=", ".join(map(str, lines))),
            )
        )
    parts += [t("line {line} dropped: {reason}", line=d.line, reason=d.reason.strip()) for d in correction.dropped]
    return "; ".join(parts) + "."


def refused_rows(
    raw: bytes, problems: Iterable[Problem], *, row_cap: int = 200_000, limit: int = GRID_ROWS
) -> RefusedRows:
    """The data rows with an ERROR problem, by file line: their cells as written, their error messages and the
    columns the errors point at. Personal-data columns are not shown. Empty when the file does not read."""
    errors: dict[int, list[Problem]] = {}
    for problem in problems:
        if problem.severity == ERROR and problem.line is not None:
            errors.setdefault(problem.line, []).append(problem)
    read = read_records(raw, row_cap) if errors else Records(kind="csv")
    if read.refusal is not None or read.header is None:
        return RefusedRows(columns=())
    labels = column_labels(read.header)
    shown = [i for i, label in enumerate(labels) if not is_pii_column(label)]
    refused = [(line, cells) for line, cells in read.rows if line in errors]
    rows = tuple(
        RefusedRow(
            line,
            tuple(cells[i] if i < len(cells) else "" for i in shown),
            tuple(dict.fromkeys(p.message for p in errors[line])),
            frozenset(p.column for p in errors[line] if p.column in labels),
        )
        for line, cells in refused[:limit]
    )
    return RefusedRows(tuple(labels[i] for i in shown), rows, len(refused))

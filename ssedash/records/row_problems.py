"""What is wrong with rows once read, each a `Problem` with line, column, value, rule and how to fix it (the rules
are listed in the package docstring): multiline_field, field_count, too_many_cells, cell_too_long, nul_byte, and
the row_cap refusal."""

from __future__ import annotations

import re

from ssedash import limits
from ssedash.i18n import t, tn
from ssedash.problems import ERROR, Problem, show

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def label(header: list[str], position: int) -> str:
    """The column a problem names: the header cell as written, or "(column n)" where it is empty or missing."""
    written = header[position].strip() if position < len(header) else ""
    return written or t("(column {n})", n=position + 1)


def multiline_problems(header, rows, spans, delimiter) -> list[Problem]:
    """A quoted cell over several lines that looks like a missing closing quote (see the package docstring).
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
            found.append(
                Problem(
                    line,
                    label(header, position),
                    show(cell.strip()),
                    "multiline_field",
                    t(
                        "The cell in column '{column}' starting on line {line} runs over {n} lines, unlike the file's "
                        'other rows: a closing quote (") is probably missing, so the lines after it were read into '
                        "this cell. Add the missing quote, or remove the line breaks inside the cell.",
                        column=label(header, position),
                        line=line,
                        n=span,
                    ),
                    ERROR,
                )
            )
    return found


def width_problems(header, rows, delimiter, kind) -> list[Problem]:
    """field_count (CSV: fewer cells than the header) and too_many_cells (filled cells beyond the header)."""
    named = [h.strip() for h in header]
    while named and not named[-1]:
        named.pop()
    width, full, found = len(named), len(header), []
    for line, cells in rows:
        if len(cells) == full:  # the usual row: nothing to check
            continue
        if kind == "csv" and len(cells) < width:
            found.append(
                Problem(
                    line,
                    label(header, len(cells)),
                    None,
                    "field_count",
                    tn(
                        "Line {line} has {n} cell but the header has {width}: a delimiter ('{d}') is missing, or a "
                        "cell that holds it is not quoted. Give every row as many cells as the header (empty cells are "
                        "fine).",
                        "Line {line} has {n} cells but the header has {width}: a delimiter ('{d}') is missing, or a "
                        "cell that holds it is not quoted. Give every row as many cells as the header (empty cells are "
                        "fine).",
                        len(cells),
                        line=line,
                        width=width,
                        d=delimiter,
                    ),
                    ERROR,
                )
            )
        extra = next((i for i in range(full, len(cells)) if cells[i]), None)
        if extra is not None:
            found.append(
                Problem(
                    line,
                    label(header, extra),
                    show(cells[extra]),
                    "too_many_cells",
                    t(
                        "Line {line} has {n} cells but the header has {width}: check the delimiter and the quotes "
                        "around cells that contain it.",
                        line=line,
                        n=len(cells),
                        width=width,
                    ),
                    ERROR,
                )
            )
    return found


def cell_problems(header, header_line, rows, *, may_be_long: bool, may_have_nul: bool) -> list[Problem]:
    """cell_too_long and nul_byte, header included (skipped when the whole text rules them out)."""
    if not (may_be_long or may_have_nul):
        return []
    found = []
    for line, cells in [(header_line, header), *rows]:
        for position, cell in enumerate(cells):
            if may_be_long and len(cell) > limits.MAX_CELL_CHARS:
                found.append(
                    Problem(
                        line,
                        label(header, position),
                        show(cell),
                        "cell_too_long",
                        t(
                            "The cell holds {n:,} characters; the limit is {limit:,}. A closing quote may be missing, or "
                            "the cell holds a whole document: shorten it or remove it.",
                            n=len(cell),
                            limit=limits.MAX_CELL_CHARS,
                        ),
                        ERROR,
                    )
                )
            if may_have_nul and "\x00" in cell:
                found.append(
                    Problem(
                        line,
                        label(header, position),
                        show(cell.replace("\x00", "\\0")),
                        "nul_byte",
                        t(
                            "The cell holds a NUL character (\\0), which is not text: the file is damaged or was saved "
                            "in another encoding. Save it again as CSV UTF-8."
                        ),
                        ERROR,
                    )
                )
    return found


def row_cap_problem(total: int | None, row_cap: int) -> Problem:
    """The refusal of a file over the row cap; `total` None when the reading stopped at the cap (XLSX)."""
    if total is None:
        return Problem(
            None,
            None,
            f">{row_cap}",
            "row_cap",
            t(
                "The file has more than {cap:,} data rows; the limit is {cap:,} rows per upload. Split it into smaller "
                "files (one edition per file).",
                cap=row_cap,
            ),
            ERROR,
        )
    return Problem(
        None,
        None,
        f"{total:,}",
        "row_cap",
        t(
            "The file has {total:,} data rows; the limit is {cap:,} rows per upload. Split it into smaller files (one "
            "edition per file).",
            total=total,
            cap=row_cap,
        ),
        ERROR,
    )

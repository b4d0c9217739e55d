"""What a reading returns: `Records` (header, rows with their file lines, problems, or the refusal that stopped it)."""

from __future__ import annotations

from dataclasses import dataclass

from ssedash.problems import ERROR, Problem


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


def refused(kind: str, rule: str, message: str, value: str | None = None, **detected) -> Records:
    """Records with no rows: `rule` stopped the reading."""
    return Records(kind=kind, refusal=Problem(None, None, value, rule, message, ERROR), **detected)

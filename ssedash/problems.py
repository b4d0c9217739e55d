"""The one shape every check reports in: a `Problem` (file line, column, value, rule, message, severity).

A leaf module (it imports nothing of ours), so the readers in `ssedash.records` and the checks in
`ssedash.ingest` and `ssedash.upload` share it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a problem matters. A str enum: it prints, compares and sorts as 'error', 'warning', 'info'."""

    ERROR = "error"  # blocks the commit
    WARNING = "warning"  # shown, and must be accepted before a commit
    INFO = "info"  # a notice (encoding guessed, personal data dropped)


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Problem:
    line: int | None  # file line, header = 1, first data row = 2 (XLSX: sheet row)
    column: str | None  # the header as written in the file
    value: str | None
    rule: str  # short machine id, e.g. "unknown_country"
    message: str  # plain words for an analyst
    severity: Severity


class HasProblems:
    """Errors and warnings of anything that carries `problems` (an import plan, a cities plan)."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == WARNING)


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def show(value: object, limit: int = 60) -> str:
    """A value cut for display: at most `limit` characters, an ellipsis where it was cut."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

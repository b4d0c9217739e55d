"""The one shape every check reports in: a `Problem` (file line, column, value, rule, message, severity).

A leaf module (it imports nothing of ours), so the readers in `ssedash.records` and the checks in
`ssedash.ingest` and `ssedash.upload` share it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Problem:
    line: int | None  # file line, header = 1, first data row = 2 (XLSX: sheet row)
    column: str | None  # the header as written in the file
    value: str | None
    rule: str  # short machine id, e.g. "unknown_country"
    message: str  # plain words for an analyst
    severity: str  # "error" | "warning" | "info"


def show(value: object, limit: int = 60) -> str:
    """A value cut for display: at most `limit` characters, an ellipsis where it was cut."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Problems as the report shows them: capped per rule, as a table, as a CSV an analyst can open safely; errors
first, then warnings, then notices, each with how to fix it (ssedash.fixes).

`Problem` and the severities live in the leaf module ssedash.problems; they are re-exported here so the
upload pipeline has one place to import its report from.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ssedash.fixes import how_to_fix
from ssedash.i18n import N_, t
from ssedash.problems import ERROR, INFO, WARNING, HasProblems, Problem, Severity, has_errors, show
from ssedash.text import neutralise_formulas

__all__ = [
    "ERROR",
    "INFO",
    "MAX_PROBLEMS_PER_RULE",
    "PROBLEM_COLUMNS",
    "PROBLEM_HEADERS",
    "WARNING",
    "HasProblems",
    "Problem",
    "Severity",
    "by_severity",
    "cap_problems",
    "has_errors",
    "more_problems",
    "problem_headers",
    "problems_csv",
    "problems_frame",
    "show",
]

MAX_PROBLEMS_PER_RULE = 100  # per (rule, column); the rest are counted in one "more_problems" line
PROBLEM_COLUMNS = ("line", "column", "value", "rule", "severity", "message", "how to fix")
# The report's column headers as people read them (the CSV download); the frame keeps the codes above.
PROBLEM_HEADERS = {
    "line": N_("line"),
    "column": N_("column"),
    "value": N_("value"),
    "rule": N_("rule"),
    "severity": N_("severity"),
    "message": N_("message"),
    "how to fix": N_("how to fix"),
}
SEVERITY_ORDER = (ERROR, WARNING, INFO)


def more_problems(rule: str, column: str | None, n: int, severity: Severity) -> Problem:
    """The line that stands for the problems of a (rule, column) past the first MAX_PROBLEMS_PER_RULE."""
    return Problem(
        None,
        column,
        str(n),
        "more_problems",
        t(
            "{more:,} more '{rule}' problems in column '{column}' are not listed ({n:,} in all).",
            more=n - MAX_PROBLEMS_PER_RULE,
            rule=rule,
            column=column,
            n=n,
        )
        if column
        else t(
            "{more:,} more '{rule}' problems are not listed ({n:,} in all).",
            more=n - MAX_PROBLEMS_PER_RULE,
            rule=rule,
            n=n,
        ),
        severity,
    )


def cap_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """At most MAX_PROBLEMS_PER_RULE per (rule, column), plus one line counting the rest; sorted by line."""
    problems = list(problems)
    kept: list[Problem] = []
    counts: dict[tuple[str, str | None], int] = {}
    for p in problems:
        key = (p.rule, p.column)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= MAX_PROBLEMS_PER_RULE:
            kept.append(p)
    for (rule, column), n in counts.items():
        if n > MAX_PROBLEMS_PER_RULE:
            severity = next(p.severity for p in problems if p.rule == rule and p.column == column)
            kept.append(more_problems(rule, column, n, severity))
    kept.sort(key=lambda p: (p.line is not None, p.line or 0))
    return tuple(kept)


def by_severity(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Errors first, then warnings, then notices; in the order given within each."""
    return tuple(sorted(problems, key=lambda p: SEVERITY_ORDER.index(p.severity)))


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """One row per problem, in the order given, with how to fix it."""
    records = [
        {
            "line": p.line,
            "column": p.column,
            "value": p.value,
            "rule": p.rule,
            "severity": str(p.severity),
            "message": p.message,
            "how to fix": how_to_fix(p.rule),
        }
        for p in problems
    ]
    frame = pd.DataFrame(records, columns=list(PROBLEM_COLUMNS))
    frame["line"] = frame["line"].astype("Int64")
    return frame


def problem_headers() -> list[str]:
    """The report's column headers in the reader's language, in PROBLEM_COLUMNS order."""
    return [t(PROBLEM_HEADERS[column]) for column in PROBLEM_COLUMNS]


def problems_csv(problems: Iterable[Problem]) -> bytes:
    """The problems as UTF-8 CSV (with BOM so Excel reads accents), errors apart from warnings (errors first),
    formulas neutralised; headers in the reader's language, rule and severity codes as they are."""
    frame = neutralise_formulas(problems_frame(by_severity(problems)))
    frame.columns = problem_headers()
    return frame.to_csv(index=False).encode("utf-8-sig")

"""An edition file reviewed: read, validated, resolved and planned (`review_upload`), nothing written.

The analyst's choices for unknown LGs (`Resolution`) are written into a corrected copy of the file and the file
is planned again, so every check (coordinates outside the country included) runs on the chosen points.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from ssedash import ingest
from ssedash.i18n import N_, t
from ssedash.ingest import ERROR, INFO, WARNING, Detected, EditionDetails, ImportPlan, Problem
from ssedash.ingest.columns import NO_CHOICES
from ssedash.upload.edition import file_values, unexpected_problem
from ssedash.upload.resolve import Resolution, Unresolved, apply_resolutions, find_unresolved, mark_resolved

STAGE_LABELS = {  # the stages `progress` is called with, in order, and what the page says during each
    "read": N_("Reading the file"),
    "validate": N_("Checking every cell"),
    "resolve": N_("Looking up unknown local governments"),
    "plan": N_("Preparing the preview"),
}

Progress = Callable[[str, float], None]


def _no_progress(stage: str, fraction: float) -> None:
    return None


@dataclass(frozen=True)
class Summary:
    """Rows OK, and errors, warnings and notices counted by rule (what the report's summary shows)."""

    rows: int = 0
    rows_ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Review:
    plan: ImportPlan
    detected: Detected  # from the file as uploaded (before any resolution)
    file_values: dict  # programme / edition / year the file itself gives, when it gives exactly one
    unresolved: tuple[Unresolved, ...]
    resolutions: tuple[Resolution, ...]
    summary: Summary

    @property
    def can_commit(self) -> bool:
        return self.plan.can_commit


def summarise(problems: Iterable[Problem], rows: int) -> Summary:
    """Rows OK, and errors and warnings counted by rule."""
    problems = list(problems)
    error_lines = {p.line for p in problems if p.severity == ERROR and p.line is not None}
    file_errors = any(p.severity == ERROR and p.line is None for p in problems)
    return Summary(
        rows=rows,
        rows_ok=0 if file_errors else max(rows - len(error_lines), 0),
        errors=dict(Counter(p.rule for p in problems if p.severity == ERROR)),
        warnings=dict(Counter(p.rule for p in problems if p.severity == WARNING)),
        notes=dict(Counter(p.rule for p in problems if p.severity == INFO)),
    )


def review_upload(raw: bytes, file_name: str, **options) -> Review:
    """Read, validate, resolve and plan one edition file (nothing is written); see `_review_upload` for the
    options. An unexpected error becomes a refused review with one `unexpected_error` problem (a reference, no
    traceback), never an exception."""
    try:
        return _review_upload(raw, file_name, **options)
    except Exception as error:
        return _failed_review(raw, file_name, unexpected_problem(error, "upload.review_upload"))


def _failed_review(raw: bytes, file_name: str, problem: Problem) -> Review:
    sha256 = hashlib.sha256(raw).hexdigest()
    empty = ingest.empty_table
    plan = ImportPlan(
        file_name=file_name,
        sha256=sha256,
        programmes=empty("programme"),
        editions=empty("edition"),
        replaces_existing_edition=False,
        local_governments=empty("local_government"),
        participation=empty("participation"),
        problems=(problem,),
        detected=Detected(sha256=sha256),
    )
    return Review(
        plan=plan,
        detected=Detected(sha256=sha256),
        file_values={},
        unresolved=(),
        resolutions=(),
        summary=summarise(plan.problems, 0),
    )


def _review_upload(
    raw: bytes,
    file_name: str,
    *,
    details: EditionDetails,
    countries,
    gazetteer,
    shapes,
    tables: Mapping[str, pd.DataFrame],
    row_cap: int = 200_000,
    resolutions: Iterable[Resolution] = (),
    progress: Progress = _no_progress,
    columns: Mapping[str, str | None] = NO_CHOICES,
) -> Review:
    """`progress(stage, fraction)` is called as each of STAGE_LABELS starts, and with ("plan", 1.0) at the end.
    `columns`: the analyst's column choices, header as written -> upload field or None (see ingest.parse_upload)."""
    resolutions = tuple(resolutions)
    progress("read", 0.0)
    parsed = ingest.parse_upload(raw, file_name, row_cap=row_cap, required=(), columns=columns)
    corrected = (
        apply_resolutions(raw, file_name, resolutions, countries, row_cap=row_cap, mapping=parsed.column_mapping)
        if resolutions
        else raw
    )
    progress("validate", 0.25)
    plan = ingest.build_import_plan(
        corrected,
        file_name,
        details=details,
        countries=countries,
        gazetteer=gazetteer,
        shapes=shapes,
        known_programmes=tables["programme"],
        known_editions=tables["edition"],
        known_local_governments=tables["local_government"],
        row_cap=row_cap,
        columns=columns,
    )
    plan = mark_resolved(plan, resolutions)
    progress("resolve", 0.6)
    unresolved = find_unresolved(plan, parsed, countries, gazetteer)
    progress("plan", 0.85)
    review = Review(
        plan=plan,
        detected=parsed.detected,
        file_values=file_values(parsed),
        unresolved=unresolved,
        resolutions=resolutions,
        summary=summarise(plan.problems, len(parsed.frame)),
    )
    progress("plan", 1.0)
    return review


def detection_rows(detected: Detected) -> pd.DataFrame:
    """The column mapping as a two-column table: header as written -> canonical name (or what became of it).
    Empty for an edition file, whose columns (`detected.columns`) the Upload page's column mapping draws."""
    if detected.columns:
        return pd.DataFrame(columns=["column in the file", "read as"])
    rows = [{"column in the file": k, "read as": v} for k, v in detected.column_mapping.items()]
    rows += [{"column in the file": c, "read as": t("dropped: personal data")} for c in detected.dropped_pii]
    rows += [{"column in the file": c, "read as": t("ignored")} for c in detected.ignored_columns]
    return pd.DataFrame(rows, columns=["column in the file", "read as"])


def filter_problems(
    problems: Iterable[Problem], *, severities: Iterable[str] = (), rules: Iterable[str] = ()
) -> pd.DataFrame:
    """The report table, cut to the chosen severities and rules (none chosen = all)."""
    frame = ingest.problems_frame(problems)
    chosen_severities, chosen_rules = {str(s) for s in severities}, set(rules)
    if chosen_severities:
        frame = frame[frame["severity"].isin(chosen_severities)]
    if chosen_rules:
        frame = frame[frame["rule"].isin(chosen_rules)]
    return frame.reset_index(drop=True)

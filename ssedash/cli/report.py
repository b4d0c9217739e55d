"""What `check` and `import` print about a file: what was detected, one line per problem, the totals and the plan,
in the language of the run (`--lang`, else the environment's locale). Rule codes stay codes ([unknown_country])."""

from __future__ import annotations

import sys

from ssedash import schema
from ssedash.i18n import N_, t, tn
from ssedash.upload import shown

SEVERITIES = {"error": N_("ERROR"), "warning": N_("WARNING"), "info": N_("INFO")}
# The plan's words are the form's; on the command line the same problem is fixed with an option.
CLI_MESSAGES = {
    "programme_required": N_("No programme given: add a 'programme' column to the file or use --programme."),
}


def missing_column_message(problem, detected) -> str:
    """A missing required column, in the command line's words: the --column to give and the unmatched headers."""
    from ssedash.ingest import MatchedBy, accepted_headers

    name = str(problem.value)
    unmatched = [c.header for c in detected.columns if c.field is None and c.how != MatchedBy.PERSONAL_DATA]
    return t(
        "The required column '{name}' is missing (accepted headers include {accepted}): rename a column, or map a "
        "column with --column '{example}={name}'. Unmatched headers: {unmatched}.",
        name=name,
        accepted=", ".join(accepted_headers(name)) if name in schema.UPLOAD_SYNONYMS else "",
        example=unmatched[0] if unmatched else "HEADER",
        unmatched=", ".join(unmatched) or t("none"),
    )


def message(problem, detected) -> str:
    """A problem's message as the command line says it."""
    if problem.rule == "missing_column" and problem.value is not None:
        return missing_column_message(problem, detected)
    return t(CLI_MESSAGES[problem.rule]) if problem.rule in CLI_MESSAGES else problem.message


def where(problem) -> str:
    """Where a problem is, as the fields of a report line: "line 3, column 'country', value 'Atlantis'"."""
    from ssedash.problems import show

    parts = [t("line {line}", line=problem.line) if problem.line is not None else t("file")]
    if problem.column:
        parts.append(t("column '{column}'", column=problem.column))
    if problem.value is not None:
        parts.append(t("value {value}", value=repr(show(problem.value, 80))))
    return ", ".join(parts)


def severity(problem) -> str:
    name = str(problem.severity)
    return (t(SEVERITIES[name]) if name in SEVERITIES else name.upper()).ljust(7)


def print_report(plan, out=None) -> None:
    out = out or sys.stdout
    detected = plan.detected
    print(
        t(
            "{file}: {kind}, encoding {encoding}, delimiter {delimiter}, {rows:,} rows",
            file=plan.file_name,
            kind=detected.kind or "?",
            encoding=detected.encoding or "-",
            delimiter=repr(detected.delimiter),
            rows=detected.rows,
        ),
        file=out,
    )
    for problem in plan.problems:
        print(f"  {severity(problem)} {where(problem)} [{problem.rule}]: {message(problem, detected)}", file=out)
    errors = tn("{n:,} error", "{n:,} errors", len(plan.errors))
    print(
        t("{errors}, {warnings}", errors=errors, warnings=tn("{n:,} warning", "{n:,} warnings", len(plan.warnings))),
        file=out,
    )
    if plan.can_commit and not plan.editions.empty:
        print(plan_line(plan), file=out)


def plan_line(plan) -> str:
    """What a commit of the plan would do, in one line."""
    edition = plan.editions.iloc[0]
    values = {
        "edition": edition["edition_id"],
        "year": edition["year"],
        "rows": shown.counted(shown.PARTICIPATION_ROWS, len(plan.participation)),
        "lgs": shown.counted(shown.NEW_LOCAL_GOVERNMENTS, len(plan.local_governments)),
        "programmes": shown.counted(shown.NEW_PROGRAMMES, len(plan.programmes)),
    }
    if plan.replaces_existing_edition:
        return t("plan: replace edition '{edition}' ({year}), {rows}, {lgs}, {programmes}", **values)
    return t("plan: add edition '{edition}' ({year}), {rows}, {lgs}, {programmes}", **values)

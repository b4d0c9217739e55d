"""The import commands: check (dry run), import, rollback, history; on the Upload page's code path.

`check` and `import` take the edition details as options and the analyst's column choices as repeated
`--column "HEADER=field"` (`HEADER=` or `HEADER=-`: not used), as the Upload page's column mapping does.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from ssedash import files, schema
from ssedash.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError, settings_of

# The plan's words are the form's; on the command line the same problem is fixed with an option.
CLI_MESSAGES = {
    "programme_required": "No programme given: add a 'programme' column to the file or use --programme.",
}


def column_choice(text: str) -> tuple[str, str | None]:
    """One --column value: "HEADER=field" -> (header, field); "HEADER=" or "HEADER=-" -> (header, None)."""
    header, equals, chosen = text.rpartition("=")
    if not equals or not header.strip():
        raise argparse.ArgumentTypeError(
            f"'{text}' is not HEADER=field: write e.g. --column 'Nom de la ville=local_government' "
            "(or 'HEADER=' for a column not used)"
        )
    chosen = chosen.strip()
    return header.strip(), None if chosen in ("", "-") else chosen


def column_choices(pairs: list[tuple[str, str | None]] | None) -> dict[str, str | None]:
    """The --column options as one mapping; a header given twice is a usage error."""
    choices: dict[str, str | None] = {}
    for header, chosen in pairs or ():
        if header in choices:
            raise UsageError(f"--column names '{header}' twice: give each header once")
        choices[header] = chosen
    return choices


def _details(args):
    from ssedash.ingest import EditionDetails

    return EditionDetails(
        programme=args.programme,
        edition_id=args.edition,
        name=args.name,
        year=args.year,
        start_date=args.start_date,
        end_date=args.end_date,
        host_city=args.host_city,
        host_country=args.host_country,
        format=args.format,
        event_kind=args.event_kind,
        reported_participants=args.reported_participants,
        reported_countries=args.reported_countries,
        reported_local_governments=args.reported_local_governments,
        source_url=args.source_url,
        notes=args.notes,
    )


def _plan(args, store, reference, settings):
    from ssedash.ingest import build_import_plan

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no file at {path}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    columns = column_choices(args.column)
    active = store.read_all_active()
    return build_import_plan(
        files.read_upload(path),
        path.name,
        details=_details(args),
        countries=reference.resolver,
        gazetteer=reference.gazetteer,
        shapes=reference.shapes,
        known_programmes=active["programme"],
        known_editions=active["edition"],
        known_local_governments=active["local_government"],
        row_cap=settings.row_cap,
        columns=columns,
    )


def missing_column_message(problem, detected) -> str:
    """A missing required column, in the command line's words: the --column to give and the unmatched headers."""
    from ssedash.ingest import MatchedBy

    name = str(problem.value)
    unmatched = [c.header for c in detected.columns if c.field is None and c.how != MatchedBy.PERSONAL_DATA]
    synonyms = ", ".join(schema.UPLOAD_SYNONYMS.get(name, ())[:4])
    example = unmatched[0] if unmatched else "HEADER"
    return (
        f"The required column '{name}' is missing (accepted headers include {synonyms}): rename a column, or "
        f"map a column with --column '{example}={name}'. Unmatched headers: {', '.join(unmatched) or 'none'}."
    )


def _message(problem, detected) -> str:
    if problem.rule == "missing_column" and problem.value is not None:
        return missing_column_message(problem, detected)
    return CLI_MESSAGES.get(problem.rule, problem.message)


def print_report(plan, out=None) -> None:
    from ssedash.problems import show

    out = out or sys.stdout
    detected = plan.detected
    print(
        f"{plan.file_name}: {detected.kind or '?'}, encoding {detected.encoding or '-'}, "
        f"delimiter {detected.delimiter!r}, {detected.rows} rows",
        file=out,
    )
    for problem in plan.problems:
        where = f"line {problem.line}" if problem.line is not None else "file"
        column = f", column '{problem.column}'" if problem.column else ""
        value = f", value {show(problem.value, 80)!r}" if problem.value is not None else ""
        print(
            f"  {problem.severity.upper():7} {where}{column}{value} [{problem.rule}]: {_message(problem, detected)}",
            file=out,
        )
    print(f"{len(plan.errors)} error(s), {len(plan.warnings)} warning(s)", file=out)
    if plan.can_commit and not plan.editions.empty:
        edition = plan.editions.iloc[0]
        verb = "replace" if plan.replaces_existing_edition else "add"
        print(
            f"plan: {verb} edition '{edition['edition_id']}' ({edition['year']}), {len(plan.participation)} participation "
            f"rows, {len(plan.local_governments)} new local government(s), {len(plan.programmes)} new programme(s)",
            file=out,
        )


def cmd_check(args) -> int:
    from ssedash.context import load_reference, open_store

    settings = settings_of(args)
    plan = _plan(args, open_store(settings), load_reference(), settings)
    print_report(plan)
    return EXIT_OK if plan.can_commit else EXIT_REFUSED


def cmd_import(args) -> int:
    """Validate and commit through `upload.commit`, the commit path the Upload page uses."""
    from ssedash import upload
    from ssedash.context import load_reference, open_store

    settings = settings_of(args)
    store = open_store(settings)
    plan = _plan(args, store, load_reference(), settings)
    print_report(plan)
    if not plan.can_commit:
        print("refused: nothing was written", file=sys.stderr)
        return EXIT_REFUSED
    outcome = upload.commit(store, plan, by=args.by, replace=args.replace)
    if outcome.status == upload.Status.DUPLICATE:
        print(outcome.message)
        return EXIT_OK
    if outcome.status == upload.Status.EXISTS:
        print(
            f"refused: edition '{plan.edition_id}' is already in the store; use --replace to replace it (the old "
            "rows are kept in the history and can be restored)",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    if not outcome.ok:
        print(f"refused: {outcome.message}", file=sys.stderr)
        return EXIT_REFUSED
    result: Any = outcome.result  # the store's CommitResult
    print(
        f"import #{result.import_id}: {result.action} edition '{result.edition_id}', {result.rows} rows, "
        f"{result.new_local_governments} new local government(s)"
        + (f", {result.replaced_rows} old rows kept in history" if result.replaced_rows else "")
    )
    if plan.warnings:
        n = len(plan.warnings)
        print(f"Imported {result.rows:,} rows with {n} warning{'s' if n != 1 else ''} accepted (listed above).")
    return EXIT_OK


def cmd_rollback(args) -> int:
    from ssedash.context import open_store
    from ssedash.store import StoreError

    store = open_store(settings_of(args))
    try:
        result = store.rollback(args.import_id, by=args.by)
    except StoreError as error:
        print(f"refused: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"import #{result.import_id}: rolled back import #{args.import_id} ({result.rows} rows changed)")
    return EXIT_OK


def history_text(history) -> str:
    """The import history as a text table; a missing value (not rolled back, no edition) is an empty cell."""
    from ssedash.upload import history_table

    table = history_table(history).astype(object)
    shown = table.where(table.notna(), "")
    return shown.to_string(index=False)


def cmd_history(args) -> int:
    from ssedash.context import open_store

    history = open_store(settings_of(args)).history()
    if history.empty:
        print("no imports yet")
    else:
        print(history_text(history))
    return EXIT_OK


def _figure(text: str):
    """A reported figure as published ("5,700+", "over 200", "about 15"), kept with its qualifier."""
    from ssedash.quantity import QuantityError, parse

    try:
        return parse(text)
    except QuantityError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _edition_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", help="CSV or XLSX, one row per participant or per local government")
    command.add_argument(
        "--column",
        type=column_choice,
        action="append",
        metavar="HEADER=FIELD",
        help="read the file's column HEADER as FIELD (one of "
        + ", ".join(schema.UPLOAD_COLUMNS)
        + "), over the header synonyms; 'HEADER=' or 'HEADER=-': not used. Repeat for each column",
    )
    group = command.add_argument_group("edition details (used where the file does not say)")
    group.add_argument("--programme", help="programme id or name")
    group.add_argument("--edition", help="edition id (default: <programme>-<year>)")
    group.add_argument("--name", help="edition name")
    group.add_argument("--year", type=int)
    group.add_argument("--start-date")
    group.add_argument("--end-date")
    group.add_argument("--host-city")
    group.add_argument("--host-country")
    group.add_argument("--format", choices=schema.FORMATS, default="in_person")
    group.add_argument(
        "--event-kind", choices=schema.EVENT_KINDS, help="what kind of event (default: training, with a notice)"
    )
    figure_help = "as published: 13, 5,700+, 'over 200', 'about 15'"
    group.add_argument("--reported-participants", type=_figure, help=figure_help)
    group.add_argument("--reported-countries", type=_figure, help=figure_help)
    group.add_argument("--reported-local-governments", type=_figure, help=figure_help)
    group.add_argument("--source-url", help="where these figures were published")
    group.add_argument("--notes")


def add_commands(commands) -> None:
    """check, import, rollback and history, on the main parser's subcommands."""
    check = commands.add_parser("check", help="validate a file without writing anything")
    _edition_options(check)
    check.set_defaults(run=cmd_check)

    imp = commands.add_parser("import", help="validate and commit a file in one transaction")
    _edition_options(imp)
    imp.add_argument("--replace", action="store_true", help="replace the edition if it exists (old rows kept)")
    imp.add_argument("--by", default=getpass.getuser(), help="who is importing (recorded in the history)")
    imp.set_defaults(run=cmd_import)

    rollback = commands.add_parser("rollback", help="undo one import")
    rollback.add_argument("import_id", type=int)
    rollback.add_argument("--by", default=getpass.getuser())
    rollback.set_defaults(run=cmd_rollback)

    commands.add_parser("history", help="list every import").set_defaults(run=cmd_history)

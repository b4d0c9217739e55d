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
from ssedash.cli.report import CLI_MESSAGES, missing_column_message, print_report
from ssedash.i18n import t, tn
from ssedash.upload import shown

__all__ = [
    "CLI_MESSAGES",
    "add_commands",
    "column_choice",
    "column_choices",
    "history_text",
    "missing_column_message",
    "print_report",
]


def column_choice(text: str) -> tuple[str, str | None]:
    """One --column value: "HEADER=field" -> (header, field); "HEADER=" or "HEADER=-" -> (header, None)."""
    header, equals, chosen = text.rpartition("=")
    if not equals or not header.strip():
        raise argparse.ArgumentTypeError(
            t(
                "'{value}' is not HEADER=field: write e.g. --column 'Nom de la ville=local_government' "
                "(or 'HEADER=' for a column not used)",
                value=text,
            )
        )
    chosen = chosen.strip()
    return header.strip(), None if chosen in ("", "-") else chosen


def column_choices(pairs: list[tuple[str, str | None]] | None) -> dict[str, str | None]:
    """The --column options as one mapping; a header given twice is a usage error."""
    choices: dict[str, str | None] = {}
    for header, chosen in pairs or ():
        if header in choices:
            raise UsageError(t("--column names '{header}' twice: give each header once", header=header))
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
        print(t("error: no file at {path}", path=str(path)), file=sys.stderr)
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
        print(t("refused: nothing was written"), file=sys.stderr)
        return EXIT_REFUSED
    outcome = upload.commit(store, plan, by=args.by, replace=args.replace)
    if outcome.status == upload.Status.DUPLICATE:
        print(outcome.message)
        return EXIT_OK
    if outcome.status == upload.Status.EXISTS:
        print(
            t(
                "refused: edition '{edition}' is already in the store; use --replace to replace it (the old rows are "
                "kept in the history and can be restored)",
                edition=plan.edition_id,
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    if not outcome.ok:
        print(t("refused: {reason}", reason=outcome.message), file=sys.stderr)
        return EXIT_REFUSED
    result: Any = outcome.result  # the store's CommitResult
    print(imported_line(result))
    if plan.warnings:
        print(accepted_line(result.rows, len(plan.warnings)))
    return EXIT_OK


def imported_line(result) -> str:
    """What an import wrote, in one line (one sentence per action: the verb is translated with it)."""
    values = {
        "id": result.import_id,
        "action": result.action,
        "edition": result.edition_id,
        "rows": tn("{n:,} row", "{n:,} rows", result.rows),
        "lgs": shown.counted(shown.NEW_LOCAL_GOVERNMENTS, result.new_local_governments),
        "old": tn("{n:,} old row kept in history", "{n:,} old rows kept in history", result.replaced_rows),
    }
    if result.action == "replace" and result.replaced_rows:
        return t("import #{id}: replace edition '{edition}', {rows}, {lgs}, {old}", **values)
    if result.action == "replace":
        return t("import #{id}: replace edition '{edition}', {rows}, {lgs}", **values)
    if result.action == "add":
        return t("import #{id}: add edition '{edition}', {rows}, {lgs}", **values)
    return t("import #{id}: {action} edition '{edition}', {rows}, {lgs}", **values)


def accepted_line(rows: int, warnings: int) -> str:
    """The closing line of an import with warnings."""
    return t(
        "Imported {rows} with {warnings} (listed above).",
        rows=tn("{n:,} row", "{n:,} rows", rows),
        warnings=tn("{n:,} warning accepted", "{n:,} warnings accepted", warnings),
    )


def cmd_rollback(args) -> int:
    from ssedash.context import open_store
    from ssedash.store import StoreError

    store = open_store(settings_of(args))
    try:
        result = store.rollback(args.import_id, by=args.by)
    except StoreError as error:
        print(t("refused: {reason}", reason=str(error)), file=sys.stderr)
        return EXIT_REFUSED
    print(
        t(
            "import #{id}: rolled back import #{target} ({rows:,} rows changed)",
            id=result.import_id,
            target=args.import_id,
            rows=result.rows,
        )
    )
    return EXIT_OK


def history_text(history) -> str:
    """The import history as a text table; a missing value (not rolled back, no edition) is an empty cell."""
    from ssedash.upload import history_shown, history_table

    table = history_shown(history_table(history)).astype(object)  # headers, actions and times for the reader
    shown = table.where(table.notna(), "")
    return shown.to_string(index=False)


def cmd_history(args) -> int:
    from ssedash.context import open_store

    history = open_store(settings_of(args)).history()
    if history.empty:
        print(t("no imports yet"))
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

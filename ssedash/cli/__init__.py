"""The command line, on the same code path as the pages (`python -m ssedash …`, see ssedash/__main__.py).

    python -m ssedash check FILE [edition options]       dry run: the report, exit 1 when the file is refused
        [--column "HEADER=field" …]                      read a column as an upload field ("HEADER=": not used)
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

imports.py holds check, import, rollback and history; tools.py export, demo, template and hash-password.
"""

from __future__ import annotations

import argparse
import sys

from ssedash.cli import imports, tools
from ssedash.cli.common import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError
from ssedash.cli.imports import history_text, print_report

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_USAGE",
    "UsageError",
    "build_parser",
    "history_text",
    "main",
    "print_report",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ssedash", description="ssedash: GSEF capacity-building data")
    parser.add_argument("--db-url", help="the store (default: SSEDASH_DB_URL, else a SQLite file under var/)")
    parser.add_argument("--debug", action="store_true", help="on an unexpected error, print the traceback too")
    commands = parser.add_subparsers(dest="command", required=True)
    imports.add_commands(commands)
    tools.add_commands(commands)
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
    print(
        f"error: something unexpected went wrong ({type(error).__name__}); reference {reference}. "
        f"The details are in the error log ({incidents.log_path().name}); run again with --debug "
        "to see them here.",
        file=sys.stderr,
    )
    if args.debug:
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return EXIT_ERROR

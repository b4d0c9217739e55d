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

`--lang {en,fr,es,ko}` (before the command) sets the language of the messages and of the templates written;
by default the environment's locale (LC_ALL, LC_MESSAGES, LANG), else English. Argparse's help stays English.

Exit codes: 0 success, 1 input refused (nothing written), 2 usage error, 3 unexpected error (a short message with
a reference; the traceback goes to the error log, SSEDASH_ERROR_LOG or var/errors.log, and to stderr with
--debug). All honour SSEDASH_DB_URL (or --db-url).

imports.py holds check, import, rollback and history; tools.py export, demo, template and hash-password.
"""

from __future__ import annotations

import argparse
import os
import sys

from ssedash.cli import imports, tools
from ssedash.cli.common import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError
from ssedash.cli.imports import history_text, print_report
from ssedash.i18n import Language, parse, t, use

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_USAGE",
    "UsageError",
    "build_parser",
    "environment_language",
    "history_text",
    "main",
    "print_report",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ssedash", description="ssedash: GSEF capacity-building data")
    parser.add_argument("--db-url", help="the store (default: SSEDASH_DB_URL, else a SQLite file under var/)")
    parser.add_argument("--debug", action="store_true", help="on an unexpected error, print the traceback too")
    parser.add_argument(
        "--lang",
        choices=[language.value for language in Language],
        help="the language of the messages (default: from LC_ALL, LC_MESSAGES or LANG, else English)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    imports.add_commands(commands)
    tools.add_commands(commands)
    return parser


def environment_language(environ=os.environ) -> Language:
    """The language the environment's locale names (LC_ALL, then LC_MESSAGES, then LANG), else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):  # the first one set decides, as for gettext ("C.UTF-8": English)
            return parse(environ[name]) or Language.EN
    return Language.EN


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    language = parse(args.lang) or environment_language()
    with use(language):  # for this run only: a caller (a test) keeps its own language after
        try:
            return args.run(args)
        except UsageError as error:
            print(t("error: {error}", error=str(error)), file=sys.stderr)
            return EXIT_USAGE
        except Exception as error:  # a bug, not the input's fault: a reference, never a traceback by default
            return _unexpected(error, args)


def _unexpected(error: Exception, args) -> int:
    import traceback

    from ssedash import incidents

    reference = incidents.record(error, f"python -m ssedash {args.command}")
    print(
        t(
            "error: something unexpected went wrong ({kind}); reference {reference}. The details are in the error log "
            "({log}); run again with --debug to see them here.",
            kind=type(error).__name__,
            reference=reference,
            log=incidents.log_path().name,
        ),
        file=sys.stderr,
    )
    if args.debug:
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return EXIT_ERROR

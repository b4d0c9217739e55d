"""The one module that writes the store: SQLAlchemy tables, transactional imports, replace and rollback.

Every data row carries the import that added it (`import_id`) and, once replaced or rolled back, the import
that retired it (`retired_by`). The *active* view (rows with no `retired_by`) is what the dashboard shows and
what an export writes; retired rows are history. Nothing is deleted: a replace or a rollback is itself an
import row saying what it did, and rolling back an import restores the active view exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from ssedash.schema import REPORTED_FIGURES, TABLE_MODELS, columns_of

if TYPE_CHECKING:
    from ssedash.ingest import ImportPlan

DATA_TABLES = ("programme", "edition", "local_government", "participation")
NATURAL_KEYS = {"programme": "programme_id", "edition": "edition_id", "local_government": "lg_id"}
WRITE_ACTIONS = ("add", "replace", "lg_update")
# How long a write waits for another one to finish before saying the store is busy (SQLite's busy timeout,
# PostgreSQL's lock_timeout). Reads never wait: SQLite runs in WAL mode and only writes take its write lock.
BUSY_TIMEOUT_SECONDS = 30.0
_WRITE = "ssedash_write"  # execution option that marks a write transaction (Store.writing)

metadata = sa.MetaData()

data_import = sa.Table(
    "data_import",
    metadata,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=True),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("edition_id", sa.String(200), nullable=True),
    sa.Column("rolled_back_by", sa.Integer, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
)

meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(50), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

_SQL_TYPES = {"Int64": sa.BigInteger, "float64": sa.Float, "boolean": sa.Boolean}


def _sql_type(pandera_dtype) -> type:
    return _SQL_TYPES.get(str(pandera_dtype), sa.Text)  # every other column is text


def _data_table(name: str) -> sa.Table:
    columns = [sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True)]
    for column_name, column in TABLE_MODELS[name].to_schema().columns.items():
        columns.append(sa.Column(column_name, _sql_type(column.dtype), nullable=column.nullable))
    columns += [
        sa.Column("import_id", sa.Integer, sa.ForeignKey("data_import.import_id"), nullable=False, index=True),
        sa.Column("retired_by", sa.Integer, sa.ForeignKey("data_import.import_id"), nullable=True, index=True),
    ]
    table = sa.Table(name, metadata, *columns)
    if name in NATURAL_KEYS:
        # At most one active row per natural key: this index is what turns two racing commits into one winner.
        active = table.c.retired_by.is_(None)
        sa.Index(
            f"uq_active_{name}", table.c[NATURAL_KEYS[name]], unique=True,
            sqlite_where=active, postgresql_where=active,
        )
    else:
        sa.Index(f"ix_{name}_edition_active", table.c.edition_id, table.c.retired_by)
    return table


TABLES: dict[str, sa.Table] = {name: _data_table(name) for name in DATA_TABLES}


class StoreError(Exception):
    """A refused write: the message is for the analyst, the store is unchanged."""


class DuplicateImport(StoreError):
    def __init__(self, import_id: int):
        self.import_id = import_id
        super().__init__(f"this file was already imported (import #{import_id}); nothing changed")


class EditionExists(StoreError):
    def __init__(self, edition_id: str):
        self.edition_id = edition_id
        super().__init__(
            f"edition '{edition_id}' is already in the store: import with replace to replace it "
            "(the old rows are kept in history and can be restored by rolling back)"
        )


class ImportConflict(StoreError):
    pass


class StoreBusy(StoreError):
    """Another write held the store for longer than the busy timeout: nothing was written, trying again is safe."""

    def __init__(self, waited: float):
        self.waited = waited
        super().__init__(f"the store is busy with another import (waited {waited:g} s); nothing was written — "
                         "try again in a moment")


class RollbackRefused(StoreError):
    pass


@dataclass(frozen=True)
class CommitResult:
    import_id: int
    action: str
    edition_id: str | None
    rows: int
    new_local_governments: int
    replaced_rows: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def create_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine whose transactions really are transactions, on SQLite too (foreign keys on, WAL journal).

    On SQLite a write transaction (`Store.writing`) begins with BEGIN IMMEDIATE, so two writers queue at the
    start instead of failing half-way; every other transaction is a plain (deferred) BEGIN that, in WAL mode,
    reads a snapshot without waiting for a writer and without blocking one. A write waits up to `busy_timeout`
    seconds for another (SQLite busy timeout, PostgreSQL lock_timeout), then fails with StoreBusy."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": busy_timeout})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # let us emit BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "BEGIN")

        return engine
    connect_args = {"options": f"-c lock_timeout={int(busy_timeout * 1000)}"} if url.startswith("postgresql") else {}
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _is_busy(error: OperationalError) -> bool:
    """SQLite's "database is locked" (busy timeout over) or PostgreSQL's lock_timeout (SQLSTATE 55P03)."""
    text = str(error.orig if error.orig is not None else error).lower()
    return ("database is locked" in text or "database is busy" in text or "lock timeout" in text
            or getattr(error.orig, "sqlstate", None) == "55P03")


class Store:
    """One database, reached by URL. Reads return plain frames; writes are all-or-nothing."""

    def __init__(self, url: str, engine: Engine | None = None, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS):
        self.url = url
        self.busy_timeout = busy_timeout
        self.engine = engine or create_engine(url, busy_timeout=busy_timeout)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction, committed at the end of the block (rolled back on an exception). On SQLite it
        takes the write lock at once; a store held by another write for longer than the busy timeout raises
        StoreBusy. Reads use plain connections and never wait for this."""
        try:
            with self.engine.connect() as connection:
                connection.execution_options(**{_WRITE: True})
                with connection.begin():
                    yield connection
        except OperationalError as error:
            if _is_busy(error):
                raise StoreBusy(self.busy_timeout) from error
            raise

    # --- schema -----------------------------------------------------------------------------------------------
    def create(self, bundled_editions: pd.DataFrame | None = None) -> None:
        """Create missing tables, then bring a store made by an older version up to date (see `_migrate`).
        Opening a store that is complete and current is a read only, so it never waits for a writer."""
        with self.engine.connect() as connection:
            existing = set(sa.inspect(connection).get_table_names())
        if not {table.name for table in metadata.sorted_tables} <= existing:
            with self.writing() as connection:
                metadata.create_all(connection)
        if self.get_meta("schema_version") != SCHEMA_VERSION:
            try:
                with self.writing() as connection:
                    _migrate(connection, bundled_editions)
            except sa.exc.DBAPIError:
                if self.get_meta("schema_version") != SCHEMA_VERSION:  # not another process migrating first
                    raise

    def drop(self) -> None:
        with self.writing() as connection:
            metadata.drop_all(connection)

    def is_empty(self) -> bool:
        self.create()
        with self.engine.connect() as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(data_import)).scalar_one() == 0

    # --- meta ---------------------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as connection:
            return connection.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()

    def is_demo(self) -> bool:
        return self.get_meta("demo") is not None

    def demo_description(self) -> dict | None:
        value = self.get_meta("demo")
        return json.loads(value) if value else None

    def revision(self) -> int:
        """Grows by one with every committed write: a cheap key (one small query) for caches of anything read from
        the store. It counts the imports rather than taking the highest import number: on PostgreSQL a sequence
        numbers imports when they start, so two can commit in the other order, and the later commit of the lower
        number must still move the revision that every app server reads."""
        with self.engine.connect() as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(data_import)).scalar_one()

    # --- seeding ------------------------------------------------------------------------------------------------
    def ensure_seeded(self, bundled: dict[str, pd.DataFrame], sha256: str, source: str = "data/ (bundled)") -> bool:
        """Fill an empty store with the bundled real data, once. Returns True when it seeded."""
        self.create()
        if self.get_meta("seeded") is not None:  # a read first: opening a seeded store never waits for a writer
            return False
        try:
            with self.writing() as connection:
                if connection.execute(sa.select(meta.c.key).where(meta.c.key == "seeded")).first():
                    return False
                connection.execute(meta.insert().values(key="seeded", value=sha256))
                import_id = self._insert_import(
                    connection, action="seed", by="ssedash", file_name=source, sha256=sha256,
                    rows=len(bundled["participation"]), edition_id=None, note="the bundled real dataset",
                )
                for name in DATA_TABLES:
                    self._insert_rows(connection, name, bundled[name], import_id)
            return True
        except IntegrityError:  # another process seeded first
            return False

    def write_synthetic(self, frames: dict[str, pd.DataFrame], description: dict) -> int:
        """Replace the whole store with a synthetic one marked as demo. Refuses a store that holds real data."""
        self.create()
        if not self.is_empty() and not self.is_demo():
            raise StoreError(
                "this store holds real data; a demo store must be a separate database "
                "(set SSEDASH_DB_URL to another URL)"
            )
        self.drop()
        self.create()
        with self.writing() as connection:
            connection.execute(meta.insert().values(key="demo", value=json.dumps(description)))
            connection.execute(meta.insert().values(key="seeded", value="demo"))
            import_id = self._insert_import(
                connection, action="demo", by="ssedash demo", file_name="synthetic (demo)", sha256=None,
                rows=len(frames["participation"]), edition_id=None, note=json.dumps(description),
            )
            for name in DATA_TABLES:
                self._insert_rows(connection, name, frames[name], import_id)
        return import_id

    # --- reads --------------------------------------------------------------------------------------------------
    def read_active(self, name: str) -> pd.DataFrame:
        """The active rows of one table, typed by its schema, in the order they were written."""
        with self._snapshot() as connection:
            return _read_active(connection, name)

    def read_all_active(self) -> dict[str, pd.DataFrame]:
        """Every table as of one moment, so an import committed meanwhile is seen whole or not at all (never an
        edition's participation rows without the edition)."""
        with self._snapshot() as connection:
            return {name: _read_active(connection, name) for name in DATA_TABLES}

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """One read transaction whose statements all see the same committed state: SQLite (WAL) holds the snapshot
        of the first read until the end; PostgreSQL does so at REPEATABLE READ (its default gives each statement a
        new one). A read-only transaction at that level never fails and never waits for a writer."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                yield connection

    def history(self) -> pd.DataFrame:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(data_import).order_by(data_import.c.import_id.desc())).fetchall()
        return pd.DataFrame(rows, columns=[c.name for c in data_import.columns])

    def find_import_by_sha(self, sha256: str) -> int | None:
        with self.engine.connect() as connection:
            return self._active_import_with_sha(connection, sha256)

    # --- writes -------------------------------------------------------------------------------------------------
    def commit_plan(self, plan: ImportPlan, *, by: str, replace: bool = False) -> CommitResult:
        """Apply an import plan in one transaction: all its rows, or nothing."""
        if not plan.can_commit:
            raise StoreError("the file has errors; nothing was written")
        edition_id = str(plan.editions["edition_id"].iloc[0])
        try:
            with self.writing() as connection:
                previous = self._active_import_with_sha(connection, plan.sha256)
                if previous is not None:
                    raise DuplicateImport(previous)
                edition = TABLES["edition"]
                existing = connection.execute(
                    _for_update(
                        sa.select(edition.c.row_id).where(edition.c.edition_id == edition_id, edition.c.retired_by.is_(None)),
                        connection,
                    )
                ).first()
                if existing is not None and not replace:
                    raise EditionExists(edition_id)
                if existing is None and plan.replaces_existing_edition and replace:
                    raise ImportConflict(
                        f"edition '{edition_id}' was removed by someone else while you were working; "
                        "check the history and upload again"
                    )
                if existing is not None and not plan.replaces_existing_edition:
                    raise ImportConflict(
                        f"edition '{edition_id}' was added by someone else while you were working; "
                        "nothing was written — review the new edition, then upload again to replace it"
                    )
                action = "replace" if existing is not None else "add"
                import_id = self._insert_import(
                    connection, action=action, by=by, file_name=plan.file_name, sha256=plan.sha256,
                    rows=len(plan.participation), edition_id=edition_id, note=None,
                )
                replaced = 0
                if existing is not None:
                    for name in ("participation", "edition"):
                        table = TABLES[name]
                        replaced += connection.execute(
                            table.update()
                            .where(table.c.edition_id == edition_id, table.c.retired_by.is_(None))
                            .values(retired_by=import_id)
                        ).rowcount
                programme = TABLES["programme"]
                known_programmes = set(
                    connection.execute(sa.select(programme.c.programme_id).where(programme.c.retired_by.is_(None))).scalars()
                )
                new_programmes = plan.programmes[~plan.programmes["programme_id"].isin(known_programmes)]
                _insert_shared(connection, "programme", new_programmes, import_id)
                new_lgs = _insert_shared(connection, "local_government", plan.local_governments, import_id)
                self._insert_rows(connection, "edition", plan.editions, import_id)
                self._insert_rows(connection, "participation", plan.participation, import_id)
        except IntegrityError as error:
            raise ImportConflict(_conflict_message(error, edition_id)) from error
        return CommitResult(import_id, action, edition_id, len(plan.participation), new_lgs, replaced)

    def commit_local_governments(self, frame: pd.DataFrame, *, by: str, file_name: str, sha256: str) -> CommitResult:
        """Add or correct local-government records (the cities upload): a corrected record retires the old one."""
        frame = TABLE_MODELS["local_government"].validate(frame, lazy=True)
        try:
            with self.writing() as connection:
                previous = self._active_import_with_sha(connection, sha256)
                if previous is not None:
                    raise DuplicateImport(previous)
                import_id = self._insert_import(
                    connection, action="lg_update", by=by, file_name=file_name, sha256=sha256,
                    rows=len(frame), edition_id=None, note=None,
                )
                table = TABLES["local_government"]
                replaced = connection.execute(
                    table.update()
                    .where(table.c.lg_id.in_(frame["lg_id"].tolist()), table.c.retired_by.is_(None))
                    .values(retired_by=import_id)
                ).rowcount
                self._insert_rows(connection, "local_government", frame, import_id)
        except IntegrityError as error:
            raise ImportConflict("another import changed these local governments at the same time; try again") from error
        return CommitResult(import_id, "lg_update", None, len(frame), len(frame) - replaced, replaced)

    def rollback(self, import_id: int, *, by: str) -> CommitResult:
        """Undo one import: retire what it added, bring back what it retired. Refused when a later import
        built on it (roll that one back first), so the result is always a state the store was in before."""
        with self.writing() as connection:
            target = connection.execute(sa.select(data_import).where(data_import.c.import_id == import_id)).mappings().first()
            if target is None:
                raise RollbackRefused(f"there is no import #{import_id}")
            if target["action"] not in WRITE_ACTIONS:
                raise RollbackRefused(f"import #{import_id} is a {target['action']} and cannot be rolled back")
            if target["rolled_back_by"] is not None:
                raise RollbackRefused(f"import #{import_id} was already rolled back by import #{target['rolled_back_by']}")
            for name, table in TABLES.items():
                later = connection.execute(
                    sa.select(table.c.retired_by).where(table.c.import_id == import_id, table.c.retired_by.is_not(None)).limit(1)
                ).scalar_one_or_none()
                if later is not None:
                    raise RollbackRefused(
                        f"import #{later} changed the {name.replace('_', ' ')} rows of import #{import_id} since; "
                        f"roll back import #{later} first"
                    )
            lg, participation = TABLES["local_government"], TABLES["participation"]
            # Local governments this import created (not corrected versions of older records), if still in use.
            corrected = sa.select(lg.c.lg_id).where(lg.c.retired_by == import_id)
            added_lgs = sa.select(lg.c.lg_id).where(
                lg.c.import_id == import_id, lg.c.retired_by.is_(None), lg.c.lg_id.not_in(corrected)
            )
            users = connection.execute(
                sa.select(participation.c.import_id)
                .where(participation.c.lg_id.in_(added_lgs), participation.c.retired_by.is_(None),
                       participation.c.import_id != import_id)
                .limit(1)
            ).scalar_one_or_none()
            if users is not None:
                raise RollbackRefused(
                    f"import #{users} uses local governments that import #{import_id} added; roll back import #{users} first"
                )
            rollback_id = self._insert_import(
                connection, action="rollback", by=by, file_name=target["file_name"], sha256=None,
                rows=0, edition_id=target["edition_id"], note=f"rolled back import #{import_id}",
            )
            changed = 0
            for table in TABLES.values():
                changed += connection.execute(
                    table.update().where(table.c.import_id == import_id, table.c.retired_by.is_(None)).values(retired_by=rollback_id)
                ).rowcount
                changed += connection.execute(
                    table.update().where(table.c.retired_by == import_id).values(retired_by=None)
                ).rowcount
            connection.execute(
                data_import.update().where(data_import.c.import_id == import_id).values(rolled_back_by=rollback_id)
            )
            connection.execute(data_import.update().where(data_import.c.import_id == rollback_id).values(rows=changed))
        return CommitResult(rollback_id, "rollback", target["edition_id"], changed, 0, 0)

    # --- helpers ------------------------------------------------------------------------------------------------
    @staticmethod
    def _insert_import(connection: Connection, **values) -> int:
        return connection.execute(data_import.insert().values(at=_now(), **values)).inserted_primary_key[0]

    @staticmethod
    def _active_import_with_sha(connection: Connection, sha256: str) -> int | None:
        return connection.execute(
            sa.select(data_import.c.import_id).where(
                data_import.c.sha256 == sha256,
                data_import.c.action.in_(WRITE_ACTIONS),
                data_import.c.rolled_back_by.is_(None),
            )
        ).scalar_one_or_none()

    @staticmethod
    def _insert_rows(connection: Connection, name: str, frame: pd.DataFrame, import_id: int) -> None:
        if frame is None or frame.empty:
            return
        columns = columns_of(name)
        records = _records(frame[columns])
        for record in records:
            record["import_id"] = import_id
        table = TABLES[name]
        for start in range(0, len(records), 50_000):
            connection.execute(table.insert(), records[start:start + 50_000])


SCHEMA_VERSION = "2"
_EDITION_V2 = ("event_kind", *[f"{figure}_qualifier" for figure in REPORTED_FIGURES])


def _migrate(connection: Connection, bundled_editions: pd.DataFrame | None) -> None:
    """Version 2 added the edition's event kind and the qualifiers of its reported figures.

    A store made before has no such columns: add them and fill them. Editions that are bundled ones with the same
    figures take the bundled kind and qualifiers (so "over 200" does not become an exact 200); any other edition
    gets kind "training" and "exact" beside each figure it has, which is what the old store meant.
    """
    if connection.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first():
        return  # another process migrated while we waited for the lock
    edition = TABLES["edition"]
    present = {column["name"] for column in sa.inspect(connection).get_columns("edition")}
    missing = [name for name in _EDITION_V2 if name not in present]
    for name in missing:
        kind = edition.c[name].type.compile(dialect=connection.dialect)
        connection.exec_driver_sql(f"ALTER TABLE edition ADD COLUMN {name} {kind}")
    if missing and bundled_editions is not None:
        for row in _records(bundled_editions):
            match = edition.c.edition_id == row["edition_id"]
            connection.execute(edition.update().where(match, edition.c.event_kind.is_(None)).values(event_kind=row["event_kind"]))
            for figure in REPORTED_FIGURES:
                if row[figure] is not None:
                    connection.execute(edition.update().where(match, edition.c[figure] == row[figure]).values(
                        {f"{figure}_qualifier": row[f"{figure}_qualifier"]}))
    connection.execute(edition.update().where(edition.c.event_kind.is_(None)).values(event_kind="training"))
    for figure in REPORTED_FIGURES:
        qualifier = edition.c[f"{figure}_qualifier"]
        connection.execute(edition.update().where(edition.c[figure].is_not(None), qualifier.is_(None)).values(
            {qualifier.name: "exact"}))
    connection.execute(meta.insert().values(key="schema_version", value=SCHEMA_VERSION))


# Shared rows: a programme or a local government is added by the first import that names it, and later imports
# use it. Compared when another import added the same key first: what must agree for both imports to mean it.
_SHARED_SAME = {"programme": ("name",), "local_government": ("name", "country_iso3", "latitude", "longitude")}
_INSERTS = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}


def _insert_shared(connection: Connection, name: str, frame: pd.DataFrame, import_id: int) -> int:
    """Add rows of a shared table unless an active row with the same key exists, even one another import is
    adding at this very moment (INSERT … ON CONFLICT DO NOTHING on the active-key index: on PostgreSQL it waits
    for that import, then skips). So concurrent first imports of one new programme all land. A skipped row must
    agree with ours (`_SHARED_SAME`), else ImportConflict names it. Returns how many rows were added."""
    if frame is None or frame.empty:
        return 0
    table, key = TABLES[name], NATURAL_KEYS[name]
    active = table.c.retired_by.is_(None)
    statement = (_INSERTS[connection.dialect.name](table)
                 .on_conflict_do_nothing(index_elements=[key], index_where=active)
                 .returning(table.c.row_id))  # a row back when inserted (rowcount is not reliable here)
    added = 0
    for record in _records(frame[columns_of(name)]):
        if connection.execute(statement.values(**record, import_id=import_id)).first() is not None:
            added += 1
            continue
        existing = connection.execute(
            sa.select(*[table.c[c] for c in _SHARED_SAME[name]]).where(table.c[key] == record[key], active)
        ).mappings().one()
        differs = [c for c in _SHARED_SAME[name] if existing[c] != record[c]]
        if differs:
            raise ImportConflict(
                f"{name.replace('_', ' ')} '{record[key]}' was added by another import at the same time with a "
                f"different {', '.join(differs)} ({', '.join(repr(existing[c]) for c in differs)}); nothing was "
                "written — reload and check it, then try again"
            )
    return added


def _conflict_message(error: IntegrityError, edition_id: str) -> str:
    """Name what a unique index refused: the edition, a local government or the programme (PostgreSQL names the
    index, uq_active_<table>; SQLite the column, <table>.<key>)."""
    text = str(error.orig if error.orig is not None else error)
    for name in ("local_government", "programme", "edition"):
        if f"uq_active_{name}" in text or f"{name}.{NATURAL_KEYS[name]}" in text:
            what = f"edition '{edition_id}'" if name == "edition" else f"a {name.replace('_', ' ')} of this file"
            return (f"another import added {what} at the same time; nothing was written — reload and try again"
                    + (" (or import with replace)" if name == "edition" else ""))
    return f"another import changed the store at the same time as this one (edition '{edition_id}'); nothing was " \
           "written — reload and try again"


def _for_update(select: sa.Select, connection: Connection) -> sa.Select:
    return select if connection.dialect.name == "sqlite" else select.with_for_update()


def _read_active(connection: Connection, name: str) -> pd.DataFrame:
    table = TABLES[name]
    columns = columns_of(name)
    query = sa.select(*[table.c[c] for c in columns]).where(table.c.retired_by.is_(None)).order_by(table.c.row_id)
    rows = connection.execute(query).fetchall()
    # Column-wise construction: pd.DataFrame(rows) is ~5x slower on a million rows.
    values = list(zip(*rows)) if rows else [()] * len(columns)
    return _typed(name, dict(zip(columns, values)))


def _records(frame: pd.DataFrame) -> list[dict]:
    """Frame rows as plain Python values (None for missing), which every DB driver accepts."""
    plain = frame.astype(object).where(frame.notna(), None)
    return plain.to_dict("records")


_PANDAS_DTYPES = {"Int64": "Int64", "float64": "float64", "boolean": "boolean"}


def _typed(name: str, columns: dict[str, tuple]) -> pd.DataFrame:
    """A frame with the schema's dtypes, built column by column from the values the database returned."""
    schema = TABLE_MODELS[name].to_schema()
    out = {}
    for column_name, column in schema.columns.items():
        dtype = _PANDAS_DTYPES.get(str(column.dtype), "str")
        values = list(columns[column_name])
        if dtype == "float64":
            out[column_name] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        else:
            out[column_name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(out)

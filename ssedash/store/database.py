"""`Store`: one database reached by URL. Reads return plain frames; every write is one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from ssedash.i18n import t
from ssedash.schema import TABLE_MODELS
from ssedash.store import commit, rollback
from ssedash.store.engine import BUSY_TIMEOUT_SECONDS, WRITE_OPTION, create_engine, is_busy
from ssedash.store.errors import CommitResult, ImportConflict, RememberedMapping, StoreBusy, StoreError
from ssedash.store.migrate import SCHEMA_VERSION, migrate
from ssedash.store.rows import active_import_with_sha, insert_import, insert_rows, read_active
from ssedash.store.tables import DATA_TABLES, TABLES, WRITE_ACTIONS, data_import, meta, metadata

if TYPE_CHECKING:
    from ssedash.ingest import ImportPlan


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
                connection.execution_options(**{WRITE_OPTION: True})
                with connection.begin():
                    yield connection
        except OperationalError as error:
            if is_busy(error):
                raise StoreBusy(self.busy_timeout) from error
            raise

    # --- schema -----------------------------------------------------------------------------------------------
    def create(self, bundled_editions: pd.DataFrame | None = None) -> None:
        """Create missing tables, then bring a store made by an older version up to date (ssedash.store.migrate).
        Opening a store that is complete and current is a read only, so it never waits for a writer."""
        with self.engine.connect() as connection:
            existing = set(sa.inspect(connection).get_table_names())
        if not {table.name for table in metadata.sorted_tables} <= existing:
            with self.writing() as connection:
                metadata.create_all(connection)
        if self.get_meta("schema_version") != SCHEMA_VERSION:
            try:
                with self.writing() as connection:
                    migrate(connection, bundled_editions)
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
                import_id = insert_import(
                    connection,
                    action="seed",
                    by="ssedash",
                    file_name=source,
                    sha256=sha256,
                    rows=len(bundled["participation"]),
                    edition_id=None,
                    note="the bundled real dataset",
                )
                for name in DATA_TABLES:
                    insert_rows(connection, name, bundled[name], import_id)
            return True
        except IntegrityError:  # another process seeded first
            return False

    def write_synthetic(self, frames: dict[str, pd.DataFrame], description: dict) -> int:
        """Replace the whole store with a synthetic one marked as demo. Refuses a store that holds real data."""
        self.create()
        if not self.is_empty() and not self.is_demo():
            raise StoreError(
                t(
                    "this store holds real data; a demo store must be a separate database "
                    "(set SSEDASH_DB_URL to another URL)"
                )
            )
        self.drop()
        self.create()
        with self.writing() as connection:
            connection.execute(meta.insert().values(key="demo", value=json.dumps(description)))
            connection.execute(meta.insert().values(key="seeded", value="demo"))
            import_id = insert_import(
                connection,
                action="demo",
                by="ssedash demo",
                file_name="synthetic (demo)",
                sha256=None,
                rows=len(frames["participation"]),
                edition_id=None,
                note=json.dumps(description),
            )
            for name in DATA_TABLES:
                insert_rows(connection, name, frames[name], import_id)
        return import_id

    # --- reads --------------------------------------------------------------------------------------------------
    def read_active(self, name: str) -> pd.DataFrame:
        """The active rows of one table, typed by its schema, in the order they were written."""
        with self._snapshot() as connection:
            return read_active(connection, name)

    def read_all_active(self) -> dict[str, pd.DataFrame]:
        """Every table as of one moment, so an import committed meanwhile is seen whole or not at all (never an
        edition's participation rows without the edition)."""
        with self._snapshot() as connection:
            return {name: read_active(connection, name) for name in DATA_TABLES}

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
        """The active import of this file, whether it was committed as uploaded or corrected first."""
        with self.engine.connect() as connection:
            return active_import_with_sha(connection, sha256)

    def column_mapping_for(self, programme_id: str) -> RememberedMapping | None:
        """The column mapping used by the latest active import of an edition of this programme, if it kept one."""
        edition = TABLES["edition"]
        query = (
            sa.select(data_import.c.import_id, data_import.c.at, data_import.c.file_name, data_import.c.column_mapping)
            .join(
                edition,
                sa.and_(
                    edition.c.import_id == data_import.c.import_id, edition.c.edition_id == data_import.c.edition_id
                ),
            )
            .where(
                edition.c.programme_id == programme_id,
                data_import.c.column_mapping.is_not(None),
                data_import.c.action.in_(WRITE_ACTIONS),
                data_import.c.rolled_back_by.is_(None),
            )
            .order_by(data_import.c.import_id.desc())
            .limit(1)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return RememberedMapping(row.import_id, row.at, row.file_name, json.loads(row.column_mapping))

    # --- writes -------------------------------------------------------------------------------------------------
    def commit_plan(self, plan: ImportPlan, *, by: str, replace: bool = False) -> CommitResult:
        """Apply an import plan in one transaction: all its rows, or nothing."""
        if not plan.can_commit:
            raise StoreError(t("the file has errors; nothing was written"))
        try:
            with self.writing() as connection:
                return commit.commit_plan(connection, plan, by=by, replace=replace)
        except IntegrityError as error:
            raise ImportConflict(commit.conflict_message(error, str(plan.editions["edition_id"].iloc[0]))) from error

    def commit_local_governments(self, frame: pd.DataFrame, *, by: str, file_name: str, sha256: str) -> CommitResult:
        """Add or correct local-government records (the cities upload): a corrected record retires the old one."""
        frame = TABLE_MODELS["local_government"].validate(frame, lazy=True)
        try:
            with self.writing() as connection:
                return commit.commit_local_governments(connection, frame, by=by, file_name=file_name, sha256=sha256)
        except IntegrityError as error:
            raise ImportConflict(
                t("another import changed these local governments at the same time; try again")
            ) from error

    def rollback(self, import_id: int, *, by: str) -> CommitResult:
        """Undo one import (see ssedash.store.rollback): the result is always a state the store was in before."""
        with self.writing() as connection:
            return rollback.rollback(connection, import_id, by=by)

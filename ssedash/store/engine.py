"""Engines whose transactions really are transactions, on SQLite too, and the test for "the store is busy"."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

# How long a write waits for another one to finish before saying the store is busy (SQLite's busy timeout,
# PostgreSQL's lock_timeout). Reads never wait: SQLite runs in WAL mode and only writes take its write lock.
BUSY_TIMEOUT_SECONDS = 30.0
WRITE_OPTION = "ssedash_write"  # execution option that marks a write transaction (Store.writing)


def create_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine whose transactions really are transactions, on SQLite too (foreign keys on, WAL journal).

    On SQLite a write transaction (`Store.writing`) begins with BEGIN IMMEDIATE, so two writers queue at the
    start instead of failing half-way; every other transaction is a plain (deferred) BEGIN that, in WAL mode,
    reads a snapshot without waiting for a writer and without blocking one. A write waits up to `busy_timeout`
    seconds for another (SQLite busy timeout, PostgreSQL lock_timeout), then fails with StoreBusy."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, busy_timeout)
    connect_args = {"options": f"-c lock_timeout={int(busy_timeout * 1000)}"} if url.startswith("postgresql") else {}
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: str, busy_timeout: float) -> Engine:
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
        writing = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def is_busy(error: OperationalError) -> bool:
    """SQLite's "database is locked" (busy timeout over) or PostgreSQL's lock_timeout (SQLSTATE 55P03)."""
    text = str(error.orig if error.orig is not None else error).lower()
    return (
        "database is locked" in text
        or "database is busy" in text
        or "lock timeout" in text
        or getattr(error.orig, "sqlstate", None) == "55P03"
    )

"""Writes that add data: an edition file's import plan (add or replace), and corrected local governments.

Each function runs inside the caller's write transaction (Store.writing), so a refusal or a crash leaves the
store exactly as it was.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ssedash.i18n import N_, t
from ssedash.schema import columns_of
from ssedash.store.errors import CommitResult, DuplicateImport, EditionExists, ImportConflict
from ssedash.store.rows import active_import_with_sha, insert_import, insert_rows, records
from ssedash.store.tables import NATURAL_KEYS, TABLES

if TYPE_CHECKING:
    from ssedash.ingest import ImportPlan

# Shared rows: a programme or a local government is added by the first import that names it, and later imports
# use it. Compared when another import added the same key first: what must agree for both imports to mean it.
_SHARED_SAME = {"programme": ("name",), "local_government": ("name", "country_iso3", "latitude", "longitude")}
# Both dialects' INSERT … ON CONFLICT (typed as one callable: each returns its dialect's Insert).
_INSERTS: dict[str, Any] = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}


def commit_plan(connection: Connection, plan: ImportPlan, *, by: str, replace: bool) -> CommitResult:
    """Apply an import plan (its edition added, or replacing the active one when `replace`)."""
    edition_id = str(plan.editions["edition_id"].iloc[0])
    previous = active_import_with_sha(connection, plan.sha256)
    if previous is not None:
        raise DuplicateImport(previous)
    existing = _existing_edition(connection, edition_id, plan.replaces_existing_edition, replace)
    mapping = plan.detected.column_mapping
    import_id = insert_import(
        connection,
        action="replace" if existing else "add",
        by=by,
        file_name=plan.file_name,
        sha256=plan.sha256,
        rows=len(plan.participation),
        edition_id=edition_id,
        note=plan.note,
        original_sha256=plan.original_sha256,
        column_mapping=json.dumps(mapping, ensure_ascii=False) if mapping else None,
    )
    replaced = _retire_edition(connection, edition_id, import_id) if existing else 0
    programme = TABLES["programme"]
    known = set(
        connection.execute(sa.select(programme.c.programme_id).where(programme.c.retired_by.is_(None))).scalars()
    )
    insert_shared(connection, "programme", plan.programmes[~plan.programmes["programme_id"].isin(known)], import_id)
    new_lgs = insert_shared(connection, "local_government", plan.local_governments, import_id)
    insert_rows(connection, "edition", plan.editions, import_id)
    insert_rows(connection, "participation", plan.participation, import_id)
    return CommitResult(
        import_id, "replace" if existing else "add", edition_id, len(plan.participation), new_lgs, replaced
    )


def _existing_edition(connection: Connection, edition_id: str, planned_replace: bool, replace: bool) -> bool:
    """Whether the edition is active now (locked for this transaction), refusing what the analyst did not see."""
    edition = TABLES["edition"]
    query = sa.select(edition.c.row_id).where(edition.c.edition_id == edition_id, edition.c.retired_by.is_(None))
    existing = connection.execute(_for_update(query, connection)).first() is not None
    if existing and not replace:
        raise EditionExists(edition_id)
    if not existing and planned_replace and replace:
        raise ImportConflict(
            t(
                "edition '{edition}' was removed by someone else while you were working; check the history and "
                "upload again",
                edition=edition_id,
            )
        )
    if existing and not planned_replace:
        raise ImportConflict(
            t(
                "edition '{edition}' was added by someone else while you were working; nothing was written — "
                "review the new edition, then upload again to replace it",
                edition=edition_id,
            )
        )
    return existing


def _retire_edition(connection: Connection, edition_id: str, import_id: int) -> int:
    """Retire the edition's active rows (it is being replaced); returns how many."""
    retired = 0
    for name in ("participation", "edition"):
        table = TABLES[name]
        retired += connection.execute(
            table.update()
            .where(table.c.edition_id == edition_id, table.c.retired_by.is_(None))
            .values(retired_by=import_id)
        ).rowcount
    return retired


def commit_local_governments(
    connection: Connection, frame: pd.DataFrame, *, by: str, file_name: str, sha256: str
) -> CommitResult:
    """Add or correct local-government records (the cities upload): a corrected record retires the old one."""
    previous = active_import_with_sha(connection, sha256)
    if previous is not None:
        raise DuplicateImport(previous)
    import_id = insert_import(
        connection,
        action="lg_update",
        by=by,
        file_name=file_name,
        sha256=sha256,
        rows=len(frame),
        edition_id=None,
        note=None,
    )
    table = TABLES["local_government"]
    replaced = connection.execute(
        table.update()
        .where(table.c.lg_id.in_(frame["lg_id"].tolist()), table.c.retired_by.is_(None))
        .values(retired_by=import_id)
    ).rowcount
    insert_rows(connection, "local_government", frame, import_id)
    return CommitResult(import_id, "lg_update", None, len(frame), len(frame) - replaced, replaced)


def insert_shared(connection: Connection, name: str, frame: pd.DataFrame, import_id: int) -> int:
    """Add rows of a shared table unless an active row with the same key exists, even one another import is
    adding at this very moment (INSERT … ON CONFLICT DO NOTHING on the active-key index: on PostgreSQL it waits
    for that import, then skips). So concurrent first imports of one new programme all land. A skipped row must
    agree with ours (`_SHARED_SAME`), else ImportConflict names it. Returns how many rows were added."""
    if frame is None or frame.empty:
        return 0
    table, key = TABLES[name], NATURAL_KEYS[name]
    active = table.c.retired_by.is_(None)
    statement = (
        _INSERTS[connection.dialect.name](table)
        .on_conflict_do_nothing(index_elements=[key], index_where=active)
        .returning(table.c.row_id)
    )  # a row back when inserted (rowcount is not reliable here)
    added = 0
    for record in records(frame[columns_of(name)]):
        if connection.execute(statement.values(**record, import_id=import_id)).first() is not None:
            added += 1
            continue
        existing = (
            connection.execute(
                sa.select(*[table.c[c] for c in _SHARED_SAME[name]]).where(table.c[key] == record[key], active)
            )
            .mappings()
            .one()
        )
        differs = [c for c in _SHARED_SAME[name] if existing[c] != record[c]]
        if differs:
            raise ImportConflict(
                t(
                    _ADDED_AT_THE_SAME_TIME.get(name, _ADDED_AT_THE_SAME_TIME["local_government"]),
                    record=record[key],
                    columns=", ".join(differs),
                    values=", ".join(repr(existing[c]) for c in differs),
                )
            )
    return added


_ADDED_AT_THE_SAME_TIME = {
    "local_government": N_(
        "local government '{record}' was added by another import at the same time with a different {columns} "
        "({values}); nothing was written — reload and check it, then try again"
    ),
    "programme": N_(
        "programme '{record}' was added by another import at the same time with a different {columns} "
        "({values}); nothing was written — reload and check it, then try again"
    ),
}


def conflict_message(error: IntegrityError, edition_id: str) -> str:
    """Name what a unique index refused: the edition, a local government or the programme (PostgreSQL names the
    index, uq_active_<table>; SQLite the column, <table>.<key>)."""
    text = str(error.orig if error.orig is not None else error)
    for name in ("local_government", "programme", "edition"):
        if f"uq_active_{name}" in text or f"{name}.{NATURAL_KEYS[name]}" in text:
            if name == "edition":
                return t(
                    "another import added edition '{edition}' at the same time; nothing was written — reload and "
                    "try again (or import with replace)",
                    edition=edition_id,
                )
            return t(
                "another import added a local government or programme of this file at the same time; nothing "
                "was written — reload and try again"
            )
    return t(
        "another import changed the store at the same time as this one (edition '{edition}'); nothing was "
        "written — reload and try again",
        edition=edition_id,
    )


def _for_update(select: sa.Select, connection: Connection) -> sa.Select:
    return select if connection.dialect.name == "sqlite" else select.with_for_update()

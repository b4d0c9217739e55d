"""Bringing a store made by an older version up to date, once, whichever process opens it first.

Version 2 added the edition's event kind and the qualifiers of its reported figures; version 3 added the import
history's `original_sha256` and `column_mapping`.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ssedash.schema import REPORTED_FIGURES
from ssedash.store.rows import records
from ssedash.store.tables import TABLES, data_import, meta

SCHEMA_VERSION = "3"
EDITION_V2 = ("event_kind", *[f"{figure}_qualifier" for figure in REPORTED_FIGURES])
IMPORT_V3 = ("original_sha256", "column_mapping")


def migrate(connection: Connection, bundled_editions: pd.DataFrame | None) -> None:
    """Run the steps the store has not had yet, then record the version (inside the caller's write)."""
    version = connection.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one_or_none()
    if version == SCHEMA_VERSION:
        return  # another process migrated while we waited for the lock
    if version is None:
        _to_v2(connection, bundled_editions)
    _add_columns(connection, data_import, IMPORT_V3)
    if version is None:
        connection.execute(meta.insert().values(key="schema_version", value=SCHEMA_VERSION))
    else:
        connection.execute(meta.update().where(meta.c.key == "schema_version").values(value=SCHEMA_VERSION))


def _add_columns(connection: Connection, table: sa.Table, names: tuple[str, ...]) -> list[str]:
    """ALTER TABLE … ADD COLUMN for each of `names` the database table lacks; returns the ones added."""
    present = {column["name"] for column in sa.inspect(connection).get_columns(table.name)}
    missing = [name for name in names if name not in present]
    for name in missing:
        kind = table.c[name].type.compile(dialect=connection.dialect)
        connection.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}")
    return missing


def _to_v2(connection: Connection, bundled_editions: pd.DataFrame | None) -> None:
    """Editions gain an event kind and a qualifier beside each reported figure.

    Editions that are bundled ones with the same figures take the bundled kind and qualifiers (so "over 200" does
    not become an exact 200); any other edition gets kind "training" and "exact" beside each figure it has, which
    is what the old store meant.
    """
    edition = TABLES["edition"]
    missing = _add_columns(connection, edition, EDITION_V2)
    if missing and bundled_editions is not None:
        for row in records(bundled_editions):
            match = edition.c.edition_id == row["edition_id"]
            connection.execute(
                edition.update().where(match, edition.c.event_kind.is_(None)).values(event_kind=row["event_kind"])
            )
            for figure in REPORTED_FIGURES:
                if row[figure] is not None:
                    connection.execute(
                        edition.update()
                        .where(match, edition.c[figure] == row[figure])
                        .values({f"{figure}_qualifier": row[f"{figure}_qualifier"]})
                    )
    connection.execute(edition.update().where(edition.c.event_kind.is_(None)).values(event_kind="training"))
    for figure in REPORTED_FIGURES:
        qualifier = edition.c[f"{figure}_qualifier"]
        connection.execute(
            edition.update()
            .where(edition.c[figure].is_not(None), qualifier.is_(None))
            .values({qualifier.name: "exact"})
        )

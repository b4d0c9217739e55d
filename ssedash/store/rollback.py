"""Undoing one import: retire what it added, bring back what it retired, inside the caller's write transaction.

Refused when a later import built on it (roll that one back first), so the result is always a state the store
was in before.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ssedash.i18n import t
from ssedash.store.errors import CommitResult, RollbackRefused
from ssedash.store.rows import insert_import
from ssedash.store.tables import TABLES, WRITE_ACTIONS, data_import


def rollback(connection: Connection, import_id: int, *, by: str) -> CommitResult:
    target = connection.execute(sa.select(data_import).where(data_import.c.import_id == import_id)).mappings().first()
    if target is None:
        raise RollbackRefused(f"there is no import #{import_id}")
    if target["action"] not in WRITE_ACTIONS:
        raise RollbackRefused(f"import #{import_id} is a {target['action']} and cannot be rolled back")
    if target["rolled_back_by"] is not None:
        raise RollbackRefused(f"import #{import_id} was already rolled back by import #{target['rolled_back_by']}")
    _refuse_when_built_on(connection, import_id)
    rollback_id = insert_import(
        connection,
        action="rollback",
        by=by,
        file_name=target["file_name"],
        sha256=None,
        rows=0,
        edition_id=target["edition_id"],
        note=f"rolled back import #{import_id}",
    )
    changed = 0
    for table in TABLES.values():
        changed += connection.execute(
            table.update()
            .where(table.c.import_id == import_id, table.c.retired_by.is_(None))
            .values(retired_by=rollback_id)
        ).rowcount
        changed += connection.execute(
            table.update().where(table.c.retired_by == import_id).values(retired_by=None)
        ).rowcount
    connection.execute(
        data_import.update().where(data_import.c.import_id == import_id).values(rolled_back_by=rollback_id)
    )
    connection.execute(data_import.update().where(data_import.c.import_id == rollback_id).values(rows=changed))
    return CommitResult(rollback_id, "rollback", target["edition_id"], changed, 0, 0)


def _refuse_when_built_on(connection: Connection, import_id: int) -> None:
    """Refuse when a later import retired this import's rows, or uses the local governments it added."""
    for name, table in TABLES.items():
        later = connection.execute(
            sa.select(table.c.retired_by)
            .where(table.c.import_id == import_id, table.c.retired_by.is_not(None))
            .limit(1)
        ).scalar_one_or_none()
        if later is not None:
            raise RollbackRefused(
                t(
                    "import #{later} changed the rows of import #{id} since ({table}); roll back import #{later} first",
                    later=later,
                    id=import_id,
                    table=name,
                )
            )
    lg, participation = TABLES["local_government"], TABLES["participation"]
    # Local governments this import created (not corrected versions of older records), if still in use.
    corrected = sa.select(lg.c.lg_id).where(lg.c.retired_by == import_id)
    added_lgs = sa.select(lg.c.lg_id).where(
        lg.c.import_id == import_id, lg.c.retired_by.is_(None), lg.c.lg_id.not_in(corrected)
    )
    users = connection.execute(
        sa.select(participation.c.import_id)
        .where(
            participation.c.lg_id.in_(added_lgs),
            participation.c.retired_by.is_(None),
            participation.c.import_id != import_id,
        )
        .limit(1)
    ).scalar_one_or_none()
    if users is not None:
        raise RollbackRefused(
            t(
                "import #{later} uses local governments that import #{id} added; roll back import #{later} first",
                later=users,
                id=import_id,
            )
        )

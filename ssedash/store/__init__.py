"""The one package that writes the store: SQLAlchemy tables, transactional imports, replace and rollback.

Every data row carries the import that added it (`import_id`) and, once replaced or rolled back, the import
that retired it (`retired_by`). The *active* view (rows with no `retired_by`) is what the dashboard shows and
what an export writes; retired rows are history. Nothing is deleted: a replace or a rollback is itself an
import row saying what it did, and rolling back an import restores the active view exactly as it was.

- tables.py: the tables; engine.py: engines and "busy"; migrate.py: older stores brought up to date;
- rows.py: typed reads and row writes; commit.py: imports and cities; rollback.py: undoing an import;
- database.py: `Store`, the one object the rest of the app holds.
"""

from ssedash.store.database import Store
from ssedash.store.engine import BUSY_TIMEOUT_SECONDS, create_engine
from ssedash.store.errors import (
    CommitResult,
    DuplicateImport,
    EditionExists,
    ImportConflict,
    RememberedMapping,
    RollbackRefused,
    StoreBusy,
    StoreError,
)
from ssedash.store.migrate import SCHEMA_VERSION
from ssedash.store.tables import DATA_TABLES, NATURAL_KEYS, TABLES, WRITE_ACTIONS, data_import, meta, metadata

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "DATA_TABLES",
    "NATURAL_KEYS",
    "SCHEMA_VERSION",
    "TABLES",
    "WRITE_ACTIONS",
    "CommitResult",
    "DuplicateImport",
    "EditionExists",
    "ImportConflict",
    "RememberedMapping",
    "RollbackRefused",
    "Store",
    "StoreBusy",
    "StoreError",
    "create_engine",
    "data_import",
    "meta",
    "metadata",
]

"""The store's tables: the import history, a key/value table of store facts, and one table per data model.

Every data row carries the import that added it (`import_id`) and, once replaced or rolled back, the import
that retired it (`retired_by`); the *active* rows are those with no `retired_by`.
"""

from __future__ import annotations

import sqlalchemy as sa

from ssedash.schema import TABLE_MODELS

DATA_TABLES = ("programme", "edition", "local_government", "participation")
NATURAL_KEYS = {"programme": "programme_id", "edition": "edition_id", "local_government": "lg_id"}
WRITE_ACTIONS = ("add", "replace", "lg_update")

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
    # Version 3: the checksum of the file as uploaded when the analyst corrected it before committing (`sha256`
    # is then the corrected file's), and the column mapping the import used (JSON: header as written -> field).
    sa.Column("original_sha256", sa.String(64), nullable=True),
    sa.Column("column_mapping", sa.Text, nullable=True),
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
            f"uq_active_{name}",
            table.c[NATURAL_KEYS[name]],
            unique=True,
            sqlite_where=active,
            postgresql_where=active,
        )
    else:
        sa.Index(f"ix_{name}_edition_active", table.c.edition_id, table.c.retired_by)
    return table


TABLES: dict[str, sa.Table] = {name: _data_table(name) for name in DATA_TABLES}

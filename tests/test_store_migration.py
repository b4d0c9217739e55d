"""A store made before editions had an event kind and qualified figures opens, gains the columns, and stays true."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from ssedash.store import SCHEMA_VERSION, Store, meta
from ssedash.store.migrate import EDITION_V2
from ssedash.store.rows import insert_import

OLD_COLUMNS = (
    "edition_id",
    "programme_id",
    "name",
    "year",
    "format",
    "reported_participants",
    "reported_countries",
    "source_url",
    "import_id",
)


@pytest.fixture
def old_store(store_url):
    """A store as version 1 left it: no event_kind, no qualifier columns, no schema_version."""
    store = Store(store_url)
    store.create()
    with store.engine.begin() as connection:
        for name in EDITION_V2:
            connection.exec_driver_sql(f"ALTER TABLE edition DROP COLUMN {name}")
        connection.execute(meta.delete().where(meta.c.key == "schema_version"))
        import_id = insert_import(
            connection, action="seed", by="test", file_name="old", sha256=None, rows=0, edition_id=None, note=None
        )
        old_edition = sa.table("edition", *[sa.column(c) for c in OLD_COLUMNS])
        connection.execute(
            old_edition.insert(),
            [
                {
                    "edition_id": "ilo-sse-academy-2017",
                    "programme_id": "ilo-sse-academy",
                    "name": "ILO",
                    "year": 2017,
                    "format": "in_person",
                    "reported_participants": 200,
                    "reported_countries": None,
                    "source_url": "https://gsef-net.org/en/node/25704",
                    "import_id": import_id,
                },
                {
                    "edition_id": "uploaded-2024",
                    "programme_id": "uploaded",
                    "name": "Uploaded",
                    "year": 2024,
                    "format": "online",
                    "reported_participants": 12,
                    "reported_countries": None,
                    "source_url": "upload:x.csv",
                    "import_id": import_id,
                },
                {
                    "edition_id": "counted-nothing-2024",
                    "programme_id": "uploaded",
                    "name": "No figures",
                    "year": 2024,
                    "format": "online",
                    "reported_participants": None,
                    "reported_countries": None,
                    "source_url": "upload:y.csv",
                    "import_id": import_id,
                },
            ],
        )
    yield store
    store.engine.dispose()


def editions_by_id(store: Store) -> pd.DataFrame:
    return store.read_active("edition").set_index("edition_id")


def test_an_old_store_gains_the_columns_and_reads_with_defaults(old_store):
    old_store.create()
    editions = editions_by_id(old_store)
    assert editions.loc["uploaded-2024", "event_kind"] == "training"
    assert editions.loc["uploaded-2024", "reported_participants_qualifier"] == "exact"
    assert pd.isna(editions.loc["counted-nothing-2024", "reported_participants_qualifier"])
    assert pd.isna(editions.loc["uploaded-2024", "reported_countries_qualifier"])
    assert old_store.get_meta("schema_version") == SCHEMA_VERSION


def test_a_bundled_edition_keeps_its_bundled_kind_and_lower_bound(old_store, bundled):
    old_store.create(bundled["edition"])
    editions = editions_by_id(old_store)
    assert editions.loc["ilo-sse-academy-2017", "event_kind"] == "academy"
    assert editions.loc["ilo-sse-academy-2017", "reported_participants_qualifier"] == "at_least"
    assert editions.loc["uploaded-2024", "event_kind"] == "training"


def test_a_bundled_edition_whose_figure_was_changed_is_not_given_the_bundled_qualifier(old_store, bundled):
    with old_store.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE edition SET reported_participants = 250 WHERE edition_id = 'ilo-sse-academy-2017'"
        )
    old_store.create(bundled["edition"])
    assert editions_by_id(old_store).loc["ilo-sse-academy-2017", "reported_participants_qualifier"] == "exact"


def test_migrating_twice_changes_nothing(old_store, bundled):
    old_store.create(bundled["edition"])
    before = old_store.read_active("edition")
    old_store.create()
    pd.testing.assert_frame_equal(old_store.read_active("edition"), before)


def test_a_new_store_is_created_at_the_current_version(store_url):
    store = Store(store_url)
    store.create()
    assert store.get_meta("schema_version") == SCHEMA_VERSION
    store.engine.dispose()


def test_a_version_2_store_gains_the_import_history_columns(store_url):
    store = Store(store_url)
    store.create()
    with store.engine.begin() as connection:
        for name in ("original_sha256", "column_mapping"):
            connection.exec_driver_sql(f"ALTER TABLE data_import DROP COLUMN {name}")
        connection.execute(meta.update().where(meta.c.key == "schema_version").values(value="2"))
    store.create()
    assert {"original_sha256", "column_mapping"} <= set(store.history().columns)
    assert store.get_meta("schema_version") == SCHEMA_VERSION == "3"
    store.engine.dispose()

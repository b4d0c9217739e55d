"""The store, on SQLite and on PostgreSQL: seeding, imports in one transaction, replace, rollback, conflicts."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pandas as pd
import pytest

from ssedash import files
from ssedash.ingest import Detected
from ssedash.schema import columns_of
from ssedash.store import (
    DuplicateImport,
    EditionExists,
    ImportConflict,
    RollbackRefused,
    Store,
    StoreBusy,
    StoreError,
    meta,
)


@dataclass
class Plan:
    """Just what Store.commit_plan reads from an ingest.ImportPlan."""

    file_name: str
    sha256: str
    editions: pd.DataFrame
    participation: pd.DataFrame
    local_governments: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=columns_of("local_government"))
    )
    programmes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=columns_of("programme")))
    replaces_existing_edition: bool = False
    can_commit: bool = True
    detected: Detected = field(default_factory=Detected)
    original_sha256: str | None = None
    note: str | None = None


def make_plan(edition_id="gsef-shrdc-2024", lgs=("ug-kampala", "ke-kisumu"), sha="a" * 64, replaces=False, new_lg=None):
    edition = pd.DataFrame(
        [
            {
                "edition_id": edition_id,
                "programme_id": "gsef-shrdc",
                "name": "Test edition",
                "year": 2024,
                "start_date": None,
                "end_date": None,
                "host_city": "Seoul",
                "host_country_iso3": "KOR",
                "format": "online",
                "event_kind": "training",
                "reported_participants": 3,
                "reported_participants_qualifier": "exact",
                "reported_countries": None,
                "reported_countries_qualifier": None,
                "reported_local_governments": None,
                "reported_local_governments_qualifier": None,
                "source_url": "upload:test.csv",
                "notes": None,
            }
        ]
    )
    countries = {"ug-kampala": "UGA", "ke-kisumu": "KEN", "sn-dakar": "SEN"}
    participation = pd.DataFrame(
        [
            {
                "edition_id": edition_id,
                "country_iso3": countries[lg],
                "lg_id": lg,
                "participants": 1,
                "role": None,
                "gender": None,
                "source_url": "upload:test.csv",
            }
            for lg in lgs
        ]
    )
    plan = Plan(f"{edition_id}.csv", sha, edition, participation, replaces_existing_edition=replaces)
    if new_lg:
        plan.local_governments = pd.DataFrame(
            [
                {
                    "lg_id": new_lg,
                    "name": "Dakar",
                    "country_iso3": "SEN",
                    "admin_level": None,
                    "latitude": 14.69,
                    "longitude": -17.44,
                    "coord_source": "upload",
                    "coord_precision": "exact",
                    "gsef_member": None,
                    "source_url": "upload:test.csv",
                    "notes": None,
                }
            ]
        )
    return plan


@pytest.fixture
def store(store_url, bundled):
    store = Store(store_url)
    store.ensure_seeded(bundled, files.bundled_sha256())
    yield store
    store.engine.dispose()


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    return store.read_all_active()


def assert_same(before, after):
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name])


def test_seeding_fills_an_empty_store_with_the_bundled_tables_exactly(store, bundled):
    for name, frame in bundled.items():
        pd.testing.assert_frame_equal(store.read_active(name), frame.reset_index(drop=True))


def test_seeding_twice_changes_nothing(store, bundled):
    assert store.ensure_seeded(bundled, files.bundled_sha256()) is False
    assert len(store.history()) == 1


def test_a_committed_plan_adds_its_edition_and_rows(store):
    result = store.commit_plan(make_plan(), by="analyst")
    assert result.action == "add"
    participation = store.read_active("participation")
    assert (participation["edition_id"] == "gsef-shrdc-2024").sum() == 2
    assert store.history().iloc[0][["by", "action", "rows", "edition_id"]].tolist() == [
        "analyst",
        "add",
        2,
        "gsef-shrdc-2024",
    ]


def test_the_same_file_twice_is_recognised_and_changes_nothing(store):
    store.commit_plan(make_plan(), by="analyst")
    before = snapshot(store)
    with pytest.raises(DuplicateImport):
        store.commit_plan(make_plan(edition_id="other-2024"), by="analyst")
    assert_same(before, snapshot(store))


def test_an_existing_edition_is_not_replaced_unless_asked(store):
    before = snapshot(store)
    with pytest.raises(EditionExists, match="gsef-shrdc-2019"):
        store.commit_plan(make_plan(edition_id="gsef-shrdc-2019", sha="b" * 64, replaces=True), by="analyst")
    assert_same(before, snapshot(store))


def test_replace_swaps_the_edition_and_keeps_the_old_rows_in_history(store):
    result = store.commit_plan(
        make_plan(edition_id="gsef-shrdc-2019", sha="b" * 64, replaces=True), by="analyst", replace=True
    )
    assert result.action == "replace"
    assert result.replaced_rows == 11 + 1  # 11 participation rows and the edition row
    active = store.read_active("participation")
    assert sorted(active.loc[active["edition_id"] == "gsef-shrdc-2019", "lg_id"]) == ["ke-kisumu", "ug-kampala"]


def test_rollback_of_a_replace_restores_the_previous_state_exactly(store):
    before = snapshot(store)
    result = store.commit_plan(
        make_plan(edition_id="gsef-shrdc-2019", sha="b" * 64, replaces=True, lgs=("sn-dakar",), new_lg="sn-dakar"),
        by="analyst",
        replace=True,
    )
    store.rollback(result.import_id, by="analyst")
    assert_same(before, snapshot(store))
    history = store.history()
    assert history.iloc[0]["action"] == "rollback"
    assert history.set_index("import_id").loc[result.import_id, "rolled_back_by"] == history.iloc[0]["import_id"]


def test_a_rolled_back_file_can_be_imported_again(store):
    first = store.commit_plan(make_plan(), by="analyst")
    store.rollback(first.import_id, by="analyst")
    again = store.commit_plan(make_plan(), by="analyst")
    assert again.import_id > first.import_id


def test_rollback_is_refused_when_a_later_import_built_on_it(store):
    first = store.commit_plan(make_plan(), by="analyst")
    second = store.commit_plan(make_plan(sha="c" * 64, replaces=True), by="analyst", replace=True)
    with pytest.raises(RollbackRefused, match=f"roll back import #{second.import_id} first"):
        store.rollback(first.import_id, by="analyst")


def test_rollback_refuses_unknown_seed_and_repeated_imports(store):
    with pytest.raises(RollbackRefused, match="no import #999"):
        store.rollback(999, by="analyst")
    with pytest.raises(RollbackRefused, match="seed"):
        store.rollback(1, by="analyst")
    result = store.commit_plan(make_plan(), by="analyst")
    store.rollback(result.import_id, by="analyst")
    with pytest.raises(RollbackRefused, match="already rolled back"):
        store.rollback(result.import_id, by="analyst")


def test_a_plan_with_errors_writes_nothing(store):
    plan = make_plan()
    plan.can_commit = False
    before = snapshot(store)
    with pytest.raises(StoreError):
        store.commit_plan(plan, by="analyst")
    assert_same(before, snapshot(store))


def test_a_failure_midway_rolls_the_whole_import_back(store):
    plan = make_plan()
    plan.participation.loc[1, "lg_id"] = None
    plan.participation.loc[1, "country_iso3"] = None  # NOT NULL: the second insert batch row fails
    before = snapshot(store)
    with pytest.raises(Exception):  # noqa: B017 - whichever driver error NOT NULL raises; the point is the rollback
        store.commit_plan(plan, by="analyst")
    assert_same(before, snapshot(store))
    assert len(store.history()) == 1


def test_two_sessions_adding_the_same_edition_leave_exactly_one_copy(store_url, bundled):
    stores = [Store(store_url) for _ in range(2)]
    stores[0].ensure_seeded(bundled, files.bundled_sha256())
    outcomes = []

    def commit(store, sha):
        try:
            outcomes.append(store.commit_plan(make_plan(sha=sha), by="analyst"))
        except (EditionExists, ImportConflict) as error:
            outcomes.append(error)

    threads = [threading.Thread(target=commit, args=(s, c * 64)) for s, c in zip(stores, "de")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wins = [o for o in outcomes if not isinstance(o, Exception)]
    losses = [o for o in outcomes if isinstance(o, Exception)]
    assert len(wins) == 1 and len(losses) == 1
    assert "gsef-shrdc-2024" in str(losses[0])
    editions = stores[0].read_active("edition")
    assert (editions["edition_id"] == "gsef-shrdc-2024").sum() == 1
    for s in stores:
        s.engine.dispose()


def test_local_government_corrections_retire_the_old_record_and_roll_back(store):
    before = snapshot(store)
    corrected = store.read_active("local_government").query("lg_id == 'np-tokha'").copy()
    corrected["latitude"] = 27.7500
    corrected["coord_precision"] = "exact"
    result = store.commit_local_governments(corrected, by="analyst", file_name="cities.csv", sha256="f" * 64)
    assert result.rows == 1 and result.replaced_rows == 1
    tokha = store.read_active("local_government").query("lg_id == 'np-tokha'")
    assert tokha["latitude"].tolist() == [27.75]
    store.rollback(result.import_id, by="analyst")
    assert_same(before, snapshot(store))


def test_a_synthetic_store_refuses_to_overwrite_real_data(store):
    with pytest.raises(StoreError, match="holds real data"):
        store.write_synthetic({}, {"participants": 1})
    assert not store.is_demo()


def test_revision_grows_with_every_write(store):
    before = store.revision()
    store.commit_plan(make_plan(), by="analyst")
    assert store.revision() > before


# --- concurrency: reads never wait for a write, a busy write says so, shared rows race safely ---------------------
WAIT = 60  # seconds a test waits for a thread before calling it stuck (never reached when things work)


def test_reads_answer_while_another_connection_holds_a_write_transaction_open(store, store_url, bundled):
    holding, release, answered = threading.Event(), threading.Event(), []

    def writer():
        with store.writing() as connection:
            connection.execute(meta.insert().values(key="held", value="by a writer"))
            holding.set()
            release.wait(WAIT)

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(WAIT)
    reader = Store(store_url)
    try:
        answered.append(reader.ensure_seeded(bundled, files.bundled_sha256()))  # what opening the store does
        answered.append(len(reader.history()))
        answered.append(len(reader.read_all_active()["participation"]))
        answered.append(reader.revision())
        answered.append(reader.find_import_by_sha("f" * 64))
        still_writing = not release.is_set() and thread.is_alive()
    finally:
        release.set()
        thread.join(WAIT)
        reader.engine.dispose()
    assert still_writing and answered == [False, 1, len(store.read_active("participation")), 1, None]
    assert store.get_meta("held") == "by a writer"  # the writer then committed


def test_a_write_that_finds_the_store_busy_says_so_and_writes_nothing(tmp_path, bundled):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = Store(url)
    store.ensure_seeded(bundled, files.bundled_sha256())
    impatient = Store(url, busy_timeout=0.1)
    before = snapshot(store)
    with store.writing(), pytest.raises(StoreBusy, match="the store is busy with another import") as refused:
        impatient.commit_plan(make_plan(), by="analyst")
    assert isinstance(refused.value, StoreError) and "try again" in str(refused.value)
    assert_same(before, snapshot(store))
    impatient.engine.dispose()
    store.engine.dispose()


def new_programme_plan(year: int) -> Plan:
    plan = make_plan(edition_id=f"new-programme-{year}", sha=f"{year:064d}")
    plan.editions = plan.editions.assign(programme_id="new-programme", year=year)
    plan.programmes = pd.DataFrame(
        [
            {
                "programme_id": "new-programme",
                "name": "A new programme",
                "organisers": "GSEF",
                "url": None,
                "source_url": "upload:test.csv",
            }
        ]
    )
    return plan


def run_at_once(functions) -> list:
    """Call each function in its own thread, all released together; their results (or exceptions) in order."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(i, function):
        barrier.wait(WAIT)
        try:
            results[i] = function()
        except Exception as error:  # collected and asserted on by the test
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    return results


def test_eight_first_imports_of_one_new_programme_at_once_all_land_exactly_once(store_url, bundled):
    stores = [Store(store_url) for _ in range(8)]
    stores[0].ensure_seeded(bundled, files.bundled_sha256())
    years = range(2031, 2039)
    results = run_at_once(
        [lambda s=s, y=y: s.commit_plan(new_programme_plan(y), by="analyst") for s, y in zip(stores, years)]
    )
    assert [type(r).__name__ for r in results] == ["CommitResult"] * 8, [str(r) for r in results]
    programmes = stores[0].read_active("programme")
    assert (programmes["programme_id"] == "new-programme").sum() == 1
    editions = stores[0].read_active("edition")
    assert sorted(editions.loc[editions["programme_id"] == "new-programme", "year"]) == list(years)
    for s in stores:
        s.engine.dispose()


def test_concurrent_imports_adding_the_same_new_local_government_both_land_when_they_agree(store_url, bundled):
    stores = [Store(store_url) for _ in range(2)]
    stores[0].ensure_seeded(bundled, files.bundled_sha256())
    plans = [
        make_plan(edition_id=f"gsef-shrdc-{y}", sha=f"{y:064d}", lgs=("sn-dakar",), new_lg="sn-dakar")
        for y in (2041, 2042)
    ]
    results = run_at_once([lambda s=s, p=p: s.commit_plan(p, by="analyst") for s, p in zip(stores, plans)])
    assert sorted(r.new_local_governments for r in results) == [0, 1]
    assert (stores[0].read_active("local_government")["lg_id"] == "sn-dakar").sum() == 1
    for s in stores:
        s.engine.dispose()


def test_a_new_local_government_added_meanwhile_with_other_details_is_named_in_the_refusal(store):
    store.commit_plan(
        make_plan(edition_id="gsef-shrdc-2041", sha="1" * 64, lgs=("sn-dakar",), new_lg="sn-dakar"), by="analyst"
    )
    before = snapshot(store)
    moved = make_plan(edition_id="gsef-shrdc-2042", sha="2" * 64, lgs=("sn-dakar",), new_lg="sn-dakar")
    moved.local_governments = moved.local_governments.assign(latitude=14.0)
    with pytest.raises(ImportConflict, match=r"local government 'sn-dakar' .* different latitude"):
        store.commit_plan(moved, by="analyst")
    assert_same(before, snapshot(store))


def test_a_unique_index_refusal_names_the_edition_or_the_local_government_not_both():
    from ssedash.store.commit import conflict_message as _conflict_message

    class Refusal(Exception):
        pass

    def message(text):
        from sqlalchemy.exc import IntegrityError

        return _conflict_message(IntegrityError("INSERT", {}, Refusal(text)), "e-2024")

    assert "edition 'e-2024'" in message('duplicate key value violates unique constraint "uq_active_edition"')
    assert "local government" in message("UNIQUE constraint failed: local_government.lg_id")
    assert "edition 'e-2024'" not in message("UNIQUE constraint failed: local_government.lg_id")
    assert "programme" in message('duplicate key value violates unique constraint "uq_active_programme"')


# --- What the history remembers: the original file's checksum, the column mapping --------------------------------
def test_a_corrected_file_is_recognised_by_its_original_checksum_too(store):
    plan = make_plan(sha="c" * 64)
    plan.original_sha256 = "0" * 64
    plan.note = "line 3 dropped: a test row"
    result = store.commit_plan(plan, by="analyst")
    assert store.find_import_by_sha("c" * 64) == result.import_id
    assert store.find_import_by_sha("0" * 64) == result.import_id
    row = store.history().set_index("import_id").loc[result.import_id]
    assert (row["original_sha256"], row["note"]) == ("0" * 64, "line 3 dropped: a test row")


def test_a_programmes_last_column_mapping_is_remembered(store):
    assert store.column_mapping_for("gsef-shrdc") is None
    first = make_plan(sha="d" * 64)
    first.detected = Detected(column_mapping={"Ville": "local_government", "Pays": "country"})
    store.commit_plan(first, by="analyst")
    second = make_plan(edition_id="gsef-shrdc-2025", sha="e" * 64)
    second.detected = Detected(column_mapping={"Town": "local_government"})
    result = store.commit_plan(second, by="analyst")
    remembered = store.column_mapping_for("gsef-shrdc")
    assert (remembered.import_id, remembered.mapping) == (result.import_id, {"Town": "local_government"})
    assert store.column_mapping_for("another-programme") is None


def test_a_rolled_back_import_s_mapping_is_no_longer_offered(store):
    plan = make_plan(sha="f" * 64)
    plan.detected = Detected(column_mapping={"Ville": "local_government"})
    result = store.commit_plan(plan, by="analyst")
    store.rollback(result.import_id, by="analyst")
    assert store.column_mapping_for("gsef-shrdc") is None

"""Faults and load, on SQLite and PostgreSQL: a killed import, eight imports at once, one edition raced, reads under
writes, and several app servers (several Store objects) on one database.

Imports run as real `python -m ssedash import` processes (separate connections, real concurrency); the store is
read through the public Store API. Nothing here times anything: timings belong in bench/.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from ssedash import files
from ssedash.store import Store, StoreBusy
from tests.import_files import WAIT, Cli, edition_csv, import_args, run_cli
from tests.test_store import make_plan

POLL = 0.005  # seconds between two looks at the importing process's transaction


@pytest.fixture
def seeded(store_url, bundled):
    """The store at store_url, seeded with the bundled data the way the app and the CLI seed it."""
    store = Store(store_url)
    store.ensure_seeded(bundled, files.bundled_sha256())
    yield store
    store.engine.dispose()


@pytest.fixture
def clis():
    """Every CLI process a test starts; any still running at the end (a failed test) is ended."""
    started: list[Cli] = []
    yield started
    for cli in started:
        if cli.running():
            cli.process.send_signal(signal.SIGCONT)
            cli.process.kill()
            cli.process.wait(WAIT)


def start(clis: list[Cli], url: str, args: list[str], out_dir: Path, **kwargs) -> Cli:
    cli = Cli(url, args, out_dir, **kwargs)
    clis.append(cli)
    return cli


def state(store: Store) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    return store.read_all_active(), store.history()


def assert_same_state(before, after) -> None:
    for name in before[0]:
        pd.testing.assert_frame_equal(before[0][name], after[0][name], obj=name)
    pd.testing.assert_frame_equal(before[1], after[1], obj="history")


def assert_consistent(tables: dict[str, pd.DataFrame], expected_rows: dict[str, int]) -> None:
    """One state the store was really in: keys unique, every reference resolves, and every edition of
    `expected_rows` that is there at all has all its participation rows."""
    for name, key in (("programme", "programme_id"), ("edition", "edition_id"), ("local_government", "lg_id")):
        assert tables[name][key].is_unique, f"duplicate {key} in {name}"
    editions, participation = tables["edition"], tables["participation"]
    programmes = set(tables["programme"]["programme_id"])
    assert set(editions["programme_id"]) <= programmes, "an edition without its programme"
    assert set(participation["edition_id"]) <= set(editions["edition_id"]), "participation rows without their edition"
    lgs = set(tables["local_government"]["lg_id"])
    assert set(participation["lg_id"].dropna()) <= lgs, "participation rows naming an unknown local government"
    counts = participation["edition_id"].value_counts()
    for edition_id in set(editions["edition_id"]) & set(expected_rows):
        assert counts.get(edition_id, 0) == expected_rows[edition_id], f"edition {edition_id} half there"


def assert_landed_once(store: Store, rows: dict[str, int]) -> dict[str, pd.DataFrame]:
    """Each edition of `rows` was imported exactly once (one `add` in the history, one edition row) with all its
    participation rows, and the new city every file named was added once. Returns the active tables."""
    history = store.history()
    landed = history[history["by"] == "fault-test"]
    assert sorted(landed["edition_id"]) == sorted(rows) and set(landed["action"]) == {"add"}
    assert dict(zip(landed["edition_id"], landed["rows"])) == rows
    tables = store.read_all_active()
    assert_consistent(tables, rows)
    assert tables["edition"]["edition_id"].isin(list(rows)).sum() == len(rows)
    assert tables["participation"]["edition_id"].value_counts()[list(rows)].to_dict() == rows
    assert (tables["local_government"]["name"] == "Dakar").sum() == 1
    return tables


def exported_tables(out: Path) -> dict[str, pd.DataFrame]:
    names = ("programme", "edition", "local_government", "participation")
    return {name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""]) for name in names}


# --- catching an import inside its transaction ----------------------------------------------------------------------
def _sqlite_path(url: str) -> str:
    return url.split("///", 1)[1]


def sqlite_write_locked(url: str) -> bool:
    """Whether another connection holds SQLite's write lock: our BEGIN IMMEDIATE, not waiting, is refused."""
    connection = sqlite3.connect(_sqlite_path(url), timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "database is locked" in str(error)
        return True
    finally:
        connection.close()


def pg_backends(admin: sa.Engine, app_name: str) -> list[dict]:
    """The importing process's PostgreSQL backends: state, whether its transaction has written, what it waits on."""
    with admin.connect() as connection:
        return [
            dict(row)
            for row in connection.execute(
                sa.text(
                    "SELECT state, backend_xid IS NOT NULL AS wrote, wait_event, query FROM pg_stat_activity "
                    "WHERE application_name = :name"
                ),
                {"name": app_name},
            ).mappings()
        ]


def _wait_for(condition, what: str, cli: Cli | None = None):
    deadline = time.monotonic() + WAIT
    while not (found := condition()):
        if cli is not None and not cli.running():
            pytest.fail(f"the import ended before {what}: {cli.finish()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(POLL)
    return found


@contextmanager
def admin_engine(url: str) -> Iterator[sa.Engine | None]:
    """On PostgreSQL an AUTOCOMMIT engine (each look at pg_stat_activity is fresh); None on SQLite."""
    if not url.startswith("postgresql"):
        yield None
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        yield engine
    finally:
        engine.dispose()


def pause_inside_transaction(cli: Cli, url: str, admin: sa.Engine | None, app_name: str) -> str:
    """Wait until the import has opened its write transaction and written in it, then SIGSTOP the process there.
    Returns the state that proves it is inside the transaction, looked at once it is stopped (so it cannot move on):
    SQLite's write lock held by it; on PostgreSQL its backend holding a transaction id and waiting for the client."""
    if admin is None:
        _wait_for(lambda: sqlite_write_locked(url), "it took the write lock", cli)
        cli.process.send_signal(signal.SIGSTOP)
        assert sqlite_write_locked(url)
        return "holds the SQLite write lock"

    def writing():
        return [b for b in pg_backends(admin, app_name) if b["wrote"]]

    _wait_for(writing, "its transaction wrote", cli)
    cli.process.send_signal(signal.SIGSTOP)

    # The backend finishes the statement it runs, then waits for the stopped client: nothing can commit now.
    def waiting_for_the_client():
        return [b for b in writing() if b["state"] == "idle in transaction" or b["wait_event"] == "ClientRead"]

    [backend] = _wait_for(waiting_for_the_client, "its backend to wait for the stopped client")
    assert not backend["query"].strip().upper().startswith("COMMIT"), backend
    return f"PostgreSQL backend {backend['state']}, transaction written, waiting on {backend['wait_event']}"


# --- 1. killed mid-transaction --------------------------------------------------------------------------------------
def test_an_import_killed_inside_its_transaction_leaves_the_store_exactly_as_before(
    seeded, store_url, tmp_path, clis, record_property
):
    big = edition_csv(tmp_path / "big.csv", 20_000, year=2030, new_city=True)
    before = state(seeded)
    revision = seeded.revision()
    app_name = f"ssedash-kill-{os.getpid()}"
    with admin_engine(store_url) as admin:
        doomed = start(clis, store_url, import_args(big, "Fault test", 2030), tmp_path, env={"PGAPPNAME": app_name})
        caught = pause_inside_transaction(doomed, store_url, admin, app_name)
        # Stopped inside the transaction: it has written, and no one else sees any of it.
        assert seeded.revision() == revision and len(seeded.history()) == len(before[1])
        doomed.process.send_signal(signal.SIGKILL)
        assert doomed.process.wait(WAIT) == -signal.SIGKILL  # killed, not finished
        if admin is not None:  # PostgreSQL rolls back when it sees the client gone: wait until it has
            _wait_for(lambda: not pg_backends(admin, app_name), "the killed import's backend to end")
    record_property("caught", caught)
    fresh = Store(store_url)  # what the next process finds (on SQLite: recovering the killed writer's journal)
    assert_same_state(before, state(fresh))
    assert fresh.revision() == revision
    fresh.engine.dispose()

    again = run_cli(store_url, import_args(big, "Fault test", 2030), tmp_path)
    assert again.returncode == 0, again.stderr
    participation = seeded.read_active("participation")
    assert (participation["edition_id"] == "fault-test-2030").sum() == 20_000
    assert seeded.history().iloc[0][["action", "edition_id", "rows"]].tolist() == ["add", "fault-test-2030", 20_000]


# --- 2. eight at once -----------------------------------------------------------------------------------------------
def test_eight_concurrent_imports_of_one_new_programme_all_land_exactly_once(seeded, store_url, tmp_path, clis):
    years = range(2031, 2039)
    rows = {f"fault-test-{y}": 200 + 37 * i for i, y in enumerate(years)}
    paths = [edition_csv(tmp_path / f"{y}.csv", rows[f"fault-test-{y}"], year=y, new_city=True) for y in years]
    imports = [start(clis, store_url, import_args(p, "Fault test", y), tmp_path) for p, y in zip(paths, years)]
    results = [i.finish() for i in imports]

    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    tables = assert_landed_once(seeded, rows)
    assert (tables["programme"]["programme_id"] == "fault-test").sum() == 1
    editions = tables["edition"]
    assert sorted(editions.loc[editions["programme_id"] == "fault-test", "edition_id"]) == sorted(rows)
    assert sum(r.stdout.count("1 new local government\n") for r in results) == 1


# --- 3. one edition raced -------------------------------------------------------------------------------------------
def test_concurrent_imports_of_one_edition_land_once_and_the_others_are_told_why(seeded, store_url, tmp_path, clis):
    sizes = (100, 101, 102, 103)  # different files (checksums) for the same edition, told apart by their size
    paths = [edition_csv(tmp_path / f"same-{n}.csv", n, year=2040, salt=n) for n in sizes]
    imports = [start(clis, store_url, import_args(p, "gsef-shrdc", 2040), tmp_path) for p in paths]
    results = [i.finish() for i in imports]

    assert sorted(r.returncode for r in results) == [0, 1, 1, 1], [r.stderr for r in results]
    for loser in (r for r in results if r.returncode == 1):
        assert "refused: " in loser.stderr and "edition 'gsef-shrdc-2040'" in loser.stderr, loser.stderr
        assert "Traceback" not in loser.stderr
    [winner] = [size for size, r in zip(sizes, results) if r.returncode == 0]
    tables = seeded.read_all_active()
    assert (tables["edition"]["edition_id"] == "gsef-shrdc-2040").sum() == 1
    assert (tables["participation"]["edition_id"] == "gsef-shrdc-2040").sum() == winner
    assert (seeded.history()["edition_id"] == "gsef-shrdc-2040").sum() == 1


# --- 4. reads under writes ------------------------------------------------------------------------------------------
CLI_READ_ROUNDS = 2  # `history` and `export` side by side while the imports run; each is a whole process
READ_PAUSE = 0.02  # seconds between two in-process reads, to leave the CPU to the imports
PROGRAMMES = (
    "gsef-shrdc",
    "gsef-training-workshops",
    "ilo-sse-academy",
    "gsef-uclga-alga",
    "gsef-webinars",
    "gsef-policy-dialogues",
    "gsef-shrdc",
    "gsef-training-workshops",
)


def test_reads_keep_answering_with_one_consistent_state_while_eight_imports_write(
    seeded, store_url, tmp_path, clis, record_property
):
    """The first import is held inside its write transaction (on SQLite the other seven queue behind it) while the
    first `history` and `export` run, so those surely read during a write; in-process reads run all along."""
    editions = [(programme, 2041 + i) for i, programme in enumerate(PROGRAMMES)]
    rows = {f"{p}-{y}": 500 + 100 * i for i, (p, y) in enumerate(editions)}
    paths = [edition_csv(tmp_path / f"{p}-{y}.csv", rows[f"{p}-{y}"], year=y, new_city=True) for p, y in editions]
    args = [import_args(path, p, y) for path, (p, y) in zip(paths, editions)]
    app_name = f"ssedash-held-{os.getpid()}"
    logs = tmp_path / "logs"
    with admin_engine(store_url) as admin:
        held = start(clis, store_url, args[0], logs, env={"PGAPPNAME": app_name})
        pause_inside_transaction(held, store_url, admin, app_name)
    imports = [held] + [start(clis, store_url, a, logs) for a in args[1:]]

    def writing() -> bool:
        return any(i.running() for i in imports)

    cli_reads, failures = [], []

    def read_through_the_cli():
        try:
            while writing() and len(cli_reads) < CLI_READ_ROUNDS:
                out = tmp_path / f"export-{len(cli_reads)}"
                commands = (["history"], ["export", "--out", str(out)])
                reads = [start(clis, store_url, command, logs) for command in commands]
                history, export = [r.finish() for r in reads]
                cli_reads.append((history, export, out, held.running()))
                held.process.send_signal(signal.SIGCONT)  # after the first round: let the held import commit
        except Exception as error:  # re-raised in the test below
            failures.append(error)
            held.process.send_signal(signal.SIGCONT)

    reader = threading.Thread(target=read_through_the_cli)
    reader.start()
    store = Store(store_url)  # another connection pool, like another app server
    seen, revisions = [], []
    try:
        while writing() or reader.is_alive():
            revisions.append(store.revision())
            tables = store.read_all_active()
            assert_consistent(tables, rows)
            seen.append(len(set(tables["edition"]["edition_id"]) & set(rows)))
            time.sleep(READ_PAUSE)
    finally:
        held.process.send_signal(signal.SIGCONT)
        reader.join(WAIT)
        store.engine.dispose()
    results = [i.finish() for i in imports]

    assert not failures, failures
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    assert seen and cli_reads[0][-1]  # the first CLI reads ended while the held import was still inside its write
    assert revisions == sorted(revisions)  # the revision never goes back
    exported = []
    for history, export, out, _ in cli_reads:
        assert (history.returncode, export.returncode) == (0, 0), (history.stderr, export.stderr)
        assert "seed" in history.stdout
        tables = exported_tables(out)
        assert_consistent(tables, rows)
        exported.append(sorted(set(tables["edition"]["edition_id"]) & set(rows)))
    assert next(iter(rows)) not in exported[0]  # nothing of the held import was visible while it was held
    assert_landed_once(seeded, rows)
    record_property("editions_seen_by_in_process_reads", seen)
    record_property("editions_seen_by_cli_exports", exported)


def test_reading_every_table_sees_one_moment_even_when_an_import_commits_between_two_tables(seeded, store_url):
    """read_all_active reads four tables; a commit landing between two of them must not show half an import."""
    reader, writer = Store(store_url), Store(store_url)
    plan = make_plan(edition_id="gsef-shrdc-2050", sha="5" * 64)
    committed = []

    def commit_before_participation_is_read(_conn, _cursor, statement, *_):
        if "FROM participation" in statement and not committed:
            committed.append(writer.commit_plan(plan, by="meanwhile"))

    sa.event.listen(reader.engine, "before_cursor_execute", commit_before_participation_is_read)
    try:
        tables = reader.read_all_active()
    finally:
        sa.event.remove(reader.engine, "before_cursor_execute", commit_before_participation_is_read)
    assert committed, "the concurrent import did not run"
    assert_consistent(tables, {"gsef-shrdc-2050": 2})
    assert "gsef-shrdc-2050" not in set(tables["participation"]["edition_id"])  # the moment before it
    assert_consistent(reader.read_all_active(), {"gsef-shrdc-2050": 2})  # and the next read sees all of it
    reader.engine.dispose()
    writer.engine.dispose()


# --- 5. several app servers on one database -------------------------------------------------------------------------
def test_two_app_servers_see_each_others_imports_through_the_revision_at_once(seeded, store_url):
    one, other = Store(store_url), Store(store_url)  # two engines, as two app servers have
    try:
        start_one, start_other = one.revision(), other.revision()
        assert start_one == start_other
        one.commit_plan(make_plan(edition_id="gsef-shrdc-2051", sha="6" * 64), by="server one")
        assert other.revision() > start_other
        assert "gsef-shrdc-2051" in set(other.read_active("edition")["edition_id"])
        seen = one.revision()
        other.commit_plan(make_plan(edition_id="gsef-shrdc-2052", sha="7" * 64), by="server two")
        assert one.revision() > seen
    finally:
        one.engine.dispose()
        other.engine.dispose()


def test_an_import_that_commits_after_a_later_one_still_moves_the_revision(seeded, store_url, tmp_path, clis):
    """Import A opens its transaction first, B commits while A is still open, then A commits: each commit must move
    the revision the other app server reads, whatever order their import numbers are in."""
    other = Store(store_url, busy_timeout=0.2)
    app_name = f"ssedash-slow-{os.getpid()}"
    path = edition_csv(tmp_path / "slow.csv", 10_000, year=2053)
    try:
        with admin_engine(store_url) as admin:
            slow = start(clis, store_url, import_args(path, "Fault test", 2053), tmp_path, env={"PGAPPNAME": app_name})
            pause_inside_transaction(slow, store_url, admin, app_name)
            before = seeded.revision()
            quick = make_plan(edition_id="gsef-shrdc-2054", sha="8" * 64)
            if admin is None:  # SQLite: writes queue, so B cannot commit inside A and the order cannot invert
                with pytest.raises(StoreBusy):
                    other.commit_plan(quick, by="server two")
                assert seeded.revision() == before
            else:
                other.commit_plan(quick, by="server two")
                assert seeded.revision() > before
            during = seeded.revision()
            slow.process.send_signal(signal.SIGCONT)
            assert slow.finish().returncode == 0
        assert seeded.revision() > during
        if admin is None:
            after_a = seeded.revision()
            other.commit_plan(quick, by="server two")
            assert seeded.revision() > after_a
        history = seeded.history()
        assert {"fault-test-2053", "gsef-shrdc-2054"} <= set(history["edition_id"])
    finally:
        other.engine.dispose()

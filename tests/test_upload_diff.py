"""What replacing an edition changes (ssedash.upload.diff): rows added, removed and changed, local governments that
appear or disappear, reported figures that change; nothing for an identical replacement."""

from __future__ import annotations

import pytest

from ssedash import files, ingest, upload
from ssedash.store import Store
from ssedash.upload.diff import edition_diff
from tests.ingest_fixtures import *  # noqa: F403 (fixtures: reference_kwargs)
from tests.ingest_fixtures import corpus_bytes

HEADER = b"year,local_government,country,participants,role,latitude,longitude\n"
SEOUL, TOKHA, BILBAO = (
    b"2019,Seoul,KOR,4,mayor,37.5665,126.978\n",
    b"2019,Tokha,Nepal,2,official,27.7711,85.3274\n",
    b"2019,Bilbao,ES,1,,43.263,-2.935\n",
)
DETAILS = ingest.EditionDetails(
    programme="Test programme", source_url="https://example.org/test", reported_participants="5,700"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory, reference_kwargs):
    """A store holding the edition of clean.csv (Seoul 4 mayors, Tokha 2 officials, Bilbao 1), 5,700 reported."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('diff') / 's.sqlite'}")
    store.create()
    store.ensure_seeded(files.read_bundled(), files.bundled_sha256())
    assert upload.commit(store, plan_for(store, reference_kwargs, corpus_bytes("clean.csv")), by="ana").ok
    return store


def plan_for(store, reference_kwargs, raw, name="upload.csv", details=DETAILS):
    return upload.review_upload(raw, name, details=details, tables=store.read_all_active(), **reference_kwargs).plan


def diff_of(store, reference_kwargs, raw, name="again.csv", details=DETAILS):
    plan = plan_for(store, reference_kwargs, raw, name, details)
    assert plan.can_commit and plan.replaces_existing_edition
    return edition_diff(plan, store.read_all_active())


def test_an_identical_replacement_changes_nothing_even_under_another_file_name(store, reference_kwargs):
    diff = diff_of(store, reference_kwargs, corpus_bytes("clean.csv"), name="clean-copy.csv")
    assert diff.is_empty and diff.unchanged_rows == 3


def test_a_changed_edition_lists_exactly_the_changed_rows(store, reference_kwargs):
    changed = HEADER + SEOUL.replace(b",4,", b",5,") + BILBAO + b"2019,Dakar,SN,1,,14.69,-17.44\n"
    diff = diff_of(store, reference_kwargs, changed)
    assert diff.changed[["local_government", "role", "change"]].values.tolist() == [
        ["Seoul", "mayor", "participants: 4 -> 5"]
    ]
    assert diff.added[["local_government", "country_iso3", "participants"]].values.tolist() == [["Dakar", "SEN", 1]]
    assert diff.removed[["local_government", "role", "participants"]].values.tolist() == [["Tokha", "official", 2]]
    assert diff.unchanged_rows == 1  # Bilbao


def test_local_governments_that_appear_and_disappear_are_named(store, reference_kwargs):
    diff = diff_of(store, reference_kwargs, HEADER + SEOUL + BILBAO + b"2019,Dakar,SN,1,,14.69,-17.44\n")
    assert diff.appearing["name"].tolist() == ["Dakar"] and diff.appearing["country_iso3"].tolist() == ["SEN"]
    assert diff.disappearing["name"].tolist() == ["Tokha"]


def test_a_new_role_is_a_row_removed_and_a_row_added_because_the_role_is_part_of_the_key(store, reference_kwargs):
    diff = diff_of(store, reference_kwargs, HEADER + SEOUL.replace(b"mayor", b"councillor") + TOKHA + BILBAO)
    assert diff.changed.empty
    assert diff.added["role"].tolist() == ["councillor"] and diff.removed["role"].tolist() == ["mayor"]
    assert diff.appearing.empty and diff.disappearing.empty


def test_a_repeated_row_dropped_once_is_one_row_removed(store, reference_kwargs):
    diff = diff_of(store, reference_kwargs, HEADER + SEOUL + SEOUL + TOKHA + BILBAO)
    assert len(diff.added) == 1 and diff.removed.empty and diff.changed.empty


def test_a_reported_figure_that_becomes_a_lower_bound_is_a_change_with_its_qualifier(store, reference_kwargs):
    details = ingest.EditionDetails(
        programme="Test programme",
        source_url="https://example.org/test",
        reported_participants="5,700+",
        host_city="Bilbao",
    )
    diff = diff_of(store, reference_kwargs, corpus_bytes("clean.csv"), details=details)
    assert diff.figures.values.tolist() == [["reported_participants", "5,700", "5,700+"]]
    assert diff.edition.values.tolist() == [["host_city", None, "Bilbao"]]
    assert diff.added.empty and diff.removed.empty and diff.changed.empty


def test_a_new_edition_has_no_diff(store, reference_kwargs):
    plan = plan_for(store, reference_kwargs, corpus_bytes("clean.csv").replace(b"2019,", b"2020,"))
    assert not plan.replaces_existing_edition
    assert edition_diff(plan, store.read_all_active()) is None

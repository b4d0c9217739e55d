"""ssedash.edition_fields: an uploaded edition's event kind and reported figures, as people write them."""

from __future__ import annotations

import pytest

from ssedash import edition_fields
from ssedash.ingest import EditionDetails
from ssedash.quantity import Qualifier, Quantity, QuantityError
from tests.ingest_fixtures import *  # noqa: F403 (fixtures: reference_kwargs, make_plan)

SHRDC = {"programme": "gsef-shrdc", "year": 2030}


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "written, kind",
    [
        ("training", "training"),
        ("Policy dialogue", "policy_dialogue"),
        ("policy_dialogue", "policy_dialogue"),
        ("Webinaire", "webinar"),
        ("Diálogo de políticas", "policy_dialogue"),
        ("ACADEMY", "academy"),
    ],
)
def test_an_event_kind_is_read_as_people_write_it(written, kind):
    assert edition_fields.read_kind(written) == kind


def test_an_unknown_event_kind_is_not_guessed():
    assert edition_fields.read_kind("party") is None


def test_no_kind_anywhere_means_training_with_a_notice_that_says_how_to_set_it():
    kind, notes = edition_fields.edition_kind(None, None)
    assert kind == "training"
    [note] = notes
    assert note.severity == "info" and "training" in note.message and "--event-kind" in note.message


def test_a_form_kind_and_a_file_kind_that_disagree_are_refused():
    kind, notes = edition_fields.edition_kind("webinar", "training")
    assert kind is None and [n.rule for n in notes] == ["event_kind_conflict"]


@pytest.mark.parametrize(
    "given, expected",
    [
        ("5,700+", Quantity(5700, Qualifier.AT_LEAST)),
        ("over 200", Quantity(200, Qualifier.AT_LEAST)),
        ("about 15", Quantity(15, Qualifier.ABOUT)),
        (13, Quantity(13)),
        ("", None),
        (None, None),
        (Quantity(60, Qualifier.AT_LEAST), Quantity(60, Qualifier.AT_LEAST)),
    ],
)
def test_a_reported_figure_keeps_what_the_source_said(given, expected):
    assert edition_fields.read_figure(given) == expected


def test_a_figure_that_is_not_a_count_is_an_error():
    with pytest.raises(QuantityError):
        edition_fields.read_figure("lots")


def test_figures_become_a_value_and_a_qualifier_cell():
    cells, notes = edition_fields.edition_figures({"reported_participants": "5,700+", "reported_countries": 50})
    assert notes == []
    assert cells == {
        "reported_participants": 5700,
        "reported_participants_qualifier": "at_least",
        "reported_countries": 50,
        "reported_countries_qualifier": "exact",
        "reported_local_governments": None,
        "reported_local_governments_qualifier": None,
    }


# --- through the import plan ------------------------------------------------------------------------------------


def test_an_old_file_without_a_kind_imports_as_training_with_a_notice(make_plan):
    plan = make_plan(csv_bytes("country,local_government", "KOR,Seoul"), details=EditionDetails(**SHRDC))
    assert plan.can_commit, plan.errors
    assert plan.editions["event_kind"].tolist() == ["training"]
    notice = next(p for p in plan.problems if p.rule == "default_event_kind")
    assert notice.severity == "info" and "training" in notice.message


def test_the_form_kind_and_a_lower_bound_reach_the_edition_row(make_plan):
    plan = make_plan(
        csv_bytes("country,local_government", "KOR,Seoul"),
        details=EditionDetails(
            **SHRDC, event_kind="webinar", reported_participants="5,700+", reported_countries="about 15"
        ),
    )
    assert plan.can_commit, plan.errors
    edition = plan.editions.iloc[0]
    assert (
        edition["event_kind"],
        edition["reported_participants"],
        edition["reported_participants_qualifier"],
        edition["reported_countries"],
        edition["reported_countries_qualifier"],
    ) == ("webinar", 5700, "at_least", 15, "about")
    assert "default_event_kind" not in {p.rule for p in plan.problems}


def test_the_file_may_name_the_kind_in_an_event_kind_column(make_plan):
    plan = make_plan(
        csv_bytes("country,local_government,Event kind", "KOR,Seoul,Policy dialogue"), details=EditionDetails(**SHRDC)
    )
    assert plan.can_commit, plan.errors
    assert plan.editions["event_kind"].tolist() == ["policy_dialogue"]


def test_a_bad_kind_in_the_file_is_refused_and_names_the_column(make_plan):
    plan = make_plan(
        csv_bytes("country,local_government,event_kind", "KOR,Seoul,party"), details=EditionDetails(**SHRDC)
    )
    [error] = [p for p in plan.errors if p.rule == "bad_event_kind"]
    assert error.column == "event_kind" and error.value == "party" and "policy_dialogue" in error.message
    assert plan.editions.empty


def test_a_bad_kind_in_the_form_is_refused(make_plan):
    plan = make_plan(
        csv_bytes("country,local_government", "KOR,Seoul"), details=EditionDetails(**SHRDC, event_kind="conference")
    )
    assert {p.rule for p in plan.errors} == {"bad_event_kind"}


def test_a_reported_figure_that_is_not_a_count_is_refused_with_what_is_accepted(make_plan):
    plan = make_plan(
        csv_bytes("country,local_government", "KOR,Seoul"),
        details=EditionDetails(**SHRDC, reported_participants="lots"),
    )
    [error] = plan.errors
    assert error.rule == "bad_figure" and "5,700+" in error.message and "participants" in error.message

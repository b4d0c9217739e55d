"""review_upload follows the analyst's column choices through every stage (ssedash.upload.review): the checks, the
plan, and the corrected copy that places an unknown local government named in a mapped column."""

from __future__ import annotations

import pytest

from ssedash import files, ingest, upload

DETAILS = ingest.EditionDetails(programme="Test programme", source_url="https://example.org/test")
PARTNER = b"Annee civile;Etat;Collectivite partenaire;Inscrits\n2020;UG;Kampalla City Council;3\n"
CHOICES = {
    "Annee civile": "year",
    "Etat": "country",
    "Collectivite partenaire": "local_government",
    "Inscrits": "participants",
}


@pytest.fixture(scope="module")
def ref():
    from ssedash.context import load_reference

    reference = load_reference()
    return {"countries": reference.resolver, "gazetteer": reference.gazetteer, "shapes": reference.shapes}


@pytest.fixture(scope="module")
def tables():
    return files.read_bundled()


def test_an_unknown_local_government_in_a_mapped_column_is_placed_and_the_plan_can_commit(ref, tables):
    first = upload.review_upload(PARTNER, "p.csv", details=DETAILS, tables=tables, columns=CHOICES, **ref)
    assert [item.name for item in first.unresolved] == ["Kampalla City Council"]
    chosen = upload.Resolution("Kampalla City Council", "UGA", 0.3476, 32.5825)
    placed = upload.review_upload(
        PARTNER, "p.csv", details=DETAILS, tables=tables, columns=CHOICES, resolutions=[chosen], **ref
    )
    assert placed.can_commit, placed.plan.errors
    assert placed.plan.local_governments["latitude"].tolist() == [0.3476]
    assert placed.detected.column_mapping == CHOICES


def test_without_the_choices_the_same_file_is_refused_for_its_missing_columns(ref, tables):
    refused = upload.review_upload(PARTNER, "p.csv", details=DETAILS, tables=tables, **ref)
    assert {p.value for p in refused.plan.errors if p.rule == "missing_column"} == {"year", "country"}


def test_a_bad_choice_refuses_the_review_with_the_mapping_problem(ref, tables):
    refused = upload.review_upload(
        PARTNER, "p.csv", details=DETAILS, tables=tables, columns={**CHOICES, "Inscrits": "country"}, **ref
    )
    assert not refused.can_commit
    assert "mapping_conflict" in {p.rule for p in refused.plan.errors}


def test_inspect_lists_the_mapping_problems_apart(ref):
    look = upload.inspect(PARTNER, "p.csv", columns={**CHOICES, "Inscrits": "attendees"})
    assert [p.rule for p in look.column_problems] == ["unknown_field"]
    assert look.detected.columns[3].how == ingest.MatchedBy.NOT_USED

"""The column mapping's decisions (ssedash.upload.mapping): the remembered mapping is offered only when it would
read the file differently, a remembered choice says so, and the analyst's own choices win."""

from __future__ import annotations

import pandas as pd

from ssedash.ingest import ColumnMatch, MatchedBy
from ssedash.store import RememberedMapping
from ssedash.upload import mapping

UNKNOWN = (
    ColumnMatch("Annee civile", None, MatchedBy.NOT_USED),
    ColumnMatch("Etat", None, MatchedBy.NOT_USED),
    ColumnMatch("year", "year", MatchedBy.SYNONYM),
)
PAST = RememberedMapping(
    7, "2026-11-01T10:00:00", "first.csv", {"Annee civile": "year", "Etat": "country", "Ville": "local_government"}
)
PROGRAMMES = pd.DataFrame([{"programme_id": "partner-programme", "name": "Partner programme"}])


def test_a_remembered_mapping_is_offered_for_the_headers_this_file_has():
    found = mapping.offer(PAST, UNKNOWN)
    assert found is not None and found.remembered.import_id == 7
    assert found.choices == {"Annee civile": "year", "Etat": "country"}  # 'Ville' is not in this file
    assert found.changes == (("Annee civile", None, "year"), ("Etat", None, "country"))


def test_a_remembered_mapping_that_changes_nothing_is_not_offered():
    same = (ColumnMatch("Annee civile", "year", MatchedBy.ANALYST), ColumnMatch("Etat", "country", MatchedBy.ANALYST))
    assert mapping.offer(PAST, same) is None
    assert mapping.offer(None, UNKNOWN) is None


def test_the_analysts_own_choices_win_over_the_remembered_ones():
    found = mapping.offer(PAST, UNKNOWN)
    assert mapping.choices({"Etat": None}, found) == {"Annee civile": "year", "Etat": None}
    assert mapping.choices({"Etat": "country"}, None) == {"Etat": "country"}


def test_a_column_read_by_the_remembered_mapping_is_shown_as_remembered_with_its_import():
    found = mapping.offer(PAST, UNKNOWN)
    read = (ColumnMatch("Annee civile", "year", MatchedBy.ANALYST), ColumnMatch("Etat", "country", MatchedBy.ANALYST))
    shown = mapping.shown(read, {"Etat": "country"}, found)
    assert [c.how for c in shown] == [MatchedBy.REMEMBERED, MatchedBy.ANALYST]
    assert mapping.how_label(shown[0], PAST) == "remembered from import #7"


def test_the_programme_is_the_files_own_else_the_one_chosen_and_only_a_known_one():
    assert mapping.programme_of("Partner Programme", None, PROGRAMMES) == "partner-programme"
    assert mapping.programme_of(None, "partner-programme", PROGRAMMES) == "partner-programme"
    assert mapping.programme_of("Another one", "__new__", PROGRAMMES) is None


def test_missing_required_fields_and_field_labels():
    assert mapping.missing_required(UNKNOWN) == ("country",)
    assert mapping.field_label("") == "not used"
    assert mapping.field_label("country") == "country (required)"
    assert mapping.field_label("role") == "role"

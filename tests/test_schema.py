"""ssedash.schema: an edition's event kind and the qualifier beside each reported figure; the stored tables'
models hold the same upper bounds as the upload checks (ssedash.limits)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from ssedash import limits, schema


def edition(**changes) -> pd.DataFrame:
    row = {
        "edition_id": "x-2020",
        "programme_id": "x",
        "name": "X",
        "year": 2020,
        "start_date": None,
        "end_date": None,
        "host_city": None,
        "host_country_iso3": None,
        "format": "online",
        "event_kind": "webinar",
        "reported_participants": 5700,
        "reported_participants_qualifier": "at_least",
        "reported_countries": None,
        "reported_countries_qualifier": None,
        "reported_local_governments": None,
        "reported_local_governments_qualifier": None,
        "source_url": "https://example.org/x",
        "notes": None,
    }
    return pd.DataFrame([{**row, **changes}])


def test_an_edition_with_a_kind_and_a_qualified_figure_is_valid():
    schema.EditionTable.validate(edition())


def test_the_new_columns_sit_after_format_and_after_each_figure():
    columns = schema.columns_of("edition")
    assert columns[columns.index("format") + 1] == "event_kind"
    for figure in schema.REPORTED_FIGURES:
        assert columns[columns.index(figure) + 1] == f"{figure}_qualifier"


@pytest.mark.parametrize(
    "changes",
    [
        {"reported_participants_qualifier": None},  # a figure without its qualifier
        {"reported_countries_qualifier": "exact"},  # a qualifier without a figure
        {"reported_participants_qualifier": "roughly"},
        {"event_kind": "conference"},
        {"event_kind": None},
    ],
)
def test_a_figure_and_its_qualifier_go_together_and_kinds_are_the_known_ones(changes):
    with pytest.raises((pa.errors.SchemaError, pa.errors.SchemaErrors)):
        schema.EditionTable.validate(edition(**changes), lazy=True)


def participation(participants) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "edition_id": ["p-2019"],
            "country_iso3": ["KOR"],
            "lg_id": [None],
            "participants": pd.array([participants], dtype="Int64"),
            "role": [None],
            "gender": [None],
            "source_url": ["https://example.org/"],
        }
    )


def test_a_participation_row_may_hold_up_to_the_per_row_bound():
    schema.ParticipationTable.validate(participation(limits.MAX_PARTICIPANTS_PER_ROW))
    with pytest.raises(pa.errors.SchemaError):
        schema.ParticipationTable.validate(participation(limits.MAX_PARTICIPANTS_PER_ROW + 1))


@pytest.mark.parametrize("column", ["reported_participants", "reported_countries", "reported_local_governments"])
def test_an_editions_reported_figures_are_bounded(column):
    model = schema.EditionTable.to_schema()
    assert (
        model.columns[column].validate(pd.DataFrame({column: pd.array([limits.MAX_REPORTED], dtype="Int64")}))
        is not None
    )
    with pytest.raises(pa.errors.SchemaError):
        model.columns[column].validate(pd.DataFrame({column: pd.array([limits.MAX_REPORTED + 1], dtype="Int64")}))

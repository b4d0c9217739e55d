"""Pure aggregations: reported vs recorded with their qualifiers, coverage over time, breakdowns."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash import filters, metrics
from ssedash.quantity import Qualifier, Quantity


@pytest.fixture
def view(bundled, reference):
    return filters.apply_filters(bundled, filters.Filters(), reference.countries)


@pytest.fixture
def shrdc(bundled, reference):
    return filters.apply_filters(bundled, filters.Filters(programmes=("gsef-shrdc",)), reference.countries)


def _edition(edition_id, year, programme="p", reported=None, start=None, qualifier=None, kind="training"):
    return {
        "edition_id": edition_id,
        "programme_id": programme,
        "name": edition_id.upper(),
        "year": year,
        "start_date": start or f"{year}-01-01",
        "format": "online",
        "event_kind": kind,
        "reported_participants": reported,
        "reported_participants_qualifier": qualifier or ("exact" if reported is not None else None),
        "reported_countries": None,
        "reported_countries_qualifier": None,
        "reported_local_governments": None,
        "reported_local_governments_qualifier": None,
        "source_url": "https://x.org/a",
        "notes": None,
    }


def _tables(editions, rows):
    editions = pd.DataFrame(editions).astype(
        {
            "year": "Int64",
            "reported_participants": "Int64",
            "reported_countries": "Int64",
            "reported_local_governments": "Int64",
        }
    )
    participation = pd.DataFrame(
        rows, columns=["edition_id", "country_iso3", "lg_id", "participants", "role", "gender"]
    )
    participation["participants"] = participation["participants"].astype("Int64")
    return editions, participation


def test_headline_for_2019_shrdc_shows_13_reported_and_11_of_12_local_governments(shrdc):
    headline = metrics.headline(shrdc.editions, shrdc.participation)
    assert headline["participants"] == metrics.Figure(recorded=None, reported=Quantity(13), reported_editions=1)
    assert headline["participants"].is_single_report
    assert headline["local_governments"] == metrics.Figure(Quantity(11), Quantity(12), 1)
    assert headline["local_governments"].differs
    assert headline["countries"] == metrics.Figure(Quantity(9), Quantity(9), 1)


def test_a_total_over_an_exact_figure_and_a_lower_bound_is_at_least():
    editions, participation = _tables(
        [_edition("a", 2020, reported=13), _edition("b", 2021, reported=5700, qualifier="at_least")], []
    )
    figure = metrics.headline(editions, participation)["participants"]
    assert figure.reported == Quantity(5713, Qualifier.AT_LEAST)
    assert figure.reported_editions == 2 and not figure.is_single_report
    assert figure.quantity.short() == "5,713+"


def test_an_edition_with_no_count_makes_the_total_at_least_and_is_counted():
    editions, participation = _tables([_edition("a", 2020, reported=13), _edition("b", 2021), _edition("c", 2021)], [])
    figure = metrics.headline(editions, participation)["participants"]
    assert figure.reported == Quantity(13, Qualifier.AT_LEAST, unknown_parts=2)
    assert figure.reported_editions == 1 and not figure.is_single_report  # one figure, but not the whole total
    assert figure.quantity.words() == "at least 13"


def test_editions_with_no_count_at_all_give_no_figure_rather_than_zero():
    editions, participation = _tables([_edition("a", 2020), _edition("b", 2021)], [])
    figure = metrics.headline(editions, participation)["participants"]
    assert figure.quantity is None and figure.best is None
    assert figure.reported.unknown_parts == 2


def test_rows_with_no_count_make_the_recorded_sum_a_lower_bound():
    editions, participation = _tables(
        [_edition("a", 2020)], [("a", "FRA", "fr-x", 4, None, None), ("a", "FRA", "fr-y", None, None, None)]
    )
    recorded = metrics.headline(editions, participation)["participants"].recorded
    assert recorded == Quantity(4, Qualifier.AT_LEAST, unknown_parts=1)


def test_a_place_filter_leaves_the_organisers_totals_out():
    editions, participation = _tables([_edition("a", 2020, reported=50)], [("a", "FRA", "fr-x", 4, None, None)])
    figure = metrics.headline(editions, participation, include_reported=False)["participants"]
    assert figure.reported is None and figure.quantity == Quantity(4)


def test_edition_figures_give_each_reported_figure_as_text_with_its_qualifier(view):
    figures = metrics.edition_figures(view.editions, view.participation).set_index("edition_id")
    assert figures.loc["gsef-webinars-2020", "reported_participants_text"] == "5,700+"
    assert figures.loc["ilo-sse-academy-2017", "reported_participants_text"] == "200+"
    assert figures.loc["gsef-uclga-alga-2021", "reported_countries_text"] == "about 15"
    assert figures.loc["gsef-shrdc-2019", "reported_participants_text"] == "13"
    assert pd.isna(figures.loc["gsef-senegal-2019", "reported_participants_text"])


def test_participants_by_year_keeps_qualifiers_and_unknown_recorded_counts_as_missing_not_zero(view):
    by_year = metrics.participants_by_year(view.editions, view.participation, view.programmes)
    totals = metrics.yearly_totals(by_year).set_index(["year", "event_kind"])
    # 13 (SHRDC) + 111 (Mexico), and Senegal and East Africa gave no count: at least 124
    assert totals.loc[(2019, "training"), "reported_participants"] == 124
    assert totals.loc[(2019, "training"), "reported_participants_text"] == "124+"
    assert totals.loc[(2019, "training"), "editions"] == 4
    assert (2019, "policy_dialogue") in totals.index  # the 2019 regional policy dialogues, counted apart
    assert totals.loc[(2020, "webinar"), "reported_participants_text"] == "5,700+"
    assert totals["recorded_participants"].isna().all()
    shrdc = by_year[by_year["programme_id"] == "gsef-shrdc"].iloc[0]
    assert shrdc["rows_with_unknown_count"] == 11


def test_yearly_totals_never_add_up_people_of_different_kinds():
    editions, participation = _tables(
        [
            _edition("t", 2020, "a", reported=10),
            _edition("w", 2020, "b", reported=500, qualifier="at_least", kind="webinar"),
        ],
        [],
    )
    programmes = pd.DataFrame({"programme_id": ["a", "b"], "name": ["Prog A", "Prog B"]})
    totals = metrics.yearly_totals(metrics.participants_by_year(editions, participation, programmes))
    assert totals[["event_kind", "reported_participants_text"]].values.tolist() == [
        ["training", "10"],
        ["webinar", "500+"],
    ]


def test_participants_by_year_sums_recorded_counts_per_programme():
    editions, participation = _tables(
        [_edition("a-2020", 2020, "a", reported=10), _edition("b-2020", 2020, "b"), _edition("a-2021", 2021, "a")],
        [
            ("a-2020", "FRA", "fr-x", 4, None, None),
            ("a-2020", "FRA", "fr-y", None, None, None),
            ("b-2020", "ESP", "es-z", 2, None, None),
        ],
    )
    programmes = pd.DataFrame({"programme_id": ["a", "b"], "name": ["Prog A", "Prog B"]})
    by_year = metrics.participants_by_year(editions, participation, programmes)
    assert by_year[["year", "programme", "recorded_participants", "rows_with_unknown_count"]].values.tolist() == [
        [2020, "Prog A", 4, 1],
        [2020, "Prog B", 2, 0],
        [2021, "Prog A", pd.NA, 0],
    ]
    totals = metrics.yearly_totals(by_year)
    assert totals["recorded_participants"].tolist()[0] == 6 and pd.isna(totals["recorded_participants"].tolist()[1])


def test_turnover_counts_local_governments_new_then_returning_in_time_order():
    editions, participation = _tables(
        [_edition("e2", 2021), _edition("e1", 2020), _edition("e3", 2022)],
        [
            ("e1", "FRA", "fr-a", 1, None, None),
            ("e1", "FRA", "fr-b", 1, None, None),
            ("e2", "FRA", "fr-a", 1, None, None),
            ("e2", "FRA", "fr-a", 1, None, None),
            ("e2", "ESP", "es-c", 1, None, None),
            ("e3", "ESP", None, 1, None, None),
        ],
    )
    turnover = metrics.local_government_turnover(editions, participation)
    assert turnover[["edition_id", "new", "returning"]].values.tolist() == [["e1", 2, 0], ["e2", 1, 1], ["e3", 0, 0]]


def test_turnover_and_cumulative_countries_of_no_editions_are_empty_frames():
    editions, participation = _tables([_edition("e1", 2020)], [])
    editions = editions.iloc[0:0]
    assert metrics.local_government_turnover(editions, participation).empty
    assert metrics.cumulative_countries(editions, participation).empty


def test_cumulative_countries_counts_each_country_once_and_holds_through_empty_years(view):
    cumulative = metrics.cumulative_countries(view.editions, view.participation).set_index("year")
    assert cumulative["cumulative_countries"].to_dict() == {
        2014: 2,
        2015: 2,
        2016: 2,
        2017: 4,
        2018: 4,
        2019: 24,
        2020: 24,
        2021: 24,
    }
    assert cumulative.loc[2021, "new_countries"] == 0  # Côte d'Ivoire (Abobo) already came in 2019 (Bamako)


def test_latest_edition_change_compares_with_the_previous_edition_of_the_same_programme():
    editions, participation = _tables(
        [
            _edition("a1", 2019, "a", reported=20),
            _edition("b1", 2020, "b", reported=99),
            _edition("a2", 2021, "a", reported=25),
        ],
        [
            ("a1", "FRA", "fr-x", None, None, None),
            ("a2", "FRA", "fr-x", None, None, None),
            ("a2", "ESP", "es-y", None, None, None),
        ],
    )
    change = metrics.latest_edition_change(editions, participation)
    assert (change.latest, change.previous, change.previous_year) == ("A2", "A1", 2019)
    assert {k: f.quantity for k, f in change.figures.items()} == {
        "participants": Quantity(25),
        "local_governments": Quantity(2),
        "countries": Quantity(2),
    }
    assert change.deltas == {"participants": 5, "local_governments": 1, "countries": 1}


def test_latest_edition_change_gives_no_delta_from_a_lower_bound():
    editions, participation = _tables(
        [_edition("a1", 2019, "a", reported=20), _edition("a2", 2021, "a", reported=30, qualifier="at_least")], []
    )
    change = metrics.latest_edition_change(editions, participation)
    assert change.figures["participants"].quantity.short() == "30+"
    assert change.deltas["participants"] is None


def test_latest_edition_change_under_a_place_filter_is_about_that_place_rows(bundled, reference):
    nepal = filters.apply_filters(bundled, filters.Filters(countries=("NPL",)), reference.countries)
    change = metrics.latest_edition_change(nepal.editions, nepal.participation, include_reported=False)
    assert change.latest_year == 2019 and change.programme_id == "gsef-shrdc"
    assert change.figures["local_governments"].quantity == Quantity(2)  # Tokha and Bagmati, not the 12 reported
    assert change.figures["countries"].quantity == Quantity(1)  # Nepal, not the 9 reported
    assert change.figures["participants"].quantity is None  # Nepal's rows have no count; not the edition's 13
    assert change.previous is None


def test_latest_edition_change_gives_no_delta_without_an_earlier_edition_or_a_known_figure(view):
    change = metrics.latest_edition_change(view.editions, view.participation)
    assert change.previous is None and set(change.deltas.values()) == {None}
    assert metrics.latest_edition_change(view.editions.iloc[0:0], view.participation) is None


def test_format_names_have_one_source_the_content_table():
    from ssedash.i18n import content

    assert metrics.FORMAT_LABELS is content.FORMAT_NAMES

"""Shared filters: query-parameter round trip, tolerant reading of old links, cutting tables without mutating them."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash import filters


@pytest.fixture
def options(bundled, reference):
    return filters.filter_options(bundled, reference.countries)


def test_options_list_only_values_present_in_the_data(options):
    assert "gsef-shrdc" in options.programmes
    assert "NPL" in options.countries and "FRA" not in options.countries
    assert options.local_governments["np-tokha"] == "Tokha (Nepal)"
    assert (options.year_min, options.year_max) == (2014, 2021)
    assert set(options.regions) == {"Africa", "Asia-Pacific", "Europe", "Latin America & Caribbean"}


def test_query_params_round_trip(options):
    chosen = filters.Filters(
        programmes=("gsef-shrdc",),
        year_from=2019,
        year_to=2020,
        regions=("Africa",),
        countries=("UGA", "KEN"),
        local_governments=("ug-kampala",),
    )
    back, notices = filters.filters_from_query_params(chosen.to_query_params(), options)
    assert back == chosen and notices == []
    assert filters.Filters().to_query_params() == {}


def test_unknown_values_are_dropped_with_a_notice_each(options):
    chosen, notices = filters.filters_from_query_params(
        {"country": ["NPL", "XXX"], "lg": ["nowhere"], "from": ["soon"], "programme": [""]}, options
    )
    assert chosen == filters.Filters(countries=("NPL",))
    assert notices == [
        "ignored country='XXX': not in the data",
        "ignored lg='nowhere': not in the data",
        "ignored from='soon': not a year",
    ]


def test_swapped_years_are_put_in_order(options):
    chosen, notices = filters.filters_from_query_params({"from": ["2021"], "to": ["2017"]}, options)
    assert (chosen.year_from, chosen.year_to) == (2017, 2021)
    assert notices == ["swapped from=2021 and to=2017"]


def test_repeated_values_are_kept_once(options):
    chosen, _ = filters.filters_from_query_params({"country": ["NPL", "NPL", "UGA"]}, options)
    assert chosen.countries == ("NPL", "UGA")


def test_year_filter_keeps_editions_of_those_years(bundled, reference):
    view = filters.apply_filters(bundled, filters.Filters(year_from=2019, year_to=2019), reference.countries)
    assert set(view.editions["year"]) == {2019} and len(view.editions) == 8
    assert len(view.participation) == 31


def test_place_filters_drop_editions_without_matching_rows_and_mark_reported_totals_inapplicable(bundled, reference):
    chosen = filters.Filters(countries=("NPL",))
    view = filters.apply_filters(bundled, chosen, reference.countries)
    assert chosen.narrows_places and not filters.Filters(year_from=2019).narrows_places
    assert view.editions["edition_id"].tolist() == ["gsef-shrdc-2019"]
    assert set(view.local_governments["name"]) == {"Tokha", "Bagmati Rural Municipality"}


def test_region_filter_uses_the_gsef_region_of_each_country(bundled, reference):
    view = filters.apply_filters(bundled, filters.Filters(regions=("Latin America & Caribbean",)), reference.countries)
    assert set(view.participation["country_iso3"]) == {"MEX"}


def test_filters_that_match_nothing_give_an_empty_view_not_an_error(bundled, reference):
    view = filters.apply_filters(
        bundled, filters.Filters(programmes=("ilo-sse-academy",), countries=("NPL",)), reference.countries
    )
    assert view.is_empty and view.participation.empty and view.local_governments.empty


def test_apply_filters_does_not_mutate_its_inputs(bundled, reference):
    before = {name: frame.copy() for name, frame in bundled.items()}
    filters.apply_filters(bundled, filters.Filters(regions=("Africa",), year_from=2019), reference.countries)
    for name, frame in bundled.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_an_empty_store_has_no_options_and_an_empty_view(bundled, reference):
    empty = {name: frame.iloc[0:0] for name, frame in bundled.items()}
    options = filters.filter_options(empty, reference.countries)
    assert options.year_min is None and options.programmes == {}
    assert filters.apply_filters(empty, filters.Filters(), reference.countries).is_empty


def test_years_outside_the_data_are_brought_inside_it_with_a_notice(options):
    chosen, notices = filters.filters_from_query_params({"from": ["abc"], "to": ["1990"]}, options)
    assert (chosen.year_from, chosen.year_to) == (None, 2014)
    assert notices == [
        "ignored from='abc': not a year",
        "to=1990 is outside the editions' years (2014–2021): using 2014",
    ]
    chosen, _ = filters.filters_from_query_params({"from": ["2030"]}, options)
    assert chosen.year_from == 2021


def test_options_list_the_event_kinds_present_training_first(options):
    assert next(iter(options.kinds)) == "training"
    assert {"training", "webinar", "academy"} <= set(options.kinds)
    assert options.kinds["webinar"] == "Webinar"


def test_event_kinds_round_trip_through_the_url(options):
    chosen = filters.Filters(kinds=("training", "webinar"))
    params = chosen.to_query_params()
    assert params == {"kind": ["training", "webinar"]}
    back, notices = filters.filters_from_query_params(params, options)
    assert back == chosen and notices == []


def test_an_unknown_event_kind_in_a_link_is_dropped_with_a_notice(options):
    chosen, notices = filters.filters_from_query_params({"kind": ["webinar", "gala"]}, options)
    assert chosen.kinds == ("webinar",)
    assert notices == ["ignored kind='gala': not in the data"]


def test_the_kind_filter_keeps_editions_of_those_kinds_and_their_rows(bundled, reference):
    view = filters.apply_filters(bundled, filters.Filters(kinds=("webinar",)), reference.countries)
    assert set(view.editions["event_kind"]) == {"webinar"}
    assert set(view.participation["edition_id"]) <= set(view.editions["edition_id"])
    assert "Webinar" in filters.describe_filters(
        filters.Filters(kinds=("webinar",)), filters.filter_options(bundled, reference.countries)
    )


def test_options_are_labelled_in_the_readers_language_and_keyed_by_codes(bundled, reference, pseudo_french):
    options = filters.filter_options(bundled, reference.countries)
    assert options.countries["KOR"] == "Corée du Sud"
    assert options.regions["Asia-Pacific"] == "⟦Asia-Pacific⟧"
    assert options.local_governments["np-tokha"] == "Tokha (Népal)"
    assert all(label.startswith("⟦") for label in options.kinds.values())


def test_notices_about_dropped_link_values_go_through_the_catalogues(options, pseudo_french):
    from tests.shown_text import untranslated

    _chosen, notices = filters.filters_from_query_params(
        {"country": ["XXX"], "from": ["soon", "2030"], "to": ["1990"]}, options
    )
    assert len(notices) >= 3 and untranslated(notices) == []
    assert filters.describe_filters(filters.Filters(), filters.FilterOptions()) == "⟦everything⟧"


def test_country_options_are_sorted_by_their_name_in_the_readers_language(bundled, reference):
    from ssedash import i18n

    with i18n.use(i18n.Language.FR):
        labels = list(filters.filter_options(bundled, reference.countries).countries.values())
    assert labels.index("Bénin") < labels.index("Burkina Faso") < labels.index("Cameroun")  # é sorts as e
    assert labels.index("Népal") < labels.index("Niger")

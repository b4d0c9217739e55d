"""Place profiles: a local government's events, roles, sources and point; a country's places and years."""

import pytest

from ssedash import profiles


@pytest.mark.parametrize(
    "value, expected",
    [
        ("lg:np-tokha", profiles.Place("lg", "np-tokha")),
        ("country:npl", profiles.Place("country", "NPL")),
        (" LG : np-tokha ", profiles.Place("lg", "np-tokha")),
        ("np-tokha", None),
        ("city:x", None),
        ("lg:", None),
        (None, None),
    ],
)
def test_a_place_is_read_from_its_url_value_and_a_bad_one_is_none(value, expected):
    assert profiles.parse_place(value) == expected


def test_the_profile_link_uses_its_own_parameter_not_the_sidebar_filters():
    assert profiles.profile_path("lg", "np-tokha") == "profile?place=lg:np-tokha"
    assert profiles.PARAM not in ("programme", "kind", "region", "country", "lg", "from", "to")


def test_a_local_government_profile_lists_its_events_roles_sources_and_point(bundled, reference):
    profile = profiles.local_government_profile(bundled, reference.countries, "ug-kampala")
    assert profile.title == "Kampala, Uganda"
    assert profile.summary == "Kampala (Uganda) is named in 2 events, 2017–2019."
    assert list(profile.events["Role"]) == ["presenter", "civil servant"]
    assert list(profile.events["Kind of event"]) == ["Policy dialogue", "Training"]
    assert profile.events["Source"].str.startswith("https://").all()
    assert list(profile.events["Participants"]) == ["not recorded", "not recorded"]  # unknown stays unknown
    assert any(fact.startswith("Point: 0.3163, 32.5822 (exact; from geonames:232422)") for fact in profile.facts)
    assert profile.country == profiles.Place("country", "UGA")


def test_an_approximate_point_says_so_with_its_reasoning(bundled, reference):
    profile = profiles.local_government_profile(bundled, reference.countries, "np-tokha")
    assert any("(approximate; from estimate (see notes))" in fact for fact in profile.facts)
    assert any("Gokarneshwar" in fact for fact in profile.facts)
    assert list(profile.point["status"]) == ["approximate"]


def test_a_member_local_government_says_so(bundled, reference):
    profile = profiles.local_government_profile(bundled, reference.countries, "kr-seoul")
    assert any(fact.startswith("GSEF member") for fact in profile.facts)


def test_a_country_profile_lists_its_local_governments_events_and_first_and_latest_year(bundled, reference):
    profile = profiles.country_profile(bundled, reference.countries, "UGA")
    assert profile.summary.startswith("Uganda (Africa): named in 3 events, first in 2017, latest in 2019")
    table = profile.local_governments.set_index("Local government")
    assert table.loc["Kampala", "Events"] == 2 and table.loc["Kampala", "Years"] == "2017–2019"
    assert table.loc["Nakawa Division", "Profile"] == "profile?place=lg:ug-nakawa-division"
    assert len(profile.points) == 2


def test_a_country_named_only_without_local_governments_has_a_profile(bundled, reference):
    profile = profiles.country_profile(bundled, reference.countries, "SSD")
    assert profile.local_governments.empty and profile.points.empty
    assert "first in 2019" in profile.summary


def test_an_unknown_place_has_no_profile(bundled, reference):
    assert profiles.profile(bundled, reference.countries, profiles.Place("lg", "nowhere")) is None
    assert profiles.profile(bundled, reference.countries, profiles.Place("country", "ZZZ")) is None
    assert profiles.profile(bundled, reference.countries, None) is None


def test_every_place_in_the_data_can_be_chosen(bundled, reference):
    options = profiles.choices(bundled, reference.countries)
    assert options["lg:np-tokha"] == "Tokha, Nepal" and options["country:NPL"] == "Nepal (country)"
    assert len([o for o in options if o.startswith("lg:")]) == len(bundled["local_government"])


def test_table_rows_link_to_the_local_government_or_else_the_country():
    import pandas as pd

    table = pd.DataFrame({"Local government": ["Tokha", None]})
    linked = profiles.with_profile_links(table, ["np-tokha", None], ["NPL", "SEN"])
    assert list(linked["Profile"]) == ["profile?place=lg:np-tokha", "profile?place=country:SEN"]
    assert "Profile" not in table


def map_layers(bundled, reference):
    from ssedash import maps
    from ssedash.filters import Filters, apply_filters

    view = apply_filters(bundled, Filters(), reference.countries)
    shaped = frozenset(reference.shapes["iso3"])
    return maps.map_layers(view.participation, view.local_governments, view.editions, reference.countries, shaped)


def test_the_map_tables_carry_profile_links_in_their_own_row_order(bundled, reference):
    layers = map_layers(bundled, reference)
    points, countries = profiles.map_tables(layers)
    tokha = points[points["Local government"] == "Tokha"]
    assert list(tokha["Profile"]) == ["profile?place=lg:np-tokha"]
    nepal = countries[countries["Country"] == "Nepal"]
    assert list(nepal["Profile"]) == ["profile?place=country:NPL"]


def test_a_map_click_on_a_point_opens_its_local_government_and_else_the_filtered_country(bundled, reference):
    layers = map_layers(bundled, reference)
    clicked = {"selection": {"points": [{"customdata": ["NPL", "Tokha", "Nepal"]}]}}
    assert profiles.map_place(clicked, layers, ()) == profiles.Place("lg", "np-tokha")
    country = {"selection": {"points": [{"customdata": ["SEN", "Senegal"]}]}}
    assert profiles.map_place(country, layers, ()) == profiles.Place("country", "SEN")
    assert profiles.map_place(None, layers, ("NPL",)) == profiles.Place("country", "NPL")
    assert profiles.map_place({"selection": {"points": []}}, layers, ()) is None


def test_a_profile_names_its_country_in_the_readers_language_and_its_words_go_through_the_catalogues(
    bundled, reference, pseudo_french
):
    from tests.shown_text import untranslated

    lg = profiles.local_government_profile(bundled, reference.countries, "np-tokha")
    country = profiles.country_profile(bundled, reference.countries, "KOR")
    assert lg.title == "Tokha, Népal" and country.title == "Corée du Sud"
    assert untranslated([lg.summary, country.summary, *lg.facts]) == []
    assert untranslated(list(lg.events.columns) + list(country.local_governments.columns)) == []
    assert set(lg.point["status"]) == {"⟦approximate⟧"}
    assert "⟦Asia-Pacific⟧" in country.summary


def test_the_place_choices_name_countries_in_the_readers_language(bundled, reference, pseudo_french):
    choices = profiles.choices(bundled, reference.countries)
    assert choices["country:KOR"] == "⟦Corée du Sud (country)⟧"  # the message "{name} (country)", filled
    assert choices["lg:np-tokha"] == "Tokha, Népal"

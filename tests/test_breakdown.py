"""Breakdowns by place, programme, format, gender and role: nothing dropped, missing values their own category."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash import breakdown, filters, metrics


@pytest.fixture
def view(bundled, reference):
    return filters.apply_filters(bundled, filters.Filters(), reference.countries)


def test_place_breakdown_keeps_rows_without_a_local_government_under_their_country(view):
    places = breakdown.place_breakdown(view.participation, view.local_governments)
    assert places["participation_rows"].sum() == len(view.participation) == 37
    uganda = places[places["country"] == "Uganda"].set_index("local_government")
    assert set(uganda.index) == {"Kampala", "Nakawa Division", metrics.NO_LOCAL_GOVERNMENT}
    assert places["recorded_participants"].isna().all()  # counts unknown: missing, never 0
    countries = breakdown.country_breakdown(places).set_index("country")
    assert countries.loc["Nepal", "local_governments"] == 2 and countries.loc["Mexico", "local_governments"] == 0


def test_place_breakdown_does_not_mutate_the_view(view):
    before = view.participation.copy()
    breakdown.place_breakdown(view.participation, view.local_governments)
    pd.testing.assert_frame_equal(view.participation, before)


def test_by_edition_attribute_counts_editions_by_format_with_readable_labels(view):
    by_format = breakdown.by_edition_attribute(view.editions, view.participation, view.programmes, "format").set_index(
        "category"
    )
    assert by_format.loc["In person", "editions"] == 17 and by_format.loc["Online", "editions"] == 2
    # Online: a webinar (5,700+) and a training (30+) - counted apart, never one sum
    assert by_format.loc["Online", "reported_participants_text"] == "30+ people trained; 5,700+ webinar attendees"
    by_programme = breakdown.by_edition_attribute(view.editions, view.participation, view.programmes, "programme")
    assert by_programme["editions"].sum() == 19


def test_by_edition_attribute_refuses_an_unknown_attribute(view):
    with pytest.raises(ValueError, match="attribute"):
        breakdown.by_edition_attribute(view.editions, view.participation, view.programmes, "colour")


def test_gender_and_role_keep_not_recorded_as_a_category(view):
    roles = breakdown.by_participant_attribute(view.participation, "role").set_index("category")
    assert roles["participation_rows"].to_dict() == {
        "civil servant": 11,
        metrics.NOT_RECORDED: 9,
        "signatory": 8,
        "speaker": 3,
        "host": 2,
        "presenter": 2,
        "mayor": 1,
        "panellist": 1,
    }
    genders = breakdown.by_participant_attribute(view.participation, "gender")
    assert genders["category"].tolist() == [metrics.NOT_RECORDED]
    with pytest.raises(ValueError):
        breakdown.by_participant_attribute(view.participation, "name")


def test_formats_missing_values_and_mixed_kinds_are_labelled_through_the_catalogues(view, pseudo_french):
    from tests.shown_text import untranslated

    by_format = breakdown.by_edition_attribute(view.editions, view.participation, view.programmes, "format")
    assert {"⟦In person⟧", "⟦Online⟧"} <= set(by_format["category"])
    online = by_format.set_index("category").loc["⟦Online⟧", "reported_participants_text"]
    assert len(online.split("; ")) == 2 and untranslated(online.split("; ")) == []  # each sum with its people
    genders = breakdown.by_participant_attribute(view.participation, "gender")
    assert genders["category"].tolist() == ["⟦not recorded⟧"]


def test_places_are_named_by_the_names_given(view):
    places = breakdown.place_breakdown(view.participation, view.local_governments, {"NPL": "Népal"})
    assert "Népal" in set(places["country"]) and "Uganda" not in set(places["country"])  # UGA: its code
    assert "UGA" in set(places["country"])


def test_roles_are_counted_per_value_recorded_then_named_so_two_that_read_alike_are_not_merged():
    import pandas as pd

    from ssedash import breakdown, i18n

    rows = pd.DataFrame({"role": ["civil servant", "fonctionnaire", None], "participants": [2, 3, None]})
    with i18n.use(i18n.Language.FR):
        table = breakdown.by_participant_attribute(rows, "role")
    assert sorted(table["participation_rows"].tolist()) == [1, 1, 1]
    assert table["category"].tolist().count("fonctionnaire") == 2  # two lines that read alike, never summed

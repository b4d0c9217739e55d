"""AppTest of the Impact page: the sentence, the same cards as the Overview, the map, the charts, print CSS."""

from tests.apptest import make_app_test
from tests.pages.conftest import chart_specs, metrics_by_label, shown, texts


def test_the_impact_page_writes_the_headline_sentence_and_draws_map_and_charts(app_store):
    at = make_app_test("pages/impact.py")
    assert not at.exception
    text = shown(texts(at))
    assert "At least 154 people took part in 5 GSEF trainings between 2019 and 2021." in text
    assert "at least 5,700 webinar attendees" in text
    assert len(at.get("plotly_chart")) == 4  # the map and three charts
    titles = [spec["layout"].get("title", {}).get("text", "") for spec in chart_specs(at)]
    assert any("Countries reached" in title for title in titles)
    assert "GSEF2018 (Bilbao, 1,700+ participants)" in text  # the forums, as context
    assert any("@media print" in element.proto.body for element in at.get("html"))


def test_the_impact_cards_equal_the_overview_cards_for_the_same_filters(app_store):
    for params in ({}, {"country": "NPL"}, {"kind": "webinar"}):
        impact = make_app_test("pages/impact.py", query_params=params)
        overview = make_app_test(query_params=params)
        assert not impact.exception and not overview.exception
        cards, overview_cards = metrics_by_label(impact), metrics_by_label(overview)
        assert cards and cards == {label: overview_cards[label] for label in cards}


def test_the_impact_page_shows_the_empty_state_when_nothing_matches(app_store):
    at = make_app_test("pages/impact.py", query_params={"from": "2021", "country": "NPL"})
    assert not at.exception
    assert "Nothing matches these filters" in texts(at)
    assert not at.get("plotly_chart")


def test_the_members_toggle_adds_a_context_layer_to_the_map(app_store):
    at = make_app_test("pages/impact.py")
    before = len(chart_specs(at)[0]["data"])
    at.toggle(key="impact_members").set_value(True).run()
    assert not at.exception
    assert len(chart_specs(at)[0]["data"]) == before + 1

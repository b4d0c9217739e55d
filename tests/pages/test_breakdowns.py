"""The Breakdowns page, driven by AppTest."""

from __future__ import annotations

from tests.apptest import make_app_test
from tests.pages.conftest import chart_specs, chart_titles, texts

BREAKDOWNS = "pages/breakdowns.py"


def _sunburst(at) -> dict:
    return next(trace for spec in chart_specs(at) for trace in spec["data"] if trace["type"] == "sunburst")


def test_breakdowns_draw_places_programmes_formats_gender_and_role(app_store):
    at = make_app_test(BREAKDOWNS)
    assert not at.exception
    titles = chart_titles(at)
    assert len(titles) == 6
    assert any("gender" in title for title in titles) and any("format" in title for title in titles)
    assert "sized by rows" in texts(at)  # participant counts are unknown: the page says what it sizes by


def test_not_recorded_gender_is_drawn_as_its_own_bar(app_store):
    at = make_app_test(BREAKDOWNS)
    gender = next(spec for spec in chart_specs(at) if "gender" in spec["layout"]["title"]["text"])
    assert gender["data"][0]["y"] == ["not recorded"] and gender["data"][0]["x"] == [37]


def test_changing_the_size_measure_resizes_the_sunburst(app_store):
    at = make_app_test(BREAKDOWNS)
    rows_total = sum(v for v, p in zip(_sunburst(at)["values"], _sunburst(at)["parents"]) if p == "")
    at.segmented_control(key="breakdown_measure").set_value("local_governments").run()
    assert not at.exception
    lg_total = sum(v for v, p in zip(_sunburst(at)["values"], _sunburst(at)["parents"]) if p == "")
    assert (rows_total, lg_total) == (37, 18)


def test_a_country_filter_narrows_the_places(app_store):
    at = make_app_test(BREAKDOWNS, query_params={"country": "NPL"})
    assert not at.exception
    assert set(_sunburst(at)["labels"]) == {
        "Asia-Pacific",
        "Southern Asia",
        "Nepal",
        "Tokha",
        "Bagmati Rural Municipality",
    }


def test_breakdowns_show_the_empty_state_when_nothing_matches(app_store):
    at = make_app_test(BREAKDOWNS, query_params={"programme": "ilo-sse-academy", "country": "NPL"})
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)


def test_an_edition_without_rows_still_shows_programme_and_format(app_store):
    at = make_app_test(BREAKDOWNS, query_params={"programme": "ilo-sse-academy"})
    assert not at.exception
    assert any("names a place" in i.value for i in at.info)
    assert len(chart_specs(at)) == 2


def test_breakdowns_render_on_an_empty_store(empty_app_store):
    at = make_app_test(BREAKDOWNS)
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)

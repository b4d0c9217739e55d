"""The Overview page, driven by AppTest."""

from __future__ import annotations

from tests.apptest import make_app_test
from tests.pages.conftest import chart_specs, chart_titles, metrics_by_label, shown, texts

OVERVIEW = "pages/overview.py"


def test_overview_shows_kpis_and_three_coverage_charts_on_the_bundled_data(app_store):
    at = make_app_test()
    assert not at.exception
    cards = metrics_by_label(at)
    assert cards["Webinar attendees"] == "5,700+" and cards["Academy participants"] == "200+"
    assert cards["People trained"].startswith("at least ")
    labels = [m.label for m in at.metric]
    people = labels[: labels.index("Local governments")]
    assert people[0] == "People trained" and "Participants" not in people  # no card adds up kinds of event
    assert "6,054" not in cards.values() and "6,216" not in cards.values()  # the old sums across kinds
    assert (cards["Local governments"], cards["Countries"], cards["Editions"]) == ("18", "24", "19")
    captions = [c.value for c in at.caption]
    assert not any(c.startswith("sum of") and "reported by the organisers" in c for c in captions)
    titles = chart_titles(at)
    assert len(titles) == 3
    assert any("Participants per year" in title for title in titles)
    assert any("new and returning" in title for title in titles)
    assert any("cumulative" in title for title in titles)
    assert all(spec["layout"]["annotations"][-1]["text"].startswith("Source:") for spec in chart_specs(at))


def test_overview_for_2019_shrdc_says_13_reported_and_11_of_12_local_governments(app_store):
    at = make_app_test(query_params={"programme": "gsef-shrdc"})
    assert not at.exception
    assert metrics_by_label(at) == {
        "People trained": "13",
        "Local governments": "12",
        "Countries": "9",
        "Editions": "1",
        "Participants": "13",
    }  # the last is the latest edition's block
    captions = [c.value for c in at.caption]
    assert "reported by the organisers" in captions
    assert "11 recorded of 12 reported" in captions
    assert "9 reported and recorded" in captions


def test_overview_captions_link_each_edition_source(app_store):
    at = make_app_test(query_params={"programme": "gsef-shrdc"})
    assert "(https://gsef-net.org/fr/node/26999)" in texts(at)


def test_changing_the_year_filter_changes_the_charts_and_kpis(app_store):
    at = make_app_test()
    years_before = chart_specs(at)[0]["data"][0]["x"]
    at.sidebar.slider(key="f_years").set_value((2019, 2019)).run()
    assert not at.exception
    assert chart_specs(at)[0]["data"][0]["x"] == ["2019"] and years_before == [
        "2014",
        "2015",
        "2016",
        "2017",
        "2018",
        "2019",
        "2020",
        "2021",
    ]
    assert metrics_by_label(at)["Editions"] == "8"
    assert any(shown(c.value).startswith("matching the filters; ") for c in at.caption)
    assert at.query_params["from"] in ("2019", ["2019"]) and at.query_params["to"] in ("2019", ["2019"])


def test_latest_edition_shows_a_delta_against_the_previous_edition_of_its_programme(app_store):
    at = make_app_test(query_params={"programme": "gsef-training-workshops"})
    assert not at.exception
    latest = [m for m in at.metric if m.label == "Countries"][-1]
    assert latest.value == "1" and latest.delta == "-5"  # Mexico (1 recorded) after East Africa (6 reported)
    assert any(
        shown(c.value).startswith("Compared with GSEF Training & Workshop Series 2019 (East Africa") for c in at.caption
    )


def test_the_latest_edition_with_a_country_filter_is_about_that_country_rows(app_store):
    at = make_app_test(query_params={"country": "NPL"})
    assert not at.exception
    assert any("Nepal only" in shown(s.value) for s in at.subheader)
    latest = {shown(m.label): m.value for m in at.metric[-3:]}
    assert latest == {"Participants": "not recorded", "Local governments": "2", "Countries": "1"}
    assert "13" not in latest.values() and "9" not in latest.values()  # not the edition's organiser totals


def test_the_kind_filter_is_read_from_and_written_to_the_url(app_store):
    at = make_app_test(query_params={"kind": "webinar"})
    assert not at.exception
    assert at.sidebar.multiselect(key="f_kind").value == ["webinar"]
    assert metrics_by_label(at)["Webinar attendees"] == "5,700+" and "People trained" not in metrics_by_label(at)
    at.sidebar.multiselect(key="f_kind").set_value(["training", "webinar"]).run()
    assert not at.exception
    assert at.query_params["kind"] == ["training", "webinar"]
    assert {"People trained", "Webinar attendees"} <= set(metrics_by_label(at))


def test_a_filter_that_leaves_nothing_shows_the_empty_state(app_store):
    at = make_app_test(query_params={"programme": "ilo-sse-academy", "country": "NPL"})
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_overview_renders_on_an_empty_store(empty_app_store):
    at = make_app_test()
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)


def test_filters_survive_a_page_switch_and_come_back_in_the_url(app_store):
    at = make_app_test(query_params={"country": "NPL"})
    at.switch_page("pages/breakdowns.py").run()
    at.switch_page(OVERVIEW).run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_country").value == ["NPL"]
    assert at.query_params["country"] in ("NPL", ["NPL"])
    assert metrics_by_label(at)["Local governments"] == "2"


def test_a_link_with_years_outside_the_data_opens_without_an_error(app_store):
    from tests.apptest import make_app_test

    at = make_app_test(query_params={"to": "1990", "from": "abc", "country": "XXX"})
    assert not at.exception
    assert at.slider(key="f_years").value == (2014, 2014)
    assert any("outside the editions' years" in shown(c.value) for c in at.sidebar.caption)


def test_a_crafted_link_in_the_url_shows_as_text_in_the_sidebar_notice(app_store):
    from tests.pages.conftest import CRAFTED, shows_literally

    at = make_app_test(query_params={"country": CRAFTED, "from": CRAFTED})
    assert not at.exception
    notices = [c.value for c in at.sidebar.caption if "ignored" in c.value]
    assert len(notices) == 2
    assert shows_literally(notices[0], f"ignored country={CRAFTED!r}: not in the data")
    assert shows_literally(notices[1], f"ignored from={CRAFTED!r}: not a year")
    assert not any("](https://evil" in notice or "![" in notice for notice in notices)


def test_a_crafted_edition_name_shows_as_text_in_the_latest_edition_heading(crafted_app_store):
    from tests.pages.conftest import CRAFTED, shows_literally

    at = make_app_test()
    assert not at.exception
    heading = next(h.value for h in at.subheader if "Latest edition" in h.value)
    assert shown(heading).startswith("Latest edition: ") and shows_literally(heading, CRAFTED)
    assert not any("](https://evil" in c.value or "![" in c.value for c in at.caption)

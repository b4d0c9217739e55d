"""The Sources & notes page, driven by AppTest."""

from __future__ import annotations

from tests.apptest import make_app_test
from tests.pages.conftest import texts

SOURCES = "pages/sources.py"


def test_sources_page_links_every_edition_and_spells_out_the_2019_discrepancy(app_store):
    at = make_app_test(SOURCES)
    assert not at.exception
    text = texts(at)
    assert "(https://gsef-net.org/fr/node/26999)" in text and "(https://gsef-net.org/en/node/25704)" in text
    assert r"12 local governments reported\, 11 listed" in text
    assert "participants per local government not recorded" in text
    assert "more than 50" in text  # the UCLG vs GSEF note
    assert r"at least 5\,700 participants reported" in text  # a lower bound stays one in words
    assert r"5\,700\+ participants" in text and "Webinar" in text  # each edition with its kind and figures


def test_sources_page_counts_coordinate_precision_from_the_data(app_store):
    at = make_app_test(SOURCES)
    text = texts(at)
    assert "with exact coordinates" in text and "approximate" in text and "ambiguous" in text
    assert "Every local government shown has exact coordinates" not in text
    assert "Our compilation" in text


def test_sources_page_lists_imprecise_coordinates_and_licences(app_store):
    at = make_app_test(SOURCES)
    coordinates = at.dataframe[1].value
    assert dict(zip(coordinates["Local government"], coordinates["Precision"])) == {
        "Bagmati Rural Municipality": "ambiguous",
        "Tokha": "approximate",
        "Musoma": "approximate",
        "Liverpool City Region Combined Authority": "approximate",
        "Nakawa Division": "approximate",
    }
    text = texts(at)
    assert "Natural Earth (public domain)" in text and "GeoNames" in text and "CC BY 4.0" in text


def test_a_programme_filter_narrows_the_sources(app_store):
    at = make_app_test(SOURCES, query_params={"programme": "gsef-webinars"})
    assert not at.exception
    assert set(at.dataframe[0].value["Edition"]) == {"GSEF webinar series towards GSEF2021"}
    assert r"1 local government shown\: 1 with exact coordinates" in texts(at)  # only the webinars' one


def test_sources_page_renders_on_an_empty_store(empty_app_store):
    at = make_app_test(SOURCES)
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)


def test_an_editions_dates_are_written_for_the_readers_locale(app_store):
    at = make_app_test("pages/sources.py", query_params={"lang": "fr", "programme": "ilo-sse-academy"})
    assert not at.exception
    assert any("26–30 juin 2017" in m.value for m in at.markdown)

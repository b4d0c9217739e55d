"""The Data page, driven by AppTest."""

from __future__ import annotations

from tests.apptest import make_app_test
from tests.pages.conftest import texts

DATA = "pages/data.py"


def test_data_page_lists_every_filtered_row_with_readable_columns_and_two_downloads(app_store):
    at = make_app_test(DATA)
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 37
    assert {"Edition", "Local government", "Participants (unknown = empty)"} <= set(table.columns)
    assert "Participation rows matching the filters: **37**" in texts(at)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download CSV", "Download XLSX"]


def test_a_filter_narrows_the_table(app_store):
    at = make_app_test(DATA, query_params={"country": "NPL"})
    assert not at.exception
    assert set(at.dataframe[0].value["Local government"]) == {"Tokha", "Bagmati Rural Municipality"}
    assert "Participation rows matching the filters: **2**" in texts(at)


def test_data_page_shows_the_empty_state_for_an_edition_without_rows(app_store):
    at = make_app_test(DATA, query_params={"programme": "ilo-sse-academy"})
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)
    assert not at.get("download_button")


def test_data_page_renders_on_an_empty_store(empty_app_store):
    at = make_app_test(DATA)
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)


def test_data_rows_link_to_the_profile_of_their_place(app_store):
    at = make_app_test(DATA, query_params={"country": "NPL"})
    assert set(at.dataframe[0].value["Profile"]) == {
        "profile?place=lg:np-tokha",
        "profile?place=lg:np-bagmati-rural-municipality",
    }

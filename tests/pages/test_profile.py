"""AppTest of the Profile page, opened by URL as a sent link would open it."""

from tests.apptest import make_app_test
from tests.pages.conftest import shown, texts


def test_a_local_government_profile_opens_by_url(app_store):
    at = make_app_test("pages/profile.py", query_params={"place": "lg:np-tokha"})
    assert not at.exception
    assert shown(at.header[0].value) == "Tokha, Nepal"
    text = shown(texts(at))
    assert "Tokha (Nepal) is named in 1 event, 2019." in text
    assert "approximate" in text
    events = at.dataframe[0].value
    assert list(events["Kind of event"]) == ["Training"] and list(events["Role"]) == ["civil servant"]


def test_a_country_profile_lists_its_local_governments_and_years(app_store):
    at = make_app_test("pages/profile.py", query_params={"place": "country:UGA"})
    assert not at.exception
    assert at.header[0].value == "Uganda"
    assert "first in 2017, latest in 2019" in shown(texts(at))
    assert list(at.dataframe[0].value["Local government"]) == ["Kampala", "Nakawa Division"]


def test_a_place_link_does_not_filter_the_other_pages(app_store):
    at = make_app_test("pages/profile.py", query_params={"place": "lg:np-tokha"})
    assert at.multiselect(key="f_lg").value == [] and at.multiselect(key="f_country").value == []


def test_an_unknown_place_opens_the_chooser(app_store):
    at = make_app_test("pages/profile.py", query_params={"place": "lg:nowhere"})
    assert not at.exception
    assert at.selectbox(key="profile_place").value is None
    assert "Choose a country or a local government" in texts(at)

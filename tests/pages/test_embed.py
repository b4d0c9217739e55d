"""AppTest of the embed view (/embed?embed=true): headline and map only, no sidebar, the link's filters applied."""

from tests.apptest import make_app_test
from tests.pages.conftest import shown, texts


def test_the_embed_view_has_no_sidebar_and_shows_the_headline_and_map(app_store):
    at = make_app_test("pages/embed.py")
    assert not at.exception
    assert len(at.sidebar) == 0
    assert not at.get("multiselect")
    assert "At least 154 people took part in 5 GSEF trainings" in shown(texts(at))
    assert len(at.get("plotly_chart")) == 1
    assert any("stSidebar" in element.proto.body for element in at.get("html"))  # hidden in the browser too


def test_the_embed_view_follows_the_filters_in_its_link(app_store):
    at = make_app_test("pages/embed.py", query_params={"kind": "webinar"})
    assert not at.exception
    text = shown(texts(at))
    assert "at least 5,700 webinar attendees" in text and "GSEF trainings" not in text

"""Share links: the view with its filters, the embed view and its iframe snippet."""

from ssedash import share
from ssedash.filters import Filters


def test_the_app_root_comes_from_the_pages_url_and_base_path():
    assert share.app_root("http://localhost:8501/impact") == "http://localhost:8501/"
    assert share.app_root("https://x.org/ssedash/map", "/ssedash/") == "https://x.org/ssedash/"
    assert share.app_root("") is None and share.app_root("file:///tmp/x") is None


def test_a_view_link_carries_the_filters():
    url = share.view_url("http://h/", "impact", Filters(countries=("NPL",), year_from=2019))
    assert url == "http://h/impact?country=NPL&from=2019"
    assert share.view_url("http://h/", "", Filters()) == "http://h/"


def test_the_embed_link_and_its_iframe_snippet_are_escaped():
    url = share.embed_url("http://h/", Filters(kinds=("webinar",)))
    assert url == "http://h/embed?kind=webinar&embed=true"
    snippet = share.iframe_snippet(url, 'GSEF "capacity"')
    assert 'src="http://h/embed?kind=webinar&amp;embed=true"' in snippet and "&quot;capacity&quot;" in snippet

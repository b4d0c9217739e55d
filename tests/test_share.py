"""Share links: the view with its filters, the embed view and its iframe snippet."""

from ssedash import share
from ssedash.filters import Filters
from ssedash.i18n import Language


def test_the_app_root_comes_from_the_pages_url_and_base_path():
    assert share.app_root("http://localhost:8501/impact") == "http://localhost:8501/"
    assert share.app_root("https://x.org/ssedash/map", "/ssedash/") == "https://x.org/ssedash/"
    assert share.app_root("") is None and share.app_root("file:///tmp/x") is None


def test_a_view_link_carries_the_filters():
    url = share.view_url("http://h/", "impact", Filters(countries=("NPL",), year_from=2019))
    assert url == "http://h/impact?country=NPL&from=2019&lang=en"
    assert share.view_url("http://h/", "", Filters()) == "http://h/?lang=en"


def test_the_embed_link_and_its_iframe_snippet_are_escaped():
    url = share.embed_url("http://h/", Filters(kinds=("webinar",)))
    assert url == "http://h/embed?kind=webinar&embed=true&lang=en"
    snippet = share.iframe_snippet(url, 'GSEF "capacity"')
    assert (
        'src="http://h/embed?kind=webinar&amp;embed=true&amp;lang=en"' in snippet and "&quot;capacity&quot;" in snippet
    )


def test_a_link_carries_the_language_it_was_made_in():
    from urllib.parse import parse_qs, urlsplit

    from ssedash import i18n

    with i18n.use(i18n.Language.KO):
        view, embed = (
            share.view_url("http://h/", "map", Filters(year_from=2019)),
            share.embed_url("http://h/", Filters()),
        )
    assert parse_qs(urlsplit(view).query) == {"from": ["2019"], "lang": ["ko"]}
    assert parse_qs(urlsplit(embed).query)["lang"] == ["ko"]
    assert share.view_url("http://h/", "", Filters(), language=i18n.Language.ES) == "http://h/?lang=es"
    assert i18n.parse(parse_qs(urlsplit(view).query)["lang"][0]) is i18n.Language.KO  # the app reads it back


def test_a_page_with_its_own_parameters_keeps_them_in_one_query():
    url = share.view_url("http://host/", "profile?place=lg:np-tokha", Filters(countries=("NPL",)), language=Language.FR)
    assert url == "http://host/profile?place=lg%3Anp-tokha&country=NPL&lang=fr"
    assert url.count("?") == 1

"""Crafted URLs and stored names in a real Chromium with the internet cut off: shown as text, nothing fetched.

Every page aborts and records each request to a host other than loopback (tests/e2e/conftest.py), so an image
or a link that escaped would show up in `aborted` (an image is fetched at once) or as an <a>/<img> element.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from ssedash.markdown import WORD_JOINER
from tests.e2e.conftest import OfflinePage, running_app
from tests.pages.conftest import CRAFTED

OUTSIDE = "evil.example"


def outside_elements(page) -> list[str]:
    """Links, images and sources in the app that point to the outside host (none may exist). Our own links may
    carry the crafted text in their query string (the sidebar's page links keep the URL's parameters): only the
    host counts."""
    return page.evaluate(
        """(host) => Array.from(document.querySelectorAll('a[href], img[src], source[src], iframe[src]'))
                .map(e => e.getAttribute('href') || e.getAttribute('src'))
                .filter(u => { try { return new URL(u, location.href).hostname.endsWith(host); }
                               catch (error) { return true; } })""",
        OUTSIDE,
    )


def test_a_crafted_url_shows_its_text_literally_and_fetches_nothing(offline_page):
    offline_page.open("/?" + urlencode({"country": CRAFTED, "from": CRAFTED}))
    page = offline_page.page
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("ignored country=", exact=False).wait_for(timeout=30_000)
    shown = sidebar.inner_text().replace(WORD_JOINER, "")
    assert f"ignored country={CRAFTED!r}: not in the data" in shown
    assert f"ignored from={CRAFTED!r}: not a year" in shown
    assert outside_elements(page) == []
    page.wait_for_load_state("networkidle", timeout=30_000)
    assert offline_page.aborted == []
    assert not offline_page.page_errors


@pytest.fixture(scope="module")
def crafted_server(tmp_path_factory, browser, bundled):
    """A server whose store holds the bundled data with every edition named CRAFTED, sourced from an uploaded
    file named CRAFTED."""
    from ssedash.store import Store

    tmp = tmp_path_factory.mktemp("crafted")
    editions = bundled["edition"].assign(name=CRAFTED, source_url=f"upload:{CRAFTED}.csv#sha256=0123456789ab")
    store = Store(f"sqlite:///{tmp / 'store.sqlite'}")
    store.create()
    store.ensure_seeded({**bundled, "edition": editions}, "crafted")
    store.engine.dispose()
    with running_app(tmp) as base:
        yield base


@pytest.fixture
def crafted_page(browser, crafted_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    wrapped = OfflinePage(page, crafted_server)
    wrapped.page_errors = errors
    yield wrapped
    context.close()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", f"Latest edition: {CRAFTED}"),
        ("map", f"upload:{CRAFTED}.csv#sha256=0123456789ab"),
        ("sources", CRAFTED),
    ],
)
def test_a_crafted_edition_and_file_name_show_literally_and_fetch_nothing(crafted_page, path, expected):
    crafted_page.open(path)
    page = crafted_page.page
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(expected[:16], exact=False).first.wait_for(timeout=30_000)
    assert expected in main.inner_text().replace(WORD_JOINER, "")
    assert outside_elements(page) == []
    assert page.locator('[data-testid="stMain"] .katex').count() == 0  # no LaTeX drawn from $x^2$
    page.wait_for_load_state("networkidle", timeout=30_000)
    assert crafted_page.aborted == []
    assert not crafted_page.page_errors

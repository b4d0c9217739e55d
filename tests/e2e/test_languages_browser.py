"""Languages in a real Chromium, offline (issue #13): the browser's locale picks the language, Korean renders with
real glyphs (not empty boxes), and a language chosen in the sidebar stays through a page switch."""

from __future__ import annotations

import pytest

from ssedash import i18n
from ssedash.i18n import Language
from tests.e2e.conftest import OfflinePage

TITLE = "GSEF capacity building on the Social and Solidarity Economy"
H1 = '[data-testid="stMain"] h1'


def translated(text: str, language: Language) -> str:
    with i18n.use(language):
        return i18n.t(text)


@pytest.fixture
def page_in_locale(browser, app_server):
    contexts = []

    def open_with(locale: str) -> OfflinePage:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale, service_workers="block")
        contexts.append(context)
        return OfflinePage(context.new_page(), app_server)

    yield open_with
    for context in contexts:
        context.close()


def test_a_browser_set_to_french_gets_the_dashboard_in_french(page_in_locale):
    offline = page_in_locale("fr-FR")
    offline.open("")
    offline.page.wait_for_selector(H1, timeout=30_000)
    assert offline.page.locator(H1).first.inner_text().strip() == translated(TITLE, Language.FR) != TITLE
    offline.screenshot("lang-fr-overview-from-browser-locale")
    assert offline.aborted == []


def glyphs_differ(page, first: str, second: str) -> bool:
    """True when two characters draw differently in the page's fonts: two missing glyphs draw the same box."""
    return page.evaluate(
        """([a, b]) => {
            const draw = (ch) => {
                const canvas = document.createElement('canvas'); canvas.width = 64; canvas.height = 64;
                const ctx = canvas.getContext('2d'); ctx.font = '48px sans-serif'; ctx.fillText(ch, 4, 52);
                return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
            };
            return draw(a) !== draw(b);
        }""",
        [first, second],
    )


def test_korean_renders_with_real_glyphs(offline_page):
    offline_page.open("?lang=ko")
    page = offline_page.page
    page.wait_for_selector(H1, timeout=30_000)
    title = page.locator(H1).first.inner_text().strip()
    assert title == translated(TITLE, Language.KO) and any("\uac00" <= ch <= "\ud7a3" for ch in title)
    assert glyphs_differ(page, "한", "국"), "Hangul draws as empty boxes: install fonts-noto-cjk"
    offline_page.screenshot("lang-ko-overview")
    assert offline_page.aborted == []


def test_a_language_chosen_in_the_sidebar_stays_through_a_page_switch(offline_page):
    offline_page.open("")
    page = offline_page.page
    selector = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    selector.click()
    page.get_by_role("option", name="Español").click()
    offline_page.wait_idle()
    page.wait_for_url("**lang=es**", timeout=30_000)
    assert page.locator(H1).first.inner_text().strip() == translated(TITLE, Language.ES)
    page.locator('[data-testid="stSidebarNav"] a[href*="map"]').first.click()
    page.wait_for_url("**/map**", timeout=30_000)
    offline_page.wait_idle()
    assert "lang=es" in page.url
    page.wait_for_selector(H1, timeout=30_000)
    assert page.locator(H1).first.inner_text().strip() == translated("Where participants come from", Language.ES)
    assert offline_page.aborted == []

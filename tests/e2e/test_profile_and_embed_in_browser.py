"""A profile link and the embed view in a real Chromium, offline: what a funder's colleague or site visitor gets."""

from __future__ import annotations


def test_a_profile_link_opened_first_on_a_fresh_server_shows_that_place(browser, tmp_path):
    from tests.e2e.conftest import OfflinePage, running_app

    with running_app(tmp_path) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = OfflinePage(context.new_page(), base)
        page.open("profile?place=lg:np-tokha")
        page.page.wait_for_selector('[data-testid="stMain"] h2', timeout=60_000)
        # The place's map drawn, and everything it asked for (a text label would ask a font server for glyphs).
        page.page.wait_for_selector(".js-plotly-plot canvas.maplibregl-canvas", timeout=60_000)
        page.page.wait_for_load_state("networkidle", timeout=30_000)
        main = page.page.locator('[data-testid="stMain"]').inner_text()
        url = page.page.url
        page.screenshot("profile-tokha")
        aborted = page.aborted
        context.close()
    assert "Tokha, Nepal" in main and "approximate" in main and "named in 1 event, 2019" in main
    assert "place=lg%3Anp-tokha" in url or "place=lg:np-tokha" in url  # the link stays shareable
    assert aborted == []


def test_the_embed_view_has_no_sidebar_and_follows_its_link(offline_page):
    offline_page.open("embed?embed=true&kind=webinar")
    page = offline_page.page
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "at least 5,700 webinar attendees" in text and "Open in ssedash" in text
    offline_page.screenshot("embed-webinar")

"""Two app servers on one PostgreSQL, as a deployment with several replicas runs them: an import committed
through one server's Upload page shows on the other, in a session already open there, without a click
(the page checks the store's revision every few seconds and reruns when it moved)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests import servers
from tests.e2e.conftest import LOOPBACK, running_app
from tests.e2e.test_upload_browser import DATA, commit, idle, shot, upload_and_check

pytestmark = pytest.mark.e2e


def offline_tab(browser, base: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, service_workers="block")
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if (urlparse(route.request.url).hostname or "") in LOOPBACK else route.abort(),
    )
    page.goto(base, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', timeout=60_000)
    idle(page)
    return context, page


def editions_card(page) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Editions").first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_an_import_through_one_server_shows_on_the_other_in_an_open_session(browser, tmp_path, postgres):
    cluster, _, reason = postgres
    if cluster is None:
        servers.unavailable(f"PostgreSQL not available: {reason}")
    db_url = cluster.create_database("two_servers")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with running_app(tmp_path / "a", db_url=db_url) as server_a:
        context_a, tab_a = offline_tab(browser, server_a)  # the first server seeds the shared store
        with running_app(tmp_path / "b", db_url=db_url) as server_b:
            context_b, tab_b = offline_tab(browser, server_b)
            before = editions_card(tab_b)
            upload_and_check(tab_a, server_a, DATA / "cp1252_semicolon_french.csv", "Two servers programme")
            assert "two-servers-programme-2019" in commit(tab_a)
            # No click, no reload on B: its open session must pick the import up within 5 s.
            tab_b.wait_for_function(
                """(before) => {
                    const card = Array.from(document.querySelectorAll('[data-testid="stMetric"]'))
                        .find(m => m.innerText.includes('Editions'));
                    const value = card && card.querySelector('[data-testid="stMetricValue"]');
                    return value && value.innerText.trim() !== before;
                }""",
                arg=before,
                timeout=5_000,
            )
            assert int(editions_card(tab_b).replace(",", "")) == int(before.replace(",", "")) + 1
            shot(tab_b, "two-servers-b-after-import-on-a")
            context_b.close()
        context_a.close()

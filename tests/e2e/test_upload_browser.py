"""The Upload page in a real Chromium, offline: a cp1252 French file goes through the real file input to the map;
script and formula cells stay inert text. Its own `streamlit run` and store (the session browser is shared), so
the data it commits never reaches the other browser tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import LOOPBACK, SCREENSHOTS, running_app

pytestmark = pytest.mark.e2e

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA = PROJECT_ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("upload-e2e")) as base:
        yield base


@pytest.fixture
def tab(browser, upload_app):
    """A tab that may only talk to loopback, with every JavaScript dialog (alert…) recorded and dismissed."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, service_workers="block")
    page = context.new_page()
    page.aborted, page.dialogs, page.errors = [], [], []

    def route(request_route):
        if (urlparse(request_route.request.url).hostname or "") in LOOPBACK:
            request_route.continue_()
        else:
            page.aborted.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # Start where a visitor lands; a first visit straight to /upload is covered by the public-mode test.
    page.goto(upload_app, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', timeout=60_000)
    yield page
    context.close()


def idle(page, timeout: float = 60_000) -> None:
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-test-script-state]');
                   return app && app.getAttribute('data-test-script-state') === 'notRunning'; }""",
        timeout=timeout,
    )


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def upload_and_check(page, base: str, file: Path, programme: str) -> None:
    page.goto(f"{base}/upload", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(file))
    page.get_by_role("button", name="Check the file").wait_for(timeout=60_000)
    idle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Programme").first.click()
    page.get_by_role("option", name="A new programme (type its name)").click()
    page.get_by_label("New programme name").fill(programme)
    page.get_by_label("Source link (https://…)").fill("https://example.org/browser-test")
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("Validation report").wait_for(timeout=60_000)
    idle(page)


def commit(page) -> str:
    accept = page.get_by_text("I have read the", exact=False)
    if accept.count():
        accept.first.click()
        idle(page)
    page.get_by_role("button", name="Commit").click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="Import #")
    success.wait_for(timeout=60_000)
    return success.first.inner_text()


def test_a_cp1252_semicolon_french_file_goes_from_the_file_input_to_the_map(tab, upload_app):
    upload_and_check(tab, upload_app, DATA / "cp1252_semicolon_french.csv", "Browser test programme")
    assert tab.get_by_text("encoding cp1252, delimiter semicolon", exact=False).count() == 1
    assert tab.get_by_text("Montréal-la-Cluse").count() >= 1  # accents read right, shown in the first rows
    shot(tab, "upload-french-checked")
    message = commit(tab)
    assert "browser-test-programme-2019" in message and "3 new local governments" in message
    link = tab.get_by_role("link", name="Open the map filtered to this edition")
    href = link.get_attribute("href")
    assert href.endswith("/map?programme=browser-test-programme&from=2019&to=2019")
    tab.goto(f"{upload_app}/map?programme=browser-test-programme&from=2019&to=2019", wait_until="domcontentloaded")
    tab.wait_for_selector(".js-plotly-plot canvas.maplibregl-canvas", timeout=60_000)
    idle(tab)
    # a JSON string of every scattermap trace's labels, as the browser holds them
    drawn = tab.evaluate("""() => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot'))
        .flatMap(p => p.data || []).filter(t => t.type === 'scattermap')
        .map(t => [t.customdata, t.hovertext, t.text]))""")
    tab.wait_for_load_state("networkidle", timeout=30_000)
    tab.wait_for_timeout(800)
    shot(tab, "upload-french-on-the-map")
    for name in ("Abidjan", "Dakar", "Montréal-la-Cluse"):
        assert f'"{name}"' in drawn, f"{name} is not on the map"
    assert not tab.errors and not tab.dialogs


def test_script_and_formula_cells_are_shown_as_inert_text(tab, upload_app):
    upload_and_check(tab, upload_app, DATA / "formula_and_script.csv", "Inert text programme")
    table = tab.locator('[data-testid="stTable"]').first
    assert "<script>alert(1)</script>" in table.inner_text()
    assert '=HYPERLINK("http://x")' in table.inner_text()
    assert tab.locator('[data-testid="stMain"] script:has-text("alert(1)")').count() == 0
    commit(tab)
    shot(tab, "upload-inert-text")
    tab.wait_for_timeout(500)
    assert tab.dialogs == [], "a dialog fired: a cell ran as script"
    assert not tab.errors


@pytest.mark.parametrize("mode", ["public", "team"])
def test_upload_and_history_cannot_be_reached_by_url_without_rights(browser, tmp_path, monkeypatch, mode):
    """Opened first on a fresh server (where Streamlit would run a page file alone), and opened again."""
    from ssedash.auth import hash_password

    monkeypatch.setenv("SSEDASH_PASSWORD_HASH", hash_password("correct horse", iterations=1_000))
    with running_app(tmp_path, mode=mode) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if (urlparse(route.request.url).hostname or "") in LOOPBACK else route.abort()
            ),
        )
        seen = []
        for path in ("upload", "history", "upload"):
            page.goto(f"{base}/{path}", wait_until="domcontentloaded")
            page.wait_for_selector(
                '[data-testid="stMain"] h1, [data-testid="stMain"] input[type="password"]', timeout=60_000
            )
            idle(page)
            seen.append(
                (
                    page.locator('[data-testid="stFileUploader"]').count(),
                    page.get_by_role("button", name="Roll back").count(),
                    page.locator('[data-testid="stMain"]').inner_text(),
                )
            )
        shot(page, f"{mode}-mode-upload-url")
        context.close()
    for uploaders, rollbacks, text in seen:
        assert uploaders == 0 and rollbacks == 0
        if mode == "public":
            assert "Upload data" not in text and "Import history" not in text
        else:
            assert "Password" in text

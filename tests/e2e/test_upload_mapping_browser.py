"""The column mapping in a real Chromium, offline: a file whose headers are all unknown is mapped with the field
lists, checked and committed through the real file input (ssedash.ui.upload_mapping)."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.test_upload_browser import idle, shot, tab, upload_app  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

UNKNOWN = "Annee civile;Etat;Nom de la ville;Inscrits\n2019;KOR;Seoul;4\n2019;NPL;Tokha;2\n"
CHOICES = {
    "Annee civile": "year (required)",
    "Etat": "country (required)",
    "Nom de la ville": "local_government",
    "Inscrits": "participants",
}


def pick(page, opener, option: str) -> None:
    """Open a field list and pick an option. A rerun (the store watcher's, every 3 s) that lands while a list
    low on the page opens closes it again: then open it once more."""
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        opener.click()
        try:
            wanted.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            idle(page)
    wanted.click()


def choose(page, header: str, option: str, made: int) -> None:
    """Pick a field for a column, and wait for the rerun that reads the file with it (`made` choices so far)."""
    pick(page, page.get_by_label(f"Field for {header}"), option)
    expect(page.get_by_text("your choice", exact=True)).to_have_count(made, timeout=60_000)
    idle(page)


def commit(page, warnings: bool = False) -> str:
    """Accept the warnings (when the plan has some), wait for Commit to be enabled (a rerun), commit; the success."""
    if warnings:
        page.get_by_text("I have read the", exact=False).first.click()
    button = page.locator('[data-testid="stBaseButton-primary"]').filter(has_text="Commit")
    page.wait_for_function("(b) => !b.disabled", arg=button.element_handle(), timeout=60_000)
    button.click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="Import #")
    try:
        success.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        shot(page, "commit-timed-out")
        alerts = page.locator('[data-testid^="stAlertContent"]').all_inner_texts()
        raise AssertionError(f"no success 60 s after Commit; the page's notices: {alerts}") from None
    return success.first.inner_text()


def map_and_check(page, base: str, path, programme: str, name: str) -> None:
    """Upload a file whose headers are all unknown, map its four columns, fill the form and check it."""
    page.goto(f"{base}/upload", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(path))
    page.get_by_text("No column is read as", exact=False).first.wait_for(timeout=60_000)
    idle(page)
    shot(page, f"{name}-unknown-headers")
    for made, (header, option) in enumerate(CHOICES.items(), start=1):
        choose(page, header, option, made)
    assert page.get_by_text("No column is read as", exact=False).count() == 0
    shot(page, f"{name}-mapped")
    pick(
        page,
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Programme").first,
        "A new programme (type its name)",
    )
    page.get_by_label("New programme name").fill(programme)
    page.get_by_label("Source link (https://…)").fill("https://example.org/browser-mapping")
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("Validation report").wait_for(timeout=60_000)
    idle(page)


def test_a_file_with_unknown_headers_is_mapped_on_screen_and_committed(tab, upload_app, tmp_path):  # noqa: F811
    path = tmp_path / "partner.csv"
    path.write_text(UNKNOWN, encoding="utf-8")
    map_and_check(tab, upload_app, path, "Mapped in the browser", "upload-mapping")
    message = commit(tab)
    assert "mapped-in-the-browser-2019" in message
    shot(tab, "upload-mapping-committed")
    assert not tab.errors and not tab.dialogs and not tab.aborted

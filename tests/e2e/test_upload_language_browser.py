"""The Upload page in French in a real Chromium: the wizard is a fragment, and a fragment's rerun (a file put in
the uploader, the form checked) runs in a script thread of its own, where app.py has not set the language: the
wizard must carry it (ssedash.ui.upload_language). Its own `streamlit run` and store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ssedash import i18n
from tests.e2e.conftest import running_app
from tests.e2e.test_upload_browser import idle, shot

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"


def fr(text: str) -> str:
    """`text` as the French catalogue says it (the test follows the catalogue, not a copy of it)."""
    with i18n.use(i18n.Language.FR):
        return i18n.t(text)


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("upload-language-e2e")) as base:
        yield base


def check_in_french(page, base: str, file: Path) -> None:
    page.goto(f"{base}/upload?lang=fr", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(file))
    page.get_by_role("button", name=fr("Check the file")).wait_for(timeout=60_000)  # drawn by a fragment rerun
    idle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Programme").first.click()
    page.get_by_role("option", name=fr("A new programme (type its name)")).click()
    page.get_by_label(fr("New programme name")).fill("Programme d'essai")
    page.get_by_label(fr("Source link (https://…)")).fill("https://example.org/browser-test")
    page.get_by_role("button", name=fr("Check the file")).click()
    page.get_by_text(fr("Validation report")).wait_for(timeout=60_000)
    idle(page)


def test_the_upload_wizard_stays_in_french_through_its_fragment_reruns(browser, upload_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, service_workers="block")
    page = context.new_page()
    try:
        check_in_french(page, upload_app, DATA / "clean.csv")
        assert page.get_by_text(fr("Rows OK")).count() >= 1
        assert page.get_by_text("Validation report").count() == 0
        shot(page, "upload-report-fr")
    finally:
        context.close()


def test_the_problem_workbook_downloaded_in_french_is_in_french(browser, upload_app):
    """The workbook is made on the click, by the server, outside any script run: it takes the page's language."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, service_workers="block")
    page = context.new_page()
    try:
        check_in_french(page, upload_app, DATA / "unknown_country.csv")
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=fr("Download the report (XLSX, problem cells marked)")).click()
        book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert book.sheetnames[:2] == [fr("File"), fr("Errors")]
    finally:
        context.close()

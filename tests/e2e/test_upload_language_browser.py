"""The Upload page in French in a real Chromium: the wizard is a fragment, and a fragment's rerun (a file put in
the uploader, the form checked) runs in a script thread of its own, where app.py has not set the language: the
wizard must carry it (ssedash.ui.upload_language). Its own `streamlit run` and store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import running_app
from tests.e2e.test_upload_browser import idle, shot

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("upload-language-e2e")) as base:
        yield base


def check_in_french(page, base: str, file: Path) -> None:
    page.goto(f"{base}/upload?lang=fr", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(file))
    page.get_by_role("button", name="Vérifier le fichier").wait_for(timeout=60_000)  # drawn by a fragment rerun
    idle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Programme").first.click()
    page.get_by_role("option", name="Un nouveau programme (saisissez son nom)").click()
    page.get_by_label("Nom du nouveau programme").fill("Programme d'essai")
    page.get_by_label("Lien vers la source (https://…)").fill("https://example.org/browser-test")
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_text("Rapport de validation").wait_for(timeout=60_000)
    idle(page)


def test_the_upload_wizard_stays_in_french_through_its_fragment_reruns(browser, upload_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, service_workers="block")
    page = context.new_page()
    try:
        check_in_french(page, upload_app, DATA / "clean.csv")
        assert page.get_by_text("Lignes valides").count() >= 1
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
            page.get_by_role("button", name="Télécharger le rapport (XLSX, cellules problématiques signalées)").click()
        book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert book.sheetnames[:2] == ["Fichier", "Erreurs"]
    finally:
        context.close()

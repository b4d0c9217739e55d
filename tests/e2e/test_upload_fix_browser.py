"""Fix in place in a real Chromium, offline: a refused file's two bad cells are typed into the grid, checked again
without leaving the page, and committed; the History then shows both checksums. Its own `streamlit run` and store
(see test_upload_browser.py, whose tab and helpers it shares)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import running_app
from tests.e2e.test_upload_browser import idle, shot, tab  # noqa: F401  (tab: the shared tab fixture)

pytestmark = pytest.mark.e2e

TWO_BAD = (
    b"year;country;local_government;participants;Name\n2020;Narnia;Dakar;3;Ann\n"
    b"2020;SN;Dakar;many;Bob\n2020;SN;Thies;4;Cy\n"
)
GRID_COLUMNS = (
    "line",
    "⚠ columns",
    "year",
    "country",
    "local_government",
    "participants",
    "drop this row",
    "reason for dropping",
    "problems",
)


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("upload-fix-e2e")) as base:
        yield base


def upload_and_check(page, base: str, file, programme: str) -> None:
    """As test_upload_browser's, with the programme list opened again when a rerun closed it (a loaded machine)."""
    page.goto(f"{base}/upload", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(file))
    page.get_by_role("button", name="Check the file").wait_for(timeout=60_000)
    idle(page)
    option = page.get_by_role("option", name="A new programme (type its name)")
    for _ in range(5):
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Programme").first.click()
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:
            idle(page)
    option.click()
    page.get_by_label("New programme name").fill(programme)
    page.get_by_label("Source link (https://…)").fill("https://example.org/browser-test")
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("Validation report").wait_for(timeout=60_000)
    idle(page)


def type_in_cell(page, row: int, column: str, text: str, columns: tuple[str, ...] = GRID_COLUMNS) -> None:
    """Select the row's first cell with a click, walk right with the keyboard to `column`, open its editor,
    replace its value and confirm."""
    grid = page.locator('[data-testid="stDataFrame"]').last  # after the report's problem table
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 * (row + 1) + 17)
    for _ in range(columns.index(column)):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the cell's editor with its value
    page.wait_for_timeout(500)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text, delay=50)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1_000)
    idle(page)  # an edit reruns the wizard


def commit(page) -> str:
    """Accept the warnings, wait for the Commit button to be enabled (a rerun), commit; the success message."""
    page.get_by_text("I have read the", exact=False).first.click()
    button = page.locator('[data-testid="stBaseButton-primary"]').filter(has_text="Commit")
    page.wait_for_function("(b) => !b.disabled", arg=button.element_handle(), timeout=60_000)
    button.click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="Import #")
    success.wait_for(timeout=60_000)
    return success.first.inner_text()


def test_two_bad_cells_typed_into_the_grid_are_checked_again_and_committed(tab, upload_app, tmp_path):  # noqa: F811
    file = tmp_path / "partners.csv"
    file.write_bytes(TWO_BAD)
    upload_and_check(tab, upload_app, file, "Fix in place programme")
    tab.get_by_text("Fix the refused rows").wait_for(timeout=60_000)
    shot(tab, "upload-fix-grid")
    type_in_cell(tab, 0, "country", "Senegal")
    type_in_cell(tab, 1, "participants", "5")
    shot(tab, "upload-fix-typed")
    tab.get_by_role("button", name="Apply fixes and check again").click()
    tab.get_by_role("button", name="Download the corrected file (CSV)").wait_for(timeout=60_000)
    idle(tab)
    shot(tab, "upload-fix-checked-again")
    assert tab.get_by_text("Fix the refused rows").count() == 0
    message = commit(tab)
    assert "fix-in-place-programme-2020" in message and "3 participation rows" in message
    tab.goto(f"{upload_app}/history", wait_until="domcontentloaded")
    tab.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    idle(tab)
    shot(tab, "upload-fix-history")
    tab.goto(f"{upload_app}/upload", wait_until="domcontentloaded")
    tab.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    idle(tab)
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(file))
    tab.get_by_text("already imported as corrected", exact=False).wait_for(timeout=60_000)
    assert not tab.errors and not tab.aborted

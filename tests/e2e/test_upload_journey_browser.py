"""The analyst's whole import in a real Chromium, offline (issue #11): a partner's file whose headers are all
unknown and which has two bad cells is mapped with the field lists, its two cells are typed into the fix-in-place
grid, it is checked again, committed, and its local governments are then on the map. Its own `streamlit run` and
store (see test_upload_browser.py, whose tab and helpers it shares)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import running_app
from tests.e2e.test_upload_browser import idle, shot, tab  # noqa: F401 (tab: the shared tab fixture)
from tests.e2e.test_upload_fix_browser import type_in_cell
from tests.e2e.test_upload_mapping_browser import commit, map_and_check

pytestmark = pytest.mark.e2e

# Headers no synonym knows; line 2 names a country that does not exist, line 3 counts "many" participants.
PARTNER_FILE = (
    "Annee civile;Etat;Nom de la ville;Inscrits\n2019;Narnia;Seoul;4\n2019;NPL;Tokha;many\n2019;NPL;Tokha;1\n"
)
GRID_COLUMNS = ("line", "⚠ columns", "Annee civile", "Etat", "Nom de la ville", "Inscrits")


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("upload-journey-e2e")) as base:
        yield base


def drawn_on_the_map(page) -> str:
    """A JSON string of every scattermap trace's labels, as the browser holds them."""
    page.wait_for_selector(".js-plotly-plot canvas.maplibregl-canvas", timeout=60_000)
    idle(page)
    return page.evaluate("""() => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot'))
        .flatMap(p => p.data || []).filter(t => t.type === 'scattermap')
        .map(t => [t.customdata, t.hovertext, t.text]))""")


def test_a_partner_file_is_mapped_fixed_in_place_committed_and_shown_on_the_map(tab, upload_app, tmp_path):  # noqa: F811
    path = tmp_path / "partner-2019.csv"
    path.write_text(PARTNER_FILE, encoding="utf-8")
    map_and_check(tab, upload_app, path, "Partner journey", "upload-journey")
    tab.get_by_text("Fix the refused rows").wait_for(timeout=60_000)
    tab.get_by_text("Fix the refused rows").scroll_into_view_if_needed()
    shot(tab, "upload-journey-refused")
    type_in_cell(tab, 0, "Etat", "KOR", GRID_COLUMNS)
    type_in_cell(tab, 1, "Inscrits", "2", GRID_COLUMNS)
    tab.get_by_role("button", name="Apply fixes and check again").click()
    tab.get_by_role("button", name="Download the corrected file (CSV)").wait_for(timeout=60_000)
    idle(tab)
    assert tab.get_by_text("Fix the refused rows").count() == 0  # nor a ghost of it (ssedash/ui/freshness.py)
    assert tab.get_by_role("button", name="Apply fixes and check again").count() == 0
    tab.get_by_role("button", name="Download the corrected file (CSV)").scroll_into_view_if_needed()
    shot(tab, "upload-journey-fixed")
    message = commit(tab, warnings=tab.get_by_text("I have read the", exact=False).count() > 0)
    assert "partner-journey-2019" in message and "3 participation rows" in message
    tab.goto(f"{upload_app}/map?programme=partner-journey&from=2019&to=2019", wait_until="domcontentloaded")
    drawn = drawn_on_the_map(tab)
    tab.wait_for_load_state("networkidle", timeout=30_000)
    tab.wait_for_timeout(800)
    shot(tab, "upload-journey-on-the-map")
    for name in ("Seoul", "Tokha"):
        assert f'"{name}' in drawn, f"{name} is not on the map"
    assert not tab.errors and not tab.dialogs and not tab.aborted

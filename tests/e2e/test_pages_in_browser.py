"""Every registered page, in a real Chromium with the internet cut off: loads without an exception and draws."""

from __future__ import annotations

import io

import pytest

from tests.e2e.conftest import registered_pages

PLOT = ".js-plotly-plot"
MAP_CANVAS = ".js-plotly-plot canvas.maplibregl-canvas"


def inked_share(png: bytes) -> float:
    """The share of pixels that are not (near) white: 0 for a blank picture."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)


def wait_for_map(page) -> None:
    # MapLibre draws once its style and the static GeoJSON are loaded: wait for the idle map.
    page.wait_for_selector(MAP_CANVAS, timeout=30_000)
    page.wait_for_load_state("networkidle", timeout=30_000)
    page.wait_for_function(
        "() => { const p = document.querySelector('.js-plotly-plot'); "
        "return p && p._fullLayout && p._fullLayout.map && p._fullLayout.map._subplot.map.loaded(); }",
        timeout=30_000,
    )
    page.wait_for_timeout(500)


def plot_points(page) -> list[list]:
    """customdata of the first plotly figure's scattermap traces, read from the DOM (what the browser drew)."""
    return page.evaluate(
        """() => {
            const plot = document.querySelector('.js-plotly-plot');
            return plot.data.filter(t => t.type === 'scattermap').flatMap(t => Array.from(t.customdata || []));
        }"""
    )


def test_the_app_registers_pages_and_the_map_is_among_them():
    paths = [path for path, _ in registered_pages()]
    assert "" in paths and "map" in paths


@pytest.mark.parametrize(("path", "page_file"), registered_pages(), ids=lambda value: value or "default")
def test_every_page_loads_offline_without_an_exception_and_draws(offline_page, path, page_file):
    offline_page.open(path)
    page = offline_page.page
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()
    assert not offline_page.page_errors
    plots = page.locator(PLOT)
    if path == "map":
        wait_for_map(page)
        assert inked_share(page.locator(MAP_CANVAS).first.screenshot()) > 0.05, "the map canvas is blank"
    elif plots.count():
        plots.first.wait_for(state="visible", timeout=30_000)
        assert inked_share(plots.first.screenshot()) > 0.01, "the chart is blank"
    offline_page.screenshot(f"page-{path or 'overview'}")
    # Nothing was even tried outside: not a font, not a favicon (app.py's is a local file), not a tile.
    page.wait_for_load_state("networkidle", timeout=30_000)
    assert offline_page.aborted == []


def test_the_map_shows_the_eleven_local_governments_of_2019(offline_page):
    offline_page.open("map?programme=gsef-shrdc")
    page = offline_page.page
    wait_for_map(page)
    points = plot_points(page)
    assert len(points) == 11
    assert {point[1] for point in points} >= {"Tokha", "Bagmati Rural Municipality", "Durban"}
    assert inked_share(page.locator(MAP_CANVAS).first.screenshot()) > 0.05
    offline_page.screenshot("map-gsef-shrdc-2019")


def test_a_copied_link_reproduces_the_filters(offline_page):
    offline_page.open("map?country=NPL&from=2019&to=2019")
    page = offline_page.page
    wait_for_map(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Nepal" in sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Country").first.inner_text()
    assert {point[1] for point in plot_points(page)} == {"Tokha", "Bagmati Rural Municipality"}
    assert "country=NPL" in page.url and "from=2019" in page.url
    offline_page.screenshot("map-link-nepal-2019")


def test_clicking_a_country_filters_the_sidebar_to_it(offline_page):
    offline_page.open("map?programme=gsef-shrdc")
    page = offline_page.page
    wait_for_map(page)
    # Click Indonesia's polygon in Borneo, far from Bandung's point (Java): the choropleth itself takes the click.
    point = page.evaluate(
        """() => {
            const plot = document.querySelector('.js-plotly-plot');
            const map = plot._fullLayout.map._subplot.map;
            const xy = map.project([114.0, 0.0]);
            const box = map.getCanvas().getBoundingClientRect();
            return {x: box.left + xy.x, y: box.top + xy.y};
        }"""
    )
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(500)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => location.search.includes('country=IDN')", timeout=30_000)
    offline_page.wait_idle()
    wait_for_map(page)
    assert "Indonesia" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert {point[1] for point in plot_points(page)} == {"Bandung"}
    offline_page.screenshot("map-clicked-indonesia")


def test_a_shared_link_opened_first_on_a_fresh_server_still_runs_the_router(browser, tmp_path):
    """Streamlit 1.67 runs a fresh server's first session in legacy pages/-folder mode when it opens a page URL
    (app.py skipped: no sidebar filters); ui.ensure_router() turns that off and reruns through app.py."""
    from tests.e2e.conftest import OfflinePage, running_app

    with running_app(tmp_path) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = OfflinePage(context.new_page(), base)
        page.open("map?programme=gsef-shrdc")
        page.page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
        sidebar = page.page.locator('[data-testid="stSidebar"]').inner_text()
        context.close()
    assert "Filters" in sidebar

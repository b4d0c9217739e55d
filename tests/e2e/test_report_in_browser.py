"""The funders' HTML report opened as a file in a real browser with no internet: its map and charts draw."""

from __future__ import annotations

from ssedash import files
from ssedash.filters import Filters, apply_filters
from ssedash.report import build_report


def test_the_html_report_shows_its_map_and_charts_offline(browser, tmp_path, bundled, reference):
    view = apply_filters(bundled, Filters(), reference.countries)
    html = build_report(
        editions=view.editions,
        participation=view.participation,
        local_governments=view.local_governments,
        programmes=view.programmes,
        countries=reference.countries,
        shapes=reference.shapes,
        generated_at="2026-11-25",
        scope="everything",
        forums=files.read_context_forums(),
    )
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    map_box = page.locator("svg.map, svg").first.bounding_box()
    charts = page.locator("figure.chart svg")
    assert map_box and map_box["width"] > 600 and map_box["height"] > 250
    assert charts.count() >= 3
    assert all((charts.nth(i).bounding_box() or {}).get("height", 0) > 50 for i in range(charts.count()))
    assert page.locator("figure.chart rect").count() > 5  # bars drawn, not only axes
    assert "5,700+" in page.locator("figure.chart").filter(has_text="Webinar attendees").inner_text()
    assert [url for url in requested if not url.startswith("file:")] == []
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    context.close()

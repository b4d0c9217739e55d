"""Everything Streamlit: the only part of the package that imports streamlit. Pages call the names below (and
the pure modules), and draw.

- cache.py: cached loaders (store, tables, reference data, filtered view, cached aggregates, map layers, report)
- sidebar.py: the shared filters, synced with the URL
- widgets.py: banners, KPI cards, charts, tables, links, small maps, outcomes, the router check
- gate.py: who may change data (local user, OIDC, password)
- upload_report.py: stage progress, what was detected, the problem report
- upload_page.py: the Upload page's two wizards
"""

from ssedash.ui.cache import (
    cached,
    country_polygon_ids,
    current_filters,
    filter_options,
    filtered_view,
    held,
    map_layers,
    reference,
    report_html,
    store,
    tables,
)
from ssedash.ui.gate import analyst_gate
from ssedash.ui.sidebar import filter_to_country, on_country_click, rerun_after_country_click, sidebar_filters
from ssedash.ui.upload_page import cities_wizard, edition_wizard, upload_wizards
from ssedash.ui.upload_page import templates as upload_templates
from ssedash.ui.upload_report import detection, problem_report, stage_progress
from ssedash.ui.widgets import (
    demo_banner,
    empty_state,
    ensure_router,
    figure_metric,
    link_to_page,
    outcome,
    plotly_chart,
    points_map,
    static_url,
    table,
)

__all__ = [
    "analyst_gate", "cached", "cities_wizard", "country_polygon_ids", "current_filters", "demo_banner", "detection",
    "edition_wizard", "empty_state", "ensure_router", "figure_metric", "filter_options", "filter_to_country",
    "filtered_view", "held", "link_to_page", "map_layers", "on_country_click", "outcome", "plotly_chart", "points_map", "problem_report",
    "reference", "report_html", "rerun_after_country_click", "sidebar_filters", "stage_progress", "static_url", "store", "table", "tables",
    "upload_templates", "upload_wizards",
]

"""Everything Streamlit: the only part of the package that imports streamlit. Pages call the names below (and
the pure modules), and draw.

- cache.py: cached loaders (store, tables, reference data, filtered view, cached aggregates, map layers, report)
- language.py: the reader's language (?lang=, browser locale, the sidebar's selector)
- sidebar.py: the shared filters, synced with the URL
- widgets.py: banners, KPI cards, charts, tables, links, small maps, outcomes, the router check
- gate.py: who may change data (local user, OIDC, password)
- upload_report.py: stage progress, what was detected, the problem report
- upload_page.py: the Upload page's two wizards
- freshness.py: an open page reruns when another server (or the CLI) committed an import
- sections.py: page sections laid out from computed results (map panel, data downloads, coverage charts)
- impact.py: the Impact, Profile and Embed pages' helpers: print and embed CSS, share and profile links, the PDF
"""

from ssedash.ui.cache import (
    cached,
    country_polygon_ids,
    current_filters,
    filter_options,
    filtered_view,
    forums,
    held,
    map_figure,
    map_layers,
    place_choices,
    reference,
    report_html,
    store,
    tables,
)
from ssedash.ui.freshness import watch_store
from ssedash.ui.gate import analyst_gate
from ssedash.ui.impact import (
    chosen_place,
    embed_css,
    link_table,
    map_profile_link,
    place_map,
    print_css,
    profile_link,
    report_pdf,
    root,
    share_controls,
    url_filters,
    with_absolute_links,
)
from ssedash.ui.language import choose_language, language_selector
from ssedash.ui.sections import coverage_over_time, data_downloads, data_preview, map_panel, side_by_side
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
    "analyst_gate",
    "cached",
    "choose_language",
    "chosen_place",
    "cities_wizard",
    "country_polygon_ids",
    "coverage_over_time",
    "current_filters",
    "data_downloads",
    "data_preview",
    "demo_banner",
    "detection",
    "edition_wizard",
    "embed_css",
    "empty_state",
    "ensure_router",
    "figure_metric",
    "filter_options",
    "filter_to_country",
    "filtered_view",
    "forums",
    "held",
    "language_selector",
    "link_table",
    "link_to_page",
    "map_figure",
    "map_layers",
    "map_panel",
    "map_profile_link",
    "on_country_click",
    "outcome",
    "place_choices",
    "place_map",
    "plotly_chart",
    "points_map",
    "print_css",
    "problem_report",
    "profile_link",
    "reference",
    "report_html",
    "report_pdf",
    "rerun_after_country_click",
    "root",
    "share_controls",
    "side_by_side",
    "sidebar_filters",
    "stage_progress",
    "static_url",
    "store",
    "table",
    "tables",
    "upload_templates",
    "upload_wizards",
    "url_filters",
    "watch_store",
    "with_absolute_links",
]

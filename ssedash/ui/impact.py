"""Streamlit helpers for the Impact, Profile and Embed pages: print and embed CSS, share links, profile links and
the PDF report."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

import pandas as pd
import streamlit as st

from ssedash import files, filters, i18n, map_hover, markdown, profiles, share
from ssedash.i18n import t
from ssedash.ui import cache, widgets
from ssedash.ui.cache import forums

# Browser print (Ctrl+P): only the page's content, no sidebar, header, toolbar or widgets.
PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  .stButton, .stDownloadButton, .stCode, .stSegmentedControl, .stRadio, .stMultiSelect, .stSelectbox,
  [data-testid="stExpander"], [data-testid="stCheckbox"], .stCheckbox, .no-print { display: none !important; }
  [data-testid="stMain"], .main .block-container { margin: 0 !important; padding: 0.5rem !important; max-width: 100% !important; }
  .stPlotlyChart, table { break-inside: avoid; }
}
</style>"""

# The embed view: no sidebar, no header, no toolbar, a tight page that fits an iframe.
EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.main .block-container, [data-testid="stMainBlockContainer"] { padding: 0.6rem 1rem !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: 1.1rem !important; padding: 0 0 0.3rem 0 !important; }
</style>"""


def print_css() -> None:
    st.html(PRINT_CSS)


def embed_css() -> None:
    st.html(EMBED_CSS)


def root() -> str | None:
    return share.app_root(st.context.url or "", st.get_option("server.baseUrlPath") or "")


def url_filters() -> filters.Filters:
    """The filters a link carries, without drawing the sidebar (the embed view): they become the current filters."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    chosen, _notices = filters.filters_from_query_params(params, cache.filter_options())
    st.session_state["filters"] = chosen  # what cache.current_filters() (and so ui.cached) reads
    return chosen


def absolute(path: str) -> str:
    """An app-relative link ("profile?place=…") made absolute against the page's URL where it is known."""
    base = root()
    return urljoin(base, path) if base else path


def with_absolute_links(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """A copy whose `column` of app-relative links is absolute (for st.column_config.LinkColumn)."""
    return frame.assign(**{column: [absolute(p) for p in frame[column]]}) if column in frame else frame


def link_table(frame: pd.DataFrame, column: str, label: str) -> None:
    """A table whose `column` holds links, shown as `label` (e.g. "open profile")."""
    widgets.table(
        with_absolute_links(frame, column),
        column_config={column: st.column_config.LinkColumn(column, display_text=label)},
    )


def share_controls(page: str) -> None:
    """The link to this view (with its filters) and the embed snippet, each in a code box with a copy button."""
    base = root()
    if base is None:
        st.caption(t("Copy the address in your browser's address bar: it holds the filters."))
        return
    chosen = cache.current_filters()
    with st.expander(t("Share or embed this view")):
        st.caption(t("Link to this view (the filters are in it):"))
        st.code(share.view_url(base, page, chosen), language=None)
        st.caption(t("Embed the map and headline on a web page:"))
        st.code(share.iframe_snippet(share.embed_url(base, chosen), t("GSEF capacity building")), language="html")


def chosen_place(options: dict[str, str]) -> profiles.Place | None:
    """The place in the URL (`?place=lg:np-tokha`), with a chooser that writes it back to the URL."""
    current = st.query_params.get(profiles.PARAM)
    if current not in options:
        current = None
    keys: list[str] = list(options)
    picked = st.selectbox(
        t("Place"),
        keys,
        index=keys.index(current) if current else None,
        format_func=lambda key: options.get(key, key),
        placeholder=t("Choose a country or a local government…"),
        key="profile_place",
    )
    if picked and st.query_params.get(profiles.PARAM) != picked:
        st.query_params[profiles.PARAM] = picked
    return profiles.parse_place(picked)


def profile_link(label: str, place: profiles.Place) -> None:
    path = profiles.profile_path(place.kind, place.id)
    base = root()
    st.markdown(markdown.link(label, urljoin(base, path) if base else None))


@st.cache_resource(show_spinner=False, max_entries=8)
def _report_pdf(
    db_url: str, revision: int, chosen: filters.Filters, view_link: str | None, today: date, language: i18n.Language
) -> bytes:
    """The PDF, cached per store revision, filters, link, day and language (the PDF is written in it)."""
    current = cache.store()
    with i18n.use(language):  # the cached call may run on another thread than the one that asked
        return _build_pdf(current, chosen, view_link, today)


def _build_pdf(current, chosen: filters.Filters, view_link: str | None, today: date) -> bytes:
    from ssedash import pdf_report

    return pdf_report.build_pdf(
        cache.filtered_view(chosen),
        shapes=cache.reference().shapes,
        forums=forums(),
        history=current.history(),
        scope=filters.describe_filters(chosen, cache.filter_options()),
        generated_at=today,
        view_link=view_link,
        fonts=files.report_fonts(),
        demo=current.is_demo(),
        countries=cache.reference().countries,
    )


def report_pdf():
    """The PDF report of the current view, made when asked (a callable for a download button: the filters, link
    and day are taken now, the PDF is drawn on click and cached per store revision, filters and day), and its
    file name."""
    from datetime import datetime, timezone

    current, chosen = cache.store(), cache.current_filters()
    today = datetime.now(timezone.utc).date()
    base = root()
    link = share.view_url(base, "impact", chosen) if base else None
    url, revision = current.url, current.revision()
    language = i18n.current()  # now: the click is served on a thread of its own, where no language is set
    return (
        lambda: _report_pdf(url, revision, chosen, link, today, language),
        f"ssedash-report-{cache.file_scope(chosen)}-{today.isoformat()}.pdf",
    )


def map_profile_link(layers, chosen: filters.Filters) -> None:
    """Under the map: a link to the profile of the point clicked (or of the one country filtered to)."""
    place = profiles.map_place(st.session_state.get("map_chart"), layers, chosen.countries)
    if place is not None:
        profile_link(t("Open the profile of {place}", place=_place_name(place)), place)


def _place_name(place: profiles.Place) -> str:
    names = cache.filter_options().local_governments if place.kind == "lg" else cache.filter_options().countries
    return names.get(place.id, place.id)


def place_map(points: pd.DataFrame, *, key: str, height: int = 340) -> None:
    """A small offline map centred on the place's points (grey countries from the app's own GeoJSON, no tiles)."""
    import plotly.graph_objects as go

    frame = points.dropna(subset=["latitude", "longitude"])
    if frame.empty:
        st.caption(t("No point is known for this place."))
        return
    spread = max(
        float(frame["latitude"].max() - frame["latitude"].min()),
        float(frame["longitude"].max() - frame["longitude"].min()),
        0.0,
    )
    zoom = 5.5 if spread < 1 else 4 if spread < 8 else 2.5
    figure = go.Figure(
        go.Scattermap(
            # Markers only: text on a MapLibre map needs glyphs fetched from a font server (no request may leave).
            lat=frame["latitude"],
            lon=frame["longitude"],
            mode="markers",
            text=frame["name"],
            marker={"size": 13, "color": "#D55E00"},
            customdata=[map_hover.precision_label(status) for status in frame["status"]],
            hovertemplate="%{text} (%{customdata})<extra></extra>",
        )
    )
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        map={
            "style": "white-bg",
            "zoom": zoom,
            "center": {"lat": float(frame["latitude"].mean()), "lon": float(frame["longitude"].mean())},
            "layers": [
                {
                    "sourcetype": "geojson",
                    "source": widgets.static_url("countries.geojson"),
                    "type": "fill",
                    "color": "#e6e6e6",
                    "below": "traces",
                },
                {
                    "sourcetype": "geojson",
                    "source": widgets.static_url("countries.geojson"),
                    "type": "line",
                    "color": "#ffffff",
                    "below": "traces",
                },
            ],
        },
    )
    st.plotly_chart(figure, key=key, width="stretch", config={"displayModeBar": False})

"""Small drawing helpers every page uses: banners, KPI cards, charts, tables, links, maps of points."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ssedash import maps, markdown, upload
from ssedash.i18n import t
from ssedash.ui.cache import store


def ensure_router() -> None:
    """Make sure this run went through app.py (router, sidebar, mode gate). Call it first on every page.

    Streamlit 1.67 decides once per server process whether the app is a legacy `pages/`-folder app: until the
    first `st.navigation` call it assumes so, because a `pages/` folder sits next to app.py. So on a fresh server,
    a first visit to a page URL (a shared link to /map, or /upload in public mode) runs that page file alone.
    Here we turn the legacy mode off, as `st.navigation` would have, and rerun through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def demo_banner() -> None:
    description = store().demo_description()
    if description:
        st.warning(
            markdown.text(
                t(
                    "DEMO: this store holds SYNTHETIC data ({participants:,} made-up participants), for demos "
                    "and benchmarks only. None of these figures are real."
                ),
                participants=description.get("participants", 0),
            ),
            icon="⚠️",
        )


def figure_metric(column, card, *, delta: str | None = None) -> None:
    """A KPI card (a `headline.Card`): the value as sources write it ("5,700+", "at least 154"), and under it
    where it comes from. `delta` (the change against the previous edition) is shown only where it is known.
    Every part is shown as text (escaped): labels and notes may quote names from the data."""
    column.metric(markdown.escape(card.label), card.value, delta=delta, help=markdown.escape(card.help))
    column.caption(markdown.escape(card.note))


def empty_state() -> None:
    """What every page shows when the filters leave nothing: a way out, never an exception."""
    st.info(
        t(
            "Nothing matches these filters. Widen the years or clear a filter in the sidebar "
            "(or press “Reset filters”)."
        ),
        icon="🔎",
    )


def plotly_chart(figure) -> None:
    # Streamlit's theme styles fonts and background for light and dark; trace colours stay our explicit palette.
    st.plotly_chart(figure, theme="streamlit", width="stretch", config={"displaylogo": False})


def table(frame: pd.DataFrame, *, missing: str = "—", **kwargs) -> None:
    """A read-only table where a missing value reads as `missing` (Streamlit would print 'None').
    Columns with a gap are shown as text, numbers as plain digits like the other columns (an id or a year must not
    read "2 019"); the frame itself is not changed."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if values.isna().any():
            shown[column] = pd.array(
                [missing if pd.isna(v) else str(v) for v in values.astype(object)],
                dtype="str",
            )
    st.dataframe(shown, **kwargs)


def static_url(name: str) -> str:
    """The URL Streamlit serves `static/<name>` at (static serving is on), under any `server.baseUrlPath`."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{name}" if base else f"/app/static/{name}"


def link_to_page(label: str, path: str) -> None:
    """A link to a page of this app (`path` like "/map?…"), made absolute against the page's own URL, since
    links may only go to http(s) URLs; without a known URL (AppTest), the label alone."""
    from urllib.parse import urljoin

    base = st.context.url or ""
    st.markdown(markdown.link(label, urljoin(base, path.lstrip("/")) if markdown.is_web_url(base) else None))


def points_map(points: pd.DataFrame, *, key: str, height: int = 300) -> None:
    """A small offline map of points (MapLibre on a white background: no tiles fetched)."""
    import plotly.express as px

    if points is None or points.empty:
        st.caption(t("No points to show."))
        return
    frame = points.dropna(subset=["latitude", "longitude"])
    if frame.empty:
        st.caption(t("No points to show."))
        return
    color = "status" if "status" in frame.columns else None
    centre, zoom = maps.view_of(frame["latitude"], frame["longitude"])  # plotly would centre on 0°, 0°
    figure = px.scatter_map(
        frame,
        lat="latitude",
        lon="longitude",
        hover_name="name",
        color=color,
        labels={"status": t("Status"), "latitude": t("Latitude"), "longitude": t("Longitude")},
        center=centre,
        zoom=min(zoom, 5.0),
        height=height,
        map_style="white-bg",
    )
    figure.update_traces(marker={"size": 11})
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        map_layers=[
            {
                "sourcetype": "geojson",
                "source": static_url("countries.geojson"),
                "type": "fill",
                "color": "#e6e6e6",
                "below": "traces",
            }
        ],
    )
    st.plotly_chart(figure, key=key, config={"displayModeBar": False})


def outcome(result: upload.Outcome) -> None:
    """Say what a write did: success, or why nothing changed."""
    if result.ok:
        st.success(markdown.escape(result.message), icon="✅")  # messages quote edition ids and file names
    elif result.status == "duplicate":
        st.info(markdown.escape(result.message), icon="ℹ️")
    else:
        st.error(markdown.escape(result.message), icon="⛔")

"""Everything Streamlit: cached loaders, the shared sidebar, banners. The only module of the package that
imports streamlit; pages call into it and into the pure modules, and draw."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ssedash import config, context, filters, metrics
from ssedash.i18n import t
from ssedash.store import Store


@st.cache_resource(show_spinner=False)
def _store(db_url: str) -> Store:
    return context.open_store(config.Settings(db_url=db_url))


def store() -> Store:
    return _store(config.get_settings().db_url)


@st.cache_resource(show_spinner=False)
def _tables(db_url: str, revision: int) -> dict[str, pd.DataFrame]:
    # Held, not copied: read-only frames shared by every session. Never mutate them.
    return _store(db_url).read_all_active()


def tables() -> dict[str, pd.DataFrame]:
    current = store()
    return _tables(current.url, current.revision())


@st.cache_resource(show_spinner=False)
def reference() -> context.Reference:
    return context.load_reference()


def demo_banner() -> None:
    description = store().demo_description()
    if description:
        st.warning(
            t("DEMO: this store holds SYNTHETIC data ({participants:,} made-up participants), for demos and "
              "benchmarks only. None of these figures are real.", participants=description.get("participants", 0)),
            icon="⚠️",
        )


def figure_metric(column, label: str, figure: metrics.Figure, *, delta: int | None = None, delta_help: str | None = None) -> None:
    """A KPI card: the headline number, with reported vs recorded spelled out when they differ or one is missing.
    `delta` (the change against the previous edition) is shown only where it is known."""
    if figure.best is None:
        column.metric(label, t("not recorded"))
        return
    if figure.reported is not None and figure.recorded is not None:
        help_text = t("{reported} reported by the organisers, {recorded} recorded in participation rows",
                      reported=figure.reported, recorded=figure.recorded)
    elif figure.reported is not None:
        help_text = t("reported by the organisers; no per-participant counts recorded")
    else:
        help_text = t("recorded in participation rows")
    if delta_help:
        help_text += " — " + delta_help
    column.metric(label, f"{figure.best:,}", delta=None if delta is None else f"{delta:+,}", help=help_text)
    if figure.differs:
        column.caption(t("{recorded} recorded of {reported} reported", recorded=figure.recorded, reported=figure.reported))
    elif figure.reported is not None and figure.recorded is None:
        column.caption(t("{reported:,} reported; not recorded in rows", reported=figure.reported))
    elif figure.reported is not None:
        column.caption(t("{reported:,} reported and recorded", reported=figure.reported))


def empty_state() -> None:
    """What every page shows when the filters leave nothing: a way out, never an exception."""
    st.info(t("Nothing matches these filters. Widen the years or clear a filter in the sidebar "
              "(or press “Reset filters”)."), icon="🔎")


def plotly_chart(figure) -> None:
    # Streamlit's theme styles fonts and background for light and dark; trace colours stay our explicit palette.
    st.plotly_chart(figure, theme="streamlit", width="stretch", config={"displaylogo": False})


# --- shared filters -----------------------------------------------------------------------------------------------
_FILTER_KEYS = {"programmes": "f_programme", "regions": "f_region", "countries": "f_country", "local_governments": "f_lg"}
_OUR_PARAMS = ("programme", "region", "country", "lg", "from", "to")


@st.cache_resource(show_spinner=False, max_entries=8)
def _filter_options(db_url: str, revision: int) -> filters.FilterOptions:
    return filters.filter_options(_tables(db_url, revision), reference().countries)


def filter_options() -> filters.FilterOptions:
    current = store()
    return _filter_options(current.url, current.revision())


def _seed_widgets_from_url(options: filters.FilterOptions) -> None:
    """On a session's first run, the URL decides the filters (a shared link reproduces the view)."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    chosen, notices = filters.filters_from_query_params(params, options)
    for attribute, key in _FILTER_KEYS.items():
        st.session_state[key] = list(getattr(chosen, attribute))
    if options.year_min is not None:
        st.session_state["f_years"] = (
            max(options.year_min, chosen.year_from if chosen.year_from is not None else options.year_min),
            min(options.year_max, chosen.year_to if chosen.year_to is not None else options.year_max),
        )
    st.session_state["filter_notices"] = notices
    st.session_state["filters_seeded"] = True


def _reset_filters() -> None:
    for key in _FILTER_KEYS.values():
        st.session_state[key] = []
    st.session_state.pop("f_years", None)


def sidebar_filters() -> filters.Filters:
    """Draw the shared filters in the sidebar (on every page), mirror them into the URL, and return them."""
    options = filter_options()
    if not st.session_state.get("filters_seeded"):
        _seed_widgets_from_url(options)
    with st.sidebar:
        st.header(t("Filters"))
        programmes = st.multiselect(
            t("Programme"), list(options.programmes), format_func=lambda p: options.programmes.get(p, p), key="f_programme",
            placeholder=t("All programmes"),
        )
        year_from = year_to = None
        if options.year_min is not None and options.year_min < options.year_max:
            if "f_years" not in st.session_state:
                st.session_state["f_years"] = (options.year_min, options.year_max)
            low, high = st.slider(t("Years"), options.year_min, options.year_max, key="f_years")
            year_from = low if low > options.year_min else None
            year_to = high if high < options.year_max else None
        regions = st.multiselect(t("GSEF region"), list(options.regions), key="f_region", placeholder=t("All regions"))
        countries = st.multiselect(
            t("Country"), list(options.countries), format_func=lambda c: options.countries.get(c, c), key="f_country",
            placeholder=t("All countries"),
        )
        lgs = st.multiselect(
            t("Local government"), list(options.local_governments),
            format_func=lambda lg: options.local_governments.get(lg, lg), key="f_lg", placeholder=t("All local governments"),
        )
        st.button(t("Reset filters"), on_click=_reset_filters, width="stretch")
        for notice in st.session_state.get("filter_notices", []):
            st.caption(t("Link: {notice}", notice=notice))
    chosen = filters.Filters(
        programmes=tuple(programmes), year_from=year_from, year_to=year_to, regions=tuple(regions),
        countries=tuple(countries), local_governments=tuple(lgs),
    )
    params = chosen.to_query_params()
    for key in _OUR_PARAMS:
        if key in params:
            if st.query_params.get_all(key) != params[key]:
                st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state["filters"] = chosen
    return chosen


def current_filters() -> filters.Filters:
    return st.session_state.get("filters", filters.Filters())


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered_view(db_url: str, revision: int, chosen: filters.Filters) -> filters.FilteredView:
    # Held, not copied (cache_resource): pages must treat these frames as read-only.
    return filters.apply_filters(_tables(db_url, revision), chosen, reference().countries)


def filtered_view(chosen: filters.Filters | None = None) -> filters.FilteredView:
    current = store()
    return _filtered_view(current.url, current.revision(), chosen or current_filters())


# --- cached aggregations of the filtered view ---------------------------------------------------------------------
# A page asks for `cached(explore.overview)`: computed once per (store revision, filters, arguments) and then
# served from the cache, so a warm rerun does no pandas work even on a million rows. cache_data returns a copy
# (small results); `held` uses cache_resource for big results (the Data page's table), shared and read-only.


def _resolve(module: str, name: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(module), name)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_result(db_url: str, revision: int, chosen: filters.Filters, module: str, name: str, args: tuple) -> Any:
    return _resolve(module, name)(_filtered_view(db_url, revision, chosen), *args)


@st.cache_resource(show_spinner=False, max_entries=16)
def _held_result(db_url: str, revision: int, chosen: filters.Filters, module: str, name: str, args: tuple) -> Any:
    return _resolve(module, name)(_filtered_view(db_url, revision, chosen), *args)


def cached(function: Callable[..., Any], *args: Any) -> Any:
    """`function(filtered_view, *args)` for the current filters, cached (a copy is returned)."""
    current = store()
    return _cached_result(current.url, current.revision(), current_filters(), function.__module__,
                          function.__qualname__, args)


def held(function: Callable[..., Any], *args: Any) -> Any:
    """Like `cached`, but the result is shared, not copied: for large frames. Never mutate what it returns."""
    current = store()
    return _held_result(current.url, current.revision(), current_filters(), function.__module__,
                        function.__qualname__, args)

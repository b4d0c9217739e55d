"""Cached loaders: the store, its tables, the reference data, and the filtered view's aggregates.

docs/design.md §7: big read-only frames are held with cache_resource (shared, never mutate them); small results
are cached with cache_data (a copy), keyed on the store's revision, the filters and small arguments. Results that
hold plotly figures (Overview, Impact, Breakdowns, the map) are held too (`held`, `map_figure`): copying them
(pickling) cost as much as making them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ssedash import config, context, files, filters, i18n
from ssedash.i18n import Language
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


@st.cache_resource(show_spinner=False, max_entries=8)
def _filter_options(db_url: str, revision: int, language: Language) -> filters.FilterOptions:
    with i18n.use(language):  # labels (countries, regions, kinds) in the reader's language
        return filters.filter_options(_tables(db_url, revision), reference().countries)


def filter_options() -> filters.FilterOptions:
    current = store()
    return _filter_options(current.url, current.revision(), i18n.current())


@st.cache_resource(show_spinner=False, max_entries=8)
def _place_choices(db_url: str, revision: int, language: Language) -> dict[str, str]:
    from ssedash import profiles

    with i18n.use(language):
        return profiles.choices(_tables(db_url, revision), reference().countries)


def place_choices() -> dict[str, str]:
    """Every place with a profile (param -> label), made once per store revision. Read-only: shared."""
    current = store()
    return _place_choices(current.url, current.revision(), i18n.current())


def current_filters() -> filters.Filters:
    return st.session_state.get("filters", filters.Filters())


@st.cache_resource(show_spinner=False)
def _participation_index(db_url: str, revision: int):
    # The participation summarised once per store revision (ssedash.summary): filter changes cut its lines.
    from ssedash.summary import index_participation

    return index_participation(_tables(db_url, revision)["participation"], reference().countries)


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered_view(db_url: str, revision: int, chosen: filters.Filters) -> filters.FilteredView:
    # Held, not copied (cache_resource): pages must treat these frames as read-only.
    return filters.apply_filters(
        _tables(db_url, revision), chosen, reference().countries, _participation_index(db_url, revision)
    )


def filtered_view(chosen: filters.Filters | None = None) -> filters.FilteredView:
    current = store()
    return _filtered_view(current.url, current.revision(), chosen or current_filters())


def _resolve(module: str, name: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(module), name)


def _computed(
    db_url: str, revision: int, chosen: filters.Filters, language: Language, module: str, name: str, args: tuple
) -> Any:
    with i18n.use(language):
        return _resolve(module, name)(_filtered_view(db_url, revision, chosen), *args)


# The same computation, cached two ways: a copy per caller (cache_data) or one shared result (cache_resource).
_cached_result = st.cache_data(show_spinner=False, max_entries=256)(_computed)
_held_result = st.cache_resource(show_spinner=False, max_entries=16)(_computed)


def _key(function: Callable[..., Any], args: tuple) -> tuple:
    """The cache key of `function(filtered_view, *args)` now: store, revision, filters, language, function, args."""
    current = store()
    return (
        current.url,
        current.revision(),
        current_filters(),
        i18n.current(),
        function.__module__,
        function.__qualname__,
        args,
    )


def cached(function: Callable[..., Any], *args: Any) -> Any:
    """`function(filtered_view, *args)` for the current filters, cached (a copy is returned)."""
    return _cached_result(*_key(function, args))


def held(function: Callable[..., Any], *args: Any) -> Any:
    """Like `cached`, but the result is shared, not copied: for large frames. Never mutate what it returns."""
    return _held_result(*_key(function, args))


@st.cache_resource(show_spinner=False)
def country_polygon_ids() -> frozenset[str]:
    """ISO3 codes that have a polygon in static/countries.geojson (a country without one is drawn as a point)."""
    return frozenset(reference().shapes["iso3"])


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_layers(db_url: str, revision: int, chosen: filters.Filters, language: Language):
    from ssedash import maps

    view = _filtered_view(db_url, revision, chosen)
    # Held, not copied: the map's aggregates are computed once per (revision, filters, language), then only drawn.
    with i18n.use(language):
        return maps.map_layers(
            view.places, view.local_governments, view.editions, reference().countries, country_polygon_ids()
        )


def map_layers(chosen: filters.Filters | None = None):
    """The map's points and country totals for these filters (default: the sidebar's)."""
    current = store()
    return _map_layers(current.url, current.revision(), chosen or current_filters(), i18n.current())


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_figure(
    db_url: str,
    revision: int,
    chosen: filters.Filters,
    measure: str | None,
    colour_by: str,
    geojson_url: str,
    height: int,
    members: bool,
    language: Language,
):
    layers = _map_layers(db_url, revision, chosen, language)
    # Held, not copied: the figure is built once per (revision, filters, look, language), then only sent.
    with i18n.use(language):
        return _drawn_map(db_url, revision, chosen, layers, measure, colour_by, geojson_url, height, members)


def _drawn_map(
    db_url: str,
    revision: int,
    chosen: filters.Filters,
    layers: Any,
    measure: str | None,
    colour_by: str,
    geojson_url: str,
    height: int,
    members: bool,
):
    from ssedash import impact, maps

    figure = maps.map_figure(
        layers,
        measure=measure or maps.default_measure(layers),
        colour_by=colour_by,
        countries=reference().countries,
        geojson_url=geojson_url,
        height=height,
    )
    return (
        impact.with_members(figure, _filtered_view(db_url, revision, chosen).local_governments) if members else figure
    )


def map_figure(
    chosen: filters.Filters | None = None,
    *,
    measure: str | None = None,
    colour_by: str = "gsef_region",
    height: int = 560,
    members: bool = False,
):
    """The map of `map_layers(chosen)` (ssedash.maps.map_figure; `measure` None: the layers' default), with the GSEF
    members ringed when `members`. Shared between reruns and sessions: never mutate it."""
    from ssedash.ui.widgets import static_url

    current = store()
    return _map_figure(
        current.url,
        current.revision(),
        chosen or current_filters(),
        measure,
        colour_by,
        static_url("countries.geojson"),
        height,
        members,
        i18n.current(),
    )


@st.cache_resource(show_spinner=False)
def forums() -> pd.DataFrame:
    """GSEF's global forums (context, never counted): read once per process. Read-only."""
    return files.read_context_forums()


@st.cache_resource(show_spinner=False)
def _country_outlines() -> dict[str, str]:
    from ssedash.report import country_paths

    return country_paths(reference().shapes)


@st.cache_resource(show_spinner=False, max_entries=16)
def _report_html(
    db_url: str, revision: int, chosen: filters.Filters, base_url: str, generated_at: str, language: Language
) -> str:
    with i18n.use(language):
        return _built_report(db_url, revision, chosen, base_url, generated_at, language)


def _built_report(
    db_url: str, revision: int, chosen: filters.Filters, base_url: str, generated_at: str, language: Language
) -> str:
    from ssedash.report import build_report

    view = _filtered_view(db_url, revision, chosen)
    options = _filter_options(db_url, revision, language)
    return build_report(
        editions=view.editions,
        participation=view.places,
        local_governments=view.local_governments,
        programmes=view.programmes,
        countries=reference().countries,
        shapes=reference().shapes,
        generated_at=generated_at,
        scope=filters.describe_filters(chosen, options),
        include_reported=not chosen.narrows_places,
        demo=_store(db_url).is_demo(),
        view_link=_live_view(base_url, chosen),
        forums=forums(),
        outlines=_country_outlines(),
    )


def _live_view(base_url: str, chosen: filters.Filters) -> str | None:
    """The Overview of these filters in this language at the app's address (None when it has no http address)."""
    from ssedash import share

    root = share.app_root(base_url)
    return share.view_url(root, "", chosen) if root else None


def report_html() -> tuple[str, str]:
    """The report of the current view, and a file name that says what it covers."""
    from datetime import datetime, timezone

    current, chosen = store(), current_filters()
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    html = _report_html(current.url, current.revision(), chosen, st.context.url or "", today, i18n.current())
    return html, f"ssedash-report-{file_scope(chosen)}-{today}.html"


def file_scope(chosen: filters.Filters) -> str:
    """The filters in a file name, in English whatever the reader's language: a slug keeps ASCII only (a Korean
    scope would leave nothing), and a saved file is named the same in every language."""
    with i18n.use(Language.EN):
        return filters.slug_for_file(filters.describe_filters(chosen, filter_options()))

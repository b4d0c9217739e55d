"""The shared filters in the sidebar, synced with the URL's query parameters (a shared link reproduces a view)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import streamlit as st

from ssedash import filters, markdown
from ssedash.i18n import t
from ssedash.ui.cache import filter_options
from ssedash.ui.language import language_selector

_FILTER_KEYS = {
    "programmes": "f_programme",
    "kinds": "f_kind",
    "regions": "f_region",
    "countries": "f_country",
    "local_governments": "f_lg",
}


_OUR_PARAMS = ("programme", "kind", "region", "country", "lg", "from", "to")


def _seed_widgets_from_url(options: filters.FilterOptions) -> None:
    """On a session's first run, the URL decides the filters (a shared link reproduces the view)."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    chosen, notices = filters.filters_from_query_params(params, options)
    for attribute, key in _FILTER_KEYS.items():
        st.session_state[key] = list(getattr(chosen, attribute))
    if options.year_min is not None and options.year_max is not None:
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


def _year_slider(options: filters.FilterOptions) -> tuple[int | None, int | None]:
    """The years slider when the data spans more than one year: (from, to), None where the range is not narrowed."""
    if options.year_min is None or options.year_max is None or options.year_min >= options.year_max:
        return None, None
    if "f_years" not in st.session_state:
        st.session_state["f_years"] = (options.year_min, options.year_max)
    low, high = cast(tuple[int, int], st.slider(t("Years"), options.year_min, options.year_max, key="f_years"))
    return (low if low > options.year_min else None), (high if high < options.year_max else None)


def _mirror_into_url(chosen: filters.Filters) -> None:
    """Our query parameters say what the filters say (others are left alone); unchanged ones are not rewritten."""
    params = chosen.to_query_params()
    for key in _OUR_PARAMS:
        if key in params:
            if st.query_params.get_all(key) != params[key]:
                st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]


def _choose(label: str, choices: dict[str, str], key: str, placeholder: str) -> list:
    """One multi-choice filter: codes as values (in the link too), shown by their labels in the reader's language."""
    return st.multiselect(
        label,
        list(choices),
        format_func=lambda code: choices.get(code, code),
        key=key,
        placeholder=placeholder,
    )


def sidebar_filters() -> filters.Filters:
    """Draw the shared filters in the sidebar (on every page), mirror them into the URL, and return them."""
    options = filter_options()
    if not st.session_state.get("filters_seeded"):
        _seed_widgets_from_url(options)
    with st.sidebar:
        language_selector()
        st.header(t("Filters"))
        programmes = _choose(t("Programme"), options.programmes, "f_programme", t("All programmes"))
        kinds = _choose(t("Kind of event"), options.kinds, "f_kind", t("All kinds (each counted apart)"))
        year_from, year_to = _year_slider(options)
        regions = _choose(t("GSEF region"), options.regions, "f_region", t("All regions"))
        countries = _choose(t("Country"), options.countries, "f_country", t("All countries"))
        lgs = _choose(t("Local government"), options.local_governments, "f_lg", t("All local governments"))
        st.button(t("Reset filters"), on_click=_reset_filters, width="stretch")
        for notice in st.session_state.get("filter_notices", []):
            st.caption(markdown.text(t("Link: {notice}"), notice=notice))  # the notice quotes the URL
    chosen = filters.Filters(
        programmes=tuple(programmes),
        kinds=tuple(kinds),
        year_from=year_from,
        year_to=year_to,
        regions=tuple(regions),
        countries=tuple(countries),
        local_governments=tuple(lgs),
    )
    _mirror_into_url(chosen)
    st.session_state["filters"] = chosen
    return chosen


def filter_to_country(iso3: str) -> bool:
    """Set the sidebar's country filter to one country (from a click on the map). False if it is not in the data.
    Call it from a widget callback: the sidebar widget is drawn again with the new value on the next run."""
    if iso3 not in filter_options().countries:
        return False
    st.session_state["f_country"] = [iso3]
    return True


def on_country_click(chart_key: str) -> Callable[[], None]:
    """A chart's `on_select` callback: a click on a country or a point filters the sidebar to its country
    (the country's ISO3 is each trace's first custom datum). The page reruns whole on its next draw."""

    def clicked() -> None:
        points = st.session_state[chart_key]["selection"]["points"]
        iso3 = next((p["customdata"][0] for p in points if p.get("customdata")), None) if points else None
        st.session_state[f"{chart_key}_country_clicked"] = bool(iso3) and filter_to_country(str(iso3))

    return clicked


def rerun_after_country_click(chart_key: str) -> None:
    """Inside a fragment: when the click changed the sidebar filter, redraw the whole page, not just the fragment."""
    if st.session_state.pop(f"{chart_key}_country_clicked", False):
        st.rerun()

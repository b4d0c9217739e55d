"""Everything Streamlit: cached loaders, the shared sidebar, banners. The only module of the package that
imports streamlit; pages call into it and into the pure modules, and draw."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ssedash import config, context, filters, markdown
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
            markdown.text(t("DEMO: this store holds SYNTHETIC data ({participants:,} made-up participants), for demos "
                            "and benchmarks only. None of these figures are real."),
                          participants=description.get("participants", 0)),
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
    st.info(t("Nothing matches these filters. Widen the years or clear a filter in the sidebar "
              "(or press “Reset filters”)."), icon="🔎")


def plotly_chart(figure) -> None:
    # Streamlit's theme styles fonts and background for light and dark; trace colours stay our explicit palette.
    st.plotly_chart(figure, theme="streamlit", width="stretch", config={"displaylogo": False})


# --- shared filters -----------------------------------------------------------------------------------------------
_FILTER_KEYS = {"programmes": "f_programme", "kinds": "f_kind", "regions": "f_region", "countries": "f_country",
                "local_governments": "f_lg"}
_OUR_PARAMS = ("programme", "kind", "region", "country", "lg", "from", "to")


@st.cache_resource(show_spinner=False, max_entries=8)
def _filter_options(db_url: str, revision: int) -> filters.FilterOptions:
    return filters.filter_options(_tables(db_url, revision), reference().countries)


def filter_options() -> filters.FilterOptions:
    current = store()
    return _filter_options(current.url, current.revision())


@st.cache_resource(show_spinner=False, max_entries=8)
def _place_choices(db_url: str, revision: int) -> dict[str, str]:
    from ssedash import profiles

    return profiles.choices(_tables(db_url, revision), reference().countries)


def place_choices() -> dict[str, str]:
    """Every place with a profile (param -> label), made once per store revision. Read-only: shared."""
    current = store()
    return _place_choices(current.url, current.revision())


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
        kinds = st.multiselect(
            t("Kind of event"), list(options.kinds), format_func=lambda k: options.kinds.get(k, k), key="f_kind",
            placeholder=t("All kinds (each counted apart)"),
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
            st.caption(markdown.text(t("Link: {notice}"), notice=notice))  # the notice quotes the URL
    chosen = filters.Filters(
        programmes=tuple(programmes), kinds=tuple(kinds), year_from=year_from, year_to=year_to, regions=tuple(regions),
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


@st.cache_resource(show_spinner=False)
def _participation_index(db_url: str, revision: int):
    # The participation summarised once per store revision (ssedash.summary): filter changes cut its lines.
    from ssedash.summary import index_participation

    return index_participation(_tables(db_url, revision)["participation"], reference().countries)


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered_view(db_url: str, revision: int, chosen: filters.Filters) -> filters.FilteredView:
    # Held, not copied (cache_resource): pages must treat these frames as read-only.
    return filters.apply_filters(_tables(db_url, revision), chosen, reference().countries,
                                 _participation_index(db_url, revision))


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


# --- the map ------------------------------------------------------------------------------------------------------
def static_url(name: str) -> str:
    """The URL Streamlit serves `static/<name>` at (static serving is on), under any `server.baseUrlPath`."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{name}" if base else f"/app/static/{name}"


@st.cache_resource(show_spinner=False)
def country_polygon_ids() -> frozenset[str]:
    """ISO3 codes that have a polygon in static/countries.geojson (a country without one is drawn as a point)."""
    return frozenset(reference().shapes["iso3"])


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_layers(db_url: str, revision: int, chosen: filters.Filters):
    from ssedash import maps

    view = _filtered_view(db_url, revision, chosen)
    # Held, not copied: the map's aggregates are computed once per (revision, filters), then only drawn.
    return maps.map_layers(view.places, view.local_governments, view.editions, reference().countries,
                           country_polygon_ids())


def map_layers(chosen: filters.Filters | None = None):
    """The map's points and country totals for these filters (default: the sidebar's)."""
    current = store()
    return _map_layers(current.url, current.revision(), chosen or current_filters())


def filter_to_country(iso3: str) -> bool:
    """Set the sidebar's country filter to one country (from a click on the map). False if it is not in the data.
    Call it from a widget callback: the sidebar widget is drawn again with the new value on the next run."""
    if iso3 not in filter_options().countries:
        return False
    st.session_state["f_country"] = [iso3]
    return True


# --- the funders' report --------------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _country_outlines() -> dict[str, str]:
    from ssedash.report import country_paths

    return country_paths(reference().shapes)


@st.cache_resource(show_spinner=False, max_entries=16)
def _report_html(db_url: str, revision: int, chosen: filters.Filters, base_url: str, generated_at: str) -> str:
    from ssedash.report import build_report

    view = _filtered_view(db_url, revision, chosen)
    options = _filter_options(db_url, revision)
    return build_report(
        editions=view.editions, participation=view.places, local_governments=view.local_governments,
        programmes=view.programmes, countries=reference().countries, shapes=reference().shapes,
        generated_at=generated_at, scope=filters.describe_filters(chosen, options),
        include_reported=not chosen.narrows_places, demo=_store(db_url).is_demo(),
        view_link=filters.view_link(base_url, chosen) if base_url.startswith(("http://", "https://")) else None,
        outlines=_country_outlines(),
    )


def report_html() -> tuple[str, str]:
    """The report of the current view, and a file name that says what it covers."""
    from datetime import datetime, timezone

    current, chosen = store(), current_filters()
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    html = _report_html(current.url, current.revision(), chosen, st.context.url or "", today)
    scope = filters.describe_filters(chosen, filter_options())
    return html, f"ssedash-report-{filters.slug_for_file(scope)}-{today}.html"


# --- Who may change data, and the upload / history drawing helpers ----------------------------------------------
# (Kept in one block: the decisions live in ssedash.auth and ssedash.upload; this only draws.)
import os as _os  # noqa: E402

from ssedash import auth as _auth  # noqa: E402
from ssedash import ingest as _ingest  # noqa: E402
from ssedash import upload as _upload  # noqa: E402


def _secrets() -> dict:
    """st.secrets as a plain dict, or {} when there is no secrets.toml (Streamlit raises then)."""
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file, or a malformed one: behave as if nothing were configured
        return {}


def _oidc_configured(secrets: dict) -> bool:
    return isinstance(secrets.get("auth"), dict) and bool(secrets["auth"])


def analyst_gate() -> str | None:
    """Who is changing data (`by` in the import audit), or None after drawing the sign-in (the page then stops).

    local: the OS user. team: st.login with the analyst allow-list when [auth] is configured, else the password
    whose hash is in SSEDASH_PASSWORD_HASH / secrets. A configuration that allows nobody says so.
    """
    settings = config.get_settings()
    secrets = _secrets()
    password_hash = _auth.password_hash(_os.environ, secrets)
    kind = _auth.gate_kind(settings.mode, oidc_configured=_oidc_configured(secrets), password_hash=password_hash)
    if kind == _auth.OPEN:
        return _auth.local_user()
    if kind == _auth.CLOSED:
        st.error(t("Uploads are closed: no sign-in is configured for this team deployment. Set [auth] in "
                   "secrets.toml with an analyst allow-list, or a password hash (python -m ssedash hash-password)."))
        return None
    if kind == _auth.OIDC:
        if not st.user.is_logged_in:
            st.info(t("Sign in to upload data or see the import history."))
            st.button(t("Sign in"), on_click=st.login, key="oidc_sign_in")
            return None
        email = st.user.email
        if not _auth.is_allowed(email, _auth.analyst_emails(_os.environ, secrets)):
            st.error(markdown.text(t("{email} is not on the list of analysts who may change data."),
                                   email=email or "?"))
            st.button(t("Sign out"), on_click=st.logout, key="oidc_sign_out")
            return None
        return str(email)
    if st.session_state.get("analyst_by"):
        return st.session_state["analyst_by"]
    st.info(t("Sign in to upload data or see the import history."))
    with st.form("analyst_sign_in"):
        name = st.text_input(t("Your name (recorded in the import history)"), key="sign_in_name")
        password = st.text_input(t("Password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("Sign in"))
    if submitted:
        _check_sign_in(name, password, password_hash)
    return None


@st.cache_resource(show_spinner=False)
def _sign_in_limiter() -> _auth.SignInLimiter:
    """One count of failed sign-ins for the whole server process: a new session starts from it, not from zero."""
    return _auth.SignInLimiter()


def _check_sign_in(name: str | None, password: str, password_hash: str | None) -> None:
    """Check a submitted password unless this user or address is locked out; say what happened."""
    limiter = _sign_in_limiter()
    address = _auth.client_address(st.context.ip_address, st.context.headers)
    waiting = limiter.locked_for(name, address)
    if waiting:
        st.error(markdown.text(t("Too many failed sign-ins: try again in {wait}."), wait=_auth.describe_wait(waiting)))
        return
    admitted, _ = _auth.check_password(password, password_hash, limiter.failures(name, address))
    if admitted:
        limiter.succeeded(name, address)
        st.session_state["analyst_by"] = (name or "").strip() or t("team analyst")
        st.rerun()
    lockout = limiter.failed(name, address)
    if lockout:
        st.error(markdown.text(t("Wrong password. Too many failed sign-ins: try again in {wait}."),
                               wait=_auth.describe_wait(lockout)))
    else:
        st.error(t("Wrong password. Each failed attempt makes the next answer slower."))


def link_to_page(label: str, path: str) -> None:
    """A link to a page of this app (`path` like "/map?…"), made absolute against the page's own URL, since
    links may only go to http(s) URLs; without a known URL (AppTest), the label alone."""
    from urllib.parse import urljoin

    base = st.context.url or ""
    st.markdown(markdown.link(label, urljoin(base, path.lstrip("/")) if markdown.is_web_url(base) else None))


def stage_progress():
    """A progress bar for the upload stages; returns the callback ssedash.upload calls, and the bar to clear."""
    bar = st.progress(0.0, text=t("Starting…"))

    def update(stage: str, fraction: float) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t(_upload.STAGE_LABELS.get(stage, stage)))

    return update, bar


def detection(detected: dict, head: pd.DataFrame | None = None) -> None:
    """What was detected in the file: kind, encoding, delimiter, rows, column mapping, personal data dropped,
    and its first rows as read (st.table escapes every cell: a '<script>' cell shows as text)."""
    encoding = detected.get("encoding") or "-"
    delimiter = detected.get("delimiter_name") or "-"
    st.caption(markdown.text(t("Read as {kind}, encoding {encoding}, delimiter {delimiter}: {rows:,} data rows."),
                             kind=str(detected.get("kind", "?")).upper(), encoding=encoding, delimiter=delimiter,
                             rows=detected.get("rows", 0)))
    if detected.get("dropped_pii"):
        st.warning(markdown.text(t("Personal data dropped (never stored): {columns}."),  # column names from the file
                                 columns=", ".join(detected["dropped_pii"])), icon="🔒")
    mapping = _upload.detection_rows(detected)
    if len(mapping):
        with st.expander(markdown.text(t("Column mapping ({n} columns)"), n=len(mapping))):
            st.dataframe(mapping, hide_index=True, width="stretch")
    if head is not None and len(head):
        with st.expander(markdown.text(t("First rows as read ({n})"), n=len(head)), expanded=True):
            st.table(head.set_index("line") if "line" in head.columns else head)


def problem_report(problems, summary: dict, *, key: str, file_name: str) -> None:
    """The validation report: summary by rule, a filterable table of every problem, and its CSV download."""
    errors, warnings = summary.get("errors", {}), summary.get("warnings", {})
    columns = st.columns(3)
    columns[0].metric(t("Rows OK"), f"{summary.get('rows_ok', 0):,} / {summary.get('rows', 0):,}")
    columns[1].metric(t("Errors"), sum(errors.values()))
    columns[2].metric(t("Warnings"), sum(warnings.values()))
    if errors:
        st.error(markdown.text(t("Errors by rule: {rules}. Nothing can be committed until they are corrected."),
                               rules=", ".join(f"{rule} ({n})" for rule, n in errors.items())))
    if warnings:
        st.warning(markdown.text(t("Warnings by rule: {rules}."),
                                 rules=", ".join(f"{rule} ({n})" for rule, n in warnings.items())))
    problems = list(problems)
    if not problems:
        st.success(t("No problems found."))
        return
    left, right = st.columns(2)
    severities = left.multiselect(t("Severity"), [_ingest.ERROR, _ingest.WARNING, _ingest.INFO], key=f"{key}_sev",
                                  placeholder=t("All severities"))
    rules = right.multiselect(t("Rule"), sorted({p.rule for p in problems}), key=f"{key}_rule",
                              placeholder=t("All rules"))
    # st.dataframe shows cells as text: a '<script>' or '=HYPERLINK(' cell stays inert.
    st.dataframe(_upload.filter_problems(problems, severities=severities, rules=rules), hide_index=True,
                 width="stretch")
    st.download_button(t("Download the report (CSV)"), _ingest.problems_csv(problems),
                       file_name=f"problems-{file_name.rsplit('.', 1)[0]}.csv", mime="text/csv", key=f"{key}_dl")


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
    figure = px.scatter_map(frame, lat="latitude", lon="longitude", hover_name="name", color=color,
                            zoom=1 if len(frame) > 1 else 4, height=height, map_style="white-bg")
    figure.update_traces(marker={"size": 11})
    figure.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0},
                         map_layers=[{"sourcetype": "geojson", "source": static_url("countries.geojson"),
                                      "type": "fill", "color": "#e6e6e6", "below": "traces"}])
    st.plotly_chart(figure, key=key, config={"displayModeBar": False})


def outcome(result: _upload.Outcome) -> None:
    """Say what a write did: success, or why nothing changed."""
    if result.ok:
        st.success(markdown.escape(result.message), icon="✅")  # messages quote edition ids and file names
    elif result.status == "duplicate":
        st.info(markdown.escape(result.message), icon="ℹ️")
    else:
        st.error(markdown.escape(result.message), icon="⛔")


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


def table(frame: pd.DataFrame, *, missing: str = "—", **kwargs) -> None:
    """A read-only table where a missing value reads as `missing` (Streamlit would print 'None').
    Columns with a gap are shown as text; the frame itself is not changed."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if values.isna().any():
            shown[column] = pd.array(
                [missing if pd.isna(v) else f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v)
                 for v in values.astype(object)],
                dtype="str",
            )
    st.dataframe(shown, **kwargs)

"""Everything Streamlit: cached loaders, the shared sidebar, banners. The only module of the package that
imports streamlit; pages call into it and into the pure modules, and draw."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ssedash import config, context, metrics
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


def figure_metric(column, label: str, figure: metrics.Figure) -> None:
    """A KPI card: the headline number, with reported vs recorded spelled out when they differ or one is missing."""
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
    column.metric(label, f"{figure.best:,}", help=help_text)
    if figure.differs:
        column.caption(t("{recorded} recorded of {reported} reported", recorded=figure.recorded, reported=figure.reported))

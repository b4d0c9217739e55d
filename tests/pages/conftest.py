"""Fixtures for the page AppTests: a fresh SQLite store per test (bundled data, or empty) and clean caches."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st


def _clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app_store(monkeypatch, tmp_path):
    """The app's store: a new SQLite file, seeded with the bundled data when the app first opens it."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("SSEDASH_DB_URL", url)
    _clear_caches()
    yield url
    _clear_caches()


@pytest.fixture
def upload_app_store(app_store, monkeypatch):
    """The app's store, with the app in its default (local) mode, where the Upload page is open."""
    monkeypatch.delenv("SSEDASH_MODE", raising=False)
    yield app_store


def active_tables() -> dict:
    """Every active table of the app's store, as a commit left it."""
    from ssedash import config, context

    return context.open_store(config.get_settings()).read_all_active()


@pytest.fixture
def empty_app_store(app_store, bundled):
    """The app's store, marked as seeded but holding no rows at all."""
    from ssedash.store import Store

    store = Store(app_store)
    store.create()
    store.ensure_seeded({name: frame.iloc[0:0] for name, frame in bundled.items()}, "empty")
    return app_store


def chart_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_titles(at) -> list[str]:
    return [spec["layout"]["title"]["text"] for spec in chart_specs(at)]


def metrics_by_label(at) -> dict[str, str]:
    """The first metric of each label (the KPI cards come before the latest-edition row)."""
    values: dict[str, str] = {}
    for metric in at.metric:
        values.setdefault(shown(metric.label), metric.value)
    return values


def shown(markdown_source: str) -> str:
    """What a reader sees of Markdown source whose outside text was escaped: the backslash escapes removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown_source).replace("\u2060", "")


def texts(at) -> str:
    """Everything written as markdown, captions and info boxes, joined: for 'does the page say X' checks."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(parts)


# Markdown an adversary would put in a URL, a name or a file name: a link, an outside image, Streamlit's colour,
# icon and LaTeX directives, an autolink, a bare URL, an entity and bold. Each must show as the text itself.
CRAFTED = (
    "[Sign in again](https://evil.example/login) ![x](https://evil.example/t.png) :red[red] "
    ":material/public: $x^2$ <https://evil.example/a> https://evil.example/b www.evil.example &amp; **bold**"
)


@pytest.fixture
def crafted_app_store(app_store, bundled):
    """The app's store seeded with the bundled data, every edition named `CRAFTED` and sourced from an uploaded
    file whose name is `CRAFTED` (as ingest writes it: upload:<file name>#sha256=…)."""
    from ssedash.store import Store

    editions = bundled["edition"].assign(name=CRAFTED, source_url=f"upload:{CRAFTED}.csv#sha256=0123456789ab")
    store = Store(app_store)
    store.create()
    store.ensure_seeded({**bundled, "edition": editions}, "crafted")
    return app_store


def shows_literally(rendered: str, text: str) -> bool:
    """True when Markdown source `rendered` holds `text` escaped as text (no link, image or directive left)."""
    from ssedash import markdown

    return markdown.escape(text) in rendered

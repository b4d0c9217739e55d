"""Wiring shared by the CLI and the pages: the reference data and a store that is seeded on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ssedash import config, files
from ssedash.store import Store


@dataclass
class Reference:
    """Read-only reference data, loaded lazily: countries (with a resolver), country shapes, the gazetteer."""

    countries: pd.DataFrame

    @cached_property
    def resolver(self):
        from ssedash.reference import CountryResolver

        return CountryResolver(self.countries)

    @cached_property
    def shapes(self):
        return files.read_country_shapes()

    @cached_property
    def gazetteer(self):
        return files.read_gazetteer()


def load_reference() -> Reference:
    return Reference(countries=files.read_countries())


def open_store(settings: config.Settings | None = None, *, seed: bool = True) -> Store:
    """The configured store; an empty one is filled with the bundled real data first (idempotently)."""
    settings = settings or config.get_settings()
    store = Store(settings.db_url)
    bundled = files.read_bundled() if seed else None
    store.create(bundled["edition"] if bundled else None)
    if bundled:
        store.ensure_seeded(bundled, files.bundled_sha256())
    return store

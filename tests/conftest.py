"""Shared fixtures: fresh stores on SQLite and on a real PostgreSQL server, and the reference data."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from tests import servers

TESTS_DIR = Path(__file__).parent
PROJECT_ROOT = TESTS_DIR.parent
_counter = itertools.count()

# The tests read English messages: a developer whose locale is French, Spanish or Korean would otherwise get the
# CLI (it follows LC_ALL / LC_MESSAGES / LANG) in that language, in this process and in the CLIs it starts.
for _name in ("LC_ALL", "LC_MESSAGES", "LANG"):
    if os.environ.get(_name, "").split("_")[0].split(".")[0].lower() in ("fr", "es", "ko"):
        os.environ[_name] = "C.UTF-8"


@pytest.fixture(scope="session")
def postgres():
    cluster, url, reason = servers.start_postgres_or_none()
    yield cluster, url, reason
    if cluster is not None:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path, postgres):
    """A URL to an empty database: a SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    cluster, url, reason = postgres
    if url is None:
        servers.unavailable(f"PostgreSQL not available: {reason}")
    if cluster is None:  # an external server given by SSEDASH_TEST_PG_URL: start from empty tables
        from ssedash.store import Store

        Store(url).drop()
        return url
    return cluster.create_database(f"t{os.getpid()}_{next(_counter)}")


@pytest.fixture(scope="session")
def reference():
    from ssedash.context import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def bundled():
    from ssedash import files

    return files.read_bundled()


@pytest.fixture
def pseudo_french(monkeypatch):
    """French made pseudo: every catalogue message shown as ⟦message⟧ (tests/pseudo_language.py), active."""
    from ssedash import i18n
    from tests import pseudo_language

    language = pseudo_language.install(monkeypatch)
    with i18n.use(language):
        yield language

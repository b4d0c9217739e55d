"""AppTest factory for our pages.

Streamlit 1.67's AppTest resets `PagesManager.uses_pages_directory` before every run and then sets it again
because a `pages/` folder sits next to app.py; from the second run on it executes the page file alone, as a
v1 multipage app, skipping app.py (so no sidebar, no router). The real server does not do this: the first
`st.navigation` call turns the flag off for good. We turn it off the same way for AppTest.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

APP = str(Path(__file__).resolve().parents[1] / "app.py")


class _NavigationPagesManager(pages_manager.PagesManager):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False


app_test_module.PagesManager = _NavigationPagesManager


def make_app_test(page: str | None = None, query_params: dict | None = None, timeout: float = 60) -> AppTest:
    """An AppTest of app.py, run once (optionally switched to `page`, e.g. "pages/map.py")."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at

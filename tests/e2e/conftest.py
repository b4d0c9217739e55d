"""Real-browser fixtures: one `streamlit run` on a free loopback port per session, and Playwright's Chromium
(Debian's /usr/bin/chromium: Playwright's own browser download does not work here).

Every page a test opens aborts each request to a host other than 127.0.0.1/localhost and records it, so a test
that passes proves the app renders with no internet (docs/design.md §5).
"""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests import servers

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.e2e)


def registered_pages() -> list[tuple[str, str]]:
    """(URL path, page file) of every `st.Page(...)` in app.py, read from app.py itself at run time, so pages
    added later are covered. The default page is served at the root ("")."""
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page" and node.args:
            page_file = node.args[0].value
            keywords = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            path = "" if keywords.get("default") else keywords.get("url_path", Path(page_file).stem)
            pages.append((path, page_file))
    return pages


@contextlib.contextmanager
def running_app(tmp: Path, mode: str = "local", db_url: str | None = None):
    """`streamlit run app.py` on a free loopback port, on a fresh SQLite store seeded with the bundled data (or on
    the store at `db_url`, e.g. a PostgreSQL database that several servers share)."""
    port = servers.free_port()
    env = dict(os.environ, SSEDASH_DB_URL=db_url or f"sqlite:///{tmp / 'store.sqlite'}", SSEDASH_MODE=mode)
    log_path = tmp / "streamlit.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.runOnSave",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start: {log_path.read_text()[-2000:]}")
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def open_root_once(browser, base: str) -> None:
    """Open the root once, so the session's tests start from a server that has run app.py. (A fresh server's
    first visit to a page URL is tested on its own: test_a_shared_link_opened_first_on_a_fresh_server…)"""
    context = browser.new_context()
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if (urlparse(route.request.url).hostname or "") in LOOPBACK else route.abort(),
    )
    page.goto(base, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', timeout=60_000)
    context.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, browser):
    with running_app(tmp_path_factory.mktemp("e2e")) as base:
        open_root_once(browser, base)
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        servers.unavailable("Chromium not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        servers.unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class OfflinePage:
    """A browser tab on the app that may only talk to loopback; `aborted` lists what it tried to fetch elsewhere."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.aborted: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOOPBACK or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.aborted.append(route.request.url)
            route.abort()

    def open(self, path: str = "", timeout: float = 60_000) -> None:
        self.page.goto(f"{self.base}/{path.lstrip('/')}", wait_until="domcontentloaded")
        self.wait_idle(timeout)

    def wait_idle(self, timeout: float = 60_000) -> None:
        """Wait until the script has run (the app container exists and says it is not running)."""
        self.page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
        self.page.wait_for_function(
            """() => {
                const app = document.querySelector('[data-test-script-state]');
                return app && app.getAttribute('data-test-script-state') === 'notRunning';
            }""",
            timeout=timeout,
        )

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def offline_page(browser, app_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    wrapped = OfflinePage(page, app_server)
    wrapped.page_errors = errors
    yield wrapped
    context.close()

"""Meta-tests for the project's rules (DESIGN.md §4, §8): they read the source, not the app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")
PACKAGE = sorted((ROOT / "ssedash").glob("*.py"))


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def test_there_are_pages_to_check():
    assert len(PAGES) >= 4 and len(PACKAGE) >= 8


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_is_registered_in_the_router(page):
    assert f'"pages/{page.name}"' in (ROOT / "app.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_has_an_apptest(page):
    assert (ROOT / "tests" / "pages" / f"test_{page.stem}.py").exists(), f"write tests/pages/test_{page.stem}.py"


@pytest.mark.parametrize("module", PACKAGE, ids=lambda p: p.name)
def test_only_ui_imports_streamlit_inside_the_package(module):
    if module.name == "ui.py":
        assert "streamlit" in _imported_modules(module)
    else:
        assert "streamlit" not in _imported_modules(module)


@pytest.mark.parametrize("path", [ROOT / "app.py", *PAGES, *PACKAGE], ids=lambda p: p.name)
def test_no_unsafe_html(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"unsafe_allow_html\s*=\s*True", source), "never unsafe_allow_html: data could inject HTML"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_first_makes_sure_it_runs_through_the_router(page):
    """A fresh server runs a page URL's file alone once (legacy pages/ mode): ui.ensure_router() reroutes it
    through app.py before anything is drawn or any gate is skipped."""
    calls = [
        node for node in ast.parse(page.read_text(encoding="utf-8")).body
        if isinstance(node, (ast.Expr, ast.Assign, ast.If)) and "ui." in ast.unparse(node)
    ]
    assert calls and ast.unparse(calls[0]) == "ui.ensure_router()", f"{page.name}: call ui.ensure_router() first"

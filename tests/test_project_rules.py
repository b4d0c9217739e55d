"""Meta-tests for the project's rules (docs/design.md §4, §8): they read the source, not the app."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")
PACKAGE = sorted((ROOT / "ssedash").rglob("*.py"))
UI = ROOT / "ssedash" / "ui"


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


MAX_PAGE_LINES = 60  # a page reads widgets, makes one call into ssedash and draws: 20-60 lines


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_is_a_short_script(page):
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PAGE_LINES, f"{page.name}: {lines} lines; move drawing to ssedash/ui/ (e.g. ui/sections.py)"


@pytest.mark.parametrize("module", PACKAGE, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_ui_package_imports_streamlit(module):
    if UI in module.parents and module.name != "__init__.py":
        return  # ssedash/ui/ is the seam: its modules may import streamlit (and most do)
    assert "streamlit" not in _imported_modules(module), f"{module.relative_to(ROOT)}: move the drawing to ssedash/ui/"


def test_the_ui_package_is_where_streamlit_is_imported():
    assert any("streamlit" in _imported_modules(m) for m in PACKAGE if UI in m.parents)


@pytest.mark.parametrize("path", [ROOT / "app.py", *PAGES, *PACKAGE], ids=lambda p: p.name)
def test_no_unsafe_html(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"unsafe_allow_html\s*=\s*True", source), "never unsafe_allow_html: data could inject HTML"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_first_makes_sure_it_runs_through_the_router(page):
    """A fresh server runs a page URL's file alone once (legacy pages/ mode): ui.ensure_router() reroutes it
    through app.py before anything is drawn or any gate is skipped."""
    calls = [
        node
        for node in ast.parse(page.read_text(encoding="utf-8")).body
        if isinstance(node, (ast.Expr, ast.Assign, ast.If)) and "ui." in ast.unparse(node)
    ]
    assert calls and ast.unparse(calls[0]) == "ui.ensure_router()", f"{page.name}: call ui.ensure_router() first"


# --- Markdown from outside is escaped ------------------------------------------------------------------------------
# Streamlit calls that render their text (first argument) as Markdown, and `help=` tooltips on any call.
MARKDOWN_CALLS = {
    "markdown",
    "caption",
    "header",
    "subheader",
    "title",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "write",
    "metric",
    "expander",
}
# Markdown the package builds with ssedash.markdown (explore.py: source links and notes, each part escaped or
# linked there, see tests/test_explore.py), rendered as is by the page (or ssedash/ui/ section) that asks for it.
PREBUILT_MARKDOWN = {
    "sections.py": {"overview.sources"},  # explore.source_links, via the Overview page
    "breakdowns.py": {"result.sources"},
    "impact.py": {"result.sources"},  # explore.source_links, via ssedash.impact
    "sources.py": {
        "entry['title']",
        "entry['programme']",
        "entry['kind']",
        "entry['dates']",
        "entry['reported']",
        "entry['notes']",
        "notes.discrepancies",
        "notes.precision",
    },
}


def _is_safe_markdown(node: ast.AST, prebuilt: set[str], bound: frozenset[str] = frozenset()) -> bool:
    """The rule, checkable on the source: a Markdown argument is safe when it is

    - a literal (our own text), or `t(<literal>)` - our text, translated;
    - a call to the `markdown` module's builders (`markdown.escape`, `markdown.link`, `markdown.text`): they
      escape what they are given - except `markdown.text`'s template, which must itself be safe;
    - `t(<literal>, name=<safe>, …)`: our text filled only with safe values (for numbers or outside text, use
      `markdown.text(t("…"), n=n)`, which escapes every value);
    - an f-string, a `+` or an `a if c else b` made only of safe parts, or `"sep".join(<safe> for x in …)` (the loop
      variable counts as safe when it walks over a safe list);
    - one of the page's PREBUILT_MARKDOWN expressions (built by the package with the markdown module).
    Anything else - a variable, an attribute, a call to something else - is outside text until proven otherwise.
    """

    def safe(child: ast.AST) -> bool:
        return _is_safe_markdown(child, prebuilt, bound)

    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, int, float)) or node.value is None
    if ast.unparse(node) in prebuilt or (isinstance(node, ast.Name) and node.id in bound):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(safe(part.value) for part in node.values if isinstance(part, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return safe(node.left) and safe(node.right)
    if isinstance(node, ast.IfExp):
        return safe(node.body) and safe(node.orelse)
    if isinstance(node, ast.BoolOp):
        return all(safe(value) for value in node.values)
    if not isinstance(node, ast.Call):
        return False
    function = node.func
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) and function.value.id == "markdown":
        if function.attr in ("escape", "link"):
            return True
        if function.attr == "text":
            return bool(node.args) and safe(node.args[0])
        return False
    if isinstance(function, ast.Name) and function.id in ("t", "tn"):  # tn(one, many, count, …): the count is a number
        texts = node.args[:1] if function.id == "t" else node.args[:2]
        return (
            len(node.args) == (1 if function.id == "t" else 3)
            and all(isinstance(text, ast.Constant) for text in texts)
            and all(keyword.arg is not None and safe(keyword.value) for keyword in node.keywords)
        )
    if (
        isinstance(function, ast.Attribute)
        and function.attr == "join"
        and isinstance(function.value, ast.Constant)
        and len(node.args) == 1
        and isinstance(node.args[0], (ast.GeneratorExp, ast.ListComp))
    ):
        comprehension = node.args[0]
        # The loop variable is safe only when it walks over something safe (e.g. a PREBUILT list).
        targets = frozenset(
            n.id
            for g in comprehension.generators
            if safe(g.iter)
            for n in ast.walk(g.target)
            if isinstance(n, ast.Name)
        )
        return _is_safe_markdown(comprehension.elt, prebuilt, bound | targets)
    return False


def _unsafe_markdown_calls(path: Path) -> list[str]:
    prebuilt = PREBUILT_MARKDOWN.get(path.name, set()) if path.parent.name in ("pages", "ui") else set()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr == "add_argument":  # argparse's help is printed to a terminal, not rendered as Markdown
            continue
        if node.func.attr == "write" and ast.unparse(node.func.value) != "st":  # a file's write, not st.write
            continue
        checked = [k.value for k in node.keywords if k.arg == "help"]
        if node.func.attr in MARKDOWN_CALLS:
            checked += node.args[:1] + [k.value for k in node.keywords if k.arg in ("body", "label")]
        found += [
            f"{path.name}:{node.lineno}: {ast.unparse(node)[:120]}"
            for argument in checked
            if not _is_safe_markdown(argument, prebuilt)
        ]
    return found


@pytest.mark.parametrize("path", [ROOT / "app.py", *PAGES, *PACKAGE], ids=lambda p: p.name)
def test_markdown_rendering_calls_get_only_our_text_or_escaped_text(path):
    """Streamlit renders these texts as Markdown: outside text (URL, data, file names) must go through
    ssedash.markdown (escape / link / text), see `_is_safe_markdown` for the exact rule."""
    assert _unsafe_markdown_calls(path) == []


def test_the_markdown_rule_catches_outside_text_and_accepts_escaped_text(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        "st.caption(t('Link: {notice}', notice=notice))\n"  # outside text through t: caught
        "st.subheader(f'Latest: {name}')\n"  # f-string with a variable: caught
        "column.metric(label, value, help=against)\n"  # label and tooltip: both caught
        "st.markdown(markdown.text(template, name=name))\n"  # a template from outside: caught
        "st.caption(markdown.text(t('Link: {notice}'), notice=notice))\n"
        "st.subheader(f'Latest: {markdown.escape(name)}')\n"
        "st.info(t('Rows: {n}', n=markdown.escape(n)), icon='i')\n"
        "st.caption(' · '.join(markdown.link(u, u) for u in urls))\n"
        "st.title(t('Report'))\n",
        encoding="utf-8",
    )
    assert [line.split(":")[1] for line in _unsafe_markdown_calls(page)] == ["1", "2", "3", "3", "4"]


# --- Sizes: modules under ~400 lines, functions under ~60 ---------------------------------------------------------
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60
# What cannot be split yet, and why. Shrink this list; never grow it without a reason a reviewer accepts.
TOO_BIG_FOR_NOW: dict[str, str] = {}


def _sizes() -> list[tuple[str, int, int]]:
    """(name, lines, limit) for every module and every function of the package."""
    found = []
    for path in PACKAGE:
        source = path.read_text(encoding="utf-8")
        module = str(path.relative_to(ROOT))
        found.append((module, len(source.splitlines()), MAX_MODULE_LINES))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((f"{module}:{node.name}", node.end_lineno - node.lineno + 1, MAX_FUNCTION_LINES))
    return found


def test_no_module_or_function_of_the_package_is_too_long():
    too_long = [
        f"{name}: {lines} lines (at most {limit})"
        for name, lines, limit in _sizes()
        if lines > limit and name not in TOO_BIG_FOR_NOW
    ]
    assert too_long == [], "split these: " + "; ".join(too_long)


def test_the_allow_list_names_only_what_is_still_too_long():
    still = {name for name, lines, limit in _sizes() if lines > limit}
    assert set(TOO_BIG_FOR_NOW) <= still, (
        f"no longer too long, drop from TOO_BIG_FOR_NOW: {set(TOO_BIG_FOR_NOW) - still}"
    )


def test_the_size_rule_catches_a_long_function(tmp_path, monkeypatch):
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * MAX_FUNCTION_LINES, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", [long])
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _sizes() == [
        ("long.py", MAX_FUNCTION_LINES + 1, MAX_MODULE_LINES),
        ("long.py:f", MAX_FUNCTION_LINES + 1, MAX_FUNCTION_LINES),
    ]

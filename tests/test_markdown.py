"""Safe Markdown from data."""

from ssedash import markdown


def test_escape_makes_markdown_and_streamlit_directives_literal():
    assert markdown.escape("**bold** [x](y) :red[z] $1") == r"\*\*bold\*\* \[x\]\(y\) \:red\[z\] \$1"
    assert markdown.escape(None) == ""
    assert markdown.escape("a\nb") == "a b"


def test_link_builds_http_links_and_percent_encodes_what_would_break_them():
    assert markdown.link("GSEF (2019)", "https://gsef-net.org/fr/node/26999") == (
        r"[GSEF \(2019\)](https://gsef-net.org/fr/node/26999)")
    assert markdown.link("x", "https://a.org/p (1)") == "[x](https://a.org/p%20%281%29)"


def test_link_refuses_non_http_targets():
    assert markdown.link("demo", "demo:synthetic") == "demo"
    assert markdown.link("js", "javascript:alert(1)") == "js"
    assert markdown.link("none", None) == "none"

"""Safe Markdown from data."""

from ssedash import markdown


def test_escape_makes_markdown_and_streamlit_directives_literal():
    assert markdown.escape("**bold** [x](y) :red[z] $1") == r"\*\*bold\*\* \[x\]\(y\) \:red\[z\] \$1"
    assert markdown.escape(None) == ""
    assert markdown.escape("a\nb") == "a b"


def test_link_builds_http_links_and_percent_encodes_what_would_break_them():
    assert markdown.link("GSEF (2019)", "https://gsef-net.org/fr/node/26999") == (
        r"[GSEF \(2019\)](https://gsef-net.org/fr/node/26999)"
    )
    assert markdown.link("x", "https://a.org/p (1)") == "[x](https://a.org/p%20%281%29)"


def test_link_refuses_non_http_targets():
    assert markdown.link("demo", "demo:synthetic") == "demo"
    assert markdown.link("js", "javascript:alert(1)") == "js"
    assert markdown.link("none", None) == "none"


def test_escape_leaves_no_link_image_directive_math_autolink_or_entity():
    crafted = (
        "[a](https://e.x) ![i](https://e.x/i.png) :red[r] :material/public: $x$ <https://e.x> "
        "https://e.x/b www.e.x a@e.x &amp; # > - 1. | ~~s~~ `c`"
    )
    escaped = markdown.escape(crafted)
    unescaped_punctuation = [
        c
        for i, c in enumerate(escaped)
        if not c.isalnum() and not c.isspace() and c not in ("\\", markdown.WORD_JOINER) and escaped[i - 1] != "\\"
    ]
    assert unescaped_punctuation == []
    assert ":material/" not in escaped and "](" not in escaped


def test_escape_breaks_bare_url_www_and_email_autolinks_with_an_invisible_word_joiner():
    # GFM finds bare links after escapes are resolved: only a character between the seams stops it.
    escaped = markdown.escape("https://e.x www.e.x a@e.x")
    assert escaped == "https\\:\\/\u2060\\/e\\.x www\u2060\\.e\\.x a\u2060\\@e\\.x"
    unescaped = escaped.replace("\\", "")
    assert "://" not in unescaped and "www." not in unescaped and "a@" not in unescaped
    assert unescaped.replace(markdown.WORD_JOINER, "") == "https://e.x www.e.x a@e.x"


def test_escape_turns_line_breaks_into_spaces_so_a_value_cannot_start_a_block():
    assert markdown.escape("a\r\n# b\rc") == r"a \# b c"


def test_text_escapes_every_value_but_keeps_numbers_formattable_and_built_markdown_as_built():
    import numpy as np

    filled = markdown.text(
        "**{name}**: {n:,} rows, {link}",
        name="[x](https://e.x)",
        n=np.int64(12345),
        link=markdown.link("GSEF", "https://gsef-net.org"),
    )
    assert filled == "**\\[x\\]\\(https\\:\\/\u2060\\/e\\.x\\)**: 12,345 rows, [GSEF](https://gsef-net.org)"
    assert isinstance(filled, markdown.Markdown)
    assert markdown.text("{flag}", flag=True) == "True"


def test_join_escapes_plain_parts_and_keeps_links():
    parts = [markdown.link("a", "https://a.org"), "upload:[b](https://e.x).csv"]
    assert markdown.join(parts) == "[a](https://a.org) · upload\\:\\[b\\]\\(https\\:\\/\u2060\\/e\\.x\\)\\.csv"


def test_only_http_urls_with_a_host_are_web_urls():
    assert markdown.is_web_url("https://gsef-net.org/x") and markdown.is_web_url(" HTTP://a.org")
    assert not any(
        markdown.is_web_url(u)
        for u in ("https://", "javascript:alert(1)", "data:text/html,x", "upload:f.csv", "/map?x=1", None, 3)
    )


def test_link_percent_encodes_dollar_signs_so_no_math_starts_in_a_target():
    assert markdown.link("x", "https://a.org/$1$") == "[x](https://a.org/%241%24)"

"""Safe Markdown from data: text escaped so it renders literally, links only to http(s) URLs.

Streamlit renders Markdown (and its own directives: `:red[…]`, `:emoji:`, `$math$`), never raw HTML unless
asked to; data must not be able to format, link or inject anything. CommonMark lets any ASCII punctuation be
escaped with a backslash, so we escape all of it.
"""

from __future__ import annotations

import string
from urllib.parse import quote

_PUNCTUATION = set(string.punctuation)


def escape(text: object) -> str:
    """`text` as literal Markdown: every ASCII punctuation character backslash-escaped, newlines as spaces."""
    value = "" if text is None else str(text)
    return "".join("\\" + c if c in _PUNCTUATION else c for c in value.replace("\r", " ").replace("\n", " "))


def link(text: object, url: object) -> str:
    """A Markdown link when `url` is http(s), else the escaped text alone (demo:, upload:, empty…)."""
    label = escape(text)
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return label
    # Percent-encode what could end or break the link target: spaces, brackets, parentheses, quotes, backslash.
    target = quote(url.strip(), safe="/:?#&=%~+-._,;@!$*'")
    return f"[{label}]({target})"

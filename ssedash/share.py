"""Links to share a view: the current page with its filters, the embeddable view and its iframe snippet. Pure.

Every link carries the language it was made in (`lang=fr`, English too: `lang=en`), so whoever opens it reads
what the sender read, whatever their browser's language.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from ssedash.filters import Filters
from ssedash.i18n import Language, current

EMBED_PARAM = "embed"
EMBED_PAGE = "embed"
LANGUAGE_PARAM = "lang"


def app_root(url: str, base_path: str = "") -> str | None:
    """ "http://host:8501/" (with the server's base path) from the page's URL; None when the URL is not http(s)."""
    scheme, netloc, *_ = urlsplit(url or "")
    if scheme not in ("http", "https") or not netloc:
        return None
    base = base_path.strip("/")
    return urlunsplit((scheme, netloc, f"/{base}/" if base else "/", "", ""))


def view_url(
    root: str,
    page: str,
    chosen: Filters,
    extra: dict[str, list[str]] | None = None,
    *,
    language: Language | None = None,
) -> str:
    """The page (its url_path, "" for the Overview) at `root` with these filters and the language (`language`,
    else the active one) in the query."""
    path, _, own_query = page.partition("?")  # a page may carry its own parameters: "profile?place=lg:np-tokha"
    params = {
        **parse_qs(own_query),
        **chosen.to_query_params(),
        **(extra or {}),
        LANGUAGE_PARAM: [(language or current()).value],
    }
    query = urlencode(params, doseq=True)
    return root + path + (f"?{query}" if query else "")


def embed_url(root: str, chosen: Filters, *, language: Language | None = None) -> str:
    """The map-and-headline view of these filters, for an iframe. `embed=true` is Streamlit's own embed mode (it
    drops the app's header and menu; Streamlit keeps that parameter to itself, so the page is `embed`)."""
    return view_url(root, EMBED_PAGE, chosen, {EMBED_PARAM: ["true"]}, language=language)


def iframe_snippet(url: str, title: str) -> str:
    """HTML to paste into a web page (escaped: the URL and title are attribute values)."""
    return (
        f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(title, quote=True)}" width="100%" '
        'height="640" style="border:0" loading="lazy"></iframe>'
    )

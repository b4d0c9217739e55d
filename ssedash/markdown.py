"""Safe Markdown from data: text escaped so it renders literally, links only to http(s) URLs.

Every text Streamlit renders as Markdown (st.markdown, captions, headings, alerts, metric labels, tooltips)
that holds anything from outside - the URL's query parameters, stored names and notes, file names, sign-in
names - goes through this module, and nothing else (tests/test_project_rules.py checks the calls):

- `escape(value)`: the value as literal text.
- `link(label, url)`: a link we make on purpose, to an http(s) URL only; the label is escaped.
- `text(template, **values)`: our own Markdown template (a literal, usually through `t`) filled with values,
  each escaped (numbers are formatted as given, so `{n:,}` works; `Markdown` values from the builders here
  are kept as built).
- `join(parts, separator)`: parts (escaped unless already built here) joined by our separator.

Streamlit's Markdown is CommonMark + GFM (autolinks of bare URLs, tables, strikethrough) plus its own
directives: `:red[…]` colours, `:material/…:` icons, `:emoji:` shortcodes, `$…$` LaTeX; raw HTML is never
rendered unless asked to (we never ask). CommonMark lets any ASCII punctuation be backslash-escaped and an
escaped character is never part of a construct, so escaping all of it defeats every one of those: `[`, `!`,
`(`, `<` (links, images, autolinks), `:` and `/` (directives, icons, bare `https://…`), `.` and `@` (bare
`www.x.org` and e-mail autolinks), `$` (Streamlit looks for math only around unescaped `$`), `&` (entities),
`#`, `>`, `-`, `*`, `_`, `~`, `|`, `` ` `` (block and inline formatting). Line breaks become spaces, so a
value cannot start a new block either.

One construct ignores escapes: GFM's autolinks of bare `https://…`, `www.…` and e-mail addresses are found in
the text *after* escapes are resolved (a tree transform, checked in Chromium). So `escape` also puts an
invisible WORD JOINER (U+2060) where those patterns need two characters side by side: between the slashes of
`://`, between `www` and `.`, before `@`. The text reads the same; it is no longer a link.
"""

from __future__ import annotations

import numbers
import re
import string
from urllib.parse import quote

from ssedash.i18n import current
from ssedash.i18n.formatting import format_message

_PUNCTUATION = frozenset(string.punctuation)
WORD_JOINER = "\u2060"
_AUTOLINK_SEAMS = re.compile(r"(?<=:/)(?=/)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
# What may stay as is in a link target; everything else (spaces, brackets, parentheses, quotes, backslash,
# `$`, `<`, `>`, backtick, `|`) is percent-encoded so it cannot end the target or start another construct.
_URL_SAFE = "/:?#&=%~+-._,;@!*'"


class Markdown(str):
    """Text that is already safe Markdown (built here): `text` keeps it as is instead of escaping it again."""


def escape(value: object) -> Markdown:
    """`value` as literal Markdown: every ASCII punctuation character backslash-escaped, line breaks as spaces."""
    plain = "" if value is None else str(value)
    plain = " ".join(plain.splitlines()) if ("\n" in plain or "\r" in plain) else plain
    plain = _AUTOLINK_SEAMS.sub(WORD_JOINER, plain)
    return Markdown("".join("\\" + c if c in _PUNCTUATION else c for c in plain))


def is_web_url(url: object) -> bool:
    """True for an http(s) URL with a host: the only targets a link may have (not javascript:, data:, upload:…)."""
    if not isinstance(url, str):
        return False
    lowered = url.strip().lower()
    for scheme in ("http://", "https://"):
        if lowered.startswith(scheme):
            return bool(lowered[len(scheme) :].split("/", 1)[0])
    return False


def link(label: object, url: object) -> Markdown:
    """A Markdown link when `url` is http(s), else the escaped label alone (demo:, upload:, javascript:, empty…)."""
    escaped = escape(label)
    if not is_web_url(url):
        return escaped
    return Markdown(f"[{escaped}]({quote(str(url).strip(), safe=_URL_SAFE)})")


def text(template: str, **values: object) -> Markdown:
    """Our own Markdown `template` filled with `values`, each escaped as text (see the module docstring).

    Numbers (not bools) are formatted for the reader's locale, so `{n:,}` reads "5,700" or "5 700"
    (ssedash.i18n.formatting); `Markdown` values (from `escape`, `link`, `text`) are inserted as built. Never pass
    outside text as the template."""
    escaped = {name: _value(value) for name, value in values.items()}
    return Markdown(format_message(template, current(), escaped))


def join(parts, separator: str = " · ") -> Markdown:
    """`parts` joined by our own `separator`, each part escaped unless it is already `Markdown` (e.g. a link)."""
    return Markdown(separator.join(part if isinstance(part, Markdown) else escape(part) for part in parts))


def _value(value: object) -> object:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, bool):  # numpy integers too
        return value
    return escape(value)

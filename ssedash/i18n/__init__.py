"""Every user-facing string goes through `t()`: English in the code, French, Spanish and Korean in gettext
catalogues (`ssedash/locale/<lang>/LC_MESSAGES/messages.po`, managed with Babel: `make translations`).

`t("{n:,} rows", n=5700)` returns the text in the active language, its values formatted for that locale
("5 700 lignes"; see `formatting`). A message about a count takes the language's plural form from
`tn("{n:,} row", "{n:,} rows", n)` (gettext's ngettext: "1 ligne", "0 ligne", "2 lignes"; Korean has one form). `N_("…")` marks a string for extraction where it is defined (a table of
labels) and `t()` translates it where it is shown. The active language is a context variable: the UI seam sets it
for a script run (`activate`), the CLI from `--lang`, tests with `use()`; it defaults to English.
"""

from __future__ import annotations

import contextlib
import gettext
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from enum import Enum
from functools import lru_cache


class Language(str, Enum):  # noqa: UP042 - a str so that it is a cache key and a query value as it is
    EN = "en"
    FR = "fr"
    ES = "es"
    KO = "ko"

    @property
    def autonym(self) -> str:
        """The language's name in itself, as a language selector shows it (never translated)."""
        return AUTONYMS[self]


AUTONYMS = {Language.EN: "English", Language.FR: "Français", Language.ES: "Español", Language.KO: "한국어"}
TRANSLATED = (Language.FR, Language.ES, Language.KO)

_active: ContextVar[Language | None] = ContextVar("ssedash_language", default=None)
_fallback: Callable[[], Language | None] | None = None


def set_fallback(resolver: Callable[[], Language | None] | None) -> None:
    """Where to look when no language was set in this context: the UI seam registers the session's choice, so that
    a Streamlit fragment rerun or a widget callback (each in a thread of its own, which app.py did not go through)
    speaks the reader's language too."""
    global _fallback
    _fallback = resolver


def current() -> Language:
    """The language of this script run, CLI call or test; else the fallback's (the session's); else English."""
    language = _active.get()
    if language is None and _fallback is not None:
        language = _fallback()
    return language or Language.EN


def activate(language: Language) -> None:
    """Set the language for the rest of this thread's work (a Streamlit script run is one thread)."""
    _active.set(language)


@contextlib.contextmanager
def use(language: Language) -> Iterator[Language]:
    """`with use(Language.FR): …` — the language for a block, restored after."""
    token = _active.set(language)
    try:
        yield language
    finally:
        _active.reset(token)


def parse(code: object) -> Language | None:
    """A language from a query value or a browser locale ("fr", "fr-FR", "ko_KR", "ES"); None when unsupported."""
    if not isinstance(code, str) or not code.strip():
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return next((language for language in Language if language.value == primary), None)


def choose(query_value: object, browser_locale: object) -> Language:
    """The language a reader sees: `?lang=` if it names one, else the browser's locale, else English."""
    return parse(query_value) or parse(browser_locale) or Language.EN


@lru_cache(maxsize=8)
def catalogue(language: Language) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (English: the text as written)."""
    if language is Language.EN:
        return gettext.NullTranslations()
    from ssedash import files

    return files.message_catalogue(language.value)


def N_(text: str) -> str:  # the gettext convention: mark now, translate later
    """Mark `text` for the catalogues without translating it here (`t(text)` where it is shown)."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message about a count for the catalogues as one plural entry; `tn(*pair, n)` translates it."""
    return singular, plural


def named(names: Mapping[str, str], code: object, default: str | None = None) -> str:
    """A code (a region, a format, an action…) as the reader reads it: `t(names[code])`, N_()-marked in `names`;
    a code the table does not know is shown as stored (or as `default`)."""
    text = str(code)
    if text in names:
        return t(names[text])
    return text if default is None else default


def t(text: str, **values: object) -> str:
    """`text` in the active language, with `values` formatted into it for that locale."""
    language = current()
    translated = catalogue(language).gettext(text) if text else text
    if not values:
        return translated
    from ssedash.i18n.formatting import format_message

    return format_message(translated, language, values)


def tn(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of a message about `n` things that the active language uses for `n` ("{n:,} row" / "{n:,} rows"),
    with `n` and `values` formatted into it. English picks `singular` for 1 only; French also for 0. A value named
    `n` is shown in place of the count ("at least 5,700"), whose form still follows the number."""
    language = current()
    translated = catalogue(language).ngettext(singular, plural, n)
    from ssedash.i18n.formatting import format_message

    return format_message(translated, language, {"n": n, **values})

"""A pseudo-translation for tests: every catalogue message comes back as ⟦message⟧ (placeholders kept), so a test
can see at once which shown text went through the catalogues and which did not (an English string that leaks)."""

from __future__ import annotations

import gettext
import re

from ssedash import i18n

OPEN, CLOSE = "⟦", "⟧"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"


def install(monkeypatch, language: i18n.Language = i18n.Language.FR) -> i18n.Language:
    """Make `language`'s catalogue the pseudo one for this test (and clear the cached catalogues after)."""
    real = i18n.catalogue

    def pseudo(requested: i18n.Language) -> gettext.NullTranslations:
        return PseudoTranslations() if requested is language else real(requested)

    monkeypatch.setattr(i18n, "catalogue", pseudo)
    return language


_INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", re.S)


def unmarked(text: str, data: tuple[str, ...] = ()) -> str:
    """What is left of `text` once every pseudo-translated part (nested ones too) and every `data` string (names,
    notes as published: data, not interface) are taken out."""
    for value in data:
        text = text.replace(value, " ")
    while True:
        stripped = _INNERMOST.sub(" ", text)
        if stripped == text:
            return text
        text = stripped


def leaks(text: str, data: tuple[str, ...] = ()) -> bool:
    """True when `text` holds a run of English-looking words outside any ⟦…⟧ and outside the data: a sign of a
    string that did not go through the catalogues."""
    return bool(re.search(r"[A-Za-z]{3,}\s+[a-z]{2,}", unmarked(text, data)))

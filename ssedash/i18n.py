"""One small translation function for every user-facing string. English only for now.

`t("Participants")` returns the text in the active language; `t("{n} rows", n=3)` formats it.
A catalogue per language maps the English text to its translation; a missing entry falls back to English,
so adding French later is a matter of filling `CATALOGUES["fr"]`.
"""

from __future__ import annotations

CATALOGUES: dict[str, dict[str, str]] = {"en": {}}
_language = "en"


def set_language(language: str) -> None:
    global _language
    if language not in CATALOGUES:
        raise ValueError(f"no catalogue for language {language!r}")
    _language = language


def t(text: str, **values: object) -> str:
    translated = CATALOGUES[_language].get(text, text)
    return translated.format(**values) if values else translated

"""Text rules used everywhere, each written once: name folding, header folding, slugs, the CSV-formula guard.

A leaf module (nothing of ours imported): the reference data, the upload checks, the downloads and the file
names all fold and slug text the same way because they call these functions.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata

import pandas as pd

_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)
# A cell a spreadsheet would run as a formula (OWASP's list for CSV injection), tab and carriage return included.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_accents(text: str) -> str:
    """Case-folded, accents dropped (NFKD, combining marks removed), other scripts recomposed (NFC), so Hangul
    syllables stay syllables and compare equal however they were typed."""
    folded = str(text).casefold()
    if folded.isascii():  # the common case, and 10x faster
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def normalise_name(text: object) -> str:
    """Fold a place or programme name for matching: "Côte d’Ivoire" -> "cote d ivoire", "A & B" -> "a and b".

    Case-folded, accents stripped, '&' read as 'and', punctuation, hyphens and apostrophes turned into spaces,
    whitespace collapsed. Letters of other scripts (Hangul, Cyrillic…) are kept. None or NaN fold to "".
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return " ".join(_PUNCTUATION.sub(" ", strip_accents(str(text)).replace("&", " and ")).split())


def fold_header(text: str) -> str:
    """A header folded for matching: case, accents, spaces, dashes, underscores and punctuation removed."""
    return _PUNCTUATION.sub("", strip_accents(text))


def slugify(text: object, *, limit: int | None = None, fallback: str | None = None) -> str:
    """ASCII, lowercase, hyphen-separated: "GSEF–SHRDC; Côte d'Ivoire" -> "gsef-shrdc-cote-d-ivoire".

    Always matches schema.SLUG. Text with nothing left in ASCII (Hangul, Cyrillic…) gets `fallback`, or by
    default a stable hash slug ("x" + 10 hex digits) so an id can still be made from it. `limit` cuts the slug
    (at a hyphen boundary's edge) for file names.
    """
    spaced = _PUNCTUATION.sub("-", str(text))  # punctuation becomes a separator before accents go
    ascii_text = strip_accents(spaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if limit is not None:
        slug = slug[:limit].strip("-")
    if slug:
        return slug
    if fallback is not None:
        return fallback
    return "x" + hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:10]


def neutralise_formula(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where every text cell starting with = + - @ (or tab, carriage return) gets a leading `'`.
    Numeric and boolean columns are left as they are; the frame given is not changed."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        text = series.astype("string")
        risky = text.str.startswith(FORMULA_START).fillna(False).astype(bool)
        if risky.any():
            out[column] = series.where(~risky, "'" + text)
    return out

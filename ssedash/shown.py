"""Codes named for the reader: the frames of ssedash.breakdown, ssedash.reconcile and the profiles hold codes
(GSEF region codes, "no local government named", coordinate precisions) so that they can be counted and compared;
these functions name them in the reader's language where a table, a chart or a sentence shows them.

Pure: frames in, new frames out (inputs never mutated). Data (place, programme and edition names) is left as is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pandas as pd
from babel.lists import format_list

from ssedash.i18n import N_, current, named, t
from ssedash.i18n.content import region_name, subregion_name
from ssedash.i18n.formatting import number

PRECISION_NAMES = {  # coordinate precision codes (schema.COORD_PRECISIONS, and what the pages add) -> shown name
    "exact": N_("exact"),
    "approximate": N_("approximate"),
    "ambiguous": N_("ambiguous"),
    "unknown": N_("unknown"),
    "country": N_("placed at the country's centre"),
}


def precision_name(code: object) -> str:
    """A coordinate precision as the reader reads it ("approximate"); a code the table does not know as stored."""
    return named(PRECISION_NAMES, code)


def places(frame: pd.DataFrame) -> pd.DataFrame:
    """`breakdown.place_breakdown` (or `country_breakdown`) with its region, unknown subregion and unnamed local
    government in the reader's language."""
    from ssedash.breakdown import UNKNOWN_SUBREGION
    from ssedash.metrics import NO_LOCAL_GOVERNMENT

    named = {"gsef_region": frame["gsef_region"].map(region_name)} if "gsef_region" in frame else {}
    if "subregion" in frame:
        named["subregion"] = frame["subregion"].map(
            lambda code: t(UNKNOWN_SUBREGION) if code == UNKNOWN_SUBREGION else subregion_name(code)
        )
    if "local_government" in frame:
        named["local_government"] = frame["local_government"].replace(NO_LOCAL_GOVERNMENT, t(NO_LOCAL_GOVERNMENT))
    return frame.assign(**named)


def listed(items: Iterable[str]) -> str:
    """Items as a list in a sentence, the reader's way: "a, b and c", "a, b et c", "a, b y c"."""
    parts = [str(item) for item in items]
    return format_list(parts, locale=current().value) if parts else ""


def sort_key(name: object) -> str:
    """A name as a reader expects it sorted: accents and case left out ("Équateur" among the E, not after "Zambie")."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def signed(n: int) -> str:
    """A change with its sign, grouped for the locale: "+1,200", "-3" ("+1 200" in French)."""
    return ("+" if n >= 0 else "-") + number(abs(n))

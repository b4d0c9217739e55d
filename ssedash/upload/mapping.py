"""The Upload page's column mapping, pure: which field each column of the file feeds, the analyst's choices, and
the mapping remembered from the last import of the same programme (Store.column_mapping_for; offered, never
applied unasked).

The analyst's choices are a mapping header as written -> upload field, or None for "not used"; they go to
`inspect` and `review_upload` as `columns=` (see ssedash.ingest.columns for how they are checked).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ssedash import schema
from ssedash.i18n import N_, t
from ssedash.ingest import ColumnMatch, MatchedBy
from ssedash.ingest.plan import match_programme
from ssedash.upload.shown import field_name

if TYPE_CHECKING:
    from ssedash.store import RememberedMapping

NOT_USED = ""  # the choice "not used" in a field list
FIELD_CHOICES = (NOT_USED, *schema.UPLOAD_COLUMNS)
_HOW = {
    MatchedBy.SYNONYM: N_("recognised header"),
    MatchedBy.ANALYST: N_("your choice"),
    MatchedBy.REMEMBERED: N_("remembered from import #{id}"),
    MatchedBy.PERSONAL_DATA: N_("personal data: dropped, never stored"),
    MatchedBy.NOT_USED: N_("header not recognised"),
}


@dataclass(frozen=True)
class Offer:
    """A remembered mapping that would change how this file is read: what it says for this file's headers."""

    remembered: RememberedMapping
    choices: dict[str, str | None]  # this file's headers only
    changes: tuple[tuple[str, str | None, str], ...]  # (header, field now, field remembered)


def field_label(field: str | None) -> str:
    """A field as the field lists show it: 'not used', or its name ('(required)' after year and country)."""
    if not field:
        return t("not used")
    name = field_name(field)
    return t("{field} (required)", field=name) if field in schema.UPLOAD_REQUIRED else name


def how_label(match: ColumnMatch, remembered: RememberedMapping | None = None) -> str:
    """How a column got its field, in words."""
    import_id = remembered.import_id if remembered is not None else None
    return t(_HOW[match.how], id="?" if import_id is None else import_id)


def choices(own: Mapping[str, str | None], accepted: Offer | None) -> dict[str, str | None]:
    """What goes to the checks: the accepted remembered mapping, with the analyst's own choices over it."""
    return {**(accepted.choices if accepted is not None else {}), **own}


def shown(
    columns: Iterable[ColumnMatch], own: Mapping[str, str | None], accepted: Offer | None
) -> tuple[ColumnMatch, ...]:
    """The columns as the screen shows them: a choice that came from the remembered mapping says so."""
    remembered = accepted.choices if accepted is not None else {}
    return tuple(
        dataclasses.replace(c, how=MatchedBy.REMEMBERED)
        if c.how == MatchedBy.ANALYST and c.header not in own and c.header in remembered
        else c
        for c in columns
    )


def missing_required(
    columns: Iterable[ColumnMatch], required: Iterable[str] = schema.UPLOAD_REQUIRED
) -> tuple[str, ...]:
    """The required fields no column of the file feeds."""
    found = {c.field for c in columns}
    return tuple(f for f in required if f not in found)


def programme_of(file_programme: object, chosen: object, programmes: pd.DataFrame) -> str | None:
    """The known programme this file belongs to: the one its programme column names, else the one chosen."""
    for value in (file_programme, chosen):
        if value:
            row = match_programme(str(value), programmes)
            if row is not None:
                return str(row["programme_id"])
    return None


def offer(remembered: RememberedMapping | None, columns: Iterable[ColumnMatch]) -> Offer | None:
    """The remembered mapping for this file's headers, when following it would change something; else None."""
    if remembered is None:
        return None
    now = {c.header: c.field for c in columns}
    applicable: dict[str, str | None] = {h: f for h, f in remembered.mapping.items() if h in now}
    changes = tuple((h, now[h], str(f)) for h, f in applicable.items() if now[h] != f)
    return Offer(remembered, applicable, changes) if changes else None

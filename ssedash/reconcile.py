"""What the Sources page says about the data: reported vs recorded figures per edition in words (qualifiers kept:
"at least 5,700 participants reported"), and how precise each local government's point is.

The words are in the reader's language (cache what holds them per language). Pure: frames in, frames out, inputs
never mutated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ssedash.i18n import N_, Nn_, t, tn
from ssedash.metrics import edition_figures
from ssedash.quantity import Quantity, from_cells, int_or_none
from ssedash.summary import row_counts

PRECISIONS = ("exact", "approximate", "ambiguous", "unknown")

_FIGURE_NOUNS = {  # figure -> (one, several), {n} the number in words ("at least 5,700")
    "participants": Nn_("{n} participant", "{n} participants"),
    "local_governments": Nn_("{n} local government", "{n} local governments"),
    "countries": Nn_("{n} country", "{n} countries"),
}
NEITHER = N_("neither reported nor recorded")  # the discrepancy of a figure nobody gave (shown as t(NEITHER))


def _count(quantity: Quantity, key: str) -> str:
    """ "at least 5,700 participants", "about 15 countries", "1 country"."""
    return tn(*_FIGURE_NOUNS[key], quantity.value or 0, n=quantity.words())


def _not_reported(key: str, recorded: int, no_count: str | None) -> str:
    if key == "local_governments":
        return t("not reported by the organisers; {n:,} listed", n=recorded)
    if no_count:
        return t("not reported by the organisers; {n:,} recorded ({no_count})", n=recorded, no_count=no_count)
    return t("not reported by the organisers; {n:,} recorded", n=recorded)


def _not_recorded(key: str, count: str, per: str, no_count: str | None) -> str:
    if no_count and per == "local government":
        return t(
            "{count} reported; participants per local government not recorded ({no_count})",
            count=count,
            no_count=no_count,
        )
    if no_count:
        return t("{count} reported; participants per row not recorded ({no_count})", count=count, no_count=no_count)
    if key == "local_governments":
        return t("{count} reported; none listed by name or count", count=count)
    return t("{count} reported; none recorded by name or count", count=count)


def _discrepancy(key: str, reported: Quantity, recorded: int | None, unknown: int, rows: int, per: str) -> str | None:
    """The difference between what organisers reported and what the rows record, in words (None: they agree)."""
    no_count = (
        t("{unknown:,} of {rows:,} rows have no count", unknown=unknown, rows=rows)
        if key == "participants" and unknown
        else None
    )
    if not reported.is_known:
        return t(NEITHER) if recorded is None else _not_reported(key, recorded, no_count)
    count = _count(reported, key)
    if recorded is None:
        return _not_recorded(key, count, per, no_count)
    if reported.value != recorded:
        if key == "local_governments":
            return tn("{count} reported, {n:,} listed", "{count} reported, {n:,} listed", recorded, count=count)
        return tn("{count} reported, {n:,} recorded", "{count} reported, {n:,} recorded", recorded, count=count)
    if no_count:
        return t("{count} reported and recorded, but {no_count}", count=count, no_count=no_count)
    return None


def reconciliation(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """One row per edition and figure (participants, local governments, countries): reported (as text with its
    qualifier: "5,700+"), recorded, and the discrepancy in words with the qualifier ("at least 5,700 participants
    reported; …"; None where the two agree). Local governments and countries recorded are those the participation
    rows name; participants recorded are the sum of known counts."""
    figures = edition_figures(editions, participation)
    rows_of = row_counts(participation).groupby(participation["edition_id"]).sum()
    records = []
    for row in figures.itertuples(index=False):
        rows = int(rows_of.get(row.edition_id, 0))
        unknown = int(row.rows_with_unknown_count)
        per = "local government" if row.recorded_local_governments >= rows else "row"
        for key in ("participants", "local_governments", "countries"):
            reported = from_cells(getattr(row, f"reported_{key}"), getattr(row, f"reported_{key}_qualifier"))
            recorded = int_or_none(getattr(row, f"recorded_{key}"))
            if key != "participants" and recorded == 0:
                recorded = None
            note = row.notes if key == "participants" and not pd.isna(row.notes) else None
            records.append(
                {
                    "edition_id": row.edition_id,
                    "edition": row.name,
                    "year": int_or_none(row.year),
                    "event_kind": row.event_kind,
                    "figure": key,
                    "reported": reported.short() if reported.is_known else None,
                    "recorded": recorded,
                    "discrepancy": _discrepancy(key, reported, recorded, unknown, rows, per),
                    "note": note,
                }
            )
    out = pd.DataFrame.from_records(
        records,
        columns=[
            "edition_id",
            "edition",
            "year",
            "event_kind",
            "figure",
            "reported",
            "recorded",
            "discrepancy",
            "note",
        ],
    )
    for column in ("year", "recorded"):
        out[column] = out[column].astype("Int64")
    return out


def coordinate_notes(local_governments: pd.DataFrame, country_names: Mapping[str, str]) -> pd.DataFrame:
    """Local governments whose point is not exact (approximate, ambiguous or of unknown precision), with the
    source of the coordinates and the note saying why. `country_names`: ISO3 -> the name to show. The precision
    stays a code (exact, approximate, ambiguous, unknown): ssedash.shown.precision_name names it."""
    shown = local_governments[local_governments["coord_precision"].fillna("unknown") != "exact"]
    return pd.DataFrame(
        {
            "local_government": shown["name"].to_numpy(),
            "country": shown["country_iso3"].map(lambda c: country_names.get(c, c)).to_numpy(),
            "precision": shown["coord_precision"].fillna("unknown").to_numpy(),
            "coordinates_from": shown["coord_source"].to_numpy(),
            "note": shown["notes"].to_numpy(),
        }
    )


@dataclass(frozen=True)
class PrecisionCounts:
    """How many local governments shown have exact, approximate, ambiguous or unknown coordinates."""

    exact: int
    approximate: int
    ambiguous: int
    unknown: int

    @property
    def total(self) -> int:
        return self.exact + self.approximate + self.ambiguous + self.unknown


def precision_counts(local_governments: pd.DataFrame) -> PrecisionCounts:
    precision = local_governments["coord_precision"].fillna("unknown")
    precision = precision.where(precision.isin(PRECISIONS), "unknown")
    counts = precision.value_counts()
    return PrecisionCounts(*(int(counts.get(name, 0)) for name in PRECISIONS))

"""What the Sources page says about the data: reported vs recorded figures per edition in words (qualifiers kept:
"at least 5,700 participants reported"), and how precise each local government's point is.

Pure: frames in, frames out, inputs never mutated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ssedash.metrics import edition_figures
from ssedash.quantity import Quantity, from_cells, int_or_none
from ssedash.summary import row_counts

PRECISIONS = ("exact", "approximate", "ambiguous", "unknown")

_FIGURE_NOUNS = {
    "participants": ("participant", "participants"),
    "local_governments": ("local government", "local governments"),
    "countries": ("country", "countries"),
}


def _count(quantity: Quantity, key: str) -> str:
    """ "at least 5,700 participants", "about 15 countries", "1 country"."""
    singular, plural = _FIGURE_NOUNS[key]
    return f"{quantity.words()} {singular if quantity.value == 1 and quantity.is_exact else plural}"


def _discrepancy(key: str, reported: Quantity, recorded: int | None, unknown: int, rows: int, per: str) -> str | None:
    """The difference between what organisers reported and what the rows record, in words (None: they agree)."""
    listed = "listed" if key == "local_governments" else "recorded"
    no_count = f"{unknown:,} of {rows:,} rows have no count"
    if not reported.is_known:
        if recorded is None:
            return "neither reported nor recorded"
        text = f"not reported by the organisers; {recorded:,} {listed}"
        return text + f" ({no_count})" if key == "participants" and unknown else text
    if recorded is None:
        if key == "participants" and unknown:
            return f"{_count(reported, key)} reported; participants per {per} not recorded ({no_count})"
        return f"{_count(reported, key)} reported; none {listed} by name or count"
    if reported.value != recorded:
        return f"{_count(reported, key)} reported, {recorded:,} {listed}"
    if key == "participants" and unknown:
        return f"{_count(reported, key)} reported and recorded, but {no_count}"
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


def coordinate_notes(local_governments: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Local governments whose point is not exact (approximate, ambiguous or of unknown precision), with the
    source of the coordinates and the note saying why."""
    shown = local_governments[local_governments["coord_precision"].fillna("unknown") != "exact"]
    names = countries.set_index("iso3")["name_en"]
    return pd.DataFrame(
        {
            "local_government": shown["name"].to_numpy(),
            "country": shown["country_iso3"].map(names).fillna(shown["country_iso3"]).to_numpy(),
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

"""Pure aggregations over the store's tables: frames in, frames or plain dicts out, inputs never mutated.

*Reported* figures are what organisers announced (on the edition); *recorded* figures are computed from
participation rows. Both are kept side by side, never merged: where they disagree the dashboard says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Figure:
    """One headline number: what was recorded, what was reported, and whether they disagree."""

    recorded: int | None
    reported: int | None

    @property
    def differs(self) -> bool:
        return self.recorded is not None and self.reported is not None and self.recorded != self.reported

    @property
    def best(self) -> int | None:
        """The figure to headline: the reported one where organisers gave one, else what rows record."""
        return self.reported if self.reported is not None else self.recorded


def _sum_or_none(values: pd.Series) -> int | None:
    values = values.dropna()
    return int(values.sum()) if len(values) else None


def edition_figures(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Reported vs recorded per edition: one row per edition, sorted by year then start date."""
    grouped = participation.groupby("edition_id", sort=False)
    recorded = pd.DataFrame(
        {
            "recorded_participants": grouped["participants"].sum(min_count=1),
            "rows_with_unknown_count": grouped["participants"].apply(lambda s: int(s.isna().sum())),
            "recorded_local_governments": grouped["lg_id"].nunique(),
            "recorded_countries": grouped["country_iso3"].nunique(),
        }
    )
    out = editions.merge(recorded, left_on="edition_id", right_index=True, how="left")
    for column in ("rows_with_unknown_count", "recorded_local_governments", "recorded_countries"):
        out[column] = out[column].fillna(0).astype("int64")
    out["recorded_participants"] = out["recorded_participants"].astype("Int64")
    return out.sort_values(["year", "start_date", "edition_id"], na_position="last").reset_index(drop=True)


def headline(editions: pd.DataFrame, participation: pd.DataFrame, *, include_reported: bool = True) -> dict[str, Figure]:
    """Participants, local governments, countries and editions for the editions given (already filtered).

    With `include_reported=False` (rows cut by place) organisers' totals are left out: they cover whole editions.
    """
    participation = participation[participation["edition_id"].isin(editions["edition_id"])]
    if not include_reported:
        editions = editions.assign(reported_participants=pd.NA, reported_local_governments=pd.NA, reported_countries=pd.NA)
    return {
        "participants": Figure(_sum_or_none(participation["participants"]), _sum_or_none(editions["reported_participants"])),
        # Reported LGs and countries of several editions overlap, so they only add up for a single edition.
        "local_governments": Figure(
            int(participation["lg_id"].nunique()),
            _sum_or_none(editions["reported_local_governments"]) if len(editions) == 1 else None,
        ),
        "countries": Figure(
            int(participation["country_iso3"].nunique()),
            _sum_or_none(editions["reported_countries"]) if len(editions) == 1 else None,
        ),
        "editions": Figure(len(editions), None),
    }

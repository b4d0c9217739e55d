"""Participation rows summarised once per store revision, so that a filter change cuts and adds up a few thousand
summary lines instead of a million rows (DESIGN.md §11).

A *place line* stands for every participation row of one (edition, country, local government), in the order
their first rows appear: `rows` (how many rows), `unknown_rows` (how many have no participant count) and
`participants` (the sum of the known counts; <NA> when none is known: unknown stays unknown, never 0). Every
aggregation in ssedash.metrics accepts such lines where it accepts rows: a raw row is a line with `rows` 1 and
`unknown_rows` 1 when its count is missing (see `row_counts`, `unknown_counts`). Per role and per gender the same
sums are kept per (place line, value) in `attributes`. Pure: frames in, dataclasses out, inputs never mutated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

LINE_KEYS = ("edition_id", "country_iso3", "lg_id")
ATTRIBUTES = ("role", "gender")
SUMS = ("participants", "rows", "unknown_rows")


def row_counts(frame: pd.DataFrame) -> pd.Series:
    """How many participation rows each line of `frame` stands for (1 each for raw rows)."""
    if "rows" in frame.columns:
        return frame["rows"]
    return pd.Series(1, index=frame.index, dtype="int64")


def unknown_counts(frame: pd.DataFrame) -> pd.Series:
    """How many rows with no participant count each line of `frame` stands for."""
    if "unknown_rows" in frame.columns:
        return frame["unknown_rows"]
    return frame["participants"].isna().astype("int64")


def geography_of(countries: pd.DataFrame) -> pd.DataFrame:
    """Country name, GSEF region and subregion per ISO3, as the filtered rows carry them."""
    return countries.set_index("iso3")[["name_en", "gsef_region", "subregion"]].rename(columns={"name_en": "country"})


def with_geography(rows: pd.DataFrame, geography: pd.DataFrame) -> pd.DataFrame:
    """`rows` with `country`, `gsef_region` ("Unknown region" where the country has none) and `subregion`."""
    out = rows.join(geography, on="country_iso3")
    out["gsef_region"] = out["gsef_region"].fillna("Unknown region")
    return out


def _sums(codes: np.ndarray, n: int, participants: pd.Series) -> dict[str, object]:
    """rows, unknown_rows and participants (Int64, <NA> where no count is known) per code 0..n-1."""
    unknown = participants.isna().to_numpy()
    known = pd.Series(participants.to_numpy(), dtype="Int64").groupby(codes, sort=True).sum(min_count=1)
    return {
        "participants": known.reindex(range(n)).astype("Int64").array,
        "rows": np.bincount(codes, minlength=n).astype("int64"),
        "unknown_rows": np.bincount(codes, weights=unknown, minlength=n).astype("int64"),
    }


def _line_codes(rows: pd.DataFrame) -> np.ndarray:
    """Per row, its place line: numbered in the order of the lines' first rows."""
    combined = np.zeros(len(rows), dtype="int64")
    for key in LINE_KEYS:
        codes, uniques = pd.factorize(rows[key], use_na_sentinel=True)
        combined = combined * (len(uniques) + 1) + (codes + 1)
    codes, _ = pd.factorize(combined)  # first appearance order
    return codes.astype("int64")


@dataclass(frozen=True, eq=False)
class ParticipationSummary:
    """`places`: one line per (edition, country, local government) with `line` (its number in the store's summary),
    geography, `first_role` (the role of its first row), participants, rows, unknown_rows. `attributes["role"]`
    and `["gender"]`: per (line, value, the value's missing kept as <NA>) the same three sums."""

    places: pd.DataFrame
    attributes: dict[str, pd.DataFrame]

    def select(self, keep: np.ndarray) -> ParticipationSummary:
        """The lines where `keep` (aligned with `places`) is True, and their attribute lines."""
        lines = self.places["line"].to_numpy()
        kept = np.zeros(int(lines.max()) + 1 if len(lines) else 0, dtype=bool)
        kept[lines[keep]] = True
        attributes = {name: frame[kept[frame["line"].to_numpy()]] for name, frame in self.attributes.items()}
        return ParticipationSummary(self.places[keep], attributes)


def summarise(rows: pd.DataFrame, geography: pd.DataFrame) -> tuple[ParticipationSummary, np.ndarray]:
    """The summary of participation `rows` (raw, as the store holds them), and each row's line number."""
    codes = _line_codes(rows)
    n = int(codes.max()) + 1 if len(codes) else 0
    first = np.unique(codes, return_index=True)[1] if n else np.array([], dtype="int64")
    places = rows.iloc[first][list(LINE_KEYS)].reset_index(drop=True)
    places = with_geography(places, geography).assign(
        line=np.arange(n, dtype="int64"),
        first_role=rows["role"].to_numpy()[first],
        **_sums(codes, n, rows["participants"]),
    )
    attributes = {}
    for name in ATTRIBUTES:
        values, uniques = pd.factorize(rows[name], use_na_sentinel=True)
        width = len(uniques) + 1
        keys, pairs = pd.factorize(codes * width + (values + 1))
        category = pairs % width - 1
        labels = pd.Series(
            np.asarray(uniques, dtype=object)[np.maximum(category, 0)]
            if len(uniques)
            else np.full(len(pairs), None, dtype=object),
            dtype=object,
        ).where(category >= 0, None)
        attributes[name] = pd.DataFrame(
            {"line": pairs // width, name: labels, **_sums(keys.astype("int64"), len(pairs), rows["participants"])}
        )
    return ParticipationSummary(places, attributes), codes


@dataclass(frozen=True, eq=False)
class ParticipationIndex:
    """Built once per store revision: the raw rows, their summary, and each row's line (to cut rows by lines)."""

    rows: pd.DataFrame
    geography: pd.DataFrame
    summary: ParticipationSummary
    line_of_row: np.ndarray

    def rows_of(self, keep: np.ndarray, limit: int | None = None) -> pd.DataFrame:
        """The rows of the lines where `keep` (aligned with `summary.places`) is True, in store order, with their
        geography; only the first `limit` of them when given."""
        kept = np.zeros(len(self.summary.places), dtype=bool)
        kept[self.summary.places["line"].to_numpy()[keep]] = True
        positions = np.flatnonzero(kept[self.line_of_row])
        if limit is not None:
            positions = positions[:limit]
        return with_geography(self.rows.take(positions), self.geography).reset_index(drop=True)


def index_participation(rows: pd.DataFrame, countries: pd.DataFrame) -> ParticipationIndex:
    geography = geography_of(countries)
    summary, line_of_row = summarise(rows, geography)
    return ParticipationIndex(rows, geography, summary, line_of_row)


@dataclass(frozen=True, eq=False)
class RowSelection:
    """Some lines of a ParticipationIndex: their rows are read only when asked for."""

    index: ParticipationIndex
    keep: np.ndarray

    @cached_property
    def frame(self) -> pd.DataFrame:
        return self.index.rows_of(self.keep)

    def head(self, limit: int) -> pd.DataFrame:
        return self.index.rows_of(self.keep, limit)

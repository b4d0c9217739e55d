"""Pure aggregations over the store's tables: frames in, frames or plain dicts out, inputs never mutated.

*Reported* figures are what organisers announced (on the edition); *recorded* figures are computed from
participation rows. Both are kept side by side, never merged: where they disagree the dashboard says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ssedash.i18n import N_
from ssedash.i18n.content import FORMAT_NAMES
from ssedash.quantity import Qualifier, Quantity, from_cells, int_or_none, total
from ssedash.summary import unknown_counts


@dataclass(frozen=True)
class Figure:
    """One headline number: what participation rows record, what organisers reported, and whether they disagree.

    `reported` is None where organisers' figures do not apply (rows cut by place; local governments or countries of
    several editions, which overlap). Otherwise it is the sum over editions with its qualifier kept ("5,700+") and
    `reported.unknown_parts` the editions that published no figure; `reported_editions` counts those that did. Only a
    figure from exactly one edition (`is_single_report`) may be labelled as "reported by the organisers".
    """

    recorded: Quantity | None
    reported: Quantity | None = None
    reported_editions: int = 0

    @property
    def is_single_report(self) -> bool:
        return (
            self.reported is not None
            and self.reported.is_known
            and self.reported_editions == 1
            and self.reported.unknown_parts == 0
        )

    @property
    def differs(self) -> bool:
        return (
            self.recorded is not None
            and self.recorded.is_known
            and self.reported is not None
            and self.reported.is_known
            and self.recorded.value != self.reported.value
        )

    @property
    def quantity(self) -> Quantity | None:
        """The figure to headline: the reported one where organisers gave one, else what rows record."""
        if self.reported is not None and self.reported.is_known:
            return self.reported
        if self.recorded is not None and self.recorded.is_known:
            return self.recorded
        return None

    @property
    def best(self) -> int | None:
        """The number of `quantity`, without its qualifier (for arithmetic only; display `quantity`)."""
        quantity = self.quantity
        return None if quantity is None else quantity.value


def reported_quantities(editions: pd.DataFrame, key: str = "participants") -> pd.Series:
    """Each edition's reported figure (`key`: participants, countries or local_governments) as a Quantity with its
    qualifier; UNKNOWN where the edition published none. Indexed like `editions`."""
    values = editions[f"reported_{key}"]
    qualifiers = editions[f"reported_{key}_qualifier"]
    return pd.Series([from_cells(v, q) for v, q in zip(values, qualifiers)], index=editions.index, dtype=object)


def reported_figure(editions: pd.DataFrame, key: str = "participants") -> tuple[Quantity, int]:
    """The sum of the editions' reported figures (qualifier kept, editions with no figure counted as unknown
    parts) and how many editions gave a figure."""
    parts = list(reported_quantities(editions, key))
    return total(parts), sum(1 for part in parts if part.is_known)


def recorded_participants(participation: pd.DataFrame) -> Quantity | None:
    """The sum of the rows' participant counts; rows with no count are unknown parts (the sum is then a lower
    bound). None when no row has a count."""
    known = participation["participants"].dropna()
    if known.empty:
        return None
    unknown = int(unknown_counts(participation).sum())
    return Quantity(int(known.sum()), Qualifier.AT_LEAST if unknown else Qualifier.EXACT, unknown)


def qualified_text(quantities: pd.Series) -> pd.Series:
    """Quantities as a table shows them: "13", "5,700+", "about 15"; None where unknown (the table's dash)."""
    return quantities.map(lambda q: q.short() if q.is_known else None).astype(object)


def edition_figures(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Reported vs recorded per edition: one row per edition, sorted by year then start date. Each reported figure
    also comes as text with its qualifier (`reported_participants_text`: "5,700+")."""
    grouped = participation.groupby("edition_id", sort=False)
    recorded = pd.DataFrame(
        {
            "recorded_participants": grouped["participants"].sum(min_count=1),
            "rows_with_unknown_count": unknown_counts(participation).groupby(participation["edition_id"]).sum(),
            "recorded_local_governments": grouped["lg_id"].nunique(),
            "recorded_countries": grouped["country_iso3"].nunique(),
        }
    )
    out = editions.merge(recorded, left_on="edition_id", right_index=True, how="left")
    for column in ("rows_with_unknown_count", "recorded_local_governments", "recorded_countries"):
        out[column] = out[column].fillna(0).astype("int64")
    out["recorded_participants"] = out["recorded_participants"].astype("Int64")
    for key in ("participants", "local_governments", "countries"):
        out[f"reported_{key}_text"] = qualified_text(reported_quantities(out, key))
    return out.sort_values(["year", "start_date", "edition_id"], na_position="last").reset_index(drop=True)


def headline(
    editions: pd.DataFrame, participation: pd.DataFrame, *, include_reported: bool = True
) -> dict[str, Figure]:
    """Participants, local governments, countries and editions for the editions given (already filtered).

    With `include_reported=False` (rows cut by place) organisers' totals are left out: they cover whole editions.
    Participants add up across the editions given: pass editions of one event kind (see ssedash.headline).
    """
    participation = participation[participation["edition_id"].isin(editions["edition_id"])]
    figures = {"participants": Figure(recorded_participants(participation))}
    for key, column in (("local_governments", "lg_id"), ("countries", "country_iso3")):
        figures[key] = Figure(Quantity(int(participation[column].nunique())))
    if include_reported:
        figures["participants"] = Figure(figures["participants"].recorded, *reported_figure(editions, "participants"))
        # Reported LGs and countries of several editions overlap, so they only add up for a single edition.
        if len(editions) == 1:
            for key in ("local_governments", "countries"):
                figures[key] = Figure(figures[key].recorded, *reported_figure(editions, key))
    figures["editions"] = Figure(Quantity(len(editions)))
    return figures


# --- Overview: coverage over time -------------------------------------------------------------------------------

# Categories of their own, kept as these codes in the frames; shown as t(NOT_RECORDED), t(NO_LOCAL_GOVERNMENT).
NOT_RECORDED = N_("not recorded")
NO_LOCAL_GOVERNMENT = N_("no local government named")
FORMAT_LABELS = FORMAT_NAMES  # code -> English name (one table: ssedash.i18n.content); show with content.format_name


def _qualified_sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of `keys`: the `reported_quantity` column (Quantity objects) summed with the qualifier kept, as
    the sum, its value (Int64) and its text ("5,730+")."""
    sums = frame.groupby(keys, sort=True)["reported_quantity"].agg(total)
    return pd.DataFrame(
        {
            "reported_quantity": sums.astype(object),
            "reported_participants": pd.array([q.value for q in sums], dtype="Int64"),
            "reported_participants_text": [q.short() if q.is_known else None for q in sums],
        },
        index=sums.index,
    )


def participants_by_year(
    editions: pd.DataFrame, participation: pd.DataFrame, programmes: pd.DataFrame, figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per year, programme and event kind: editions, participants reported by organisers (Int64 value, and text
    with its qualifier: "5,700+"; <NA> where nobody gave a figure) and recorded in rows, and rows whose count is
    unknown. Sorted by year then programme name. `figures`: `edition_figures` of the same, when already made."""
    columns = [
        "year",
        "programme_id",
        "programme",
        "event_kind",
        "editions",
        "reported_participants",
        "reported_participants_text",
        "reported_quantity",
        "recorded_participants",
        "rows_with_unknown_count",
    ]
    figures = edition_figures(editions, participation) if figures is None else figures
    if figures.empty:
        return pd.DataFrame(columns=columns)
    figures = figures.assign(reported_quantity=reported_quantities(figures, "participants"))
    names = dict(zip(programmes["programme_id"], programmes["name"]))
    keys = ["year", "programme_id", "event_kind"]
    grouped = figures.groupby(keys, sort=True)
    out = (
        pd.DataFrame(
            {
                "editions": grouped["edition_id"].count(),
                "recorded_participants": grouped["recorded_participants"].sum(min_count=1),
                "rows_with_unknown_count": grouped["rows_with_unknown_count"].sum(),
            }
        )
        .join(_qualified_sums(figures, keys))
        .reset_index()
    )
    out["programme"] = out["programme_id"].map(names).fillna(out["programme_id"])
    out["recorded_participants"] = out["recorded_participants"].astype("Int64")
    return out[columns].sort_values(["year", "programme"]).reset_index(drop=True)


def yearly_totals(by_year: pd.DataFrame) -> pd.DataFrame:
    """`participants_by_year` summed over programmes of the same event kind (people of different kinds of event
    are never added up): one row per year and kind, <NA> where no figure exists, the qualifier kept in the text."""
    columns = [
        "year",
        "event_kind",
        "editions",
        "reported_participants",
        "reported_participants_text",
        "reported_quantity",
        "recorded_participants",
    ]
    if by_year.empty:
        return pd.DataFrame(columns=columns)
    parts = by_year
    grouped = parts.groupby(["year", "event_kind"], sort=True)
    out = pd.DataFrame(
        {
            "editions": grouped["editions"].sum(),
            "recorded_participants": grouped["recorded_participants"].sum(min_count=1).astype("Int64"),
        }
    ).join(_qualified_sums(parts, ["year", "event_kind"]))
    return out.reset_index()[columns]


def _edition_order(editions: pd.DataFrame) -> pd.DataFrame:
    return editions.sort_values(["year", "start_date", "edition_id"], na_position="last").reset_index(drop=True)


def local_government_turnover(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Per edition (in time order): local governments taking part for the first time among the editions given
    (`new`) and those seen in an earlier one (`returning`). Editions that name no local government have 0 and 0."""
    ordered = _edition_order(editions)[["edition_id", "name", "year", "programme_id"]]
    if ordered.empty:
        return ordered.assign(new=pd.Series(dtype="int64"), returning=pd.Series(dtype="int64"))
    n = len(ordered)
    rank = pd.Series(np.arange(n, dtype="float64"), index=ordered["edition_id"])
    # In integer codes: each distinct (local government, edition rank) pair, once.
    ranks = participation["edition_id"].map(rank).to_numpy(dtype="float64", na_value=np.nan)
    lgs = pd.factorize(participation["lg_id"], use_na_sentinel=True)[0]
    named = (lgs >= 0) & ~np.isnan(ranks)
    pairs = np.unique(lgs[named].astype("int64") * n + ranks[named].astype("int64"))
    lg, at = pairs // n, pairs % n
    first = np.full(int(lg.max()) + 1 if len(lg) else 0, n, dtype="int64")
    np.minimum.at(first, lg, at)
    returning = np.bincount(at, weights=at > first[lg], minlength=n).astype("int64")
    return ordered.assign(returning=returning, new=np.bincount(at, minlength=n).astype("int64") - returning)


def cumulative_countries(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Per year with an edition: countries recorded for the first time that year and the running total."""
    years = sorted(int(y) for y in editions["year"].dropna().unique())
    if not years:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype="int64"),
                "new_countries": pd.Series(dtype="int64"),
                "cumulative_countries": pd.Series(dtype="int64"),
            }
        )
    year_of = editions.set_index("edition_id")["year"]
    pairs = participation[["edition_id", "country_iso3"]].dropna().drop_duplicates()
    pairs = pairs.assign(year=pairs["edition_id"].map(year_of))
    first_year = pairs.groupby("country_iso3")["year"].min()
    new = first_year.value_counts().reindex(years, fill_value=0).astype("int64")
    return pd.DataFrame(
        {"year": years, "new_countries": new.to_numpy(), "cumulative_countries": new.cumsum().to_numpy()}
    )


@dataclass(frozen=True)
class EditionChange:
    """The latest edition's figures and their change against the previous edition of the same programme.

    `figures` are `headline` of that one edition (so with a place filter, only the rows in that place).
    `previous` is None when no earlier edition of that programme is among the editions given. A delta is given
    only where both figures are exact: a change between lower bounds or approximations would be made up."""

    latest: str
    latest_year: int | None
    programme_id: str
    previous: str | None
    previous_year: int | None
    figures: dict[str, Figure]
    deltas: dict[str, int | None]


CHANGE_FIGURES = ("participants", "local_governments", "countries")


def latest_edition_change(
    editions: pd.DataFrame, participation: pd.DataFrame, *, include_reported: bool = True
) -> EditionChange | None:
    """None without editions. The editions and rows given are already filtered: with a place filter pass
    `include_reported=False`, and the figures are those of the rows in that place."""
    ordered = _edition_order(editions)
    if ordered.empty:
        return None
    latest = ordered.iloc[-1]
    same_programme = ordered.iloc[:-1][ordered.iloc[:-1]["programme_id"] == latest["programme_id"]]

    def figures_of(row) -> dict[str, Figure]:
        one = headline(
            ordered[ordered["edition_id"] == row["edition_id"]], participation, include_reported=include_reported
        )
        return {key: one[key] for key in CHANGE_FIGURES}

    now = figures_of(latest)
    previous = same_programme.iloc[-1] if not same_programme.empty else None
    before = figures_of(previous) if previous is not None else None
    deltas: dict[str, int | None] = {}
    for key in now:
        a, b = now[key].quantity, before[key].quantity if before is not None else None
        exact_now = a.value if a is not None and a.is_exact else None
        exact_before = b.value if b is not None and b.is_exact else None
        deltas[key] = exact_now - exact_before if exact_now and exact_before else None
    return EditionChange(
        latest=str(latest["name"]),
        latest_year=int_or_none(latest["year"]),
        programme_id=str(latest["programme_id"]),
        previous=str(previous["name"]) if previous is not None else None,
        previous_year=int_or_none(previous["year"]) if previous is not None else None,
        figures=now,
        deltas=deltas,
    )

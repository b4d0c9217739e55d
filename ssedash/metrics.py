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


# --- Overview: coverage over time -------------------------------------------------------------------------------

NOT_RECORDED = "not recorded"
NO_LOCAL_GOVERNMENT = "no local government named"
FORMAT_LABELS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}


def _int_or_none(value) -> int | None:
    return None if pd.isna(value) else int(value)


def participants_by_year(editions: pd.DataFrame, participation: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """Per year and programme: editions, participants reported by organisers and recorded in rows (Int64, <NA>
    where nobody gave a figure), and rows whose count is unknown. Sorted by year then programme name."""
    columns = ["year", "programme_id", "programme", "editions", "reported_participants", "recorded_participants",
               "rows_with_unknown_count"]
    figures = edition_figures(editions, participation)
    if figures.empty:
        return pd.DataFrame(columns=columns)
    names = dict(zip(programmes["programme_id"], programmes["name"]))
    grouped = figures.groupby(["year", "programme_id"], sort=True)
    out = pd.DataFrame(
        {
            "editions": grouped["edition_id"].count(),
            "reported_participants": grouped["reported_participants"].sum(min_count=1),
            "recorded_participants": grouped["recorded_participants"].sum(min_count=1),
            "rows_with_unknown_count": grouped["rows_with_unknown_count"].sum(),
        }
    ).reset_index()
    out["programme"] = out["programme_id"].map(names).fillna(out["programme_id"])
    for column in ("reported_participants", "recorded_participants"):
        out[column] = out[column].astype("Int64")
    return out[columns].sort_values(["year", "programme"]).reset_index(drop=True)


def yearly_totals(by_year: pd.DataFrame) -> pd.DataFrame:
    """`participants_by_year` summed over programmes: one row per year, <NA> where no figure exists."""
    if by_year.empty:
        return pd.DataFrame(columns=["year", "editions", "reported_participants", "recorded_participants"])
    grouped = by_year.groupby("year", sort=True)
    out = pd.DataFrame(
        {
            "editions": grouped["editions"].sum(),
            "reported_participants": grouped["reported_participants"].sum(min_count=1).astype("Int64"),
            "recorded_participants": grouped["recorded_participants"].sum(min_count=1).astype("Int64"),
        }
    )
    return out.reset_index()


def _edition_order(editions: pd.DataFrame) -> pd.DataFrame:
    return editions.sort_values(["year", "start_date", "edition_id"], na_position="last").reset_index(drop=True)


def local_government_turnover(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Per edition (in time order): local governments taking part for the first time among the editions given
    (`new`) and those seen in an earlier one (`returning`). Editions that name no local government have 0 and 0."""
    ordered = _edition_order(editions)[["edition_id", "name", "year", "programme_id"]]
    if ordered.empty:
        return ordered.assign(new=pd.Series(dtype="int64"), returning=pd.Series(dtype="int64"))
    rank = pd.Series(range(len(ordered)), index=ordered["edition_id"])
    pairs = participation[["edition_id", "lg_id"]].dropna().drop_duplicates()
    pairs = pairs.assign(rank=pairs["edition_id"].map(rank))
    first = pairs.groupby("lg_id")["rank"].transform("min")
    pairs = pairs.assign(returning=pairs["rank"] > first)
    counts = pairs.groupby("edition_id")["returning"].agg(["size", "sum"])
    out = ordered.join(counts, on="edition_id")
    out["returning"] = out["sum"].fillna(0).astype("int64")
    out["new"] = (out["size"].fillna(0) - out["returning"]).astype("int64")
    return out.drop(columns=["size", "sum"])


def cumulative_countries(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Per year with an edition: countries recorded for the first time that year and the running total."""
    years = sorted(int(y) for y in editions["year"].dropna().unique())
    if not years:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "new_countries": pd.Series(dtype="int64"),
                             "cumulative_countries": pd.Series(dtype="int64")})
    year_of = editions.set_index("edition_id")["year"]
    pairs = participation[["edition_id", "country_iso3"]].dropna().drop_duplicates()
    pairs = pairs.assign(year=pairs["edition_id"].map(year_of))
    first_year = pairs.groupby("country_iso3")["year"].min()
    new = first_year.value_counts().reindex(years, fill_value=0).astype("int64")
    return pd.DataFrame({"year": years, "new_countries": new.to_numpy(), "cumulative_countries": new.cumsum().to_numpy()})


@dataclass(frozen=True)
class EditionChange:
    """The latest edition's figures and their change against the previous edition of the same programme."""

    latest: str
    previous: str | None
    figures: dict[str, int | None]
    deltas: dict[str, int | None]


def latest_edition_change(editions: pd.DataFrame, participation: pd.DataFrame) -> EditionChange | None:
    """None without editions. Participants and countries use the organisers' figure where given, else the
    recorded one; local governments are those recorded. A delta is given only where both figures are known."""
    figures = edition_figures(editions, participation)
    if figures.empty:
        return None

    def values(row) -> dict[str, int | None]:
        participants = row["reported_participants"] if not pd.isna(row["reported_participants"]) else row["recorded_participants"]
        countries = row["reported_countries"] if not pd.isna(row["reported_countries"]) else (row["recorded_countries"] or None)
        return {
            "participants": _int_or_none(participants),
            "local_governments": int(row["recorded_local_governments"]) or None,
            "countries": _int_or_none(countries),
        }

    latest = figures.iloc[-1]
    same_programme = figures.iloc[:-1][figures.iloc[:-1]["programme_id"] == latest["programme_id"]]
    now = values(latest)
    if same_programme.empty:
        return EditionChange(str(latest["name"]), None, now, {k: None for k in now})
    previous = same_programme.iloc[-1]
    before = values(previous)
    deltas = {k: (now[k] - before[k]) if now[k] is not None and before[k] is not None else None for k in now}
    return EditionChange(str(latest["name"]), str(previous["name"]), now, deltas)


# --- Breakdowns ---------------------------------------------------------------------------------------------------


def place_breakdown(participation: pd.DataFrame, local_governments: pd.DataFrame) -> pd.DataFrame:
    """Region > subregion > country > local government, one row per leaf, with participation rows, recorded
    participants (<NA> when no row of the leaf has a count) and rows with an unknown count. Rows that name no
    local government are kept under their country as NO_LOCAL_GOVERNMENT, never dropped."""
    columns = ["gsef_region", "subregion", "country", "local_government", "participation_rows",
               "recorded_participants", "rows_with_unknown_count"]
    if participation.empty:
        return pd.DataFrame(columns=columns)
    names = local_governments.set_index("lg_id")["name"]
    frame = pd.DataFrame(
        {
            "gsef_region": participation["gsef_region"].fillna("Unknown region"),
            "subregion": participation["subregion"].fillna("Unknown subregion"),
            "country": participation["country"].fillna(participation["country_iso3"]),
            "lg_id": participation["lg_id"].fillna(""),
            "participants": participation["participants"],
        }
    )
    grouped = frame.groupby(["gsef_region", "subregion", "country", "lg_id"], sort=False)["participants"]
    out = pd.DataFrame(
        {
            "participation_rows": grouped.size(),
            "recorded_participants": grouped.sum(min_count=1).astype("Int64"),
            "rows_with_unknown_count": grouped.size() - grouped.count(),
        }
    ).reset_index()
    out["local_government"] = out["lg_id"].map(names).fillna(out["lg_id"]).replace("", NO_LOCAL_GOVERNMENT)
    return out[columns].sort_values("participation_rows", ascending=False, kind="stable").reset_index(drop=True)


def country_breakdown(places: pd.DataFrame) -> pd.DataFrame:
    """`place_breakdown` summed per country: rows, named local governments, recorded participants; most rows first."""
    columns = ["gsef_region", "country", "participation_rows", "local_governments", "recorded_participants"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    named = places.assign(named=places["local_government"] != NO_LOCAL_GOVERNMENT)
    grouped = named.groupby(["gsef_region", "country"], sort=False)
    out = pd.DataFrame(
        {
            "participation_rows": grouped["participation_rows"].sum(),
            "local_governments": grouped["named"].sum().astype("int64"),
            "recorded_participants": grouped["recorded_participants"].sum(min_count=1).astype("Int64"),
        }
    ).reset_index()
    return out[columns].sort_values(["participation_rows", "country"], ascending=[False, True]).reset_index(drop=True)


def by_edition_attribute(
    editions: pd.DataFrame, participation: pd.DataFrame, programmes: pd.DataFrame, attribute: str
) -> pd.DataFrame:
    """Per programme (`attribute="programme"`) or per format (`"format"`): editions, participants reported by
    organisers (<NA> where none gave a figure), participation rows and recorded local governments."""
    if attribute not in ("programme", "format"):
        raise ValueError(f"attribute must be 'programme' or 'format', not {attribute!r}")
    columns = ["category", "editions", "reported_participants", "participation_rows", "recorded_local_governments"]
    if editions.empty:
        return pd.DataFrame(columns=columns)
    if attribute == "programme":
        names = dict(zip(programmes["programme_id"], programmes["name"]))
        category = editions["programme_id"].map(names).fillna(editions["programme_id"])
    else:
        category = editions["format"].map(FORMAT_LABELS).fillna(editions["format"]).fillna(NOT_RECORDED)
    category_of = pd.Series(category.to_numpy(), index=editions["edition_id"].to_numpy())
    labelled = editions.assign(category=category.to_numpy())
    grouped = labelled.groupby("category", sort=False)
    rows = participation["edition_id"].map(category_of)
    lgs = participation.loc[participation["lg_id"].notna(), ["lg_id"]].assign(category=rows)
    out = pd.DataFrame(
        {
            "editions": grouped["edition_id"].count(),
            "reported_participants": grouped["reported_participants"].sum(min_count=1).astype("Int64"),
            "participation_rows": rows.value_counts(),
            "recorded_local_governments": lgs.groupby("category")["lg_id"].nunique(),
        }
    )
    out = out.reindex(grouped["edition_id"].count().index)
    out["participation_rows"] = out["participation_rows"].fillna(0).astype("int64")
    out["recorded_local_governments"] = out["recorded_local_governments"].fillna(0).astype("int64")
    out = out.rename_axis("category").reset_index()
    return out[columns].sort_values(["editions", "category"], ascending=[False, True]).reset_index(drop=True)


def by_participant_attribute(participation: pd.DataFrame, column: str) -> pd.DataFrame:
    """Participation rows and recorded participants per value of `column` ("gender" or "role"); missing values
    are their own category, NOT_RECORDED, never dropped."""
    if column not in ("gender", "role"):
        raise ValueError(f"column must be 'gender' or 'role', not {column!r}")
    if participation.empty:
        return pd.DataFrame(columns=["category", "participation_rows", "recorded_participants"])
    frame = pd.DataFrame({"category": participation[column].fillna(NOT_RECORDED), "participants": participation["participants"]})
    grouped = frame.groupby("category", sort=False)["participants"]
    out = pd.DataFrame({"participation_rows": grouped.size(), "recorded_participants": grouped.sum(min_count=1).astype("Int64")})
    return out.rename_axis("category").reset_index().sort_values(
        ["participation_rows", "category"], ascending=[False, True]
    ).reset_index(drop=True)


# --- Sources and reconciliation -----------------------------------------------------------------------------------

_FIGURE_NOUNS = {"participants": ("participant", "participants"), "local_governments": ("local government", "local governments"),
                 "countries": ("country", "countries")}


def _count(n: int, key: str) -> str:
    singular, plural = _FIGURE_NOUNS[key]
    return f"{n:,} {singular if n == 1 else plural}"


def reconciliation(editions: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """One row per edition and figure (participants, local governments, countries): reported, recorded, and the
    discrepancy in words (None where the two agree). Local governments and countries recorded are those the
    participation rows name; participants recorded are the sum of known counts."""
    figures = edition_figures(editions, participation)
    records = []
    for row in figures.itertuples(index=False):
        rows = int((participation["edition_id"] == row.edition_id).sum())
        unknown = int(row.rows_with_unknown_count)
        for key in ("participants", "local_governments", "countries"):
            reported = _int_or_none(getattr(row, f"reported_{key}"))
            recorded = _int_or_none(getattr(row, f"recorded_{key}"))
            if key != "participants" and recorded == 0:
                recorded = None
            listed = "listed" if key == "local_governments" else "recorded"
            if reported is not None and recorded is not None and reported != recorded:
                text = f"{_count(reported, key)} reported, {recorded:,} {listed}"
            elif reported is not None and recorded is None:
                text = f"{_count(reported, key)} reported; none {listed} by name or count"
                if key == "participants" and unknown:
                    per = "local government" if row.recorded_local_governments >= rows else "row"
                    text = (f"{_count(reported, key)} reported; participants per {per} not recorded "
                            f"({unknown:,} of {rows:,} rows have no count)")
            elif reported is None and recorded is not None:
                text = f"not reported by the organisers; {recorded:,} {listed}"
                if key == "participants" and unknown:
                    text += f" ({unknown:,} of {rows:,} rows have no count)"
            elif reported is None and recorded is None:
                text = "neither reported nor recorded"
            elif key == "participants" and unknown:
                text = f"{_count(reported, key)} reported and recorded, but {unknown:,} of {rows:,} rows have no count"
            else:
                text = None
            note = row.notes if key == "participants" and not pd.isna(row.notes) else None
            records.append({"edition_id": row.edition_id, "edition": row.name, "year": _int_or_none(row.year),
                            "figure": key, "reported": reported, "recorded": recorded, "discrepancy": text,
                            "note": note})
    out = pd.DataFrame.from_records(
        records, columns=["edition_id", "edition", "year", "figure", "reported", "recorded", "discrepancy", "note"]
    )
    for column in ("year", "reported", "recorded"):
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

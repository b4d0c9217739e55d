"""The shared filters (programme, event kind, years, GSEF region, country, local government): pure, with a round
trip to URL query parameters so that any view is a link that reproduces it.

Query parameters: `programme`, `kind` (event kind: training, webinar, …), `region`, `country` (ISO3), `lg` (lg_id)
may repeat; `from` and `to` are years.
Values that do not exist in the data are dropped with a notice rather than failing, so an old link still opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ssedash.i18n import t
from ssedash.i18n.content import country_names, region_name
from ssedash.kinds import kind_names, kinds_in_order
from ssedash.shown import sort_key
from ssedash.summary import (
    ParticipationIndex,
    ParticipationSummary,
    RowSelection,
    index_participation,
    summarise,
)
from ssedash.text import slugify

MULTI_PARAMS = {
    "programme": "programmes",
    "kind": "kinds",
    "region": "regions",
    "country": "countries",
    "lg": "local_governments",
}


@dataclass(frozen=True)
class Filters:
    programmes: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    local_governments: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @property
    def narrows_places(self) -> bool:
        """True when rows are cut by place: organisers' reported totals no longer apply to what is shown."""
        return bool(self.regions or self.countries or self.local_governments)

    def to_query_params(self) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        for param, attribute in MULTI_PARAMS.items():
            values = getattr(self, attribute)
            if values:
                params[param] = list(values)
        if self.year_from is not None:
            params["from"] = [str(self.year_from)]
        if self.year_to is not None:
            params["to"] = [str(self.year_to)]
        return params


@dataclass(frozen=True)
class FilterOptions:
    """What can be chosen, with labels: code -> label for each multi-choice filter, and the year span."""

    programmes: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    local_governments: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    year_min: int | None = None
    year_max: int | None = None


@dataclass(frozen=True, eq=False)
class FilteredView:
    """The tables cut by the filters. `participation` (the rows, with `gsef_region`, `subregion` and names for
    display) is read only when asked for: pages that add up read `summary` (ssedash.summary), a few thousand lines
    that stand for the same rows. Built by hand from rows (tests), the summary is made from them. `countries` (the
    reference, when given) names the countries in the reader's language (`country_names`)."""

    filters: Filters
    programmes: pd.DataFrame
    editions: pd.DataFrame
    rows: pd.DataFrame | RowSelection
    local_governments: pd.DataFrame
    summary: ParticipationSummary | None = None
    countries: pd.DataFrame | None = None

    def __post_init__(self):
        if self.summary is None:  # a view built by hand from rows: summarise them (small)
            rows = self.rows if isinstance(self.rows, pd.DataFrame) else self.rows.frame
            geography = rows.drop_duplicates("country_iso3").set_index("country_iso3")
            geography = geography[["country", "gsef_region", "subregion"]]
            summary, _ = summarise(rows.drop(columns=["country", "gsef_region", "subregion"]), geography)
            object.__setattr__(self, "summary", summary)

    @property
    def participation(self) -> pd.DataFrame:
        return self.rows if isinstance(self.rows, pd.DataFrame) else self.rows.frame

    def participation_head(self, limit: int) -> pd.DataFrame:
        """The first `limit` rows of `participation`, without reading the others."""
        return self.rows.head(limit)

    @property
    def summarised(self) -> ParticipationSummary:
        """`summary` (made when the view is built by hand: never missing)."""
        if self.summary is None:
            raise ValueError("a FilteredView always has a summary once built")
        return self.summary

    @property
    def places(self) -> pd.DataFrame:
        """The summary's place lines: aggregate these rather than `participation` (ssedash.summary)."""
        return self.summarised.places

    @property
    def is_empty(self) -> bool:
        return self.editions.empty

    def country_names(self) -> dict[str, str]:
        """ISO3 -> the country's name in the reader's language (from the reference countries; a view built by hand
        without them names its countries as its rows do)."""
        if self.countries is not None:
            return country_names(self.countries)
        places = self.places.dropna(subset=["country_iso3"]).drop_duplicates("country_iso3")
        return dict(zip(places["country_iso3"], places["country"].fillna(places["country_iso3"]).astype(str)))


def filter_options(tables: Mapping[str, pd.DataFrame], countries: pd.DataFrame) -> FilterOptions:
    """What the sidebar offers, labelled in the reader's language (country, region and kind names); the codes
    (ISO3, region codes, kinds) stay the keys, as filters and links hold them."""
    editions, participation = tables["edition"], tables["participation"]
    used_iso3 = sorted(set(participation["country_iso3"].dropna()))
    names = country_names(countries)
    regions = sorted(set(countries.set_index("iso3").reindex(used_iso3)["gsef_region"].dropna()))
    lgs = tables["local_government"]
    lgs = lgs[lgs["lg_id"].isin(participation["lg_id"].dropna().unique())]
    years = editions["year"].dropna()
    return FilterOptions(
        programmes=dict(zip(tables["programme"]["programme_id"], tables["programme"]["name"])),
        regions={r: region_name(r) for r in regions},
        countries={iso3: names.get(iso3, iso3) for iso3 in sorted(used_iso3, key=lambda c: sort_key(names.get(c, c)))},
        local_governments={
            row.lg_id: f"{row.name} ({names.get(row.country_iso3, row.country_iso3)})"
            for row in lgs.sort_values("name").itertuples()
        },
        kinds={kind: kind_names().get(kind, kind) for kind in kinds_in_order(editions["event_kind"])},
        year_min=int(years.min()) if len(years) else None,
        year_max=int(years.max()) if len(years) else None,
    )


def filters_from_query_params(params: Mapping[str, list[str]], options: FilterOptions) -> tuple[Filters, list[str]]:
    """Read filters from query parameters; unknown values are dropped and named in the returned notices."""
    notices: list[str] = []
    values: dict[str, Any] = {}
    for param, attribute in MULTI_PARAMS.items():
        valid = getattr(options, attribute)
        asked = [v for v in params.get(param, []) if v != ""]
        kept = tuple(dict.fromkeys(v for v in asked if v in valid))
        for value in asked:
            if value not in valid:
                notices.append(t("ignored {param}={value}: not in the data", param=param, value=repr(value)))
        values[attribute] = kept
    for param, attribute in (("from", "year_from"), ("to", "year_to")):
        raw = (params.get(param) or [""])[-1]
        if not raw:
            continue
        try:
            values[attribute] = int(raw)
        except ValueError:
            notices.append(t("ignored {param}={value}: not a year", param=param, value=repr(raw)))
    for param, attribute in (("from", "year_from"), ("to", "year_to")):
        year = values.get(attribute)
        if year is None or options.year_min is None:
            continue
        clamped = min(max(year, options.year_min), options.year_max)
        if clamped != year:  # the year slider cannot show a year outside the data
            notices.append(
                t(
                    "{param}={year} is outside the editions' years ({first}–{last}): using {clamped}",
                    param=param,
                    year=year,
                    first=options.year_min,
                    last=options.year_max,
                    clamped=clamped,
                )
            )
            values[attribute] = clamped
    filters = Filters(**values)
    if filters.year_from is not None and filters.year_to is not None and filters.year_from > filters.year_to:
        notices.append(t("swapped from={first} and to={last}", first=filters.year_from, last=filters.year_to))
        filters = replace(filters, year_from=filters.year_to, year_to=filters.year_from)
    return filters, notices


def apply_filters(
    tables: Mapping[str, pd.DataFrame],
    filters: Filters,
    countries: pd.DataFrame,
    index: ParticipationIndex | None = None,
) -> FilteredView:
    """Cut the tables; inputs are not mutated. Editions stay when they match programme, kind and years, unless a place
    filter is set, in which case only editions with matching participation remain. `index` (the participation's
    summary, ssedash.summary.index_participation, made once per store revision) is made here when not given; the
    cut is made on its lines, and the rows are read only when asked for."""
    editions = tables["edition"]
    keep = pd.Series(True, index=editions.index)
    if filters.programmes:
        keep &= editions["programme_id"].isin(filters.programmes)
    if filters.kinds:
        keep &= editions["event_kind"].isin(filters.kinds)
    if filters.year_from is not None:
        keep &= editions["year"] >= filters.year_from
    if filters.year_to is not None:
        keep &= editions["year"] <= filters.year_to
    editions = editions[keep.fillna(False).astype(bool)]

    if index is None:
        index = index_participation(tables["participation"], countries)
    places = index.summary.places
    lines = places["edition_id"].isin(editions["edition_id"]).to_numpy()
    for chosen, column in (
        (filters.regions, "gsef_region"),
        (filters.countries, "country_iso3"),
        (filters.local_governments, "lg_id"),
    ):
        if chosen:
            lines = lines & places[column].isin(chosen).to_numpy()
    kept = places[lines]
    if filters.narrows_places:
        editions = editions[editions["edition_id"].isin(kept["edition_id"].unique())]

    lgs = tables["local_government"]
    lgs = lgs[lgs["lg_id"].isin(kept["lg_id"].dropna().unique())]
    programmes = tables["programme"]
    programmes = programmes[programmes["programme_id"].isin(editions["programme_id"])]
    return FilteredView(
        filters, programmes, editions, RowSelection(index, lines), lgs, index.summary.select(lines), countries
    )


def describe_filters(filters: Filters, options: FilterOptions) -> str:
    """The filters in words, for titles and reports: 'GSEF–SHRDC …; 2019; Nepal' or 'everything'."""
    parts = []
    for attribute in ("programmes", "kinds", "regions", "countries", "local_governments"):
        labels = getattr(options, attribute)
        values = getattr(filters, attribute)
        if values:
            parts.append(", ".join(labels.get(v, v) for v in values))
    low = filters.year_from if filters.year_from is not None else options.year_min
    high = filters.year_to if filters.year_to is not None else options.year_max
    if low is not None and high is not None:
        parts.append(str(low) if low == high else f"{low}–{high}")
    return "; ".join(parts) if parts else t("everything")


def slug_for_file(text: str, limit: int = 60) -> str:
    """ASCII, lowercase, hyphenated: safe in a download's file name ("all" when nothing is left)."""
    return slugify(text, limit=limit, fallback="all")

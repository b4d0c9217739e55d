"""Place profiles: one local government (its events, years, roles, sources, its point and how precise it is) or one
country (its local governments, its events, first and latest year). Pure: the store's tables and the reference
countries in, dataclasses out. A profile covers every active row of that place, whatever the sidebar filters.
Profiles and `choices` are in the reader's language (country, region and precision names): cache them per language.

A place is named in the URL as `?place=lg:np-tokha` or `?place=country:NPL`: not `lg=` / `country=`, which are
the sidebar's filter parameters (a profile link must not also filter every other page to that place).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ssedash import kinds
from ssedash.i18n import content, t, tn
from ssedash.i18n.content import country_names, region_name
from ssedash.quantity import Qualifier, Quantity
from ssedash.shown import precision_name, sort_key

PARAM = "place"
KINDS = ("lg", "country")


@dataclass(frozen=True)
class Place:
    kind: str  # "lg" or "country"
    id: str

    @property
    def param(self) -> str:
        return f"{self.kind}:{self.id}"


def parse_place(value: object) -> Place | None:
    """ "lg:np-tokha" -> Place("lg", "np-tokha"); anything else -> None (an old or mistyped link opens the chooser)."""
    if not isinstance(value, str) or ":" not in value:
        return None
    kind, _, ident = value.partition(":")
    kind, ident = kind.strip().lower(), ident.strip()
    if kind not in KINDS or not ident:
        return None
    return Place(kind, ident.upper() if kind == "country" else ident)


def profile_path(kind: str, ident: str) -> str:
    """The link to a profile, relative to the app: "profile?place=lg:np-tokha"."""
    return f"profile?{PARAM}={kind}:{ident}"


def choices(tables: Mapping[str, pd.DataFrame], countries: pd.DataFrame) -> dict[str, str]:
    """Every place with a profile: param -> label, countries first then local governments, by name."""
    names = country_names(countries)
    iso3s = sorted(set(tables["participation"]["country_iso3"]), key=lambda c: sort_key(names.get(c, c)))
    out = {f"country:{c}": t("{name} (country)", name=names.get(c, c)) for c in iso3s}
    lgs = tables["local_government"].sort_values("name")
    out.update(
        {
            f"lg:{lg}": f"{name}, {names.get(c, c)}"
            for lg, name, c in zip(lgs["lg_id"], lgs["name"], lgs["country_iso3"])
        }
    )
    return out


def _years(years: pd.Series) -> str:
    known = sorted(int(y) for y in years.dropna().unique())
    if not known:
        return t("no year recorded")
    return str(known[0]) if known[0] == known[-1] else f"{known[0]}–{known[-1]}"


def _events(rows: pd.DataFrame, editions: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """Participation rows joined to their editions: one line per edition and role, with the row's own source."""
    programme_names = dict(zip(programmes["programme_id"], programmes["name"]))
    names = kinds.kind_names()
    joined = rows.merge(editions, on="edition_id", suffixes=("", "_edition")).sort_values(["year", "edition_id"])
    grouped = joined.groupby(["year", "edition_id"], sort=False)
    return pd.DataFrame(
        {
            t("Year"): [int(y) for y, _ in grouped.groups],
            t("Event"): grouped["name"].first().to_numpy(),
            t("Programme"): [programme_names.get(p, p) for p in grouped["programme_id"].first()],
            t("Kind of event"): [names.get(k, k) for k in grouped["event_kind"].first()],
            t("Role"): [
                ", ".join(sorted({content.role_name(role) for role in r.dropna()})) or t("not recorded")
                for _, r in grouped["role"]
            ],
            t("Participants"): [_people(c) for _, c in grouped["participants"]],
            t("Source"): grouped["source_url"].first().to_numpy(),
        }
    )


def _people(counts: pd.Series) -> str:
    known = counts.dropna()
    if known.empty:
        return t("not recorded")
    return Quantity(int(known.sum()), Qualifier.AT_LEAST if counts.isna().any() else Qualifier.EXACT).short()


@dataclass(frozen=True)
class LocalGovernmentProfile:
    place: Place
    title: str
    summary: str
    facts: tuple[str, ...]
    events: pd.DataFrame
    point: pd.DataFrame  # name, latitude, longitude (empty when no point is known)
    country: Place


def local_government_profile(
    tables: Mapping[str, pd.DataFrame], countries: pd.DataFrame, lg_id: str
) -> LocalGovernmentProfile | None:
    lgs = tables["local_government"]
    found = lgs[lgs["lg_id"] == lg_id]
    if found.empty:
        return None
    lg = found.iloc[0]
    country = country_names(countries).get(lg["country_iso3"], lg["country_iso3"])
    rows = tables["participation"][tables["participation"]["lg_id"] == lg_id]
    events = _events(rows, tables["edition"], tables["programme"])
    count = len(events)
    summary = (
        t(
            "{name} ({country}) is named in {events}, {years}.",
            name=lg["name"],
            country=country,
            events=tn("{n:,} event", "{n:,} events", count),
            years=_years(events[t("Year")]),
        )
        if count
        else t("{name} ({country}) is not named in any event yet.", name=lg["name"], country=country)
    )
    precision = precision_name(lg["coord_precision"] if isinstance(lg["coord_precision"], str) else "unknown")
    facts = [
        t("Kind of local government: {level}", level=content.admin_level_name(lg["admin_level"]))
        if isinstance(lg["admin_level"], str)
        else t("Kind of local government: not recorded")
    ]
    if pd.notna(lg["gsef_member"]) and bool(lg["gsef_member"]):
        facts.append(t("GSEF member (recorded from a public source; see the notes)."))
    if pd.notna(lg["latitude"]) and pd.notna(lg["longitude"]):
        facts.append(
            t(
                "Point: {lat:.4f}, {lon:.4f} ({precision}; from {source}).",
                lat=lg["latitude"],
                lon=lg["longitude"],
                precision=precision,
                source=lg["coord_source"] or t("not recorded"),
            )
        )
    else:
        facts.append(t("No point is known for this local government."))
    if isinstance(lg["notes"], str) and lg["notes"]:
        facts.append(t("Notes: {notes}", notes=lg["notes"]))
    facts.append(t("Record source: {url}", url=lg["source_url"]))
    point = pd.DataFrame(
        {"name": [lg["name"]], "latitude": [lg["latitude"]], "longitude": [lg["longitude"]], "status": [precision]}
    ).dropna(subset=["latitude", "longitude"])
    return LocalGovernmentProfile(
        Place("lg", lg_id),
        f"{lg['name']}, {country}",
        summary,
        tuple(facts),
        events,
        point,
        Place("country", lg["country_iso3"]),
    )


@dataclass(frozen=True)
class CountryProfile:
    place: Place
    title: str
    summary: str
    local_governments: pd.DataFrame  # Local government, Events, Years, Precision, Profile (relative link)
    events: pd.DataFrame
    points: pd.DataFrame


def country_profile(tables: Mapping[str, pd.DataFrame], countries: pd.DataFrame, iso3: str) -> CountryProfile | None:
    reference = countries[countries["iso3"] == iso3]
    rows = tables["participation"][tables["participation"]["country_iso3"] == iso3]
    if reference.empty and rows.empty:
        return None
    name = country_names(reference).get(iso3, iso3) if not reference.empty else iso3
    region = reference["gsef_region"].iloc[0] if not reference.empty else None
    events = _events(rows, tables["edition"], tables["programme"])
    lgs = tables["local_government"][tables["local_government"]["country_iso3"] == iso3].sort_values("name")
    year_of = tables["edition"].set_index("edition_id")["year"]
    per_lg = rows.dropna(subset=["lg_id"]).assign(year=lambda f: f["edition_id"].map(year_of)).groupby("lg_id")
    lg_table = pd.DataFrame(
        {
            t("Local government"): lgs["name"].to_numpy(),
            t("Events"): [
                int(per_lg.get_group(lg)["edition_id"].nunique()) if lg in per_lg.groups else 0 for lg in lgs["lg_id"]
            ],
            t("Years"): [
                _years(per_lg.get_group(lg)["year"]) if lg in per_lg.groups else t("none") for lg in lgs["lg_id"]
            ],
            t("Point"): [precision_name(p if isinstance(p, str) else "unknown") for p in lgs["coord_precision"]],
            t("Profile"): [profile_path("lg", lg) for lg in lgs["lg_id"]],
        }
    )
    if events.empty:
        summary = t("{name}: no event names participants from this country yet.", name=name)
    else:
        years = events[t("Year")]
        summary = t(
            "{name}{region}: named in {events}, first in {first}, latest in {latest}; {lgs}.",
            name=name,
            region=f" ({region_name(region)})" if isinstance(region, str) else "",
            events=tn("{n:,} event", "{n:,} events", len(events)),
            first=int(years.min()),
            latest=int(years.max()),
            lgs=tn("{n:,} local government named", "{n:,} local governments named", len(lgs)),
        )
    points = lgs.rename(columns={"coord_precision": "status"})[["name", "latitude", "longitude", "status"]]
    points = points.assign(status=points["status"].map(precision_name, na_action="ignore"))
    return CountryProfile(
        Place("country", iso3),
        str(name),
        summary,
        lg_table,
        events,
        points.dropna(subset=["latitude", "longitude"]).fillna({"status": t("unknown")}),
    )


def profile(
    tables: Mapping[str, pd.DataFrame], countries: pd.DataFrame, place: Place | None
) -> LocalGovernmentProfile | CountryProfile | None:
    """The profile of a place, or None when there is no such place."""
    if place is None:
        return None
    if place.kind == "lg":
        return local_government_profile(tables, countries, place.id)
    return country_profile(tables, countries, place.id)


# --- links from the tables and the map ----------------------------------------------------------------------------
def with_profile_links(table: pd.DataFrame, lg_ids, iso3s, column: str | None = None) -> pd.DataFrame:
    """A copy of `table` with a column of profile links: the local government's where there is one, else the
    country's. `lg_ids` and `iso3s` run along the table's rows."""
    links = [
        profile_path("lg", lg) if isinstance(lg, str) else profile_path("country", c) if isinstance(c, str) else None
        for lg, c in zip(lg_ids, iso3s)
    ]
    return table.assign(**{column or t("Profile"): links})


def map_tables(layers) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Map page's two tables (maps.table_rows, maps.country_table_rows), each with a profile link column."""
    from ssedash import maps

    points = maps.table_rows(layers)
    countries = maps.country_table_rows(layers)  # sorted, with the index of layers.countries
    return (
        with_profile_links(points, layers.points["lg_id"], layers.points["country_iso3"]),
        with_profile_links(countries, [None] * len(countries), layers.countries.loc[countries.index, "iso3"]),
    )


def selected_place(selection: Mapping | None, layers) -> Place | None:
    """The place of the first point clicked on the map (plotly selection: customdata = ISO3, name, …): the local
    government at that name in that country, else the country."""
    points = (selection or {}).get("selection", {}).get("points", [])
    for point in points:
        data = point.get("customdata") or []
        if not data:
            continue
        iso3, name = data[0], data[1] if len(data) > 1 else None
        found = layers.points[
            (layers.points["country_iso3"] == iso3) & (layers.points["name"] == name) & layers.points["lg_id"].notna()
        ]
        return Place("lg", str(found["lg_id"].iloc[0])) if not found.empty else Place("country", str(iso3))
    return None


def map_place(selection: Mapping | None, layers, countries_filter: tuple[str, ...]) -> Place | None:
    """The place whose profile the Map page offers: the point clicked, else the one country filtered to."""
    place = selected_place(selection, layers)
    if place is None and len(countries_filter) == 1:
        place = Place("country", countries_filter[0])
    return place

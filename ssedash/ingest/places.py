"""Local governments named in an upload: known ones reused, new ones placed, the rest reported (design §3).

A known LG (its folded name within its country) is reused; an unknown one with coordinates is added; one
without coordinates whose name matches exactly one gazetteer place in its country is placed there with a
warning; none or several matches is an error listing candidates. New ids are minted by `new_lg_id` and
coordinates outside the stated country are reported by `outside_country_warnings`: both are used by the cities
upload as well. Nothing here mutates what it is given.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

import pandas as pd

from ssedash import schema
from ssedash.i18n import t
from ssedash.problems import ERROR, WARNING, Problem, show
from ssedash.text import normalise_name, slugify

NEW_LG_COLUMNS = [c for c in schema.columns_of("local_government") if c != "source_url"]
_PLACED_COLUMNS = [*NEW_LG_COLUMNS, "line", "first_source_url"]


def new_lg_id(name: str, iso3: str, countries, taken: Container[str]) -> str:
    """A new local government's id, `<iso2>-<slug of the name>`, with -2, -3… when that id is taken."""
    base = f"{str(countries.iso2(iso3) or iso3[:2]).lower()}-{slugify(name)}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def known_index(known: pd.DataFrame | None) -> tuple[dict[tuple[str, str], str], set[str]]:
    """(folded name, ISO3) -> lg_id for the stored local governments, and every id already taken."""
    by_name: dict[tuple[str, str], str] = {}
    if known is None or not len(known):
        return by_name, set()
    for lg_id, name, iso in zip(known["lg_id"], known["name"], known["country_iso3"]):
        by_name.setdefault((normalise_name(name), iso), lg_id)
    return by_name, set(known["lg_id"])


def outside_country_warnings(points: pd.DataFrame, countries, shapes, column: str | None) -> list[Problem]:
    """A warning for each point (name, latitude, longitude, country_iso3, line) outside its stated country,
    saying when latitude and longitude look swapped."""
    from ssedash.reference import looks_swapped_many, points_outside_country  # late: geodata is heavy

    if points.empty or shapes is None:
        return []
    outside = points_outside_country(points["latitude"], points["longitude"], points["country_iso3"], shapes)
    flagged = points[outside.fillna(False).astype(bool).to_numpy()].reset_index(drop=True)
    if flagged.empty:
        return []
    swapped = list(looks_swapped_many(flagged["latitude"], flagged["longitude"], flagged["country_iso3"], shapes))
    problems = []
    for position, c in flagged.iterrows():
        values = {
            "lat": c["latitude"],
            "lon": c["longitude"],
            "name": show(c["name"]),
            "country": countries.shown_name(c["country_iso3"]) or c["country_iso3"],
        }
        message = (
            t(
                "The point {lat}, {lon} for '{name}' is outside {country}: latitude and longitude look swapped: "
                "exchange the two columns' values for this row.",
                **values,
            )
            if swapped[position]
            else t(
                "The point {lat}, {lon} for '{name}' is outside {country}: check the coordinates and the country.",
                **values,
            )
        )
        problems.append(
            Problem(
                int(c["line"]),
                column,
                f"{c['latitude']}, {c['longitude']}",
                "coordinates_outside_country",
                message,
                WARNING,
            )
        )
    return problems


@dataclass(frozen=True)
class Places:
    lg_ids: pd.Series  # per row of the upload (its index): the lg_id, or None where none or unresolved
    new_local_governments: pd.DataFrame  # NEW_LG_COLUMNS, plus "line" and "first_source_url"
    problems: list[Problem] = field(default_factory=list)


def _named(frame: pd.DataFrame, rows: pd.DataFrame, bad_coords: pd.Series) -> pd.DataFrame:
    """One row per upload row naming an LG in a known country: index i, folded key, iso3, line, name."""
    named = frame["local_government"].notna() & rows["country_iso3"].notna() & ~bad_coords
    names = frame["local_government"][named]
    codes, uniques = pd.factorize(names)
    folded = [normalise_name(u) for u in uniques]
    return pd.DataFrame(
        {
            "i": names.index,
            "key": [folded[c] for c in codes],
            "iso3": rows.loc[named, "country_iso3"].to_numpy(),
            "line": rows.loc[named, "line"].to_numpy(),
            "name": names.to_numpy(),
        }
    )


def _first_points(work, rows, has_coords, known_ids, column) -> tuple[pd.DataFrame, list[Problem]]:
    """The first valid coordinate pair given for each LG; different pairs for one new LG get a warning."""
    with_coords = work[has_coords[work["i"]].to_numpy()].copy()
    with_coords["lat"] = rows.loc[with_coords["i"], "latitude"].astype(float).to_numpy()
    with_coords["lon"] = rows.loc[with_coords["i"], "longitude"].astype(float).to_numpy()
    pairs = with_coords.drop_duplicates(["key", "iso3", "lat", "lon"])
    problems = []
    for (key, iso), group in pairs.groupby(["key", "iso3"], sort=False):
        if len(group) > 1 and (key, iso) not in known_ids:
            other = group.iloc[1]
            problems.append(
                Problem(
                    int(other["line"]),
                    column,
                    f"{other['lat']}, {other['lon']}",
                    "lg_coordinates_differ",
                    t(
                        "'{name}' has other coordinates on line {line}; the first ones are used.",
                        name=show(other["name"]),
                        line=int(group.iloc[0]["line"]),
                    ),
                    WARNING,
                )
            )
    return pairs.drop_duplicates(["key", "iso3"]).set_index(["key", "iso3"]), problems


def _first_sources(work: pd.DataFrame, rows: pd.DataFrame) -> dict[tuple[str, str], str]:
    """The first source link given for each LG (its rows' own source; the caller falls back to the edition's)."""
    sourced = work.assign(source_url=rows.loc[work["i"], "source_url"].to_numpy()).dropna(subset=["source_url"])
    first = sourced.drop_duplicates(["key", "iso3"])[["key", "iso3", "source_url"]]
    return {(k, c): u for k, c, u in first.itertuples(index=False)}


def _not_placed(entry, matches: list, countries, gazetteer, column: str) -> Problem:
    country = countries.shown_name(entry.iso3) or entry.iso3
    if matches:
        listed = "; ".join(
            t(
                "{name} (GeoNames {geonameid}, {lat:.3f}, {lon:.3f}, population {population:,})",
                name=p.name,
                geonameid=p.geonameid,
                lat=float(p.latitude),
                lon=float(p.longitude),
                population=int(p.population),
            )
            for p in matches[:5]
        )
        return Problem(
            int(entry.line),
            column,
            entry.name,
            "lg_ambiguous",
            t(
                "'{name}' matches {n} places in {country}: {listed}. Add latitude and longitude to say which one.",
                name=show(entry.name),
                n=len(matches),
                country=country,
                listed=listed,
            ),
            ERROR,
        )
    iso2 = countries.iso2(entry.iso3)
    suggestions = list(gazetteer.suggest(entry.name, iso2, limit=5)) if iso2 else []
    values = {"name": show(entry.name), "country": country}
    message = (
        t(
            "'{name}' is not a known local government in {country} and no place of that name was found. Did you "
            "mean: {suggestions}? Correct the name, or add latitude and longitude columns for it.",
            suggestions=", ".join(p.name for p in suggestions),
            **values,
        )
        if suggestions
        else t(
            "'{name}' is not a known local government in {country} and no place of that name was found. No similar "
            "place name was found. Correct the name, or add latitude and longitude columns for it.",
            **values,
        )
    )
    return Problem(int(entry.line), column, entry.name, "lg_not_found", message, ERROR)


def _from_gazetteer(entry, base: dict, countries, gazetteer, column: str) -> tuple[dict | None, Problem]:
    """An LG without coordinates placed at its one gazetteer match (row, warning), or (None, error)."""
    iso2 = countries.iso2(entry.iso3)
    matches = list(gazetteer.matches(entry.name, iso2)) if iso2 else []
    if len(matches) != 1:
        return None, _not_placed(entry, matches, countries, gazetteer, column)
    place = matches[0]
    row = {
        **base,
        "latitude": float(place.latitude),
        "longitude": float(place.longitude),
        "coord_source": f"geonames:{place.geonameid}",
        "coord_precision": "approximate",
        "notes": f"coordinates from GeoNames: {place.name} ({place.geonameid})",
    }
    return row, Problem(
        int(entry.line),
        column,
        entry.name,
        "lg_resolved_from_gazetteer",
        t(
            "'{name}' is a new local government without coordinates; it was placed at {place} (GeoNames "
            "{geonameid}, {lat:.4f}, {lon:.4f}). Check it on the map, or add latitude and longitude to the file.",
            name=show(entry.name),
            place=place.name,
            geonameid=place.geonameid,
            lat=float(place.latitude),
            lon=float(place.longitude),
        ),
        WARNING,
    )


def _new_rows(
    work: pd.DataFrame,
    rows: pd.DataFrame,
    first_point: pd.DataFrame,
    sources: dict,
    known_ids: dict,
    taken: set[str],
    countries,
    gazetteer,
    column: str,
):
    """(resolved ids by key, new LG rows, rows placed by the file's own coordinates, problems)."""
    resolved: dict[tuple[str, str], str] = {}
    new_rows: list[dict] = []
    typed_points: list[dict] = []
    problems: list[Problem] = []
    taken = set(taken)
    for entry in work.drop_duplicates(["key", "iso3"], keep="first").itertuples(index=False):
        key = (entry.key, entry.iso3)
        if key in known_ids:
            resolved[key] = known_ids[key]
            continue
        lg_id = new_lg_id(entry.name, entry.iso3, countries, taken)
        base = {
            "lg_id": lg_id,
            "name": entry.name,
            "country_iso3": entry.iso3,
            "gsef_member": None,
            "admin_level": rows.at[entry.i, "admin_level"],
            "line": int(entry.line),
            "first_source_url": sources.get(key),
        }
        row: dict | None
        if key in first_point.index:
            point = first_point.loc[key]
            row = {
                **base,
                "latitude": float(point["lat"]),
                "longitude": float(point["lon"]),
                "coord_source": "upload",
                "coord_precision": "exact",
                "notes": None,
            }
            typed_points.append({**row, "line": int(point["line"])})
        else:
            row, problem = _from_gazetteer(entry, base, countries, gazetteer, column)
            problems.append(problem)
        if row is not None:
            new_rows.append(row)
            resolved[key] = lg_id
            taken.add(lg_id)
    return resolved, new_rows, typed_points, problems


def resolve_local_governments(
    frame, rows, has_coords, bad_coords, header_of, *, countries, known, gazetteer, shapes
) -> Places:
    """Each distinct (folded name, country) resolved once; see the module docstring for the rules."""
    none = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    empty = pd.DataFrame(columns=_PLACED_COLUMNS)
    if "local_government" not in frame.columns:
        return Places(none, empty)
    work = _named(frame, rows, bad_coords)
    if work.empty:
        return Places(none, empty)
    column = header_of["local_government"]
    known_ids, taken = known_index(known)
    first_point, problems = _first_points(work, rows, has_coords, known_ids, header_of.get("latitude"))
    resolved, new_rows, typed_points, placing = _new_rows(
        work, rows, first_point, _first_sources(work, rows), known_ids, taken, countries, gazetteer, column
    )
    problems += placing
    lg_ids = none.copy()
    if resolved:
        keys = pd.MultiIndex.from_arrays([work["key"], work["iso3"]])
        lg_ids.loc[work["i"].to_numpy()] = pd.Series(resolved, dtype=object).reindex(keys).to_numpy()
    # Coordinates outside the stated country (new LGs only: known ones keep their stored coordinates).
    problems += outside_country_warnings(
        pd.DataFrame(typed_points), countries, shapes, header_of.get("latitude", "latitude")
    )
    new = pd.DataFrame(new_rows)[_PLACED_COLUMNS] if new_rows else empty
    return Places(lg_ids, new, problems)

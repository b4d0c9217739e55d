"""Unknown local governments: what the analyst must place (`Unresolved`), their answers (`Resolution`), and a
corrected copy of the file with the chosen points (`apply_resolutions`), read by the one guarded reader."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from ssedash import ingest
from ssedash.ingest import ImportPlan
from ssedash.problems import has_errors
from ssedash.records import Records, read_records
from ssedash.text import normalise_name
from ssedash.upload.rewrite import write_copy

UNRESOLVED_RULES = ("lg_not_found", "lg_ambiguous")


@dataclass(frozen=True)
class Resolution:
    """The analyst's answer for one unknown local government: where it is, and where that point came from."""

    name: str  # as written in the file
    country_iso3: str
    latitude: float
    longitude: float
    coord_source: str = "analyst"  # or "geonames:<id>" when picked from the suggestions

    @property
    def key(self) -> tuple[str, str]:
        return normalise_name(self.name), self.country_iso3


@dataclass(frozen=True)
class Unresolved:
    """A local government the file names that is neither known nor placeable: the analyst must place it."""

    line: int | None
    name: str
    country_iso3: str | None
    rule: str
    suggestions: tuple  # reference.Place, best first

    @property
    def key(self) -> tuple[str, str | None]:
        return normalise_name(self.name), self.country_iso3


def _format_coordinate(value: float) -> str:
    return repr(round(float(value), 6))


def _positions(header: list[str], mapping: Mapping[str, str] | None) -> dict[str, int]:
    """Canonical column -> position (the first header meaning it, by `mapping` when given: header -> field),
    latitude and longitude added when missing."""
    position: dict[str, int] = {}
    for i, written in enumerate(header):
        canonical = (ingest.canonical_column(written) if mapping is None else mapping.get(written)) if written else None
        if canonical and canonical not in position:
            position[canonical] = i
    for extra, column in enumerate(c for c in ("latitude", "longitude") if c not in position):
        position[column] = len(header) + extra
    return position


def _filled(read: Records, position: dict[str, int], width: int, chosen: dict, countries) -> list[list[str]]:
    """Every record padded to `width`, with the chosen point where a resolved LG's coordinates are empty."""
    country_cache: dict[str, str | None] = {}
    rows = []
    for _, record in read.rows:
        cells = list(record) + [""] * max(0, width - len(record))
        country_text = cells[position["country"]]
        if country_text not in country_cache:
            country_cache[country_text] = countries.try_resolve(country_text)
        resolution = chosen.get((normalise_name(cells[position["local_government"]]), country_cache[country_text]))
        if resolution is not None and not cells[position["latitude"]] and not cells[position["longitude"]]:
            cells[position["latitude"]] = _format_coordinate(resolution.latitude)
            cells[position["longitude"]] = _format_coordinate(resolution.longitude)
        rows.append(cells)
    return rows


def apply_resolutions(
    raw: bytes,
    file_name: str,
    resolutions: Iterable[Resolution],
    countries,
    *,
    row_cap: int = 200_000,
    mapping: Mapping[str, str] | None = None,
) -> bytes:
    """A corrected copy of the file: each resolved LG's rows get the chosen latitude and longitude.

    Only rows whose coordinate cells are empty are filled; missing latitude/longitude columns are added. Every
    other cell, and every row's file line, stays as it was (an XLSX comes back as CSV with its sheet rows as
    lines, and a line break inside a cell becomes a space), so the report still points at the analyst's own
    file. Returns `raw` unchanged when there is nothing to apply, or when the file does not read cleanly (the
    plan then reports why). The copy is UTF-8 text; the delimiter (and an Excel `sep=` line) is the file's own.
    `mapping` (header as written -> field, the parsed upload's column_mapping) finds the columns when the analyst
    mapped them; by default the header synonyms do.
    """
    chosen = {r.key: r for r in resolutions}
    if not chosen:
        return raw
    read = read_records(raw, row_cap)
    if read.refusal is not None or read.header is None or has_errors(read.problems):
        return raw
    header = [h.strip() for h in read.header]
    position = _positions(header, mapping)
    if "local_government" not in position or "country" not in position:
        return raw
    header += [c for c in ("latitude", "longitude") if position[c] >= len(header)]
    rows = _filled(read, position, len(header), chosen, countries)
    return write_copy(read, header, [(line, cells) for (line, _), cells in zip(read.rows, rows, strict=True)])


def mark_resolved(plan: ImportPlan, resolutions: Iterable[Resolution]) -> ImportPlan:
    """The plan with where each resolved LG's point came from (the corrected file alone would say 'upload')."""
    chosen = {r.key: r for r in resolutions}
    if not chosen or plan.local_governments.empty:
        return plan
    lgs = plan.local_governments.copy()
    for i, row in lgs.iterrows():
        resolution = chosen.get((normalise_name(row["name"]), row["country_iso3"]))
        if resolution is None:
            continue
        from_gazetteer = resolution.coord_source.startswith("geonames:")
        lgs.at[i, "coord_source"] = resolution.coord_source
        lgs.at[i, "coord_precision"] = "approximate" if from_gazetteer else "exact"
        lgs.at[i, "notes"] = (
            "coordinates chosen by the analyst from GeoNames suggestions at upload"
            if from_gazetteer
            else "coordinates typed by the analyst at upload"
        )
    return dataclasses.replace(plan, local_governments=lgs)


def find_unresolved(plan: ImportPlan, parsed: ingest.ParsedUpload, countries, gazetteer) -> tuple[Unresolved, ...]:
    """The plan's unknown or ambiguous LGs, each with gazetteer suggestions (every exact match first)."""
    by_line = parsed.frame.set_index("line") if "line" in parsed.frame.columns else parsed.frame
    found: list[Unresolved] = []
    for problem in plan.problems:
        if problem.rule not in UNRESOLVED_RULES or problem.value is None:
            continue
        iso3 = None
        if problem.line is not None and "country" in by_line.columns and problem.line in by_line.index:
            iso3 = countries.try_resolve(by_line.at[problem.line, "country"])
        iso2 = countries.iso2(iso3) if iso3 else None
        suggestions = tuple(gazetteer.suggest(problem.value, iso2, limit=5)) if iso2 else ()
        if problem.rule == "lg_ambiguous" and iso2:
            exact = tuple(gazetteer.matches(problem.value, iso2))
            suggestions = exact + tuple(s for s in suggestions if s not in exact)
        found.append(Unresolved(problem.line, problem.value, iso3, problem.rule, suggestions[:8]))
    return tuple(found)


def suggestion_points(item: Unresolved) -> pd.DataFrame:
    """An unresolved LG's gazetteer suggestions as points for a small map."""
    return pd.DataFrame(
        [
            {
                "name": p.name,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "geonameid": p.geonameid,
                "population": p.population,
            }
            for p in item.suggestions
        ],
        columns=["name", "latitude", "longitude", "geonameid", "population"],
    )

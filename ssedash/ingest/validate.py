"""Step 2: every cell of a parsed upload checked, countries and local governments resolved (`validate_upload`).

Returns typed rows and problems; see ssedash.ingest.cells for the numbers and ssedash.ingest.places for the
local governments. Reference data (country resolver, gazetteer, shapes, known rows) is injected.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ssedash import schema
from ssedash.i18n import t
from ssedash.ingest.cells import typed_cells
from ssedash.ingest.places import resolve_local_governments
from ssedash.ingest.problems import cap_problems
from ssedash.ingest.shapes import ParsedUpload
from ssedash.problems import ERROR, Problem, show

TEXT_COLUMNS = ("programme", "edition", "role", "gender", "admin_level", "source_url", "event_kind", "local_government")


@dataclass(frozen=True)
class Validated:
    rows: pd.DataFrame  # typed rows; see validate_upload
    new_local_governments: pd.DataFrame  # LocalGovernmentTable columns except source_url, plus "line"
    problems: list[Problem]


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame.columns:
        return frame[column]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _missing_years(frame: pd.DataFrame, header_of: dict[str, str]) -> list[Problem]:
    if "year" not in frame.columns:
        return []
    return [
        Problem(
            int(frame.at[i, "line"]),
            header_of["year"],
            None,
            "missing_value",
            t("The year is empty: every row needs the edition's year."),
            ERROR,
        )
        for i in frame.index[frame["year"].isna()]
    ]


def _coordinate_pairs(frame, rows, failed, header_of) -> tuple[pd.Series, pd.Series, list[Problem]]:
    """(rows with a usable pair, rows with coordinates written but unusable, 'give both' problems)."""
    lat_text, lon_text = _text(frame, "latitude").notna(), _text(frame, "longitude").notna()
    half = (lat_text ^ lon_text) & ~failed
    problems = []
    for i in half[half].index:
        column = "longitude" if lat_text[i] else "latitude"
        problems.append(
            Problem(
                int(frame.at[i, "line"]),
                header_of.get(column, column),
                None,
                "coordinates_incomplete",
                t("Give both latitude and longitude, or neither."),
                ERROR,
            )
        )
    has_coords = rows["latitude"].notna() & rows["longitude"].notna() & ~half
    # coordinates written but unusable: already an error; such rows are not looked up in the gazetteer
    return has_coords, (lat_text | lon_text) & ~has_coords, problems


def _countries(frame, header_of, countries) -> tuple[pd.Series, list[Problem]]:
    """ISO3 per row (each distinct spelling resolved once), and the rows with none or an unknown country."""
    if "country" not in frame.columns:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object), []
    codes, uniques = pd.factorize(frame["country"], use_na_sentinel=True)
    resolved = list(countries.resolve_many(pd.Series(list(uniques), dtype=object))) if len(uniques) else []
    resolved = [None if pd.isna(r) else str(r) for r in resolved] + [None]
    iso3 = pd.Series([resolved[c] for c in codes], index=frame.index, dtype=object)
    column = header_of["country"]
    problems = [
        Problem(
            int(frame.at[i, "line"]),
            column,
            None,
            "missing_value",
            t("The country is empty: every row needs a country."),
            ERROR,
        )
        for i in frame.index[frame["country"].isna()]
    ]
    problems += [
        Problem(
            int(frame.at[i, "line"]),
            column,
            frame.at[i, "country"],
            "unknown_country",
            t(
                "'{value}' is not a country we know: use an ISO code (e.g. FR or FRA) or the English, French or "
                "Spanish name.",
                value=show(frame.at[i, "country"]),
            ),
            ERROR,
        )
        for i in frame.index[frame["country"].notna() & iso3.isna()]
    ]
    return iso3, problems


def _bad_urls(frame, header_of) -> list[Problem]:
    """Source URLs must be links the store accepts."""
    if "source_url" not in frame.columns:
        return []
    url_ok = frame["source_url"].isna() | frame["source_url"].fillna("").str.match(schema.URL)
    return [
        Problem(
            int(frame.at[i, "line"]),
            header_of["source_url"],
            frame.at[i, "source_url"],
            "bad_url",
            t(
                "'{value}' is not a link: use a full address starting with https:// or leave the cell empty.",
                value=show(frame.at[i, "source_url"]),
            ),
            ERROR,
        )
        for i in frame.index[~url_ok]
    ]


def check_rows(
    parsed: ParsedUpload, *, countries, known_local_governments, gazetteer, shapes, decimal_comma: bool | None
) -> Validated:
    """Typed rows, new local governments and the problems of every check (parse problems excluded)."""
    frame, header_of = parsed.frame, parsed.header_of
    if decimal_comma is None:
        decimal_comma = parsed.delimiter == ";"
    rows = pd.DataFrame({"line": frame["line"], **{c: _text(frame, c) for c in TEXT_COLUMNS}})
    typed = typed_cells(frame, header_of, decimal_comma)
    rows = pd.concat([rows, typed.columns], axis=1)
    has_coords, bad_coords, pair_problems = _coordinate_pairs(frame, rows, typed.failed, header_of)
    iso3, country_problems = _countries(frame, header_of, countries)
    rows["country_iso3"] = iso3
    places = resolve_local_governments(
        frame,
        rows,
        has_coords,
        bad_coords,
        header_of,
        countries=countries,
        known=known_local_governments,
        gazetteer=gazetteer,
        shapes=shapes,
    )
    rows["lg_id"] = places.lg_ids
    problems = [
        *typed.problems,
        *_missing_years(frame, header_of),
        *pair_problems,
        *country_problems,
        *_bad_urls(frame, header_of),
        *places.problems,
    ]
    return Validated(rows.reset_index(drop=True), places.new_local_governments, problems)


def validate_upload(
    parsed: ParsedUpload,
    *,
    countries,
    known_local_governments: pd.DataFrame,
    gazetteer,
    shapes,
    decimal_comma: bool | None = None,
) -> tuple[pd.DataFrame, tuple[Problem, ...]]:
    """Check every cell of a parsed upload and resolve its countries and local governments.

    Returns the typed rows (line, year, participants, latitude, longitude as numbers; country_iso3; lg_id for
    known and new local governments, <NA> where none or unresolved; the text columns) and all problems, parse
    problems included. `decimal_comma=None` accepts `-6,92` when the file is `;`-separated.
    """
    if parsed.frame.empty:
        return parsed.frame.copy(), cap_problems(list(parsed.problems))
    checked = check_rows(
        parsed,
        countries=countries,
        known_local_governments=known_local_governments,
        gazetteer=gazetteer,
        shapes=shapes,
        decimal_comma=decimal_comma,
    )
    return checked.rows, cap_problems([*parsed.problems, *checked.problems])

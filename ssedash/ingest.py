"""Uploads: bytes -> parsed frame -> validation report -> import plan. Pure: nothing here reads files or a store.

Three steps, each usable alone (the upload page, `python -m ssedash check` and `import` share them):

- `parse_upload(raw, file_name)` reads the bytes with the guarded reader `ssedash.records.read_records` (UTF-8,
  UTF-16 with a BOM, else Windows-1252; delimiter sniffed; XLSX streamed up to the row cap; a quote that swallows
  rows, a missing cell, a huge cell or a NUL byte named as problems), maps the headers to the canonical upload
  columns (schema.UPLOAD_SYNONYMS), drops personal-data columns (schema.PII_SYNONYMS) and records the file line
  of every row.
- `validate_upload(parsed, ...)` parses numbers cell by cell, runs a pandera schema over the typed columns,
  resolves countries and local governments (DESIGN.md §3) and reports every problem with line, column and value.
- `build_import_plan(raw, file_name, details=..., ...)` adds the edition decisions (programme, year, edition id)
  and returns the rows a commit would write, ready for the store.

Reference data (country resolver, gazetteer, shapes, known rows) is injected; see ssedash.reference.

Line numbers: the header is line 1 and a row's line is the file line where the row *starts*, counted with the csv
module, so a quoted cell with a newline inside does not shift later rows. For XLSX the line is the sheet row.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from ssedash import edition_fields, limits, schema
from ssedash.problems import ERROR, INFO, WARNING, Problem, show
from ssedash.quantity import Quantity
from ssedash.text import fold_header, neutralise_formula, neutralise_formulas, normalise_name, slugify  # noqa: F401
from ssedash.records import DELIMITERS, decode_text, is_xlsx, looks_binary, read_records, sniff_delimiter  # noqa: F401

MAX_PROBLEMS_PER_RULE = 100  # per (rule, column); the rest are counted in one "more_problems" line

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


# --- Data shapes ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedUpload:
    file_name: str
    sha256: str
    encoding: str | None
    delimiter: str | None
    kind: str  # "csv" | "xlsx"
    frame: pd.DataFrame  # text cells, canonical column names, plus int column "line"
    column_mapping: dict[str, str]  # header as written -> canonical name
    dropped_pii: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def header_of(self) -> dict[str, str]:
        """Canonical name -> header as written (for messages)."""
        return {canonical: header for header, canonical in self.column_mapping.items()}


@dataclass(frozen=True)
class EditionDetails:
    programme: str | None = None  # programme id or name
    edition_id: str | None = None
    name: str | None = None
    year: int | None = None
    start_date: str | None = None
    end_date: str | None = None
    host_city: str | None = None
    host_country: str | None = None  # any country spelling; resolved to ISO3
    format: str = "in_person"
    event_kind: str | None = None  # one of schema.EVENT_KINDS (or a synonym); None = not given: "training"
    # Reported figures as given: a whole number, a Quantity, or text such as "5,700+", "over 200", "about 15".
    reported_participants: Quantity | int | str | None = None
    reported_countries: Quantity | int | str | None = None
    reported_local_governments: Quantity | int | str | None = None
    source_url: str | None = None
    notes: str | None = None


class HasProblems:
    """Errors and warnings of anything that carries `problems` (an import plan, a cities plan)."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == WARNING)


@dataclass(frozen=True)
class ImportPlan(HasProblems):
    file_name: str
    sha256: str
    programmes: pd.DataFrame  # new programme rows only
    editions: pd.DataFrame  # one row: the edition this file adds or replaces (empty when the plan has errors)
    replaces_existing_edition: bool
    local_governments: pd.DataFrame  # new local_government rows only
    participation: pd.DataFrame  # participation rows, in file order
    problems: tuple[Problem, ...]
    detected: dict = field(default_factory=dict)

    @property
    def can_commit(self) -> bool:
        return not self.errors

    @property
    def edition_id(self) -> str | None:
        return None if self.editions.empty else str(self.editions["edition_id"].iloc[0])


# --- Text helpers -----------------------------------------------------------------------------------------------


_SYNONYM_INDEX: dict[str, str] = {
    fold_header(synonym): canonical
    for canonical, synonyms in schema.UPLOAD_SYNONYMS.items()
    for synonym in (canonical, *synonyms)
}
_PII_INDEX: frozenset[str] = frozenset(fold_header(s) for s in schema.PII_SYNONYMS)


def canonical_column(header: str) -> str | None:
    """The canonical upload column a header stands for, or None."""
    return _SYNONYM_INDEX.get(fold_header(header))


def is_pii_column(header: str) -> bool:
    return fold_header(header) in _PII_INDEX


_show = show


def _upload_source(file_name: str, sha256: str) -> str:
    base = re.sub(r"\s+", "_", file_name.replace("\\", "/").rsplit("/", 1)[-1]) or "file"
    return f"upload:{base}#sha256={sha256[:12]}"


# --- Step 1: parse ----------------------------------------------------------------------------------------------


def _refused(file_name, sha256, kind, problem, encoding=None, delimiter=None) -> ParsedUpload:
    return ParsedUpload(
        file_name=file_name, sha256=sha256, encoding=encoding, delimiter=delimiter, kind=kind,
        frame=pd.DataFrame({"line": pd.Series([], dtype="int64")}), column_mapping={}, dropped_pii=(),
        ignored_columns=(), problems=(problem,),
    )


def parse_upload(
    raw: bytes, file_name: str, *, row_cap: int = 200_000, required: Iterable[str] = schema.UPLOAD_REQUIRED
) -> ParsedUpload:
    """Read an upload's bytes into text cells under canonical column names, with every problem found on the way.

    `required` defaults to the upload contract (year, country); build_import_plan drops `year` when the edition
    details give it.
    """
    sha256 = hashlib.sha256(raw).hexdigest()
    read = read_records(raw, row_cap)
    kind, encoding, delimiter = read.kind, read.encoding, read.delimiter
    if read.refusal is not None:
        return _refused(file_name, sha256, kind, read.refusal, encoding, delimiter)
    problems: list[Problem] = []
    if encoding == "cp1252":
        problems.append(Problem(
            None, None, None, "encoding",
            "The file is not UTF-8; it was read as Windows-1252 (cp1252). Check accented names in the preview.",
            INFO))
    if read.header is None:
        return _refused(file_name, sha256, kind, Problem(
            None, None, None, "empty_file", "The file is empty: there is nothing to import.", ERROR),
            encoding, delimiter)
    problems.extend(read.problems)  # multiline_field, field_count, too_many_cells, cell_too_long, nul_byte
    header_line, rows = read.header_line, read.rows

    header = [h.strip() for h in read.header]
    column_mapping: dict[str, str] = {}
    dropped: list[str] = []
    ignored: list[str] = []
    keep: list[tuple[int, str]] = []  # (position, canonical)
    seen: dict[str, str] = {}
    for position, written in enumerate(header):
        canonical = canonical_column(written) if written else None
        if canonical is not None:
            if canonical in seen:
                problems.append(Problem(
                    header_line, written, written, "duplicate_header",
                    f"Columns '{seen[canonical]}' and '{written}' both mean '{canonical}': keep only one of them.",
                    ERROR))
                continue
            seen[canonical] = written
            column_mapping[written] = canonical
            keep.append((position, canonical))
        elif written and is_pii_column(written):
            dropped.append(written)
            problems.append(Problem(
                header_line, written, None, "pii_dropped",
                f"Column '{written}' holds personal data (names, e-mails, phone numbers): it was dropped and is "
                "not stored.", INFO))
        else:
            has_data = any(position < len(cells) and cells[position].strip() for _, cells in rows)
            if written or has_data:
                label = written or f"(unnamed column {position + 1})"
                ignored.append(label)
                problems.append(Problem(
                    header_line, label, None, "unknown_column",
                    f"Column '{label}' is not part of the upload template and was ignored. Expected columns: "
                    + ", ".join(schema.UPLOAD_COLUMNS) + ".", WARNING))

    for name in required:
        if name not in seen:
            synonyms = ", ".join(schema.UPLOAD_SYNONYMS[name][:4])
            problems.append(Problem(
                header_line, None, None, "missing_column",
                f"The required column '{name}' is missing (accepted headers include {synonyms}). "
                f"Headers found: {', '.join(h for h in header if h) or 'none'}.", ERROR))

    width = len(header)
    # Identical rows, compared on every cell as written (personal-data columns included, so two people who
    # differ only by name are not called duplicates; their names still go nowhere).
    first_seen: dict[tuple[str, ...], int] = {}
    for line, cells in rows:
        key = tuple(cells[:width])
        first = first_seen.setdefault(key, line)
        if first != line:
            problems.append(Problem(
                line, None, None, "duplicate_row",
                f"Line {line} repeats line {first} exactly. If they are two people with the same details, this "
                "is fine; otherwise delete one.", WARNING))

    positions = [p for p, _ in keep]
    names = [c for _, c in keep]
    data = [[(cells[p] or None) if p < len(cells) else None for p in positions] for _, cells in rows]
    frame = pd.DataFrame(data, columns=names, dtype=object)
    frame.insert(0, "line", pd.Series([line for line, _ in rows], dtype="int64"))

    if not rows:
        problems.append(Problem(
            None, None, None, "header_only", "The file has a header but no data rows.", ERROR))

    return ParsedUpload(
        file_name=file_name, sha256=sha256, encoding=encoding, delimiter=delimiter, kind=kind, frame=frame,
        column_mapping=column_mapping, dropped_pii=tuple(dropped), ignored_columns=tuple(ignored),
        problems=tuple(problems),
    )


# --- Step 2: validate -------------------------------------------------------------------------------------------

_INT_RE = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_NUMBER_MESSAGES = {
    "year": "a year such as 2019",
    "participants": "a whole number of 1 or more, or leave it empty if unknown",
    "latitude": "a decimal number between -90 and 90, such as -6.92",
    "longitude": "a decimal number between -180 and 180, such as 107.61",
}


_INT_BOUNDS = {  # column: (lowest, rule below it, highest, rule above it)
    "year": (limits.YEAR_MIN, "year_range", limits.YEAR_MAX, "year_range"),
    "participants": (1, "must_be_positive", limits.MAX_PARTICIPANTS_PER_ROW, "too_large"),
}


def _parse_int(text: str, column: str = "participants") -> tuple[int | None, str | None]:
    """(value, failed rule) for one cell; out of range is a rule here, so a huge number never reaches Int64."""
    candidate = text.replace("\u00a0", "").replace(" ", "")
    if _INT_RE.match(candidate):
        whole = candidate.split(".")[0]
        low, below, high, above = _INT_BOUNDS[column]
        if len(whole.lstrip("+-").lstrip("0")) > limits.MAX_INT_DIGITS:  # not even converted
            return None, below if whole.startswith("-") else above
        value = int(whole)
        if value < low:
            return None, below
        return (None, above) if value > high else (value, None)
    try:
        number = float(candidate.replace(",", ".")) if candidate.count(",") <= 1 else float("nan")
    except ValueError:
        return None, "not_a_number"
    return (None, "not_an_integer") if math.isfinite(number) else (None, "not_a_number")


def parse_float(text: str, decimal_comma: bool) -> tuple[float | None, str | None]:
    candidate = text.replace("\u00a0", "").replace(" ", "")
    if decimal_comma and "," in candidate and "." not in candidate and candidate.count(",") == 1:
        candidate = candidate.replace(",", ".")
    try:
        number = float(candidate)
    except ValueError:
        return None, "not_a_number"
    return (number, None) if math.isfinite(number) else (None, "not_a_number")


def _typed_column(text: pd.Series, parse) -> tuple[pd.Series, pd.Series]:
    """Parse each distinct value once: (values, failed rule per row or None)."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    results = [parse(u) for u in uniques]
    values = [r[0] for r in results] + [None]
    rules = [r[1] for r in results] + [None]
    return (pd.Series([values[c] for c in codes], index=text.index, dtype=object),
            pd.Series([rules[c] for c in codes], index=text.index, dtype=object))


def _cell_message(column: str, value: str, rule: str) -> str:
    expected = _NUMBER_MESSAGES[column]
    if rule == "too_large":
        return (f"'{_show(value)}' is more than {limits.MAX_PARTICIPANTS_PER_ROW:,} participants on one row: check "
                "the cell (a count of people, not a total or an id), or split the count over several rows.")
    what = "participant count" if column == "participants" else column
    return f"'{_show(value)}' is not a valid {what}: use {expected}."


_RANGE_RULES = {
    "year": "year_range", "participants": "must_be_positive",
    "latitude": "latitude_range", "longitude": "longitude_range",
}

_TYPED_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column("Int64", pa.Check.in_range(1990, 2100), nullable=True, required=False),
        "participants": pa.Column("Int64", pa.Check.ge(1), nullable=True, required=False),
        "latitude": pa.Column("Float64", pa.Check.in_range(-90, 90), nullable=True, required=False),
        "longitude": pa.Column("Float64", pa.Check.in_range(-180, 180), nullable=True, required=False),
    },
    strict=False,
)


def _geo_checks():
    """The reference module's coordinate checks (imported late so ingest loads without geodata)."""
    from ssedash.reference import looks_swapped_many, points_outside_country

    return points_outside_country, looks_swapped_many


def cap_problems(problems: list[Problem]) -> tuple[Problem, ...]:
    """At most MAX_PROBLEMS_PER_RULE per (rule, column), plus one line counting the rest; sorted by line."""
    kept: list[Problem] = []
    counts: dict[tuple[str, str | None], int] = {}
    for p in problems:
        key = (p.rule, p.column)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= MAX_PROBLEMS_PER_RULE:
            kept.append(p)
    for (rule, column), n in counts.items():
        if n > MAX_PROBLEMS_PER_RULE:
            severity = next(p.severity for p in problems if p.rule == rule and p.column == column)
            kept.append(Problem(
                None, column, str(n), "more_problems",
                f"{n - MAX_PROBLEMS_PER_RULE:,} more '{rule}' problems"
                + (f" in column '{column}'" if column else "") + f" are not listed ({n:,} in all).", severity))
    kept.sort(key=lambda p: (p.line is not None, p.line or 0))
    return tuple(kept)


@dataclass(frozen=True)
class _Validated:
    rows: pd.DataFrame  # typed rows; see validate_upload
    new_local_governments: pd.DataFrame  # LocalGovernmentTable columns except source_url, plus "line"
    problems: list[Problem]


def _validate(parsed, *, countries, known_local_governments, gazetteer, shapes, decimal_comma) -> _Validated:
    frame = parsed.frame
    header_of = parsed.header_of
    problems: list[Problem] = []
    if decimal_comma is None:
        decimal_comma = parsed.delimiter == ";"

    def text(column: str) -> pd.Series:
        if column in frame.columns:
            return frame[column]
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)

    lines = frame["line"]
    rows = pd.DataFrame({"line": lines})
    for column in ("programme", "edition", "role", "gender", "admin_level", "source_url", "event_kind"):
        rows[column] = text(column)
    rows["local_government"] = text("local_government")

    # Phase 1: parse numbers cell by cell.
    typed = pd.DataFrame(index=frame.index)
    parsers = {
        "year": lambda v: _parse_int(v, "year"),
        "participants": lambda v: _parse_int(v, "participants"),
        "latitude": lambda v: parse_float(v, decimal_comma),
        "longitude": lambda v: parse_float(v, decimal_comma),
    }
    failed_cells = pd.Series(False, index=frame.index)
    for column, parse in parsers.items():
        if column not in frame.columns:
            continue
        values, rules = _typed_column(frame[column], parse)
        bad = rules.notna()
        for i in bad[bad].index:
            value = frame.at[i, column]
            problems.append(Problem(int(lines[i]), header_of[column], value, rules[i],
                                    _cell_message(column, value, rules[i]), ERROR))
        failed_cells |= bad
        dtype = "Int64" if column in ("year", "participants") else "Float64"
        typed[column] = pd.array(values.where(~bad, None).tolist(), dtype=dtype)

    # Phase 2: pandera on the typed columns, every failure case turned into a problem.
    try:
        _TYPED_SCHEMA.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        for case in exc.failure_cases.itertuples(index=False):
            column = case.column
            if column not in _RANGE_RULES or pd.isna(case.index):
                continue
            i = int(case.index)
            value = frame.at[i, column]
            rule = _RANGE_RULES[column]
            problems.append(Problem(int(lines[i]), header_of[column], value, rule,
                                    _cell_message(column, value, rule), ERROR))
            typed.at[i, column] = pd.NA
    for column in ("year", "participants", "latitude", "longitude"):
        rows[column] = typed[column] if column in typed.columns else pd.array([pd.NA] * len(frame),
                                                                            dtype="Int64" if column in (
                                                                                "year", "participants") else
                                                                            "Float64")

    if "year" in frame.columns:
        for i in frame.index[frame["year"].isna()]:
            problems.append(Problem(int(lines[i]), header_of["year"], None, "missing_value",
                                    "The year is empty: every row needs the edition's year.", ERROR))

    # Coordinates come in pairs.
    has_lat, has_lon = rows["latitude"].notna(), rows["longitude"].notna()
    lat_text, lon_text = text("latitude").notna(), text("longitude").notna()
    half = (lat_text ^ lon_text) & ~failed_cells
    for i in half[half].index:
        column = "longitude" if lat_text[i] else "latitude"
        problems.append(Problem(int(lines[i]), header_of.get(column, column), None, "coordinates_incomplete",
                                "Give both latitude and longitude, or neither.", ERROR))
    has_coords = has_lat & has_lon & ~half
    # coordinates written but unusable: already an error; do not also look such rows up in the gazetteer
    bad_coords = (lat_text | lon_text) & ~has_coords

    # Countries: resolve each distinct spelling once.
    iso3 = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if "country" in frame.columns:
        codes, uniques = pd.factorize(frame["country"], use_na_sentinel=True)
        resolved = list(countries.resolve_many(pd.Series(list(uniques), dtype=object))) if len(uniques) else []
        resolved = [None if pd.isna(r) else str(r) for r in resolved] + [None]
        iso3 = pd.Series([resolved[c] for c in codes], index=frame.index, dtype=object)
        column = header_of["country"]
        for i in frame.index[frame["country"].isna()]:
            problems.append(Problem(int(lines[i]), column, None, "missing_value",
                                    "The country is empty: every row needs a country.", ERROR))
        for i in frame.index[frame["country"].notna() & iso3.isna()]:
            value = frame.at[i, "country"]
            problems.append(Problem(
                int(lines[i]), column, value, "unknown_country",
                f"'{_show(value)}' is not a country we know: use an ISO code (e.g. FR or FRA) or the English, "
                "French or Spanish name.", ERROR))
    rows["country_iso3"] = iso3

    # Source URLs must be links the store accepts.
    if "source_url" in frame.columns:
        url_ok = frame["source_url"].isna() | frame["source_url"].fillna("").str.match(schema.URL)
        for i in frame.index[~url_ok]:
            value = frame.at[i, "source_url"]
            problems.append(Problem(int(lines[i]), header_of["source_url"], value, "bad_url",
                                    f"'{_show(value)}' is not a link: use a full address starting with "
                                    "https:// or leave the cell empty.", ERROR))

    # Local governments: resolve each distinct (normalised name, country) once.
    rows["lg_id"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    new_lgs = _resolve_local_governments(
        frame, rows, has_coords, bad_coords, header_of, countries, known_local_governments, gazetteer, shapes, problems)

    rows = rows.reset_index(drop=True)
    return _Validated(rows=rows, new_local_governments=new_lgs, problems=problems)


_NEW_LG_COLUMNS = [c for c in schema.columns_of("local_government") if c != "source_url"]


def _resolve_local_governments(frame, rows, has_coords, bad_coords, header_of, countries, known, gazetteer, shapes,
                               problems) -> pd.DataFrame:
    empty = pd.DataFrame(columns=[*_NEW_LG_COLUMNS, "line", "first_source_url"])
    if "local_government" not in frame.columns:
        return empty
    lg_column = header_of["local_government"]
    named = frame["local_government"].notna() & rows["country_iso3"].notna() & ~bad_coords
    if not named.any():
        return empty
    names = frame["local_government"]
    codes, uniques = pd.factorize(names[named])
    folded = [normalise_name(u) for u in uniques]
    work = pd.DataFrame({
        "i": names[named].index,
        "key": [folded[c] for c in codes],
        "iso3": rows.loc[named, "country_iso3"].to_numpy(),
        "line": rows.loc[named, "line"].to_numpy(),
        "name": names[named].to_numpy(),
    })
    first = work.drop_duplicates(["key", "iso3"], keep="first")

    known_ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    if known is not None and len(known):
        for lg_id, name, iso in zip(known["lg_id"], known["name"], known["country_iso3"]):
            known_ids.setdefault((normalise_name(name), iso), lg_id)
            taken.add(lg_id)

    # The first valid coordinate pair given for each LG; different pairs for one LG get a warning.
    with_coords = work[has_coords[work["i"]].to_numpy()].copy()
    with_coords["lat"] = rows.loc[with_coords["i"], "latitude"].astype(float).to_numpy()
    with_coords["lon"] = rows.loc[with_coords["i"], "longitude"].astype(float).to_numpy()
    pairs = with_coords.drop_duplicates(["key", "iso3", "lat", "lon"])
    first_pair = pairs.drop_duplicates(["key", "iso3"]).set_index(["key", "iso3"])
    for (key, iso), group in pairs.groupby(["key", "iso3"], sort=False):
        if len(group) > 1 and (key, iso) not in known_ids:
            other = group.iloc[1]
            problems.append(Problem(
                int(other["line"]), header_of.get("latitude"), f"{other['lat']}, {other['lon']}",
                "lg_coordinates_differ",
                f"'{_show(other['name'])}' has other coordinates on line {int(group.iloc[0]['line'])}; "
                "the first ones are used.", WARNING))

    # The first source link given for each LG (its rows' own source, else the edition's).
    sourced = work.assign(source_url=rows.loc[work["i"], "source_url"].to_numpy()).dropna(subset=["source_url"])
    first_source = {(k, c): u for k, c, u in sourced.drop_duplicates(["key", "iso3"])[["key", "iso3", "source_url"]]
                    .itertuples(index=False)}
    resolved: dict[tuple[str, str], str] = {}
    new_rows: list[dict] = []
    outside_candidates: list[dict] = []

    def new_id(name: str, iso: str) -> str:
        iso2 = countries.iso2(iso) or iso[:2]
        base = f"{str(iso2).lower()}-{slugify(name)}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    for entry in first.itertuples(index=False):
        key = (entry.key, entry.iso3)
        if key in known_ids:
            resolved[key] = known_ids[key]
            continue
        admin_level = rows.at[entry.i, "admin_level"]
        base = {
            "name": entry.name, "country_iso3": entry.iso3, "admin_level": admin_level, "gsef_member": None,
            "line": int(entry.line), "first_source_url": first_source.get(key),
        }
        if key in first_pair.index:
            point = first_pair.loc[key]
            lg_id = new_id(entry.name, entry.iso3)
            row = {**base, "lg_id": lg_id, "latitude": float(point["lat"]), "longitude": float(point["lon"]),
                   "coord_source": "upload", "coord_precision": "exact", "notes": None}
            new_rows.append(row)
            outside_candidates.append({**row, "coord_line": int(point["line"])})
            resolved[key] = lg_id
            continue
        iso2 = countries.iso2(entry.iso3)
        matches = list(gazetteer.matches(entry.name, iso2)) if iso2 else []
        if len(matches) == 1:
            place = matches[0]
            lg_id = new_id(entry.name, entry.iso3)
            new_rows.append({**base, "lg_id": lg_id, "latitude": float(place.latitude),
                             "longitude": float(place.longitude), "coord_source": f"geonames:{place.geonameid}",
                             "coord_precision": "approximate",
                             "notes": f"coordinates from GeoNames: {place.name} ({place.geonameid})"})
            resolved[key] = lg_id
            problems.append(Problem(
                int(entry.line), lg_column, entry.name, "lg_resolved_from_gazetteer",
                f"'{_show(entry.name)}' is a new local government without coordinates; it was placed at "
                f"{place.name} (GeoNames {place.geonameid}, {place.latitude:.4f}, {place.longitude:.4f}). "
                "Check it on the map, or add latitude and longitude to the file.", WARNING))
        elif not matches:
            suggestions = list(gazetteer.suggest(entry.name, iso2, limit=5)) if iso2 else []
            country = countries.name(entry.iso3) or entry.iso3
            hint = ("Did you mean: " + ", ".join(p.name for p in suggestions) + "? "
                    if suggestions else "No similar place name was found. ")
            problems.append(Problem(
                int(entry.line), lg_column, entry.name, "lg_not_found",
                f"'{_show(entry.name)}' is not a known local government in {country} and no place of that name "
                f"was found. {hint}Correct the name, or add latitude and longitude columns for it.", ERROR))
        else:
            listed = "; ".join(
                f"{p.name} (GeoNames {p.geonameid}, {p.latitude:.3f}, {p.longitude:.3f}, population "
                f"{p.population:,})" for p in matches[:5])
            problems.append(Problem(
                int(entry.line), lg_column, entry.name, "lg_ambiguous",
                f"'{_show(entry.name)}' matches {len(matches)} places in "
                f"{countries.name(entry.iso3) or entry.iso3}: {listed}. "
                "Add latitude and longitude to say which one.", ERROR))

    # Per-row lg_id.
    lookup = pd.Series(resolved, dtype=object)
    if len(lookup):
        keys = pd.MultiIndex.from_arrays([work["key"], work["iso3"]])
        ids = lookup.reindex(keys).to_numpy()
        rows.loc[work["i"].to_numpy(), "lg_id"] = ids

    # Coordinates outside the stated country (new LGs only: known ones keep their stored coordinates).
    if outside_candidates and shapes is not None:
        points_outside_country, looks_swapped_many = _geo_checks()
        cand = pd.DataFrame(outside_candidates)
        outside = points_outside_country(cand["latitude"], cand["longitude"], cand["country_iso3"], shapes)
        flagged = cand[outside.fillna(False).astype(bool).to_numpy()].reset_index(drop=True)
        swapped_flags = (list(looks_swapped_many(flagged["latitude"], flagged["longitude"],
                                                 flagged["country_iso3"], shapes)) if len(flagged) else [])
        lat_col = header_of.get("latitude", "latitude")
        for position, c in flagged.iterrows():
            country = countries.name(c["country_iso3"]) or c["country_iso3"]
            swapped = bool(swapped_flags[position])
            hint = ("latitude and longitude look swapped: exchange the two columns' values for this row."
                    if swapped else "check the coordinates and the country.")
            problems.append(Problem(
                int(c["coord_line"]), lat_col, f"{c['latitude']}, {c['longitude']}",
                "coordinates_outside_country",
                f"The point {c['latitude']}, {c['longitude']} for '{_show(c['name'])}' is outside {country}: "
                + hint, WARNING))

    if not new_rows:
        return empty
    return pd.DataFrame(new_rows)[[*_NEW_LG_COLUMNS, "line", "first_source_url"]]


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
    checked = _validate(parsed, countries=countries, known_local_governments=known_local_governments,
                        gazetteer=gazetteer, shapes=shapes, decimal_comma=decimal_comma)
    return checked.rows, cap_problems([*parsed.problems, *checked.problems])


# --- Step 3: the import plan ------------------------------------------------------------------------------------


def empty_table(table: str) -> pd.DataFrame:
    """A table with no rows and the model's dtypes (a fresh copy: building one through pandera is slow)."""
    return _empty_table(table).copy()


@functools.lru_cache(maxsize=None)
def _empty_table(table: str) -> pd.DataFrame:
    return schema.TABLE_MODELS[table].to_schema().coerce_dtype(
        pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.columns_of(table)}))


def _single_value(rows: pd.DataFrame, column: str, header_of: dict, problems: list, what: str):
    """The one value of a column for the whole file, or None; several -> a 'several_editions' error."""
    if column not in rows.columns:
        return None
    present = rows[column].dropna()
    if present.empty:
        return None
    distinct = list(dict.fromkeys(present.astype(str) if column != "year" else present.astype(int)))
    if len(distinct) > 1:
        first_other = present[present.astype(str) != str(distinct[0])].index[0]
        problems.append(Problem(
            int(rows.at[first_other, "line"]), header_of.get(column, column), str(distinct[1]),
            "several_editions",
            f"The file mixes {len(distinct)} {what}s ({', '.join(map(str, distinct[:5]))}): one file adds one "
            "edition; split it into one file per edition.", ERROR))
        return None
    return distinct[0]


def _match_programme(value: str, known: pd.DataFrame) -> pd.Series | None:
    if known is None or known.empty:
        return None
    for candidate in (value.strip(), slugify(value)):
        hit = known[known["programme_id"] == candidate]
        if len(hit):
            return hit.iloc[0]
    folded = normalise_name(value)
    hit = known[known["name"].map(lambda n: normalise_name(str(n))) == folded]
    return hit.iloc[0] if len(hit) else None


def _detail_problem(rule: str, value, message: str) -> Problem:
    return Problem(None, None, None if value is None else str(value), rule, message, ERROR)


def build_import_plan(
    raw: bytes,
    file_name: str,
    *,
    details: EditionDetails,
    countries,
    gazetteer,
    shapes,
    known_programmes: pd.DataFrame,
    known_editions: pd.DataFrame,
    known_local_governments: pd.DataFrame,
    row_cap: int = 200_000,
) -> ImportPlan:
    """What importing this file would write: new programme and LG rows, the edition row, participation rows.

    Nothing is written here. When `plan.errors` is non-empty the frames are empty and the problems say why.
    """
    required = ("year", "country") if details.year is None else ("country",)
    parsed = parse_upload(raw, file_name, row_cap=row_cap, required=required)
    problems: list[Problem] = list(parsed.problems)
    header_of = parsed.header_of
    fallback_source = _upload_source(file_name, parsed.sha256)
    if details.source_url and not re.match(schema.URL, details.source_url):
        problems.append(_detail_problem("bad_url", details.source_url,
                                        f"The edition's source '{_show(details.source_url)}' is not a link: use "
                                        "a full address starting with https://."))
        default_source = fallback_source
    else:
        default_source = details.source_url or fallback_source

    checked = None
    if not parsed.frame.empty:
        checked = _validate(parsed, countries=countries, known_local_governments=known_local_governments,
                            gazetteer=gazetteer, shapes=shapes, decimal_comma=None)
        problems.extend(checked.problems)
    rows = checked.rows if checked is not None else pd.DataFrame(columns=["line"])

    # Programme.
    file_programme = _single_value(rows, "programme", header_of, problems, "programme")
    programme_text = file_programme or details.programme
    programme_row = None
    new_programmes = empty_table("programme")
    programme_id = programme_name = None
    if file_programme and details.programme:
        a, b = _match_programme(file_programme, known_programmes), _match_programme(details.programme,
                                                                                     known_programmes)
        same = (a is not None and b is not None and a["programme_id"] == b["programme_id"]) or (
            slugify(file_programme) == slugify(details.programme))
        if not same:
            problems.append(_detail_problem(
                "programme_conflict", file_programme,
                f"The file says programme '{_show(file_programme)}' but the form says "
                f"'{_show(details.programme)}': make them agree."))
    if not programme_text:
        problems.append(_detail_problem(
            "programme_required", None,
            "No programme given: add a 'programme' column to the file or choose the programme in the form."))
    else:
        programme_row = _match_programme(programme_text, known_programmes)
        if programme_row is not None:
            programme_id, programme_name = str(programme_row["programme_id"]), str(programme_row["name"])
        else:
            programme_id, programme_name = slugify(programme_text), programme_text.strip()
            new_programmes = pd.DataFrame([{
                "programme_id": programme_id, "name": programme_name, "organisers": None, "url": None,
                "source_url": default_source,
            }])

    # Year and edition.
    file_year = _single_value(rows, "year", header_of, problems, "year")
    if file_year is not None and details.year is not None and int(file_year) != int(details.year):
        problems.append(_detail_problem(
            "year_conflict", file_year,
            f"The file says year {file_year} but the form says {details.year}: make them agree."))
    year = int(file_year) if file_year is not None else details.year
    if year is not None and not 1990 <= int(year) <= 2100:
        if file_year is None:
            problems.append(_detail_problem("year_range", year, f"The year {year} must be between 1990 and 2100."))
    file_edition = _single_value(rows, "edition", header_of, problems, "edition")
    if file_edition:
        edition_id = slugify(file_edition)
        if details.edition_id and slugify(details.edition_id) != edition_id:
            problems.append(_detail_problem(
                "edition_conflict", file_edition,
                f"The file says edition '{_show(file_edition)}' but the form says '{_show(details.edition_id)}'."))
    elif details.edition_id:
        edition_id = slugify(details.edition_id)
    elif programme_id and year is not None:
        edition_id = f"{programme_id}-{int(year)}"
    else:
        edition_id = None
    replaces = bool(edition_id and known_editions is not None and len(known_editions)
                    and (known_editions["edition_id"] == edition_id).any())

    host_iso3 = None
    if details.host_country:
        host_iso3 = countries.try_resolve(details.host_country)
        if host_iso3 is None:
            problems.append(_detail_problem(
                "unknown_country", details.host_country,
                f"The host country '{_show(details.host_country)}' is not a country we know: use an ISO code or "
                "the English, French or Spanish name."))
    if details.format not in schema.FORMATS:
        problems.append(_detail_problem(
            "bad_format", details.format, f"The format must be one of {', '.join(schema.FORMATS)}."))
    for label, value in (("start date", details.start_date), ("end date", details.end_date)):
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            problems.append(_detail_problem("bad_date", value, f"The {label} '{value}' must be written YYYY-MM-DD."))
    event_kind, kind_notes = edition_fields.edition_kind(
        details.event_kind, _single_value(rows, "event_kind", header_of, problems, "event kind"))
    figures, figure_notes = edition_fields.edition_figures({
        "reported_participants": details.reported_participants, "reported_countries": details.reported_countries,
        "reported_local_governments": details.reported_local_governments})
    problems += [Problem(None, header_of.get("event_kind") if n.from_file else None,
                         n.value, n.rule, n.message, n.severity) for n in (*kind_notes, *figure_notes)]

    detected = {
        "encoding": parsed.encoding, "delimiter": parsed.delimiter, "kind": parsed.kind,
        "column_mapping": dict(parsed.column_mapping), "dropped_pii": list(parsed.dropped_pii),
        "ignored_columns": list(parsed.ignored_columns), "rows": int(len(parsed.frame)),
        "delimiter_name": DELIMITER_NAMES.get(parsed.delimiter or "", None),
    }

    def plan(programmes, editions, lgs, participation, extra=()) -> ImportPlan:
        return ImportPlan(
            file_name=file_name, sha256=parsed.sha256, programmes=programmes, editions=editions,
            replaces_existing_edition=replaces, local_governments=lgs, participation=participation,
            problems=cap_problems([*problems, *extra]), detected=detected)

    if any(p.severity == ERROR for p in problems) or checked is None or edition_id is None:
        return plan(empty_table("programme"), empty_table("edition"), empty_table("local_government"), empty_table("participation"))

    editions = pd.DataFrame([{
        "edition_id": edition_id, "programme_id": programme_id,
        "name": (details.name or f"{programme_name} {year}").strip(), "year": int(year),
        "start_date": details.start_date or None, "end_date": details.end_date or None,
        "host_city": details.host_city or None, "host_country_iso3": host_iso3, "format": details.format,
        "event_kind": event_kind, **figures,
        "source_url": default_source, "notes": details.notes or None,
    }])

    new_lgs = checked.new_local_governments.copy()
    new_lgs["source_url"] = new_lgs["first_source_url"].where(new_lgs["first_source_url"].notna(), default_source)
    local_governments = new_lgs[schema.columns_of("local_government")].reset_index(drop=True)

    participation = pd.DataFrame({
        "edition_id": edition_id,
        "country_iso3": rows["country_iso3"],
        "lg_id": rows["lg_id"],
        "participants": rows["participants"],
        "role": rows["role"],
        "gender": rows["gender"],
        "source_url": rows["source_url"].where(rows["source_url"].notna(), default_source),
    })

    tables = {"programme": new_programmes, "edition": editions, "local_government": local_governments,
              "participation": participation}
    checked_tables = {}
    for table, data in tables.items():
        try:
            checked_tables[table] = schema.TABLE_MODELS[table].validate(data, lazy=True)
        except pa.errors.SchemaErrors as exc:  # a bug here, not the analyst's: say so plainly
            return plan(empty_table("programme"), empty_table("edition"), empty_table("local_government"),
                        empty_table("participation"), extra=[Problem(
                            None, None, None, "plan_invalid",
                            f"Internal check failed for the {table} rows ({len(exc.failure_cases)} failures); "
                            "please report this file to the maintainers.", ERROR)])
    return plan(checked_tables["programme"], checked_tables["edition"], checked_tables["local_government"],
                checked_tables["participation"])


# --- Reports and the template -----------------------------------------------------------------------------------

PROBLEM_COLUMNS = ("line", "column", "value", "rule", "severity", "message")
def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """One row per problem, in the order given."""
    records = [{"line": p.line, "column": p.column, "value": p.value, "rule": p.rule, "severity": p.severity,
                "message": p.message} for p in problems]
    frame = pd.DataFrame(records, columns=list(PROBLEM_COLUMNS))
    frame["line"] = frame["line"].astype("Int64")
    return frame


def problems_csv(problems: Iterable[Problem]) -> bytes:
    """The problems as UTF-8 CSV (with BOM so Excel reads accents), formulas neutralised."""
    frame = problems_frame(problems)
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def template_frame() -> pd.DataFrame:
    """The upload template: every contract column in order and two example rows to overwrite."""
    rows = [
        {"year": "2025", "local_government": "Example City (delete this row)", "country": "KOR",
         "programme": "Example programme", "edition": "", "participants": "3", "role": "mayor",
         "gender": "female", "latitude": "37.5665", "longitude": "126.9780", "admin_level": "city",
         "source_url": "https://example.org/programme-2025", "event_kind": "training"},
        {"year": "2025", "local_government": "Example Town (delete this row)", "country": "Senegal",
         "programme": "Example programme", "edition": "", "participants": "", "role": "official",
         "gender": "", "latitude": "", "longitude": "", "admin_level": "commune", "source_url": "",
         "event_kind": "training"},
    ]
    return pd.DataFrame(rows, columns=list(schema.UPLOAD_COLUMNS))

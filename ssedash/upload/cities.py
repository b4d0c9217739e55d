"""A cities file: local-government records (name, country, latitude, longitude, admin_level, gsef_member,
source_url, optional lg_id) checked with the same `Problem` shape as an edition file (`check_cities`).

A row whose `lg_id` (or, without one, whose name within its country) matches a stored record corrects that
record; any other row adds a local government, with an id minted by `ingest.new_lg_id`. Coordinates outside
the stated country are warnings (`ingest.outside_country_warnings`). Read by the one guarded reader; each row is
checked by city_rows.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from ssedash import ingest, schema
from ssedash.i18n import t
from ssedash.ingest import ERROR, INFO, WARNING, Detected, Problem
from ssedash.problems import HasProblems, has_errors
from ssedash.records import Records, read_records
from ssedash.text import fold_header, normalise_name
from ssedash.upload.city_rows import CityRow, city_record
from ssedash.upload.edition import unexpected_problem

CITY_COLUMNS = ("name", "country", "latitude", "longitude", "admin_level", "gsef_member", "source_url")
CITY_OPTIONAL = ("lg_id",)
_CITY_SYNONYMS = {
    "name": (
        "name",
        "local_government",
        "local government",
        "city",
        "municipality",
        "nom",
        "ville",
        "collectivite",
        "nombre",
        "ciudad",
        "municipio",
    ),
    "gsef_member": ("gsef_member", "gsef member", "member", "membre", "miembro"),
    "lg_id": ("lg_id", "id", "lg id"),
}
_SYNONYM_INDEX = {fold_header(s): canonical for canonical, synonyms in _CITY_SYNONYMS.items() for s in synonyms}


@dataclass(frozen=True)
class CitiesPlan(HasProblems):
    file_name: str
    sha256: str
    detected: Detected
    local_governments: pd.DataFrame  # LocalGovernmentTable rows to write (empty when there are errors)
    corrections: tuple[str, ...]  # lg_ids that replace an existing record
    problems: tuple[Problem, ...]

    @property
    def can_commit(self) -> bool:
        return not self.errors and not self.local_governments.empty

    @property
    def added(self) -> int:
        return len(self.local_governments) - len(self.corrections)


def _city_column(header: str) -> str | None:
    canonical = _SYNONYM_INDEX.get(fold_header(header))
    if canonical is not None:
        return canonical
    canonical = ingest.canonical_column(header)
    return canonical if canonical in CITY_COLUMNS else None


def _refused(file_name, sha256, detected, problems) -> CitiesPlan:
    return CitiesPlan(
        file_name, sha256, detected, ingest.empty_table("local_government"), (), ingest.cap_problems(problems)
    )


def check_cities(raw: bytes, file_name: str, **options) -> CitiesPlan:
    """Validate a cities file: every problem with line, column, value, rule and message; the rows to write.
    An unexpected error becomes a refused plan with one `unexpected_error` problem, never an exception."""
    try:
        return _check_cities(raw, file_name, **options)
    except Exception as error:
        return _refused(
            file_name, hashlib.sha256(raw).hexdigest(), Detected(), [unexpected_problem(error, "upload.check_cities")]
        )


@dataclass(frozen=True)
class _Header:
    position: dict[str, int] = field(default_factory=dict)  # canonical -> position
    mapping: dict[str, str] = field(default_factory=dict)  # written -> canonical
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _map_header(read: Records) -> _Header:
    found = _Header()
    for i, written in enumerate(h.strip() for h in read.header or []):
        canonical = _city_column(written) if written else None
        if canonical is None:
            if written:
                found.ignored.append(written)
        elif canonical in found.position:
            found.problems.append(
                Problem(
                    read.header_line,
                    written,
                    written,
                    "duplicate_header",
                    t("Two columns mean '{column}': keep only one.", column=canonical),
                    ERROR,
                )
            )
        else:
            found.position[canonical] = i
            found.mapping[written] = canonical
    found.problems.extend(
        Problem(
            read.header_line,
            column,
            None,
            "missing_column",
            t(
                "The column '{column}' is missing: a cities file needs {all}.",
                column=column,
                all=", ".join(CITY_COLUMNS),
            ),
            ERROR,
        )
        for column in CITY_COLUMNS
        if column not in found.position
    )
    return found


def _records(read: Records, header: _Header, countries, known: pd.DataFrame):
    """(records with their ids, lg_ids that correct a stored record, problems)."""
    known_by_id = {row["lg_id"]: row for row in known.to_dict("records")} if len(known) else {}
    known_by_name = {(normalise_name(r["name"]), r["country_iso3"]): r["lg_id"] for r in known_by_id.values()}
    written_of = {c: (read.header or [])[i].strip() for c, i in header.position.items()}
    taken, seen = set(known_by_id), {}  # type: set[str], dict[str, int]
    records: list[dict] = []
    corrections: list[str] = []
    problems: list[Problem] = []
    for line, cells in read.rows:
        row = CityRow(line, cells, header.position, written_of)
        record = city_record(row, countries, decimal_comma=read.delimiter == ";")
        if record is not None:
            lg_id = (
                record["lg_id"]
                or known_by_name.get((normalise_name(record["name"]), record["country_iso3"]))
                or ingest.new_lg_id(record["name"], record["country_iso3"], countries, taken)
            )
            if lg_id in seen:
                row.problem(
                    "lg_id" if "lg_id" in header.position else "name",
                    lg_id,
                    "duplicate_lg",
                    t(
                        "Line {first} already describes '{id}': one row per local government.",
                        first=seen[lg_id],
                        id=lg_id,
                    ),
                )
            else:
                seen[lg_id] = line
                taken.add(lg_id)
                previous = known_by_id.get(lg_id)
                if previous is not None:
                    corrections.append(lg_id)
                    if previous["country_iso3"] != record["country_iso3"]:
                        row.problem(
                            "country",
                            row.cell("country"),
                            "country_changed",
                            t(
                                "'{id}' was recorded in {old}; this row moves it to {new}.",
                                id=lg_id,
                                old=_country_name(countries, previous["country_iso3"]),
                                new=_country_name(countries, record["country_iso3"]),
                            ),
                            WARNING,
                        )
                records.append({**record, "lg_id": lg_id, "notes": previous.get("notes") if previous else None})
        problems += row.problems
    return records, corrections, problems


def _check_cities(
    raw: bytes, file_name: str, *, countries, shapes, known_local_governments: pd.DataFrame, row_cap: int = 200_000
) -> CitiesPlan:
    sha256 = hashlib.sha256(raw).hexdigest()
    read = read_records(raw, row_cap)  # the guarded reader every upload goes through
    header = _map_header(read)
    detected = Detected(
        kind=read.kind,
        encoding=read.encoding,
        delimiter=read.delimiter,
        rows=len(read.rows),
        column_mapping=header.mapping,
        ignored_columns=tuple(header.ignored),
        sha256=sha256,
    )
    if read.refusal is not None:
        return _refused(file_name, sha256, detected, [read.refusal])
    if read.header is None:
        return _refused(
            file_name,
            sha256,
            detected,
            [Problem(None, None, None, "empty_file", t("The file is empty: there is nothing to import."), ERROR)],
        )
    problems: list[Problem] = list(read.problems)  # multiline_field, field_count, too_many_cells, ...
    if read.encoding == "cp1252":
        problems.append(
            Problem(
                None, None, None, "encoding", t("The file is not UTF-8; it was read as Windows-1252 (cp1252)."), INFO
            )
        )
    problems += header.problems
    if not read.rows:
        problems.append(Problem(None, None, None, "header_only", t("The file has a header but no data rows."), ERROR))
    if has_errors(problems):
        return _refused(file_name, sha256, detected, problems)
    records, corrections, found = _records(read, header, countries, known_local_governments)
    frame = pd.DataFrame(records)
    problems += found
    if len(frame):
        problems += ingest.outside_country_warnings(
            frame.dropna(subset=["latitude", "longitude"]), countries, shapes, _written(header, "latitude")
        )
    if has_errors(problems) or frame.empty:
        return _refused(file_name, sha256, detected, problems)
    checked = schema.LocalGovernmentTable.validate(frame.drop(columns="line"), lazy=True)
    return CitiesPlan(
        file_name, sha256, detected, checked.reset_index(drop=True), tuple(corrections), ingest.cap_problems(problems)
    )


def _country_name(countries, iso3: str) -> str:
    """A country as the reader reads it (the resolver's name in their language), else its code."""
    try:
        return countries.shown_name(iso3)
    except (KeyError, AttributeError):
        return iso3


def _written(header: _Header, canonical: str) -> str | None:
    return next((written for written, c in header.mapping.items() if c == canonical), None)


def cities_template() -> pd.DataFrame:
    """The cities template: every column in order and one example row to overwrite."""
    return pd.DataFrame(
        [
            {
                "lg_id": "",
                "name": "Example City (delete this row)",
                "country": "KOR",
                "latitude": "37.5665",
                "longitude": "126.9780",
                "admin_level": "city",
                "gsef_member": "yes",
                "source_url": "https://example.org/source",
            }
        ],
        columns=[*CITY_OPTIONAL, *CITY_COLUMNS],
    )


def cities_preview(plan: CitiesPlan) -> pd.DataFrame:
    """The cities file's records with whether each adds or corrects a local government."""
    frame = plan.local_governments[
        ["lg_id", "name", "country_iso3", "latitude", "longitude", "admin_level", "gsef_member"]
    ]
    corrected = set(plan.corrections)
    return frame.assign(status=[t("corrected") if i in corrected else t("new") for i in frame["lg_id"]])

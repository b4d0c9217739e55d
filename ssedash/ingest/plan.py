"""Step 3: the import plan (`build_import_plan`): the edition decisions and the rows a commit would write.

Programme, year and edition come from the file where it states them, else from the edition details (the form,
or the CLI's options); a conflict between the two is an error. Nothing is written here: when the plan has errors
its frames are empty and its problems say why.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from ssedash import edition_fields, schema
from ssedash.bulk import few_collections
from ssedash.i18n import N_, t
from ssedash.ingest.columns import NO_CHOICES
from ssedash.ingest.details import decide_edition_id, decide_year, detail_problem, detail_problems, edition_source
from ssedash.ingest.problems import cap_problems
from ssedash.ingest.read import parse_upload
from ssedash.ingest.shapes import EditionDetails, ImportPlan, ParsedUpload
from ssedash.ingest.validate import Validated, check_rows
from ssedash.problems import ERROR, Problem, has_errors, show
from ssedash.text import normalise_name, slugify


def empty_table(table: str) -> pd.DataFrame:
    """A table with no rows and the model's dtypes (a fresh copy: building one through pandera is slow)."""
    return _empty_table(table).copy()


@functools.cache
def _empty_table(table: str) -> pd.DataFrame:
    return (
        schema.TABLE_MODELS[table]
        .to_schema()
        .coerce_dtype(pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.columns_of(table)}))
    )


def upload_source(file_name: str, sha256: str) -> str:
    """The source of rows that name none: the file itself, by name and checksum."""
    base = re.sub(r"\s+", "_", file_name.replace("\\", "/").rsplit("/", 1)[-1]) or "file"
    return f"upload:{base}#sha256={sha256[:12]}"


# A file that mixes several values of a column the edition has one of (one sentence per column).
_MIXES = {
    "programme": N_(
        "The file mixes {n} programmes ({values}): one file adds one edition; split it into one file per edition."
    ),
    "year": N_("The file mixes {n} years ({values}): one file adds one edition; split it into one file per edition."),
    "edition": N_(
        "The file mixes {n} editions ({values}): one file adds one edition; split it into one file per edition."
    ),
    "event_kind": N_(
        "The file mixes {n} event kinds ({values}): one file adds one edition; split it into one file per edition."
    ),
}


def single_value(rows: pd.DataFrame, column: str, header_of: dict) -> tuple[object, list[Problem]]:
    """The one value of a column for the whole file, or None; several -> None and a 'several_editions' error."""
    if column not in rows.columns:
        return None, []
    present = rows[column].dropna()
    if present.empty:
        return None, []
    firsts = present.drop_duplicates()  # hashed at C speed: iterating every cell was most of this on 100,000 rows
    distinct = list(dict.fromkeys((firsts.astype(str) if column != "year" else firsts.astype(int)).tolist()))
    if len(distinct) == 1:
        return distinct[0], []
    first_other = present[present.astype(str) != str(distinct[0])].index[0]
    return None, [
        Problem(
            int(rows.at[first_other, "line"]),
            header_of.get(column, column),
            str(distinct[1]),
            "several_editions",
            t(_MIXES[column], n=len(distinct), values=", ".join(map(str, distinct[:5]))),
            ERROR,
        )
    ]


def match_programme(value: str, known: pd.DataFrame) -> pd.Series | None:
    """The known programme a value names (by id, slug or name, ignoring case and accents), or None."""
    if known is None or known.empty:
        return None
    for candidate in (value.strip(), slugify(value)):
        hit = known[known["programme_id"] == candidate]
        if len(hit):
            return hit.iloc[0]
    folded = normalise_name(value)
    hit = known[known["name"].map(lambda n: normalise_name(str(n))) == folded]
    return hit.iloc[0] if len(hit) else None


@dataclass(frozen=True)
class _Programme:
    programme_id: str | None
    name: str | None
    new: pd.DataFrame  # the new programme row, or none
    problems: list[Problem]


def _programme(file_programme, details: EditionDetails, known: pd.DataFrame, source: str) -> _Programme:
    problems = []
    if file_programme and details.programme:
        a, b = match_programme(file_programme, known), match_programme(details.programme, known)
        same = (a is not None and b is not None and a["programme_id"] == b["programme_id"]) or (
            slugify(file_programme) == slugify(details.programme)
        )
        if not same:
            problems.append(
                detail_problem(
                    "programme_conflict",
                    file_programme,
                    t(
                        "The file says programme '{file}' but the form says '{form}': make them agree.",
                        file=show(file_programme),
                        form=show(details.programme),
                    ),
                )
            )
    text = file_programme or details.programme
    if not text:
        problems.append(
            detail_problem(
                "programme_required",
                None,
                t("No programme given: add a 'programme' column to the file or choose the programme in the form."),
            )
        )
        return _Programme(None, None, empty_table("programme"), problems)
    row = match_programme(text, known)
    if row is not None:
        return _Programme(str(row["programme_id"]), str(row["name"]), empty_table("programme"), problems)
    programme_id, name = slugify(text), text.strip()
    new = pd.DataFrame(
        [{"programme_id": programme_id, "name": name, "organisers": None, "url": None, "source_url": source}]
    )
    return _Programme(programme_id, name, new, problems)


@dataclass(frozen=True)
class _Edition:
    """The edition decisions: everything the edition row needs, and what went wrong deciding it."""

    programme: _Programme
    edition_id: str | None
    year: int | None
    host_iso3: str | None
    event_kind: str | None
    figures: dict
    source: str
    problems: list[Problem]


def _decide_edition(rows, parsed: ParsedUpload, details: EditionDetails, countries, known_programmes) -> _Edition:
    header_of = parsed.header_of
    source, problems = edition_source(details, upload_source(parsed.file_name, parsed.sha256))
    file_programme, found = single_value(rows, "programme", header_of)
    problems += found
    programme = _programme(file_programme, details, known_programmes, source)
    problems += programme.problems
    file_year, found = single_value(rows, "year", header_of)
    year, year_problems = decide_year(file_year, details)
    file_edition, edition_found = single_value(rows, "edition", header_of)
    edition_id, edition_problems = decide_edition_id(file_edition, details, programme.programme_id, year)
    host_iso3, form_problems = detail_problems(details, countries)
    file_kind, kind_found = single_value(rows, "event_kind", header_of)
    event_kind, kind_notes = edition_fields.edition_kind(
        details.event_kind, None if file_kind is None else str(file_kind)
    )
    figures, figure_notes = edition_fields.edition_figures(
        {
            "reported_participants": details.reported_participants,
            "reported_countries": details.reported_countries,
            "reported_local_governments": details.reported_local_governments,
        }
    )
    notes = [
        Problem(None, header_of.get("event_kind") if n.from_file else None, n.value, n.rule, n.message, n.severity)
        for n in (*kind_notes, *figure_notes)
    ]
    problems += [*found, *year_problems, *edition_found, *edition_problems, *form_problems, *kind_found, *notes]
    return _Edition(programme, edition_id, year, host_iso3, event_kind, figures, source, problems)


def _tables(checked: Validated, edition: _Edition, details: EditionDetails) -> dict[str, pd.DataFrame]:
    rows, source = checked.rows, edition.source
    editions = pd.DataFrame(
        [
            {
                "edition_id": edition.edition_id,
                "programme_id": edition.programme.programme_id,
                "name": (details.name or f"{edition.programme.name} {edition.year}").strip(),
                "year": int(edition.year or 0),
                "start_date": details.start_date or None,
                "end_date": details.end_date or None,
                "host_city": details.host_city or None,
                "host_country_iso3": edition.host_iso3,
                "format": details.format,
                "event_kind": edition.event_kind,
                **edition.figures,
                "source_url": source,
                "notes": details.notes or None,
            }
        ]
    )
    new_lgs = checked.new_local_governments
    new_lgs = new_lgs.assign(source_url=new_lgs["first_source_url"].where(new_lgs["first_source_url"].notna(), source))
    participation = pd.DataFrame(
        {
            "edition_id": edition.edition_id,
            "country_iso3": rows["country_iso3"],
            "lg_id": rows["lg_id"],
            "participants": rows["participants"],
            "role": rows["role"],
            "gender": rows["gender"],
            "source_url": rows["source_url"].where(rows["source_url"].notna(), source),
        }
    )
    return {
        "programme": edition.programme.new,
        "edition": editions,
        "local_government": new_lgs[schema.columns_of("local_government")].reset_index(drop=True),
        "participation": participation,
    }


def _checked(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The tables through their pandera models; a failure is a bug here, not the analyst's: say so plainly."""
    checked = {}
    for table, data in tables.items():
        try:
            checked[table] = schema.TABLE_MODELS[table].validate(data, lazy=True)
        except pa.errors.SchemaErrors as exc:
            return _empty_tables(), [
                Problem(
                    None,
                    None,
                    None,
                    "plan_invalid",
                    t(
                        "Internal check failed for the {table} rows ({n} failures); please report this file to the "
                        "maintainers.",
                        table=table,
                        n=len(exc.failure_cases),
                    ),
                    ERROR,
                )
            ]
    return checked, []


def _empty_tables() -> dict[str, pd.DataFrame]:
    return {table: empty_table(table) for table in ("programme", "edition", "local_government", "participation")}


@few_collections()
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
    columns: Mapping[str, str | None] = NO_CHOICES,
) -> ImportPlan:
    """What importing this file would write: new programme and LG rows, the edition row, participation rows.

    Nothing is written here. When `plan.errors` is non-empty the frames are empty and the problems say why.
    `columns`: the analyst's column choices (see parse_upload).
    """
    required = ("year", "country") if details.year is None else ("country",)
    parsed = parse_upload(raw, file_name, row_cap=row_cap, required=required, columns=columns)
    checked = None
    if not parsed.frame.empty:
        checked = check_rows(
            parsed,
            countries=countries,
            known_local_governments=known_local_governments,
            gazetteer=gazetteer,
            shapes=shapes,
            decimal_comma=None,
        )
    rows = checked.rows if checked is not None else pd.DataFrame(columns=["line"])
    edition = _decide_edition(rows, parsed, details, countries, known_programmes)
    problems = [*parsed.problems, *(checked.problems if checked else []), *edition.problems]
    replaces = bool(
        edition.edition_id
        and known_editions is not None
        and len(known_editions)
        and (known_editions["edition_id"] == edition.edition_id).any()
    )
    if has_errors(problems) or checked is None or edition.edition_id is None:
        tables = _empty_tables()
    else:
        tables, internal = _checked(_tables(checked, edition, details))
        problems += internal
    return ImportPlan(
        file_name=file_name,
        sha256=parsed.sha256,
        programmes=tables["programme"],
        editions=tables["edition"],
        replaces_existing_edition=replaces,
        local_governments=tables["local_government"],
        participation=tables["participation"],
        problems=cap_problems(problems),
        detected=parsed.detected,
    )

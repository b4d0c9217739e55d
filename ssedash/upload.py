"""The upload wizard's decisions, pure: the page reads widgets, calls one function here, and draws what it returns.

Two kinds of upload go through the same report → preview → commit → history path:

- an **edition file** (participants or LGs of one edition): `review_upload` runs the ingest pipeline
  (`ingest.parse_upload` / `build_import_plan`) in four reported stages (read, validate, resolve, plan) and
  returns a `Review`: the plan, what was detected, the values the file already gives for the edition, the
  unknown local governments with gazetteer suggestions, and a summary of problems by rule. The analyst's choices
  for unknown LGs (`Resolution`) are written into a corrected copy of the file by `apply_resolutions` and the
  file is planned again, so every check (coordinates outside the country included) runs on the chosen points.
- a **cities file** (local-government records: name, country, latitude, longitude, admin_level, gsef_member,
  source_url, optional lg_id): `check_cities` validates it with the same `Problem` shape and returns the rows
  `store.commit_local_governments` writes.

`commit`, `commit_cities` and `rollback` turn the store's refusals into a plain `Outcome` with a message for the
analyst. Nothing here imports streamlit; nothing here mutates a frame it was given.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from ssedash import incidents, ingest, limits, metrics, schema
from ssedash.i18n import t
from ssedash.ingest import ERROR, INFO, WARNING, EditionDetails, ImportPlan, Problem
from ssedash.records import LINE_BREAK, Records, read_records

STAGES = ("read", "validate", "resolve", "plan")
UNRESOLVED_RULES = ("lg_not_found", "lg_ambiguous")
STAGE_LABELS = {
    "read": "Reading the file",
    "validate": "Checking every cell",
    "resolve": "Looking up unknown local governments",
    "plan": "Preparing the preview",
}

Progress = Callable[[str, float], None]


def _no_progress(stage: str, fraction: float) -> None:
    return None


# --- Data shapes ------------------------------------------------------------------------------------------------


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
        return ingest.normalise_name(self.name), self.country_iso3


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
        return ingest.normalise_name(self.name), self.country_iso3


@dataclass(frozen=True)
class Review:
    plan: ImportPlan
    detected: dict  # from the file as uploaded (before any resolution)
    file_values: dict  # programme / edition / year the file itself gives, when it gives exactly one
    unresolved: tuple[Unresolved, ...]
    resolutions: tuple[Resolution, ...]
    summary: dict

    @property
    def can_commit(self) -> bool:
        return self.plan.can_commit

    @property
    def needs_acceptance(self) -> bool:
        """Warnings must be accepted explicitly before a commit."""
        return bool(self.plan.warnings)


@dataclass(frozen=True)
class Outcome:
    """What a write did, for the analyst: status is committed | duplicate | exists | conflict | refused."""

    status: str
    message: str
    result: object = None

    @property
    def ok(self) -> bool:
        return self.status == "committed"


@dataclass(frozen=True)
class CitiesPlan(ingest.HasProblems):
    file_name: str
    sha256: str
    detected: dict
    local_governments: pd.DataFrame  # LocalGovernmentTable rows to write (empty when there are errors)
    corrections: tuple[str, ...]  # lg_ids that replace an existing record
    problems: tuple[Problem, ...]

    @property
    def can_commit(self) -> bool:
        return not self.errors and not self.local_governments.empty

    @property
    def added(self) -> int:
        return len(self.local_governments) - len(self.corrections)


# --- Edition details from the file ------------------------------------------------------------------------------


def file_values(parsed: ingest.ParsedUpload) -> dict:
    """The programme, edition, year and event kind the file states (only when each has exactly one distinct value)."""
    found: dict = {}
    for column in ("programme", "edition", "year", "event_kind"):
        if column not in parsed.frame.columns:
            continue
        values = list(dict.fromkeys(parsed.frame[column].dropna().astype(str)))
        if len(values) != 1:
            continue
        if column == "year":
            try:
                year = int(float(values[0]))
            except (ValueError, OverflowError):  # 'nan', 'inf', a 5,000-digit year
                continue
            if limits.YEAR_MIN <= year <= limits.YEAR_MAX:
                found[column] = year
        else:
            found[column] = values[0]
    return found


NEW_PROGRAMME = "__new__"
EVENT_KIND_CHOICES = ("", *schema.EVENT_KINDS)  # "" = not given: the file's, else training with a notice
_KIND_LABELS = {"training": "Training", "policy_dialogue": "Policy dialogue", "webinar": "Webinar",
                "academy": "Academy"}


def event_kind_label(kind: str, in_file: bool = False) -> str:
    """The edition form's words for an event kind; the empty choice says what happens when none is chosen."""
    if not kind:
        return t("(from the file)") if in_file else t("Not given (imported as training)")
    return t(_KIND_LABELS.get(kind, kind))
FIRST_ROWS = 10  # rows of the file shown as read, before the edition form


def unexpected_problem(error: Exception, where: str) -> Problem:
    """An error that is a bug, not the analyst's: logged under a reference, shown as one plain problem."""
    reference = incidents.record(error, where)
    return Problem(None, None, reference, "unexpected_error", t(
        "Something unexpected went wrong while checking this file (reference {ref}). Nothing was written. Send "
        "the file and this reference to the maintainers.", ref=reference), ERROR)


def inspect(raw: bytes, file_name: str, *, row_cap: int = 200_000) -> dict:
    """A first look at a file, before the edition form: checksum, what was detected, what the file states.
    An unexpected error is one `unexpected_error` problem in "refused", never an exception."""
    try:
        return _inspect(raw, file_name, row_cap=row_cap)
    except Exception as error:
        sha256 = hashlib.sha256(raw).hexdigest()
        return {"sha256": sha256, "detected": {"sha256": sha256, "rows": 0}, "file_values": {},
                "head": pd.DataFrame(), "refused": [unexpected_problem(error, "upload.inspect")]}


def _inspect(raw: bytes, file_name: str, *, row_cap: int) -> dict:
    parsed = ingest.parse_upload(raw, file_name, row_cap=row_cap, required=())
    return {"sha256": parsed.sha256, "detected": _detected(parsed), "file_values": file_values(parsed),
            "head": parsed.frame.head(FIRST_ROWS).reset_index(drop=True),
            "refused": [p for p in parsed.problems if p.severity == ERROR and p.line is None]}


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _figure(value) -> int | str | None:
    """A reported figure as typed ("5,700+", "over 200", 12): kept as given, read by the import plan."""
    return _text(value) if isinstance(value, str) else value


def details_from_form(form: Mapping) -> EditionDetails:
    """Edition details from the form's widget values (dates as date objects or text, empty = not given).

    `programme` is a known programme id, NEW_PROGRAMME with `new_programme` typed, or empty; build_import_plan
    uses the file's own programme, edition and year where the form leaves them empty.
    """
    programme = _text(form.get("programme"))
    if programme == NEW_PROGRAMME:
        programme = _text(form.get("new_programme"))
    year = form.get("year")
    dates = {k: (form.get(k).isoformat() if hasattr(form.get(k), "isoformat") else _text(form.get(k)))
             for k in ("start_date", "end_date")}
    return EditionDetails(
        programme=programme,
        edition_id=_text(form.get("edition_id")),
        name=_text(form.get("name")),
        year=int(year) if year not in (None, "") else None,
        start_date=dates["start_date"], end_date=dates["end_date"],
        host_city=_text(form.get("host_city")), host_country=_text(form.get("host_country")),
        format=_text(form.get("format")) or "in_person", event_kind=_text(form.get("event_kind")),
        reported_participants=_figure(form.get("reported_participants")),
        reported_countries=_figure(form.get("reported_countries")),
        reported_local_governments=_figure(form.get("reported_local_governments")),
        source_url=_text(form.get("source_url")), notes=_text(form.get("notes")),
    )


# --- Resolutions ------------------------------------------------------------------------------------------------


def _write_csv(records: Iterable[list[str]], delimiter: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for record in records:
        writer.writerow(record)
    return out.getvalue().encode("utf-8")


def _format_coordinate(value: float) -> str:
    return repr(round(float(value), 6))


def _records_to_lines(read: Records, header: list[str], rows: list[list[str]]) -> list[list[str]]:
    """Records back in file order, with empty records so each row lands on its own file line again."""
    out: list[list[str]] = []
    physical = 1 if read.sep_hint else 0  # lines written so far (the sep= line is written apart)

    def place(line: int, cells: list[str]) -> None:
        nonlocal physical
        while physical < line - 1:
            out.append([])
            physical += 1
        out.append(cells)
        physical += 1 + sum(len(LINE_BREAK.findall(c)) for c in cells)

    place(read.header_line, header)
    for (line, _), cells in zip(read.rows, rows):
        place(line, cells)
    return out


def apply_resolutions(raw: bytes, file_name: str, resolutions: Iterable[Resolution], countries, *,
                      row_cap: int = 200_000) -> bytes:
    """A corrected copy of the file: each resolved LG's rows get the chosen latitude and longitude.

    Only rows whose coordinate cells are empty are filled; missing latitude/longitude columns are added. Every
    other cell, and every row's file line, stays as it was (an XLSX comes back as CSV with its sheet rows as
    lines, and a line break inside a cell becomes a space), so the report still points at the analyst's own file. Returns `raw` unchanged when there is nothing
    to apply, or when the file does not read cleanly (the plan then reports why). The copy is UTF-8 text; the
    delimiter is the file's own. The file is read by the same guarded reader as every upload.
    """
    chosen = {r.key: r for r in resolutions}
    if not chosen:
        return raw
    read = read_records(raw, row_cap)
    if read.refusal is not None or read.header is None or any(p.severity == ERROR for p in read.problems):
        return raw
    header = [h.strip() for h in read.header]
    position = {}
    for i, written in enumerate(header):
        canonical = ingest.canonical_column(written) if written else None
        if canonical and canonical not in position:
            position[canonical] = i
    if "local_government" not in position or "country" not in position:
        return raw
    for column in ("latitude", "longitude"):
        if column not in position:
            position[column] = len(header)
            header.append(column)
    width = len(header)
    country_cache: dict[str, str | None] = {}
    rows = []
    for _, record in read.rows:
        if read.kind == "xlsx":  # a sheet row is one line of the copy: a line break inside a cell becomes a space
            record = [LINE_BREAK.sub(" ", c) for c in record]
        cells = list(record) + [""] * max(0, width - len(record))
        country_text = cells[position["country"]]
        if country_text not in country_cache:
            country_cache[country_text] = countries.try_resolve(country_text)
        key = (ingest.normalise_name(cells[position["local_government"]]), country_cache[country_text])
        resolution = chosen.get(key)
        if resolution is not None and not cells[position["latitude"]] and not cells[position["longitude"]]:
            cells[position["latitude"]] = _format_coordinate(resolution.latitude)
            cells[position["longitude"]] = _format_coordinate(resolution.longitude)
        rows.append(cells)
    delimiter = read.delimiter or ","
    hint = f"sep={delimiter}\n".encode() if read.sep_hint else b""
    return hint + _write_csv(_records_to_lines(read, header, rows), delimiter)


def _mark_resolved(plan: ImportPlan, resolutions: Iterable[Resolution]) -> ImportPlan:
    """Record where each resolved LG's point came from (the corrected file alone would say 'upload')."""
    chosen = {r.key: r for r in resolutions}
    if not chosen or plan.local_governments.empty:
        return plan
    lgs = plan.local_governments.copy()
    for i, row in lgs.iterrows():
        resolution = chosen.get((ingest.normalise_name(row["name"]), row["country_iso3"]))
        if resolution is None:
            continue
        lgs.at[i, "coord_source"] = resolution.coord_source
        from_gazetteer = resolution.coord_source.startswith("geonames:")
        lgs.at[i, "coord_precision"] = "approximate" if from_gazetteer else "exact"
        lgs.at[i, "notes"] = ("coordinates chosen by the analyst from GeoNames suggestions at upload"
                              if from_gazetteer else "coordinates typed by the analyst at upload")
    return dataclasses.replace(plan, local_governments=lgs)


# --- The review ---------------------------------------------------------------------------------------------------


def summarise(problems: Iterable[Problem], rows: int) -> dict:
    """Rows OK, and errors and warnings counted by rule (what the report's summary shows)."""
    problems = list(problems)
    error_lines = {p.line for p in problems if p.severity == ERROR and p.line is not None}
    file_errors = any(p.severity == ERROR and p.line is None for p in problems)
    return {
        "rows": rows,
        "rows_ok": 0 if file_errors else max(rows - len(error_lines), 0),
        "errors": dict(Counter(p.rule for p in problems if p.severity == ERROR)),
        "warnings": dict(Counter(p.rule for p in problems if p.severity == WARNING)),
        "notes": dict(Counter(p.rule for p in problems if p.severity == INFO)),
    }


def _unresolved(plan: ImportPlan, parsed: ingest.ParsedUpload, countries, gazetteer) -> tuple[Unresolved, ...]:
    frame = parsed.frame
    by_line = frame.set_index("line") if "line" in frame.columns else frame
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
            # every exact match first: the analyst must pick among them
            exact = tuple(gazetteer.matches(problem.value, iso2))
            suggestions = exact + tuple(s for s in suggestions if s not in exact)
        found.append(Unresolved(problem.line, problem.value, iso3, problem.rule, suggestions[:8]))
    return tuple(found)


def _detected(parsed: ingest.ParsedUpload) -> dict:
    return {
        "encoding": parsed.encoding, "delimiter": parsed.delimiter, "kind": parsed.kind,
        "delimiter_name": ingest.DELIMITER_NAMES.get(parsed.delimiter or ""),
        "column_mapping": dict(parsed.column_mapping), "dropped_pii": list(parsed.dropped_pii),
        "ignored_columns": list(parsed.ignored_columns), "rows": int(len(parsed.frame)),
        "sha256": parsed.sha256,
    }


def review_upload(raw: bytes, file_name: str, **options) -> Review:
    """Read, validate, resolve and plan one edition file (nothing is written); see `_review_upload` for the
    options. An unexpected error becomes a refused review with one `unexpected_error` problem (a reference, no
    traceback), never an exception."""
    try:
        return _review_upload(raw, file_name, **options)
    except Exception as error:
        return _failed_review(raw, file_name, unexpected_problem(error, "upload.review_upload"))


def _failed_review(raw: bytes, file_name: str, problem: Problem) -> Review:
    sha256 = hashlib.sha256(raw).hexdigest()
    empty = ingest.empty_table
    plan = ImportPlan(file_name=file_name, sha256=sha256, programmes=empty("programme"), editions=empty("edition"),
                      replaces_existing_edition=False, local_governments=empty("local_government"),
                      participation=empty("participation"), problems=(problem,), detected={})
    return Review(plan=plan, detected={"sha256": sha256, "rows": 0}, file_values={}, unresolved=(), resolutions=(),
                  summary=summarise(plan.problems, 0))


def _review_upload(
    raw: bytes,
    file_name: str,
    *,
    details: EditionDetails,
    countries,
    gazetteer,
    shapes,
    tables: Mapping[str, pd.DataFrame],
    row_cap: int = 200_000,
    resolutions: Iterable[Resolution] = (),
    progress: Progress = _no_progress,
) -> Review:
    """`progress(stage, fraction)` is called as each of STAGES starts, and with ("plan", 1.0) at the end."""
    resolutions = tuple(resolutions)
    progress("read", 0.0)
    parsed = ingest.parse_upload(raw, file_name, row_cap=row_cap, required=())
    detected_values = file_values(parsed)
    corrected = apply_resolutions(raw, file_name, resolutions, countries, row_cap=row_cap) if resolutions else raw
    progress("validate", 0.25)
    plan = ingest.build_import_plan(
        corrected, file_name, details=details, countries=countries, gazetteer=gazetteer, shapes=shapes,
        known_programmes=tables["programme"], known_editions=tables["edition"],
        known_local_governments=tables["local_government"], row_cap=row_cap,
    )
    plan = _mark_resolved(plan, resolutions)
    progress("resolve", 0.6)
    unresolved = _unresolved(plan, parsed, countries, gazetteer)
    progress("plan", 0.85)
    review = Review(plan=plan, detected=_detected(parsed), file_values=detected_values, unresolved=unresolved,
                    resolutions=resolutions, summary=summarise(plan.problems, int(len(parsed.frame))))
    progress("plan", 1.0)
    return review


def detection_rows(detected: dict) -> pd.DataFrame:
    """The column mapping as a two-column table: header as written -> canonical name (or what became of it)."""
    rows = [{"column in the file": k, "read as": v} for k, v in detected.get("column_mapping", {}).items()]
    rows += [{"column in the file": c, "read as": t("dropped: personal data")} for c in detected.get("dropped_pii", [])]
    rows += [{"column in the file": c, "read as": t("ignored")} for c in detected.get("ignored_columns", [])]
    return pd.DataFrame(rows, columns=["column in the file", "read as"])


def filter_problems(problems: Iterable[Problem], *, severities: Iterable[str] = (), rules: Iterable[str] = ()) -> pd.DataFrame:
    """The report table, cut to the chosen severities and rules (none chosen = all)."""
    frame = ingest.problems_frame(problems)
    severities, rules = set(severities), set(rules)
    if severities:
        frame = frame[frame["severity"].isin(severities)]
    if rules:
        frame = frame[frame["rule"].isin(rules)]
    return frame.reset_index(drop=True)


# --- Preview ------------------------------------------------------------------------------------------------------


def _after(tables: Mapping[str, pd.DataFrame], plan: ImportPlan) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    edition_id = plan.edition_id
    editions = tables["edition"][tables["edition"]["edition_id"] != edition_id]
    participation = tables["participation"][tables["participation"]["edition_id"] != edition_id]
    editions = pd.concat([editions, plan.editions], ignore_index=True)
    participation = pd.concat([participation, plan.participation], ignore_index=True)
    lgs = pd.concat([tables["local_government"], plan.local_governments], ignore_index=True)
    return editions, participation, lgs


def preview(plan: ImportPlan, tables: Mapping[str, pd.DataFrame]) -> dict:
    """What a commit would change: action, edition, new LGs, participants added, headline before/after, points."""
    if not plan.can_commit or plan.editions.empty:
        return {}
    before = metrics.headline(tables["edition"], tables["participation"])
    editions, participation, lgs = _after(tables, plan)
    after = metrics.headline(editions, participation)
    replaced = tables["participation"][tables["participation"]["edition_id"] == plan.edition_id]
    used = plan.participation["lg_id"].dropna().unique()
    points = lgs[lgs["lg_id"].isin(used)].drop_duplicates("lg_id")
    new_ids = set(plan.local_governments["lg_id"])
    points = points.assign(new=points["lg_id"].isin(new_ids))[["lg_id", "name", "country_iso3", "latitude",
                                                               "longitude", "new"]]
    return {
        "action": "replace" if plan.replaces_existing_edition else "add",
        "edition": plan.editions.iloc[0].to_dict(),
        "new_programmes": plan.programmes[["programme_id", "name"]].reset_index(drop=True),
        "new_local_governments": plan.local_governments[
            ["lg_id", "name", "country_iso3", "latitude", "longitude", "coord_source"]].reset_index(drop=True),
        "rows": len(plan.participation),
        "participants_added": int(plan.participation["participants"].dropna().sum()),
        "rows_with_unknown_count": int(plan.participation["participants"].isna().sum()),
        "replaced_rows": len(replaced),
        "headline": pd.DataFrame([
            {"figure": label, "before": before[key].best, "after": after[key].best}
            for key, label in (("participants", t("Participants")), ("local_governments", t("Local governments")),
                               ("countries", t("Countries")), ("editions", t("Editions")))
        ]),
        "points": points.dropna(subset=["latitude", "longitude"]).reset_index(drop=True),
    }


def map_link(plan: ImportPlan) -> str | None:
    """A link to the map filtered to the new edition's programme and year (the shared filters' URL form)."""
    if plan.editions.empty:
        return None
    edition = plan.editions.iloc[0]
    year = int(edition["year"])
    return "/map?" + urlencode({"programme": edition["programme_id"], "from": year, "to": year})


# --- Writes ---------------------------------------------------------------------------------------------------------


def commit(store, plan: ImportPlan, *, by: str, replace: bool = False) -> Outcome:
    """Commit a plan in one transaction; every refusal becomes an Outcome and leaves the store as it was."""
    from ssedash.store import DuplicateImport, EditionExists, ImportConflict, StoreError

    if not plan.can_commit:
        return Outcome("refused", t("The file has errors: nothing was written. Correct them and upload it again."))
    try:
        result = store.commit_plan(plan, by=by, replace=replace)
    except DuplicateImport as error:
        return Outcome("duplicate", t("This file was already imported (import #{id}): nothing changed.",
                                      id=error.import_id))
    except EditionExists as error:
        return Outcome("exists", t("Edition '{edition}' is already in the store. Tick 'Replace the existing edition' "
                                   "to replace it (the old rows are kept in the history and can be restored).",
                                   edition=error.edition_id))
    except ImportConflict as error:
        return Outcome("conflict", t("Another import changed the store while you were working: {detail}",
                                     detail=str(error)))
    except StoreError as error:
        return Outcome("refused", t("Nothing was written: {detail}", detail=str(error)))
    verb = t("replaced") if result.action == "replace" else t("added")
    message = t("Import #{id}: edition '{edition}' {verb}: {rows:,} participation rows, {lgs} new local "
                "government(s).", id=result.import_id, edition=result.edition_id, verb=verb, rows=result.rows,
                lgs=result.new_local_governments)
    if result.replaced_rows:
        message += " " + t("{n:,} old rows are kept in the history.", n=result.replaced_rows)
    return Outcome("committed", message, result)


def commit_cities(store, plan: CitiesPlan, *, by: str) -> Outcome:
    from ssedash.store import DuplicateImport, ImportConflict, StoreError

    if not plan.can_commit:
        return Outcome("refused", t("The file has errors: nothing was written. Correct them and upload it again."))
    try:
        result = store.commit_local_governments(plan.local_governments, by=by, file_name=plan.file_name,
                                                sha256=plan.sha256)
    except DuplicateImport as error:
        return Outcome("duplicate", t("This file was already imported (import #{id}): nothing changed.",
                                      id=error.import_id))
    except ImportConflict as error:
        return Outcome("conflict", t("Someone else changed these local governments at the same time; nothing was "
                                     "written. Details: {detail}", detail=str(error)))
    except StoreError as error:
        return Outcome("refused", t("Nothing was written: {detail}", detail=str(error)))
    return Outcome("committed", t("Import #{id}: {added} local government(s) added, {corrected} corrected.",
                                  id=result.import_id, added=result.new_local_governments,
                                  corrected=result.replaced_rows), result)


def rollback(store, import_id: int, *, by: str) -> Outcome:
    from ssedash.store import RollbackRefused, StoreError

    try:
        result = store.rollback(int(import_id), by=by)
    except RollbackRefused as error:
        return Outcome("refused", t("Roll back refused: {detail}. Nothing changed.", detail=str(error)))
    except StoreError as error:
        return Outcome("refused", t("Nothing changed: {detail}", detail=str(error)))
    return Outcome("committed", t("Import #{target} rolled back (as import #{id}, {rows:,} rows changed).",
                                  target=int(import_id), id=result.import_id, rows=result.rows), result)


# --- History ------------------------------------------------------------------------------------------------------

HISTORY_COLUMNS = ["import_id", "at", "by", "action", "file_name", "rows", "edition_id", "rolled_back_by", "sha256"]


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """Every import, newest first, with the columns the history page shows."""
    return history.reindex(columns=HISTORY_COLUMNS).reset_index(drop=True)


def rollback_candidates(history: pd.DataFrame) -> list[int]:
    """Imports that can be offered for rollback: writes not yet rolled back (the store still has the last word)."""
    from ssedash.store import WRITE_ACTIONS

    if history.empty:
        return []
    open_writes = history[history["action"].isin(WRITE_ACTIONS) & history["rolled_back_by"].isna()]
    return [int(i) for i in open_writes["import_id"]]


# --- Cities (local governments) upload ------------------------------------------------------------------------------

CITY_COLUMNS = ("name", "country", "latitude", "longitude", "admin_level", "gsef_member", "source_url")
CITY_OPTIONAL = ("lg_id",)
_CITY_SYNONYMS = {
    "name": ("name", "local_government", "local government", "city", "municipality", "nom", "ville",
             "collectivite", "nombre", "ciudad", "municipio"),
    "gsef_member": ("gsef_member", "gsef member", "member", "membre", "miembro"),
    "lg_id": ("lg_id", "id", "lg id"),
}
_TRUE, _FALSE = {"true", "yes", "y", "1", "oui", "si", "sí", "x"}, {"false", "no", "n", "0", "non"}


def _city_column(header: str) -> str | None:
    folded = ingest.fold_header(header)
    for canonical, synonyms in _CITY_SYNONYMS.items():
        if folded in {ingest.fold_header(s) for s in synonyms}:
            return canonical
    canonical = ingest.canonical_column(header)
    return canonical if canonical in CITY_COLUMNS else None


def _cities_refused(file_name, sha256, detected, problems) -> CitiesPlan:
    empty = ingest.empty_table("local_government")
    return CitiesPlan(file_name, sha256, detected, empty, (), ingest.cap_problems(list(problems)))


def check_cities(raw: bytes, file_name: str, **options) -> CitiesPlan:
    """Validate a cities file: every problem with line, column, value, rule and message; the rows to write.

    A row whose `lg_id` (or, without one, whose name within its country) matches a stored record corrects that
    record; any other row adds a local government. Coordinates outside the stated country are warnings. An
    unexpected error becomes a refused plan with one `unexpected_error` problem, never an exception.
    """
    try:
        return _check_cities(raw, file_name, **options)
    except Exception as error:
        detected = {"rows": 0, "column_mapping": {}, "dropped_pii": [], "ignored_columns": []}
        return _cities_refused(file_name, hashlib.sha256(raw).hexdigest(), detected,
                               [unexpected_problem(error, "upload.check_cities")])


def _check_cities(raw: bytes, file_name: str, *, countries, shapes, known_local_governments: pd.DataFrame,
                  row_cap: int = 200_000) -> CitiesPlan:
    sha256 = hashlib.sha256(raw).hexdigest()
    read = read_records(raw, row_cap)  # the guarded reader every upload goes through
    kind, encoding, delimiter, header, header_line, rows, refusal = (
        read.kind, read.encoding, read.delimiter, read.header, read.header_line, read.rows, read.refusal)
    detected = {"kind": kind, "encoding": encoding, "delimiter": delimiter, "rows": len(rows),
                "delimiter_name": ingest.DELIMITER_NAMES.get(delimiter or ""), "column_mapping": {},
                "dropped_pii": [], "ignored_columns": []}
    if refusal is not None:
        return _cities_refused(file_name, sha256, detected, [refusal])
    if header is None:
        return _cities_refused(file_name, sha256, detected, [Problem(
            None, None, None, "empty_file", t("The file is empty: there is nothing to import."), ERROR)])
    problems: list[Problem] = list(read.problems)  # multiline_field, field_count, too_many_cells, ...
    if encoding == "cp1252":
        problems.append(Problem(None, None, None, "encoding",
                                t("The file is not UTF-8; it was read as Windows-1252 (cp1252)."), INFO))
    position: dict[str, int] = {}
    for i, written in enumerate(h.strip() for h in header):
        canonical = _city_column(written) if written else None
        if canonical is None:
            if written:
                detected["ignored_columns"].append(written)
            continue
        if canonical in position:
            problems.append(Problem(header_line, written, written, "duplicate_header",
                                    t("Two columns mean '{column}': keep only one.", column=canonical), ERROR))
            continue
        position[canonical] = i
        detected["column_mapping"][written] = canonical
    written_of = {c: header[i].strip() for c, i in position.items()}
    for column in CITY_COLUMNS:
        if column not in position:
            problems.append(Problem(header_line, column, None, "missing_column",
                                    t("The column '{column}' is missing: a cities file needs {all}.", column=column,
                                      all=", ".join(CITY_COLUMNS)), ERROR))
    if not rows:
        problems.append(Problem(None, None, None, "header_only", t("The file has a header but no data rows."), ERROR))
    if any(p.severity == ERROR for p in problems):
        return _cities_refused(file_name, sha256, detected, problems)

    def cell(cells: list[str], column: str) -> str:
        i = position.get(column)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    known = known_local_governments
    known_by_id = {row["lg_id"]: row for row in known.to_dict("records")} if len(known) else {}
    known_by_name = {(ingest.normalise_name(r["name"]), r["country_iso3"]): r["lg_id"] for r in known_by_id.values()}
    taken = set(known_by_id)
    records: list[dict] = []
    seen_ids: dict[str, int] = {}
    corrections: list[str] = []
    for line, cells in rows:
        row_errors = 0

        def problem(column, value, rule, message, severity=ERROR):
            nonlocal row_errors
            row_errors += severity == ERROR
            problems.append(Problem(line, written_of.get(column, column), value or None, rule, message, severity))

        name = cell(cells, "name")
        if not name:
            problem("name", None, "missing_value", t("The name is empty: every row needs the local government's name."))
        country_text = cell(cells, "country")
        iso3 = countries.try_resolve(country_text) if country_text else None
        if not country_text:
            problem("country", None, "missing_value", t("The country is empty: every row needs a country."))
        elif iso3 is None:
            problem("country", country_text, "unknown_country",
                    t("'{value}' is not a country we know: use an ISO code or the English, French or Spanish name.",
                      value=country_text))
        coordinates = {}
        for column, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
            text = cell(cells, column)
            if not text:
                coordinates[column] = None
                continue
            value, rule = ingest.parse_float(text, decimal_comma=delimiter == ";")
            if rule is not None or not low <= value <= high:
                problem(column, text, rule or f"{column}_range",
                        t("'{value}' is not a valid {column}: use a decimal number between {low} and {high}.",
                          value=text, column=column, low=low, high=high))
                value = None
            coordinates[column] = value
        if (coordinates["latitude"] is None) != (coordinates["longitude"] is None) and row_errors == 0:
            problem("latitude", None, "coordinates_incomplete", t("Give both latitude and longitude, or neither."))
        elif coordinates["latitude"] is None and row_errors == 0:
            problem("latitude", None, "no_coordinates",
                    t("'{name}' has no coordinates: it will not appear on the map.", name=name), WARNING)
        member_text = cell(cells, "gsef_member").casefold()
        member = None
        if member_text in _TRUE:
            member = True
        elif member_text in _FALSE:
            member = False
        elif member_text:
            problem("gsef_member", cell(cells, "gsef_member"), "not_a_boolean",
                    t("'{value}' is not yes or no: write yes, no, true, false, 1 or 0, or leave it empty.",
                      value=cell(cells, "gsef_member")))
        source = cell(cells, "source_url")
        if not source:
            problem("source_url", None, "missing_value", t("Every record needs a source link (https://…)."))
        elif not re.match(schema.URL, source):
            problem("source_url", source, "bad_url", t("'{value}' is not a link: use a full address starting with "
                                                       "https://.", value=source))
        lg_id = cell(cells, "lg_id")
        if lg_id and not re.match(schema.SLUG, lg_id):
            problem("lg_id", lg_id, "bad_lg_id", t("'{value}' is not an id: use lower-case letters, digits and "
                                                   "hyphens, such as np-tokha.", value=lg_id))
        if row_errors:
            continue
        if not lg_id:
            lg_id = known_by_name.get((ingest.normalise_name(name), iso3))
        if not lg_id:
            base = f"{(countries.iso2(iso3) or iso3[:2]).lower()}-{ingest.slugify(name)}"
            lg_id, n = base, 2
            while lg_id in taken:
                lg_id, n = f"{base}-{n}", n + 1
        if lg_id in seen_ids:
            problem("lg_id" if "lg_id" in position else "name", lg_id, "duplicate_lg",
                    t("Line {first} already describes '{id}': one row per local government.", first=seen_ids[lg_id],
                      id=lg_id))
            continue
        seen_ids[lg_id] = line
        taken.add(lg_id)
        previous = known_by_id.get(lg_id)
        if previous is not None:
            corrections.append(lg_id)
            if previous["country_iso3"] != iso3:
                problem("country", country_text, "country_changed",
                        t("'{id}' was recorded in {old}; this row moves it to {new}.", id=lg_id,
                          old=previous["country_iso3"], new=iso3), WARNING)
        records.append({
            "lg_id": lg_id, "name": name, "country_iso3": iso3, "admin_level": cell(cells, "admin_level") or None,
            "latitude": coordinates["latitude"], "longitude": coordinates["longitude"],
            "coord_source": "analyst" if coordinates["latitude"] is not None else None,
            "coord_precision": "exact" if coordinates["latitude"] is not None else None,
            "gsef_member": member, "source_url": source,
            "notes": previous.get("notes") if previous is not None else None, "_line": line,
        })

    frame = pd.DataFrame(records)
    if len(frame) and shapes is not None:
        from ssedash.reference import looks_swapped_many, points_outside_country

        placed = frame.dropna(subset=["latitude", "longitude"])
        outside = points_outside_country(placed["latitude"], placed["longitude"], placed["country_iso3"], shapes)
        flagged = placed[outside.fillna(False).astype(bool).to_numpy()]
        swapped = looks_swapped_many(flagged["latitude"], flagged["longitude"], flagged["country_iso3"], shapes)
        for (_, row), is_swapped in zip(flagged.iterrows(), swapped.to_numpy()):
            hint = (t("latitude and longitude look swapped.") if is_swapped
                    else t("check the coordinates and the country."))
            problems.append(Problem(
                int(row["_line"]), written_of.get("latitude"), f"{row['latitude']}, {row['longitude']}",
                "coordinates_outside_country",
                t("The point for '{name}' is outside {country}: ", name=row["name"],
                  country=countries.name(row["country_iso3"])) + hint, WARNING))
    if any(p.severity == ERROR for p in problems) or frame.empty:
        return _cities_refused(file_name, sha256, detected, problems)
    checked = schema.LocalGovernmentTable.validate(frame.drop(columns="_line"), lazy=True)
    return CitiesPlan(file_name, sha256, detected, checked.reset_index(drop=True), tuple(corrections),
                      ingest.cap_problems(problems))


def cities_template() -> pd.DataFrame:
    """The cities template: every column in order and one example row to overwrite."""
    return pd.DataFrame([{
        "lg_id": "", "name": "Example City (delete this row)", "country": "KOR", "latitude": "37.5665",
        "longitude": "126.9780", "admin_level": "city", "gsef_member": "yes",
        "source_url": "https://example.org/source",
    }], columns=[*CITY_OPTIONAL, *CITY_COLUMNS])


def cities_preview(plan: CitiesPlan) -> pd.DataFrame:
    """The cities file's records with whether each adds or corrects a local government."""
    frame = plan.local_governments[["lg_id", "name", "country_iso3", "latitude", "longitude", "admin_level",
                                    "gsef_member"]]
    corrected = set(plan.corrections)
    return frame.assign(status=[t("corrected") if i in corrected else t("new") for i in frame["lg_id"]])


def suggestion_points(item: Unresolved) -> pd.DataFrame:
    """An unresolved LG's gazetteer suggestions as points for a small map."""
    return pd.DataFrame([{"name": p.name, "latitude": p.latitude, "longitude": p.longitude,
                          "geonameid": p.geonameid, "population": p.population} for p in item.suggestions],
                        columns=["name", "latitude", "longitude", "geonameid", "population"])


# --- Templates ------------------------------------------------------------------------------------------------------


def template_csv() -> bytes:
    """The edition template as UTF-8 CSV (with BOM, so Excel shows accents)."""
    return ingest.template_frame().to_csv(index=False).encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The edition template as an Excel workbook: the template sheet and a sheet explaining each column."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        ingest.template_frame().to_excel(writer, sheet_name="participation", index=False)
        pd.DataFrame(TEMPLATE_HELP, columns=["column", "meaning"]).to_excel(writer, sheet_name="help", index=False)
    return out.getvalue()


def cities_template_csv() -> bytes:
    return cities_template().to_csv(index=False).encode("utf-8-sig")


TEMPLATE_HELP = [
    ("year", "Year of the edition, e.g. 2025 (required unless given in the upload form)."),
    ("local_government", "Name of the local government (city, municipality…); empty when only the country is known."),
    ("country", "ISO2 or ISO3 code, or the English, French or Spanish name (required)."),
    ("programme", "Programme id or name (optional: can be chosen in the upload form)."),
    ("edition", "Edition id (optional: default is <programme>-<year>)."),
    ("participants", "Whole number of participants on this row (1 or more); empty = took part, count unknown."),
    ("role", "Role, e.g. mayor, official (optional)."),
    ("gender", "Optional."),
    ("latitude", "Decimal degrees, e.g. -6.92 (optional; needed for a new local government the gazetteer "
                 "does not know)."),
    ("longitude", "Decimal degrees, e.g. 107.61 (optional, with latitude)."),
    ("admin_level", "city, municipality, province… (optional)."),
    ("source_url", "Where this row's information was published (https://…, optional)."),
    ("(names, e-mails…)", "Never include personal data: such columns are dropped on upload."),
]

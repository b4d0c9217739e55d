"""The edition file's first look and its form: what the file states, and the edition details the form gives."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ssedash import incidents, ingest, limits, schema
from ssedash.i18n import N_, t
from ssedash.ingest import ERROR, Detected, EditionDetails, Problem
from ssedash.ingest.columns import COLUMN_RULES, NO_CHOICES

NEW_PROGRAMME = "__new__"
EVENT_KIND_CHOICES = ("", *schema.EVENT_KINDS)  # "" = not given: the file's, else training with a notice
FORMATS = schema.FORMATS
FIRST_ROWS = 10  # rows of the file shown as read, before the edition form
_KIND_LABELS = {
    "training": N_("Training"),
    "policy_dialogue": N_("Policy dialogue"),
    "webinar": N_("Webinar"),
    "academy": N_("Academy"),
}


def unexpected_problem(error: Exception, where: str) -> Problem:
    """An error that is a bug, not the analyst's: logged under a reference, shown as one plain problem."""
    reference = incidents.record(error, where)
    return Problem(
        None,
        None,
        reference,
        "unexpected_error",
        t(
            "Something unexpected went wrong while checking this file (reference {ref}). Nothing was written. Send "
            "the file and this reference to the maintainers.",
            ref=reference,
        ),
        ERROR,
    )


@dataclass(frozen=True)
class Inspection:
    """A first look at a file, before the edition form."""

    sha256: str
    detected: Detected
    file_values: dict = field(default_factory=dict)  # programme / edition / year / event_kind the file states
    head: pd.DataFrame = field(default_factory=pd.DataFrame)  # its first rows as read
    refused: tuple[Problem, ...] = ()  # file-level errors: the file cannot be imported as it is
    column_problems: tuple[Problem, ...] = ()  # errors of the column mapping (ingest.columns.COLUMN_RULES)


def file_values(parsed: ingest.ParsedUpload) -> dict:
    """The programme, edition, year and event kind the file states (only when each has exactly one distinct value)."""
    found: dict = {}
    for column in ("programme", "edition", "year", "event_kind"):
        if column not in parsed.frame.columns:
            continue
        values = list(dict.fromkeys(parsed.frame[column].dropna().astype(str)))
        if len(values) != 1:
            continue
        if column != "year":
            found[column] = values[0]
            continue
        try:
            year = int(float(values[0]))
        except (ValueError, OverflowError):  # 'nan', 'inf', a 5,000-digit year
            continue
        if limits.YEAR_MIN <= year <= limits.YEAR_MAX:
            found[column] = year
    return found


def inspect(
    raw: bytes, file_name: str, *, row_cap: int = 200_000, columns: Mapping[str, str | None] = NO_CHOICES
) -> Inspection:
    """A first look at a file, before the edition form: checksum, what was detected (each column's field, with the
    analyst's `columns` choices), what the file states. An unexpected error is one `unexpected_error` problem in
    `refused`, never an exception."""
    try:
        parsed = ingest.parse_upload(raw, file_name, row_cap=row_cap, required=(), columns=columns)
        return Inspection(
            sha256=parsed.sha256,
            detected=parsed.detected,
            file_values=file_values(parsed),
            head=parsed.frame.head(FIRST_ROWS).reset_index(drop=True),
            refused=tuple(p for p in parsed.problems if p.severity == ERROR and p.line is None),
            column_problems=tuple(p for p in parsed.problems if p.rule in COLUMN_RULES),
        )
    except Exception as error:
        sha256 = hashlib.sha256(raw).hexdigest()
        return Inspection(
            sha256=sha256, detected=Detected(sha256=sha256), refused=(unexpected_problem(error, "upload.inspect"),)
        )


def event_kind_label(kind: str, in_file: bool = False) -> str:
    """The edition form's words for an event kind; the empty choice says what happens when none is chosen."""
    if not kind:
        return t("(from the file)") if in_file else t("Not given (imported as training)")
    return t(_KIND_LABELS.get(kind, kind))


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _figure(value) -> int | str | None:
    """A reported figure as typed ("5,700+", "over 200", 12): kept as given, read by the import plan."""
    return _text(value) if isinstance(value, str) else value


def _date(value) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else _text(value)


def details_from_form(form: Mapping) -> EditionDetails:
    """Edition details from the form's widget values (dates as date objects or text, empty = not given).

    `programme` is a known programme id, NEW_PROGRAMME with `new_programme` typed, or empty; build_import_plan
    uses the file's own programme, edition and year where the form leaves them empty.
    """
    programme = _text(form.get("programme"))
    if programme == NEW_PROGRAMME:
        programme = _text(form.get("new_programme"))
    year = form.get("year")
    return EditionDetails(
        programme=programme,
        edition_id=_text(form.get("edition_id")),
        name=_text(form.get("name")),
        year=int(year) if year not in (None, "") else None,
        start_date=_date(form.get("start_date")),
        end_date=_date(form.get("end_date")),
        host_city=_text(form.get("host_city")),
        host_country=_text(form.get("host_country")),
        format=_text(form.get("format")) or "in_person",
        event_kind=_text(form.get("event_kind")),
        reported_participants=_figure(form.get("reported_participants")),
        reported_countries=_figure(form.get("reported_countries")),
        reported_local_governments=_figure(form.get("reported_local_governments")),
        source_url=_text(form.get("source_url")),
        notes=_text(form.get("notes")),
    )

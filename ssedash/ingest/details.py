"""The edition details the form or the CLI gives, checked against the file: year, edition id, host country,
format, dates and source (`build_import_plan` decides the edition with them). Each problem says what to do, in the
reader's language."""

from __future__ import annotations

import re

from ssedash import schema
from ssedash.i18n import N_, t
from ssedash.ingest.shapes import EditionDetails
from ssedash.problems import ERROR, Problem, show
from ssedash.text import slugify


def detail_problem(rule: str, value, message: str) -> Problem:
    """An error about the edition as a whole (no line, no column)."""
    return Problem(None, None, None if value is None else str(value), rule, message, ERROR)


def decide_year(file_year, details: EditionDetails) -> tuple[int | None, list[Problem]]:
    problems = []
    if file_year is not None and details.year is not None and int(file_year) != int(details.year):
        problems.append(
            detail_problem(
                "year_conflict",
                file_year,
                t(
                    "The file says year {file} but the form says {form}: make them agree.",
                    file=file_year,
                    form=details.year,
                ),
            )
        )
    year = int(file_year) if file_year is not None else details.year
    if year is not None and file_year is None and not 1990 <= int(year) <= 2100:
        problems.append(
            detail_problem("year_range", year, t("The year {year} must be between 1990 and 2100.", year=year))
        )
    return year, problems


def decide_edition_id(file_edition, details: EditionDetails, programme_id, year) -> tuple[str | None, list[Problem]]:
    if file_edition:
        edition_id = slugify(file_edition)
        if details.edition_id and slugify(details.edition_id) != edition_id:
            return edition_id, [
                detail_problem(
                    "edition_conflict",
                    file_edition,
                    t(
                        "The file says edition '{file}' but the form says '{form}'.",
                        file=show(file_edition),
                        form=show(details.edition_id),
                    ),
                )
            ]
        return edition_id, []
    if details.edition_id:
        return slugify(details.edition_id), []
    if programme_id and year is not None:
        return f"{programme_id}-{int(year)}", []
    return None, []


def detail_problems(details: EditionDetails, countries) -> tuple[str | None, list[Problem]]:
    """The host country's ISO3, and the problems of the form's own fields (host country, format, dates)."""
    problems, host_iso3 = [], None
    if details.host_country:
        host_iso3 = countries.try_resolve(details.host_country)
        if host_iso3 is None:
            problems.append(
                detail_problem(
                    "unknown_country",
                    details.host_country,
                    t(
                        "The host country '{value}' is not a country we know: use an ISO code or the English, French "
                        "or Spanish name.",
                        value=show(details.host_country),
                    ),
                )
            )
    if details.format not in schema.FORMATS:
        problems.append(
            detail_problem(
                "bad_format",
                details.format,
                t("The format must be one of {formats}.", formats=", ".join(schema.FORMATS)),
            )
        )
    for message, value in (
        (N_("The start date '{value}' must be written YYYY-MM-DD."), details.start_date),
        (N_("The end date '{value}' must be written YYYY-MM-DD."), details.end_date),
    ):
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            problems.append(detail_problem("bad_date", value, t(message, value=value)))
    return host_iso3, problems


def edition_source(details: EditionDetails, fallback: str) -> tuple[str, list[Problem]]:
    if details.source_url and not re.match(schema.URL, details.source_url):
        return fallback, [
            detail_problem(
                "bad_url",
                details.source_url,
                t(
                    "The edition's source '{value}' is not a link: use a full address starting with https://.",
                    value=show(details.source_url),
                ),
            )
        ]
    return details.source_url or fallback, []

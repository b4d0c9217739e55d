"""One row of a cities file, checked: its cells by canonical column (`CityRow`), what is wrong with them (country,
coordinates, GSEF membership, source link, id) and, when nothing is, the local-government record it describes
(`city_record`). Matching records to stored local governments is cities.py's job."""

from __future__ import annotations

import re

from ssedash import ingest, schema
from ssedash.i18n import t
from ssedash.ingest import ERROR, WARNING, Problem

_TRUE, _FALSE = {"true", "yes", "y", "1", "oui", "si", "sí", "x"}, {"false", "no", "n", "0", "non"}


class CityRow:
    """One record's cells by canonical column, and the problems found in it."""

    def __init__(self, line: int, cells: list[str], position: dict[str, int], written_of: dict[str, str]):
        self.line, self.cells, self.position, self.written_of = line, cells, position, written_of
        self.problems: list[Problem] = []

    def cell(self, column: str) -> str:
        i = self.position.get(column)
        return self.cells[i].strip() if i is not None and i < len(self.cells) else ""

    def problem(self, column: str, value: str | None, rule: str, message: str, severity=ERROR) -> None:
        self.problems.append(
            Problem(self.line, self.written_of.get(column, column), value or None, rule, message, severity)
        )

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)


def _country(row: CityRow, countries) -> str | None:
    text = row.cell("country")
    iso3 = countries.try_resolve(text) if text else None
    if not text:
        row.problem("country", None, "missing_value", t("The country is empty: every row needs a country."))
    elif iso3 is None:
        row.problem(
            "country",
            text,
            "unknown_country",
            t(
                "'{value}' is not a country we know: use an ISO code or the English, French, Spanish or Korean name.",
                value=text,
            ),
        )
    return iso3


def _coordinates(row: CityRow, name: str, decimal_comma: bool) -> dict[str, float | None]:
    coordinates: dict[str, float | None] = {}
    for column, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        text = row.cell(column)
        value, rule = ingest.parse_float(text, decimal_comma=decimal_comma) if text else (None, None)
        if text and (rule is not None or value is None or not low <= value <= high):
            row.problem(
                column,
                text,
                rule or f"{column}_range",
                t(
                    "'{value}' is not a valid {column}: use a decimal number between {low} and {high}.",
                    value=text,
                    column=column,
                    low=low,
                    high=high,
                ),
            )
            value = None
        coordinates[column] = value
    if (coordinates["latitude"] is None) != (coordinates["longitude"] is None) and row.errors == 0:
        row.problem("latitude", None, "coordinates_incomplete", t("Give both latitude and longitude, or neither."))
    elif coordinates["latitude"] is None and row.errors == 0:
        row.problem(
            "latitude",
            None,
            "no_coordinates",
            t("'{name}' has no coordinates: it will not appear on the map.", name=name),
            WARNING,
        )
    return coordinates


def _member(row: CityRow) -> bool | None:
    text = row.cell("gsef_member").casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text:
        row.problem(
            "gsef_member",
            row.cell("gsef_member"),
            "not_a_boolean",
            t(
                "'{value}' is not yes or no: write yes, no, true, false, 1 or 0, or leave it empty.",
                value=row.cell("gsef_member"),
            ),
        )
    return None


def _source_and_id(row: CityRow) -> tuple[str, str]:
    source, lg_id = row.cell("source_url"), row.cell("lg_id")
    if not source:
        row.problem("source_url", None, "missing_value", t("Every record needs a source link (https://…)."))
    elif not re.match(schema.URL, source):
        row.problem(
            "source_url",
            source,
            "bad_url",
            t("'{value}' is not a link: use a full address starting with https://.", value=source),
        )
    if lg_id and not re.match(schema.SLUG, lg_id):
        row.problem(
            "lg_id",
            lg_id,
            "bad_lg_id",
            t("'{value}' is not an id: use lower-case letters, digits and hyphens, such as np-tokha.", value=lg_id),
        )
    return source, lg_id


def city_record(row: CityRow, countries, decimal_comma: bool) -> dict | None:
    """The record a row describes (lg_id possibly empty), or None when the row has errors."""
    name = row.cell("name")
    if not name:
        row.problem("name", None, "missing_value", t("The name is empty: every row needs the local government's name."))
    iso3 = _country(row, countries)
    coordinates = _coordinates(row, name, decimal_comma)
    member = _member(row)
    source, lg_id = _source_and_id(row)
    if row.errors:
        return None
    placed = coordinates["latitude"] is not None
    return {
        "lg_id": lg_id,
        "name": name,
        "country_iso3": iso3,
        "admin_level": row.cell("admin_level") or None,
        **coordinates,
        "coord_source": "analyst" if placed else None,
        "coord_precision": "exact" if placed else None,
        "gsef_member": member,
        "source_url": source,
        "notes": None,
        "line": row.line,
    }

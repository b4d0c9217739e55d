"""Numbers in text cells: parsed one cell at a time, then range-checked with pandera, every failure a problem.

Two phases (design §3): a cell that does not parse is reported with its line and value first; pandera then runs
on the typed columns (a failed coercion would otherwise hide the other errors of its column).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from ssedash import limits
from ssedash.i18n import N_, t
from ssedash.problems import ERROR, Problem, show

NUMBER_COLUMNS = {"year": "Int64", "participants": "Int64", "latitude": "Float64", "longitude": "Float64"}
_INT_RE = re.compile(r"^[+-]?\d+(?:\.0*)?$")
# What a number cell must hold, one whole sentence per column (the value is put in where it is shown).
_NUMBER_MESSAGES = {
    "year": N_("'{value}' is not a valid year: use a year such as 2019."),
    "participants": N_(
        "'{value}' is not a valid participant count: use a whole number of 1 or more, or leave it empty if unknown."
    ),
    "latitude": N_("'{value}' is not a valid latitude: use a decimal number between -90 and 90, such as -6.92."),
    "longitude": N_("'{value}' is not a valid longitude: use a decimal number between -180 and 180, such as 107.61."),
}
_INT_BOUNDS = {  # column: (lowest, rule below it, highest, rule above it)
    "year": (limits.YEAR_MIN, "year_range", limits.YEAR_MAX, "year_range"),
    "participants": (1, "must_be_positive", limits.MAX_PARTICIPANTS_PER_ROW, "too_large"),
}
_RANGE_RULES = {
    "year": "year_range",
    "participants": "must_be_positive",
    "latitude": "latitude_range",
    "longitude": "longitude_range",
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


def parse_int(text: str, column: str = "participants") -> tuple[int | None, str | None]:
    """(value, failed rule) for one cell; out of range is a rule here, so a huge number never reaches Int64."""
    candidate = re.sub(r"[\s\u00a0\u202f\u2009]", "", text)  # "5 700" as French writes it (narrow space too)
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
    candidate = re.sub(r"[\s\u00a0\u202f\u2009]", "", text)  # "5 700" as French writes it (narrow space too)
    if decimal_comma and "," in candidate and "." not in candidate and candidate.count(",") == 1:
        candidate = candidate.replace(",", ".")
    try:
        number = float(candidate)
    except ValueError:
        return None, "not_a_number"
    return (number, None) if math.isfinite(number) else (None, "not_a_number")


def _typed_column(text: pd.Series, parse: Callable) -> tuple[pd.Series, pd.Series]:
    """Parse each distinct value once: (values, failed rule per row or None)."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    results = [parse(u) for u in uniques]
    values = [r[0] for r in results] + [None]
    rules = [r[1] for r in results] + [None]
    return (
        pd.Series([values[c] for c in codes], index=text.index, dtype=object),
        pd.Series([rules[c] for c in codes], index=text.index, dtype=object),
    )


def cell_message(column: str, value: str, rule: str) -> str:
    if rule == "too_large":
        return t(
            "'{value}' is more than {limit:,} participants on one row: check the cell (a count of people, not a total "
            "or an id), or split the count over several rows.",
            value=show(value),
            limit=limits.MAX_PARTICIPANTS_PER_ROW,
        )
    return t(_NUMBER_MESSAGES[column], value=show(value))


@dataclass(frozen=True)
class TypedCells:
    columns: pd.DataFrame  # year, participants (Int64), latitude, longitude (Float64); <NA> where absent or bad
    failed: pd.Series  # bool per row: some number cell did not parse
    problems: list[Problem]


def _parsers(decimal_comma: bool) -> dict[str, Callable]:
    return {
        "year": lambda v: parse_int(v, "year"),
        "participants": lambda v: parse_int(v, "participants"),
        "latitude": lambda v: parse_float(v, decimal_comma),
        "longitude": lambda v: parse_float(v, decimal_comma),
    }


def _out_of_range(typed: pd.DataFrame, frame: pd.DataFrame, header_of: dict[str, str]) -> tuple[pd.DataFrame, list]:
    """Phase 2: pandera over the typed columns; a value out of range becomes <NA> and a problem."""
    problems: list[Problem] = []
    try:
        _TYPED_SCHEMA.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        typed = typed.copy()
        for case in exc.failure_cases.itertuples(index=False):
            column = case.column
            if column not in _RANGE_RULES or pd.isna(case.index):
                continue
            i = int(case.index)
            value, rule = frame.at[i, column], _RANGE_RULES[column]
            problems.append(
                Problem(
                    int(frame.at[i, "line"]), header_of[column], value, rule, cell_message(column, value, rule), ERROR
                )
            )
            typed.at[i, column] = pd.NA
    return typed, problems


def typed_cells(frame: pd.DataFrame, header_of: dict[str, str], decimal_comma: bool) -> TypedCells:
    """Phase 1 then phase 2 over the number columns of a parsed upload's text frame."""
    typed = pd.DataFrame(index=frame.index)
    problems: list[Problem] = []
    failed = pd.Series(False, index=frame.index)
    for column, parse in _parsers(decimal_comma).items():
        if column not in frame.columns:
            continue
        values, rules = _typed_column(frame[column], parse)
        bad = rules.notna()
        problems += [
            Problem(
                int(frame.at[i, "line"]),
                header_of[column],
                frame.at[i, column],
                rules[i],
                cell_message(column, frame.at[i, column], rules[i]),
                ERROR,
            )
            for i in bad[bad].index
        ]
        failed |= bad
        typed[column] = pd.array(values.where(~bad, None).tolist(), dtype=NUMBER_COLUMNS[column])
    typed, range_problems = _out_of_range(typed, frame, header_of)
    for column, dtype in NUMBER_COLUMNS.items():
        if column not in typed.columns:
            typed[column] = pd.array([pd.NA] * len(frame), dtype=dtype)
    return TypedCells(typed[list(NUMBER_COLUMNS)], failed, problems + range_problems)

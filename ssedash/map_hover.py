"""What the map says on hover and in its tables, per point and per country: the location's precision, the years
attended, counts as the reader's locale writes them ("not recorded" where unknown, never 0). Pure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ssedash.i18n import formatting, t


def precision_label(precision: str) -> str:
    return {
        "exact": t("exact"),
        "approximate": t("approximate location"),
        "ambiguous": t("ambiguous: more than one place bears this name"),
        "country": t("placed at the country's centre (no coordinates)"),
    }.get(precision, precision)


def years_label(first: float, last: float) -> str:
    if pd.isna(first):
        return t("year not recorded")
    return f"{int(first)}" if first == last else f"{int(first)}–{int(last)}"


def count_label(value) -> str:
    return t("not recorded") if pd.isna(value) else formatting.number(int(value))


def point_customdata(points: pd.DataFrame) -> np.ndarray:
    """Per point: ISO3 (for the click), name, country, editions, participants, location warning."""
    warnings = ["" if p == "exact" else "<br>⚠ " + precision_label(p) for p in points["coord_precision"]]
    editions = [
        f"{n} ({years_label(first, last)})"
        for n, first, last in zip(points["editions"], points["first_year"], points["last_year"])
    ]
    return (
        np.column_stack(
            [
                points["country_iso3"].to_numpy(dtype=object),
                points["name"].to_numpy(dtype=object),
                points["country"].to_numpy(dtype=object),
                np.asarray(editions, dtype=object),
                np.asarray([count_label(v) for v in points["participants"]], dtype=object),
                np.asarray(warnings, dtype=object),
            ]
        )
        if len(points)
        else np.empty((0, 6), dtype=object)
    )


def point_hovertemplate() -> str:
    # Labels live once in the template, values per point in customdata: half the bytes of per-point text.
    return (
        "<b>%{customdata[1]}</b>, %{customdata[2]}<br>"
        + t("Editions attended: {n}", n="%{customdata[3]}")
        + "<br>"
        + t("Participants recorded: {count}", count="%{customdata[4]}")
        + "%{customdata[5]}<extra></extra>"
    )


def country_customdata(countries: pd.DataFrame) -> np.ndarray:
    """Per country: ISO3 (for the click), name, participants, local governments, participation rows, editions."""
    return (
        np.column_stack(
            [
                countries["iso3"].to_numpy(dtype=object),
                countries["country"].to_numpy(dtype=object),
                np.asarray([count_label(v) for v in countries["participants"]], dtype=object),
                np.asarray([count_label(v) for v in countries["local_governments"]], dtype=object),
                np.asarray([count_label(v) for v in countries["participation_rows"]], dtype=object),
                countries["editions"].to_numpy(dtype=object),
            ]
        )
        if len(countries)
        else np.empty((0, 6), dtype=object)
    )


def country_hovertemplate() -> str:
    return (
        "<b>%{customdata[1]}</b><br>"
        + t("Participants recorded: {count}", count="%{customdata[2]}")
        + "<br>"
        + t("Local governments: {n}", n="%{customdata[3]}")
        + "<br>"
        + t("Participation rows: {n}", n="%{customdata[4]}")
        + "<br>"
        + t("Editions: {n}", n="%{customdata[5]}")
        + "<br><i>"
        + t("Click to filter to this country")
        + "</i><extra></extra>"
    )

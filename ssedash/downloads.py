"""What the Data page offers: the filtered participation as a readable table, and its CSV and XLSX bytes.

Spreadsheet programs run a cell that starts with `= + - @` (and tab or carriage return) as a formula: such
cells are neutralised with a leading `'` (OWASP's advice for CSV injection), and XLSX cells are always written
as strings, never formulas.
"""

from __future__ import annotations

import io

import pandas as pd

from ssedash.filters import FilteredView, Filters
from ssedash.i18n import content, t
from ssedash.text import FORMULA_START, neutralise_formulas, slugify  # noqa: F401  (re-exported: tests and pages)

XLSX_MAX_ROWS = 200_000  # Excel's hard limit is 1,048,575 data rows; far fewer keeps the file quick to build


def participation_table(view: FilteredView, limit: int | None = None) -> pd.DataFrame:
    """One row per participation row of the view (only the first `limit` when given), with edition, programme and
    local-government names and readable column headers (in the reader's language, as is the format's name; the
    other cells are data as stored). An unknown participant count stays empty, never 0."""
    participation = view.participation if limit is None else view.participation_head(limit)
    editions = view.editions.set_index("edition_id")
    programme_names = view.programmes.set_index("programme_id")["name"]
    lg_names = view.local_governments.set_index("lg_id")["name"]
    edition_id = participation["edition_id"]
    return pd.DataFrame(
        {
            t("Year"): edition_id.map(editions["year"]).astype("Int64"),
            t("Country"): participation["country_iso3"].map(view.country_names()).fillna(participation["country"]),
            t("Local government"): participation["lg_id"].map(lg_names),
            t("Participants (unknown = empty)"): participation["participants"],
            t("Role"): participation["role"],  # as recorded (the data's own words), in every language
            t("Gender"): participation["gender"],
            t("Edition"): edition_id.map(editions["name"]),
            t("Programme"): edition_id.map(editions["programme_id"]).map(programme_names),
            t("Format"): edition_id.map(editions["format"]).map(content.format_name, na_action="ignore"),
            t("GSEF region"): participation["gsef_region"].map(content.region_name, na_action="ignore"),
            t("Country code (ISO3)"): participation["country_iso3"],
            t("Source"): participation["source_url"],
            t("Edition ID"): edition_id,
            t("Local government ID"): participation["lg_id"],
        }
    )


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (so Excel opens accents right), formula cells neutralised."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "participation") -> bytes:
    """An XLSX workbook, every text cell a string (never a formula or a link), formula cells neutralised."""
    if len(frame) > XLSX_MAX_ROWS:
        raise ValueError(
            t(
                "{rows:,} rows is too many for XLSX here (at most {cap:,}): download the CSV instead",
                rows=len(frame),
                cap=XLSX_MAX_ROWS,
            )
        )
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        neutralise_formulas(frame).to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()


def download_filename(filters: Filters, extension: str, stem: str = "participation", max_length: int = 120) -> str:
    """`ssedash-participation-2019.csv`: the filters in the name, so a saved file says what it holds."""
    parts = ["ssedash", stem]
    if filters.year_from is not None and filters.year_from == filters.year_to:
        parts.append(str(filters.year_from))
    elif filters.year_from is not None or filters.year_to is not None:
        parts.append(f"{filters.year_from or 'start'}-{filters.year_to or 'latest'}")
    for values in (filters.programmes, filters.regions, filters.countries, filters.local_governments):
        parts.extend(slugify(v, fallback="") for v in values)
    name = "-".join(p for p in parts if p)
    if len(name) > max_length:
        name = name[:max_length].rstrip("-") + "-etc"
    return f"{name}.{extension.lstrip('.')}"

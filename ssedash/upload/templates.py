"""The templates an analyst starts from: the edition file (CSV, XLSX with a help sheet) and the cities file."""

from __future__ import annotations

import io

import pandas as pd

from ssedash import ingest
from ssedash.i18n import N_, t
from ssedash.upload.cities import cities_template
from ssedash.upload.shown import sheet_name

TEMPLATE_HELP = [  # (column, what it means): the meaning is translated where the help sheet is written
    ("year", N_("Year of the edition, e.g. 2025 (required unless given in the upload form).")),
    (
        "local_government",
        N_("Name of the local government (city, municipality…); empty when only the country is known."),
    ),
    ("country", N_("ISO2 or ISO3 code, or the English, French or Spanish name (required).")),
    ("programme", N_("Programme id or name (optional: can be chosen in the upload form).")),
    ("edition", N_("Edition id (optional: default is <programme>-<year>).")),
    ("participants", N_("Whole number of participants on this row (1 or more); empty = took part, count unknown.")),
    ("role", N_("Role, e.g. mayor, official (optional).")),
    ("gender", N_("Optional.")),
    (
        "latitude",
        N_("Decimal degrees, e.g. -6.92 (optional; needed for a new local government the gazetteer does not know)."),
    ),
    ("longitude", N_("Decimal degrees, e.g. 107.61 (optional, with latitude).")),
    ("admin_level", N_("city, municipality, province… (optional).")),
    ("source_url", N_("Where this row's information was published (https://…, optional).")),
    (N_("(names, e-mails…)"), N_("Never include personal data: such columns are dropped on upload.")),
]


def template_csv() -> bytes:
    """The edition template as UTF-8 CSV (with BOM, so Excel shows accents)."""
    return ingest.template_frame().to_csv(index=False).encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The edition template as an Excel workbook: the template sheet and a sheet explaining each column."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        ingest.template_frame().to_excel(writer, sheet_name=sheet_name(t("participation")), index=False)
        help_sheet().to_excel(writer, sheet_name=sheet_name(t("help")), index=False)
    return out.getvalue()


def help_sheet() -> pd.DataFrame:
    """The template's help: each column and what it means, in the analyst's language."""
    return pd.DataFrame(
        [(t(column) if column.startswith("(") else column, t(meaning)) for column, meaning in TEMPLATE_HELP],
        columns=[t("column"), t("meaning")],
    )


def cities_template_csv() -> bytes:
    return cities_template().to_csv(index=False).encode("utf-8-sig")

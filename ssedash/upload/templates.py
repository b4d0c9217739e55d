"""The templates an analyst starts from: the edition file (CSV, XLSX with a help sheet) and the cities file."""

from __future__ import annotations

import io

import pandas as pd

from ssedash import ingest
from ssedash.upload.cities import cities_template

TEMPLATE_HELP = [
    ("year", "Year of the edition, e.g. 2025 (required unless given in the upload form)."),
    ("local_government", "Name of the local government (city, municipality…); empty when only the country is known."),
    ("country", "ISO2 or ISO3 code, or the English, French or Spanish name (required)."),
    ("programme", "Programme id or name (optional: can be chosen in the upload form)."),
    ("edition", "Edition id (optional: default is <programme>-<year>)."),
    ("participants", "Whole number of participants on this row (1 or more); empty = took part, count unknown."),
    ("role", "Role, e.g. mayor, official (optional)."),
    ("gender", "Optional."),
    (
        "latitude",
        "Decimal degrees, e.g. -6.92 (optional; needed for a new local government the gazetteer does not know).",
    ),
    ("longitude", "Decimal degrees, e.g. 107.61 (optional, with latitude)."),
    ("admin_level", "city, municipality, province… (optional)."),
    ("source_url", "Where this row's information was published (https://…, optional)."),
    ("(names, e-mails…)", "Never include personal data: such columns are dropped on upload."),
]


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

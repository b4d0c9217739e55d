"""The templates an analyst starts from, in the analyst's language: the edition file (CSV, XLSX with a help sheet;
its headers and help from ssedash.ingest.template, read back by the column matcher) and the cities file."""

from __future__ import annotations

import io

import pandas as pd

from ssedash import ingest
from ssedash.i18n import t
from ssedash.ingest import TEMPLATE_HELP
from ssedash.upload.cities import cities_template
from ssedash.upload.shown import sheet_name

__all__ = ["TEMPLATE_HELP", "cities_template_csv", "help_sheet", "template_csv", "template_xlsx"]


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
    """The template's help: each column (as the template heads it) and what it means, in the analyst's language."""
    return ingest.template_help()


def cities_template_csv() -> bytes:
    return cities_template().to_csv(index=False).encode("utf-8-sig")

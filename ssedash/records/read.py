"""The entry point: `read_records(raw, row_cap)` sends the bytes to the CSV or the XLSX reader, or refuses them
(empty, an old .xls, a damaged workbook) without raising."""

from __future__ import annotations

import codecs

from ssedash.i18n import t
from ssedash.records.csv_file import csv_records
from ssedash.records.result import Records, refused
from ssedash.records.sniff import is_xlsx
from ssedash.records.xlsx_file import xlsx_records


def read_records(raw: bytes, row_cap: int = 200_000) -> Records:
    """Read an upload's bytes into a header and rows of text cells; see the package docstring. Never raises on
    bad input (a damaged workbook is an `unreadable_xlsx` refusal)."""
    if not raw.strip() or raw.strip() == codecs.BOM_UTF8:
        return refused("csv", "empty_file", t("The file is empty: there is nothing to import."))
    if is_xlsx(raw):
        try:
            return xlsx_records(raw, row_cap)
        except Exception as error:  # openpyxl raises many kinds on damaged workbooks
            return refused(
                "xlsx",
                "unreadable_xlsx",
                t(
                    "The Excel file could not be read ({kind}). Save it again as .xlsx or as CSV.",
                    kind=type(error).__name__,
                ),
            )
    if raw.startswith(b"\xd0\xcf\x11\xe0") or raw.startswith(b"PK\x03\x04"):
        return refused(
            "csv",
            "unreadable_xlsx",
            t(
                "This looks like an old Excel (.xls) or other office file, not CSV or .xlsx. Save it as .xlsx or CSV "
                "(UTF-8) and upload it again."
            ),
        )
    return csv_records(raw, row_cap)

"""The upload template in the reader's language: every contract column in order (its header translated, and read
back by the column matcher: ingest.headers), two example rows to overwrite, and a help table saying what each
column holds. Cell values that are codes (KOR, training, mayor) stay codes: the upload reads them."""

from __future__ import annotations

import pandas as pd

from ssedash import schema
from ssedash.i18n import N_, t
from ssedash.ingest.headers import template_header

# What each column holds, for the template's help sheet ("(names, e-mails…)" stands for the columns never to add);
# the same rows as the help sheet written so far (ssedash.upload.templates.TEMPLATE_HELP), so the English
# templates in data/templates stay byte for byte the same.
TEMPLATE_HELP = (
    ("year", N_("Year of the edition, e.g. 2025 (required unless given in the upload form).")),
    (
        "local_government",
        N_("Name of the local government (city, municipality…); empty when only the country is known."),
    ),
    ("country", N_("ISO2 or ISO3 code, or the English, French, Spanish or Korean name (required).")),
    ("programme", N_("Programme id or name (optional: can be chosen in the upload form).")),
    ("edition", N_("Edition id (optional: default is <programme>-<year>).")),
    (
        "participants",
        N_("Whole number of participants on this row (1 or more); empty = took part, count unknown."),
    ),
    ("role", N_("Role, e.g. mayor, official (optional).")),
    ("gender", N_("Optional.")),
    (
        "latitude",
        N_("Decimal degrees, e.g. -6.92 (optional; needed for a new local government the gazetteer does not know)."),
    ),
    ("longitude", N_("Decimal degrees, e.g. 107.61 (optional, with latitude).")),
    ("admin_level", N_("city, municipality, province… (optional).")),
    ("source_url", N_("Where this row's information was published (https://…, optional).")),
    (None, N_("Never include personal data: such columns are dropped on upload.")),
)


def _example_rows() -> list[dict[str, str]]:
    return [
        {
            "year": "2025",
            "local_government": t("Example City (delete this row)"),
            "country": "KOR",
            "programme": t("Example programme"),
            "edition": "",
            "participants": "3",
            "role": "mayor",
            "gender": "female",
            "latitude": "37.5665",
            "longitude": "126.9780",
            "admin_level": "city",
            "source_url": "https://example.org/programme-2025",
            "event_kind": "training",
        },
        {
            "year": "2025",
            "local_government": t("Example Town (delete this row)"),
            "country": "Senegal",
            "programme": t("Example programme"),
            "edition": "",
            "participants": "",
            "role": "official",
            "gender": "",
            "latitude": "",
            "longitude": "",
            "admin_level": "commune",
            "source_url": "",
            "event_kind": "training",
        },
    ]


def template_headers() -> list[str]:
    """The template's headers in the reader's language, in schema.UPLOAD_COLUMNS order."""
    return [template_header(field) for field in schema.UPLOAD_COLUMNS]


def template_frame() -> pd.DataFrame:
    """The upload template in the reader's language: every contract column in order and two example rows to
    overwrite (English: the field names as headers)."""
    frame = pd.DataFrame(_example_rows(), columns=list(schema.UPLOAD_COLUMNS))
    frame.columns = template_headers()
    return frame


def template_help() -> pd.DataFrame:
    """The template's help sheet in the reader's language: each column's header and what it holds."""
    rows = [
        (template_header(field) if field else t("(names, e-mails…)"), t(meaning)) for field, meaning in TEMPLATE_HELP
    ]
    return pd.DataFrame(rows, columns=[t("column"), t("meaning")])

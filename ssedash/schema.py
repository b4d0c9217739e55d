"""Schemas as code: the column names and pandera models of every table, in one place.

The four tables (programme, edition, local_government, participation) have the same columns in the bundled
CSVs under data/, in the store's active view and in an export. The upload contract (what an analyst's CSV may
contain, and the header synonyms we accept) lives here too, so ingest and the template agree.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ssedash.limits import MAX_PARTICIPANTS_PER_ROW, MAX_REPORTED
from ssedash.quantity import QUALIFIERS

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO3 = r"^[A-Z]{3}$"
URL = r"^(https?://|upload:|demo:)\S+$"
FORMATS = ("in_person", "online", "hybrid")
COORD_PRECISIONS = ("exact", "approximate", "ambiguous")
HISTORY_COLUMNS = (
    "import_id",
    "at",
    "by",
    "action",
    "file_name",
    "rows",
    "edition_id",
    "rolled_back_by",
    "sha256",
    "original_sha256",
    "note",
)
"""The import history as the History page and `python -m ssedash history` show it (`original_sha256`: the upload
the analyst corrected on the Upload page before committing, when it was; `note`: what was corrected or dropped)."""
EVENT_KINDS = ("training", "policy_dialogue", "webinar", "academy")
"""What kind of event an edition was: a training counts people trained; the others are counted beside it."""
REPORTED_FIGURES = ("reported_participants", "reported_countries", "reported_local_governments")
"""Figures an organiser reported; each has a `<figure>_qualifier` column (exact, about, at_least)."""


class ProgrammeTable(pa.DataFrameModel):
    programme_id: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    organisers: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(str_matches=URL)

    class Config:
        strict = True
        coerce = True


def qualified_together(frame: pd.DataFrame, figures: tuple[str, ...]) -> pd.Series:
    """Per row: every figure has its `<figure>_qualifier` exactly when the figure is given."""
    ok = pd.Series(True, index=frame.index)
    for figure in figures:
        ok &= frame[figure].isna() == frame[f"{figure}_qualifier"].isna()
    return ok


class EditionTable(pa.DataFrameModel):
    edition_id: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    programme_id: Series[str] = pa.Field(str_matches=SLUG)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = pa.Field(ge=1990, le=2100)
    start_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    end_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    host_city: Series[str] = pa.Field(nullable=True)
    host_country_iso3: Series[str] = pa.Field(nullable=True, str_matches=ISO3)
    format: Series[str] = pa.Field(isin=list(FORMATS))
    event_kind: Series[str] = pa.Field(isin=list(EVENT_KINDS))
    reported_participants: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=MAX_REPORTED)
    reported_participants_qualifier: Series[str] = pa.Field(nullable=True, isin=list(QUALIFIERS))
    reported_countries: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=MAX_REPORTED)
    reported_countries_qualifier: Series[str] = pa.Field(nullable=True, isin=list(QUALIFIERS))
    reported_local_governments: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=MAX_REPORTED)
    reported_local_governments_qualifier: Series[str] = pa.Field(nullable=True, isin=list(QUALIFIERS))
    source_url: Series[str] = pa.Field(str_matches=URL)
    notes: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="a reported figure and its qualifier must be given together (both or neither)")
    def qualifier_present_exactly_when_figure_is(cls, frame: pd.DataFrame) -> pd.Series:
        return qualified_together(frame, REPORTED_FIGURES)

    class Config:
        strict = True
        coerce = True


class LocalGovernmentTable(pa.DataFrameModel):
    lg_id: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    country_iso3: Series[str] = pa.Field(str_matches=ISO3)
    admin_level: Series[str] = pa.Field(nullable=True)
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90)
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180)
    coord_source: Series[str] = pa.Field(nullable=True)
    coord_precision: Series[str] = pa.Field(nullable=True, isin=list(COORD_PRECISIONS))
    gsef_member: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(str_matches=URL)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class ParticipationTable(pa.DataFrameModel):
    edition_id: Series[str] = pa.Field(str_matches=SLUG)
    country_iso3: Series[str] = pa.Field(str_matches=ISO3)
    lg_id: Series[str] = pa.Field(nullable=True, str_matches=SLUG)
    participants: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=MAX_PARTICIPANTS_PER_ROW)
    role: Series[str] = pa.Field(nullable=True)
    gender: Series[str] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(str_matches=URL)

    class Config:
        strict = True
        coerce = True


FORUM_FIGURES = ("participants", "countries", "local_governments")


class ContextForumTable(pa.DataFrameModel):
    """GSEF's global forums, as context (data/context_forum.csv): never editions, never in training figures."""

    forum: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    year: Series[pd.Int64Dtype] = pa.Field(ge=1990, le=2100)
    start_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    end_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    host_city: Series[str] = pa.Field(nullable=True)
    host_country_iso3: Series[str] = pa.Field(nullable=True, str_matches=ISO3)
    format: Series[str] = pa.Field(isin=list(FORMATS))
    participants: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    participants_qualifier: Series[str] = pa.Field(nullable=True, isin=list(QUALIFIERS))
    countries: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    countries_qualifier: Series[str] = pa.Field(nullable=True, isin=list(QUALIFIERS))
    local_governments: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)  # "cities" as published
    local_governments_qualifier: Series[str] = pa.Field(nullable=True, isin=list(QUALIFIERS))
    source_url: Series[str] = pa.Field(str_matches=URL)
    notes: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="a published figure and its qualifier must be given together (both or neither)")
    def qualifier_present_exactly_when_figure_is(cls, frame: pd.DataFrame) -> pd.Series:
        return qualified_together(frame, FORUM_FIGURES)

    class Config:
        strict = True
        coerce = True


TABLE_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "programme": ProgrammeTable,
    "edition": EditionTable,
    "local_government": LocalGovernmentTable,
    "participation": ParticipationTable,
}


def columns_of(table: str) -> list[str]:
    """The column order of a table, as in the bundled CSVs and in an export."""
    return list(TABLE_MODELS[table].to_schema().columns)


# --- The analyst's upload contract (docs/design.md §3) -------------------------------------------------------------

UPLOAD_REQUIRED = ("year", "country")
UPLOAD_OPTIONAL = (
    "local_government",
    "programme",
    "edition",
    "participants",
    "role",
    "gender",
    "latitude",
    "longitude",
    "admin_level",
    "source_url",
    "event_kind",
)
UPLOAD_COLUMNS = (
    UPLOAD_REQUIRED[:1]
    + ("local_government",)
    + UPLOAD_REQUIRED[1:]
    + tuple(c for c in UPLOAD_OPTIONAL if c != "local_government")
)

# Header synonyms, compared after folding case, accents, spaces, dashes and underscores (see ingest.fold_header).
UPLOAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "year": ("year", "annee", "ano", "anio", "yr"),
    "local_government": (
        "local_government",
        "local government",
        "lg",
        "city",
        "municipality",
        "ville",
        "collectivite",
        "collectivite locale",
        "commune",
        "ciudad",
        "municipio",
        "gobierno local",
        "localidad",
    ),
    "country": ("country", "pays", "pais", "country_iso3", "iso3", "country code"),
    "programme": ("programme", "program", "programa", "programme name"),
    "edition": ("edition", "edicion", "edition_id"),
    "participants": (
        "participants",
        "participant count",
        "count",
        "number",
        "nombre de participants",
        "participantes",
        "numero de participantes",
        "trainees",
    ),
    "role": ("role", "position", "fonction", "poste", "cargo", "rol"),
    "gender": ("gender", "sex", "genre", "sexe", "genero", "sexo"),
    "latitude": ("latitude", "lat", "latitud"),
    "longitude": ("longitude", "lon", "lng", "long", "longitud"),
    "admin_level": ("admin_level", "admin level", "niveau administratif", "nivel administrativo", "type"),
    "source_url": ("source_url", "source", "url", "fuente"),
    "event_kind": ("event_kind", "event kind", "kind of event", "event type", "type d'evenement", "tipo de evento"),
}

# How an event kind may be written in a file, the form or the CLI (folded like headers before comparing).
EVENT_KIND_SYNONYMS: dict[str, tuple[str, ...]] = {
    "training": ("training", "course", "workshop", "formation", "atelier", "capacitacion", "formacion", "taller"),
    "policy_dialogue": (
        "policy dialogue",
        "dialogue",
        "dialogue politique",
        "dialogo de politicas",
        "dialogo politico",
    ),
    "webinar": ("webinar", "webinaire", "seminario web", "webinario"),
    "academy": ("academy", "academie", "academia"),
}

# Columns that would carry personal data: dropped on upload with a notice, never stored.
PII_SYNONYMS: tuple[str, ...] = (
    "name",
    "full name",
    "first name",
    "last name",
    "surname",
    "given name",
    "participant",
    "participant name",
    "nom",
    "prenom",
    "nom complet",
    "nombre",
    "nombre completo",
    "apellido",
    "apellidos",
    "email",
    "e-mail",
    "mail",
    "courriel",
    "correo",
    "correo electronico",
    "phone",
    "telephone",
    "tel",
    "mobile",
    "telefono",
    "celular",
    "whatsapp",
    "passport",
    "passport number",
    "date of birth",
    "birthdate",
    "address",
    "adresse",
    "direccion",
)

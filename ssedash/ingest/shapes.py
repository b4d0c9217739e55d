"""The data shapes the upload pipeline hands between its steps (and to the store, the CLI and the pages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from ssedash.problems import HasProblems, Problem
from ssedash.quantity import Quantity

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


class MatchedBy(StrEnum):
    """How a column of the file got its upload field (or none)."""

    SYNONYM = "synonym"  # its header is one of schema.UPLOAD_SYNONYMS
    ANALYST = "analyst"  # the analyst's choice (a field, or None: not used)
    REMEMBERED = "remembered"  # the mapping of an earlier import of the same programme (see ssedash.upload.mapping)
    PERSONAL_DATA = "personal data"  # dropped, never stored
    NOT_USED = "not used"  # no field: an unknown header, or a second header for a field already taken


@dataclass(frozen=True)
class ColumnMatch:
    """What became of one column of the file: the field it feeds (None = not used), how, and a few of its values
    (none for personal data)."""

    header: str  # as written; "(unnamed column N)" when the header cell is empty
    field: str | None
    how: MatchedBy
    samples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedUpload:
    file_name: str
    sha256: str
    encoding: str | None
    delimiter: str | None
    kind: str  # "csv" | "xlsx"
    frame: pd.DataFrame  # text cells, canonical column names, plus int column "line"
    column_mapping: dict[str, str]  # header as written -> canonical name
    dropped_pii: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    problems: tuple[Problem, ...]
    columns: tuple[ColumnMatch, ...] = ()  # every column of the file, in file order

    @property
    def header_of(self) -> dict[str, str]:
        """Canonical name -> header as written (for messages)."""
        return {canonical: header for header, canonical in self.column_mapping.items()}

    @property
    def detected(self) -> Detected:
        return Detected(
            kind=self.kind,
            encoding=self.encoding,
            delimiter=self.delimiter,
            column_mapping=dict(self.column_mapping),
            dropped_pii=self.dropped_pii,
            ignored_columns=self.ignored_columns,
            rows=len(self.frame),
            sha256=self.sha256,
            columns=self.columns,
        )


@dataclass(frozen=True)
class Detected:
    """What reading a file found: its kind, encoding, delimiter, rows, and what became of each column."""

    kind: str | None = None  # "csv" | "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    column_mapping: dict[str, str] = field(default_factory=dict)  # header as written -> canonical name
    dropped_pii: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    rows: int = 0
    sha256: str | None = None
    columns: tuple[ColumnMatch, ...] = ()  # every column of the file, in file order, with what became of it

    @property
    def delimiter_name(self) -> str | None:
        return DELIMITER_NAMES.get(self.delimiter or "")


@dataclass(frozen=True)
class EditionDetails:
    programme: str | None = None  # programme id or name
    edition_id: str | None = None
    name: str | None = None
    year: int | None = None
    start_date: str | None = None
    end_date: str | None = None
    host_city: str | None = None
    host_country: str | None = None  # any country spelling; resolved to ISO3
    format: str = "in_person"
    event_kind: str | None = None  # one of schema.EVENT_KINDS (or a synonym); None = not given: "training"
    # Reported figures as given: a whole number, a Quantity, or text such as "5,700+", "over 200", "about 15".
    reported_participants: Quantity | int | str | None = None
    reported_countries: Quantity | int | str | None = None
    reported_local_governments: Quantity | int | str | None = None
    source_url: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ImportPlan(HasProblems):
    file_name: str
    sha256: str
    programmes: pd.DataFrame  # new programme rows only
    editions: pd.DataFrame  # one row: the edition this file adds or replaces (empty when the plan has errors)
    replaces_existing_edition: bool
    local_governments: pd.DataFrame  # new local_government rows only
    participation: pd.DataFrame  # participation rows, in file order
    problems: tuple[Problem, ...]
    detected: Detected = field(default_factory=Detected)
    # When the analyst corrected the file before committing: the checksum of the file as first uploaded (sha256
    # is then the corrected file's), and what the history should say about the correction (rows dropped, why).
    original_sha256: str | None = None
    note: str | None = None

    @property
    def can_commit(self) -> bool:
        return not self.errors

    @property
    def edition_id(self) -> str | None:
        return None if self.editions.empty else str(self.editions["edition_id"].iloc[0])

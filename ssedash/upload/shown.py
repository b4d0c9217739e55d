"""What the Upload and History pages show of the upload's tables, in the reader's language: column headers and our
own words (upload fields, severities, import actions) through the catalogues, country codes shown with the
country's name in that language. Codes and data (ids, file names, values as written) stay as they are; the frames
the decisions use keep their column names (these functions return new frames, for display and downloads).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from ssedash.i18n import N_, Nn_, formatting, named, tn
from ssedash.i18n.content import country_names
from ssedash.ingest.headers import TEMPLATE_HEADERS
from ssedash.ingest.problems import PROBLEM_HEADERS
from ssedash.markdown import Markdown

FIELD_NAMES = {  # the upload fields (their template headers) and edition fields as people read them
    **TEMPLATE_HEADERS,
    "name": N_("name"),
    "start_date": N_("start_date"),
    "end_date": N_("end_date"),
    "host_city": N_("host_city"),
    "host_country": N_("host_country"),
    "format": N_("format"),
    "notes": N_("notes"),
    "programme_id": N_("programme_id"),
    "reported_participants": N_("reported_participants"),
    "reported_countries": N_("reported_countries"),
    "reported_local_governments": N_("reported_local_governments"),
}
HEADERS = {  # every column header of a table shown or downloaded by the upload pages
    **FIELD_NAMES,
    **PROBLEM_HEADERS,
    "figure": N_("figure"),
    "before": N_("before"),
    "after": N_("after"),
    "field": N_("field"),
    "change": N_("change"),
    "lg_id": N_("lg_id"),
    "country_iso3": N_("country_iso3"),
    "country_name": N_("country name"),
    "coord_source": N_("coord_source"),
    "gsef_member": N_("gsef_member"),
    "status": N_("status"),
    "column in the file": N_("column in the file"),
    "read as": N_("read as"),
    "import_id": N_("import_id"),
    "at": N_("at"),
    "by": N_("by"),
    "action": N_("action"),
    "file_name": N_("file_name"),
    "rows": N_("rows"),
    "edition_id": N_("edition_id"),
    "rolled_back_by": N_("rolled_back_by"),
    "sha256": N_("sha256"),
    "original_sha256": N_("original_sha256"),
    "note": N_("note"),
}
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
DELIMITER_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("pipe")}


def field_name(field: str) -> str:
    """An upload or edition field as people read it (a field this table does not know is shown as it is)."""
    return named(FIELD_NAMES, field)


def severity_name(severity: object) -> str:
    return named(SEVERITY_NAMES, severity)


def sheet_name(text: str) -> str:
    """A translated sheet name Excel accepts: without []:*?/\\ and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Sheet"


def delimiter_name(delimiter: str | None) -> str:
    """A file's delimiter in words ("comma"), "-" when there is none (an XLSX)."""
    return named(DELIMITER_NAMES, delimiter, default="-")


def header(column: str) -> str:
    """A column header in the reader's language (a file's own header, not in the table, stays as written)."""
    return named(HEADERS, column)


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (a new one) with its column headers in the reader's language."""
    return frame.rename(columns={column: header(column) for column in frame.columns if isinstance(column, str)})


def with_country_names(frame: pd.DataFrame, countries: pd.DataFrame, code: str = "country_iso3") -> pd.DataFrame:
    """`frame` with a 'country name' column after its ISO3 `code` column: the name in the reader's language."""
    if code not in frame.columns:
        return frame
    names = country_names(countries)
    shown = frame[code].map(lambda iso3: names.get(iso3, iso3) if isinstance(iso3, str) else iso3)
    return frame.assign(**{"country_name": shown})[_after(list(frame.columns), code, "country_name")]


def _after(columns: list[str], anchor: str, new: str) -> list[str]:
    at = columns.index(anchor) + 1
    return [*columns[:at], new, *columns[at:]]


def table(frame: pd.DataFrame, countries: pd.DataFrame | None = None, *, fields: Iterable[str] = ()) -> pd.DataFrame:
    """A table as the page shows it: country names added (when `countries` is given), the values of the `fields`
    columns (columns of field codes) named, headers translated."""
    shown = with_country_names(frame, countries) if countries is not None else frame
    for column in fields:
        if column in shown.columns:
            shown = shown.assign(**{column: shown[column].map(lambda f: field_name(f) if isinstance(f, str) else f)})
    return headed(shown)


# Counts with their noun, in the form the reader's language uses for the number ("1 participation row").
PARTICIPATION_ROWS = Nn_("{n:,} participation row", "{n:,} participation rows")
PARTICIPANTS_COUNTED = Nn_("{n:,} participant counted", "{n:,} participants counted")
NEW_LOCAL_GOVERNMENTS = Nn_("{n:,} new local government", "{n:,} new local governments")
LOCAL_GOVERNMENTS_ADDED = Nn_("{n:,} local government added", "{n:,} local governments added")
CORRECTED = Nn_("{n:,} corrected", "{n:,} corrected")
NEW_PROGRAMMES = Nn_("{n:,} new programme", "{n:,} new programmes")


def counted(words: tuple[str, str], n: int) -> str:
    """`n` with its noun, from an Nn_-marked pair above: "1 participation row", "5 700 lignes de participation"."""
    return tn(*words, int(n))


def count(n: int) -> Markdown:
    """A count for a Markdown message (`markdown.text(t("{n} rows"), n=count(n))`): grouped for the reader's
    locale ("5,700", "5 700"), digits and separators only, so safe as Markdown."""
    return Markdown(formatting.number(int(n)))


def problems_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A problems frame (ingest.problems_frame) as shown and downloaded: headers and the severity in the reader's
    language; line, column and value as the file has them; messages and how to fix them as the checks wrote them."""
    return headed(frame.assign(severity=frame["severity"].map(severity_name)))


def history_shown(history: pd.DataFrame) -> pd.DataFrame:
    """The import history as the History page shows it: headers and actions in the reader's language."""
    words = {"action": action_name, "at": formatting.moment}
    return headed(
        history.assign(**{column: history[column].map(say) for column, say in words.items() if column in history})
    )


ACTION_NAMES = {  # the store's import actions (store.tables)
    "add": N_("add"),
    "replace": N_("replace"),
    "lg_update": N_("lg_update"),
    "rollback": N_("rollback"),
    "seed": N_("seed"),
    "demo": N_("demo"),
}


def action_name(action: object) -> str:
    return named(ACTION_NAMES, action)


def renamed(values: Mapping[str, object]) -> dict[str, object]:
    """A record's keys as headers in the reader's language."""
    return {header(key): value for key, value in values.items()}

"""Uploads: bytes -> parsed frame -> validation report -> import plan. Pure: nothing here reads files or a store.

Three steps, each usable alone (the upload page, `python -m ssedash check` and `import` share them):

- `parse_upload(raw, file_name)` (read.py): the guarded reader `ssedash.records.read_records`, headers mapped to
  the upload contract, personal-data columns dropped, every row's file line kept.
- `validate_upload(parsed, ...)` (validate.py, with cells.py for numbers and places.py for local governments):
  every cell checked, countries and local governments resolved (docs/design.md §3), every problem with line,
  column and value.
- `build_import_plan(raw, file_name, details=..., ...)` (plan.py): the edition decisions and the rows a commit
  would write, ready for the store.

Reference data (country resolver, gazetteer, shapes, known rows) is injected; see ssedash.reference.
Every message is built in the active language (ssedash.i18n: the page's, or the CLI's --lang), so a report comes
out in the analyst's language; rule codes stay English codes. The template (template.py) is made in that language
too, and its translated headers are read back (headers.py, with the Korean header synonyms).
The names below are the package's public surface: import them from `ssedash.ingest`.
"""

from ssedash.ingest.cells import parse_float, parse_int
from ssedash.ingest.headers import accepted_headers, template_header
from ssedash.ingest.places import new_lg_id, outside_country_warnings
from ssedash.ingest.plan import build_import_plan, empty_table
from ssedash.ingest.problems import (
    ERROR,
    INFO,
    MAX_PROBLEMS_PER_RULE,
    PROBLEM_COLUMNS,
    WARNING,
    HasProblems,
    Problem,
    Severity,
    cap_problems,
    problems_csv,
    problems_frame,
)
from ssedash.ingest.read import canonical_column, is_pii_column, parse_upload
from ssedash.ingest.shapes import (
    DELIMITER_NAMES,
    ColumnMatch,
    Detected,
    EditionDetails,
    ImportPlan,
    MatchedBy,
    ParsedUpload,
)
from ssedash.ingest.template import TEMPLATE_HELP, template_frame, template_headers, template_help
from ssedash.ingest.validate import validate_upload
from ssedash.text import fold_header, neutralise_formula, normalise_name, slugify

__all__ = [
    "DELIMITER_NAMES",
    "ERROR",
    "INFO",
    "MAX_PROBLEMS_PER_RULE",
    "PROBLEM_COLUMNS",
    "TEMPLATE_HELP",
    "WARNING",
    "ColumnMatch",
    "Detected",
    "EditionDetails",
    "HasProblems",
    "ImportPlan",
    "MatchedBy",
    "ParsedUpload",
    "Problem",
    "Severity",
    "accepted_headers",
    "build_import_plan",
    "canonical_column",
    "cap_problems",
    "empty_table",
    "fold_header",
    "is_pii_column",
    "neutralise_formula",
    "new_lg_id",
    "normalise_name",
    "outside_country_warnings",
    "parse_float",
    "parse_int",
    "parse_upload",
    "problems_csv",
    "problems_frame",
    "slugify",
    "template_frame",
    "template_header",
    "template_headers",
    "template_help",
    "validate_upload",
]

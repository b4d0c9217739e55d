"""The upload wizard's decisions, pure: the page reads widgets, calls one function here, and draws what it returns.

Two kinds of upload go through the same report -> preview -> commit -> history path:

- an **edition file**: `inspect` (edition.py) takes a first look; `review_upload` (review.py) runs the ingest
  pipeline in four reported stages and returns a `Review`; unknown local governments are placed by the analyst
  (`Resolution`, resolve.py); `preview` (preview.py) says what a commit would change; `commit` (outcomes.py) is
  the one commit path, shared with `python -m ssedash import`.
- a **cities file** (local-government records): `check_cities` (cities.py) and `commit_cities`.

`wizard.py` holds the Upload page's state transitions. Nothing here imports streamlit; nothing here mutates a
frame it was given. The names below are the package's public surface: import them from `ssedash.upload`.
"""

from ssedash.schema import HISTORY_COLUMNS
from ssedash.upload.cities import CITY_COLUMNS, CITY_OPTIONAL, CitiesPlan, check_cities, cities_preview, cities_template
from ssedash.upload.edition import (
    EVENT_KIND_CHOICES,
    FIRST_ROWS,
    FORMATS,
    NEW_PROGRAMME,
    Inspection,
    details_from_form,
    event_kind_label,
    file_values,
    inspect,
    unexpected_problem,
)
from ssedash.upload.outcomes import (
    Outcome,
    Status,
    already_imported,
    commit,
    commit_cities,
    history_table,
    rollback,
    rollback_candidates,
)
from ssedash.upload.preview import Preview, map_link, preview
from ssedash.upload.resolve import (
    UNRESOLVED_RULES,
    Resolution,
    Unresolved,
    apply_resolutions,
    find_unresolved,
    mark_resolved,
    suggestion_points,
)
from ssedash.upload.review import (
    STAGE_LABELS,
    Review,
    Summary,
    detection_rows,
    filter_problems,
    review_upload,
    summarise,
)
from ssedash.upload.shown import action_name, history_shown
from ssedash.upload.templates import TEMPLATE_HELP, cities_template_csv, template_csv, template_xlsx

__all__ = [
    "CITY_COLUMNS",
    "CITY_OPTIONAL",
    "EVENT_KIND_CHOICES",
    "FIRST_ROWS",
    "FORMATS",
    "HISTORY_COLUMNS",
    "NEW_PROGRAMME",
    "STAGE_LABELS",
    "TEMPLATE_HELP",
    "UNRESOLVED_RULES",
    "CitiesPlan",
    "Inspection",
    "Outcome",
    "Preview",
    "Resolution",
    "Review",
    "Status",
    "Summary",
    "Unresolved",
    "action_name",
    "already_imported",
    "apply_resolutions",
    "check_cities",
    "cities_preview",
    "cities_template",
    "cities_template_csv",
    "commit",
    "commit_cities",
    "details_from_form",
    "detection_rows",
    "event_kind_label",
    "file_values",
    "filter_problems",
    "find_unresolved",
    "history_shown",
    "history_table",
    "inspect",
    "map_link",
    "mark_resolved",
    "preview",
    "review_upload",
    "rollback",
    "rollback_candidates",
    "suggestion_points",
    "summarise",
    "template_csv",
    "template_xlsx",
    "unexpected_problem",
]

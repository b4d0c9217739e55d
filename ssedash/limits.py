"""The bounds input must stay within, in one place: what a cell, a count or a year may be.

Each bound is a rule with its own message where it is checked (ssedash.records for cells, ssedash.ingest for
numbers, ssedash.schema for the stored tables), so a huge or odd value ends as a named problem, never as an
OverflowError deep in pandas.
"""

from __future__ import annotations

MAX_CELL_CHARS = 131_072  # one cell (the csv module's own default field limit)
MAX_PARTICIPANTS_PER_ROW = 100_000  # participants on one row of an upload
MAX_REPORTED = 10_000_000  # an edition's reported participants, countries or local governments
YEAR_MIN, YEAR_MAX = 1990, 2100
MAX_INT_DIGITS = 30  # a whole number with more digits is out of every range: not converted at all

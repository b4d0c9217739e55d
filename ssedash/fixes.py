"""How to fix each problem, by rule: one sentence an analyst can act on, shown beside the problem's own message
on the Upload page and in both report downloads (CSV and XLSX).

The message says what is wrong with this cell; the hint says what to do about that kind of problem, so the
messages stay where they are written and the advice lives in one place. A leaf module (it imports nothing of
ours but the translation function). tests/test_fixes.py reads the source of ssedash/ and fails when a rule the
code can emit has no hint here.
"""

from __future__ import annotations

from ssedash.i18n import N_, t

FIXES: dict[str, str] = {
    # Reading the file
    "empty_file": N_("Upload the file that holds the rows: this one has no content."),
    "binary_file": N_("Save the sheet as CSV UTF-8 or .xlsx from your spreadsheet program and upload that file."),
    "bad_encoding": N_("Save the file again as CSV UTF-8 (Excel: Save As > CSV UTF-8)."),
    "encoding": N_("Nothing to fix if accented names look right in the preview; else save the file as CSV UTF-8."),
    "unreadable_csv": N_("Open the file in a spreadsheet program and save it again as CSV UTF-8."),
    "unreadable_xlsx": N_("Open the workbook and save it again as .xlsx (or as CSV UTF-8)."),
    "row_cap": N_("Split the file into smaller files, one edition per file."),
    "header_only": N_("Add the data rows under the header, or upload the file that has them."),
    "multiline_field": N_('Add the missing closing quote (") in that cell, or remove the line breaks inside it.'),
    "field_count": N_(
        "Give the row as many cells as the header: add the missing delimiters, or quote a cell that contains one."
    ),
    "too_many_cells": N_(
        "Remove the extra cells at the end of the row, or quote the cell that contains the delimiter."
    ),
    "cell_too_long": N_("Shorten the cell: it probably holds pasted text that belongs in another file."),
    "nul_byte": N_("Delete the invisible NUL character from the cell (retype the cell)."),
    # Columns
    "missing_column": N_("Add the column to the file, or rename one of its headers to an accepted name."),
    "duplicate_header": N_("Give each column its own header: rename or delete the repeated one."),
    "unknown_column": N_("Nothing to fix if the column is not needed; else map it to its field or rename its header."),
    "unknown_header": N_("Map a header the file has: check its spelling against the file's first line."),
    "unknown_field": N_("Map the column to one of the upload fields, or to nothing (not used)."),
    "mapping_conflict": N_("Map each field from one column only: change or clear one of the two choices."),
    "column_not_used": N_("Nothing to fix if the chosen column is the right one; else map this column instead."),
    "pii_dropped": N_("Nothing to fix: personal data is never stored; remove the column to silence this notice."),
    # Cells
    "missing_value": N_("Fill in the empty cell."),
    "not_a_number": N_("Write a plain number in the cell (digits only, no words or units)."),
    "not_an_integer": N_("Write a whole number in the cell (no decimals)."),
    "must_be_positive": N_("Write a count of 1 or more, or leave the cell empty when the count is unknown."),
    "too_large": N_("Check the cell holds a count of people (not a total or an id), or split it over several rows."),
    "year_range": N_("Write the year in four digits, between 1990 and 2100."),
    "latitude_range": N_("Write a latitude between -90 and 90 (check latitude and longitude are not swapped)."),
    "longitude_range": N_("Write a longitude between -180 and 180 (check latitude and longitude are not swapped)."),
    "coordinates_incomplete": N_("Fill in both latitude and longitude, or clear both."),
    "no_coordinates": N_("Add latitude and longitude so the local government appears on the map."),
    "unknown_country": N_("Write the country as an ISO code (FR, FRA) or its English, French, Spanish or Korean name."),
    "bad_url": N_("Write a full link starting with https://."),
    "bad_lg_id": N_("Write the id in lower-case letters, digits and hyphens, such as np-tokha."),
    "not_a_boolean": N_("Write yes or no (or true, false, 1, 0), or leave the cell empty."),
    "duplicate_row": N_("Nothing to fix if the rows are two people with the same details; else delete one."),
    "duplicate_lg": N_("Keep one row per local government: merge or delete the repeated row."),
    "country_changed": N_("Nothing to fix if the local government really is in the new country; else correct it."),
    # Places
    "lg_not_found": N_("Correct the spelling of the local government, or add its latitude and longitude."),
    "lg_ambiguous": N_("Add latitude and longitude to say which place it is, or pick it on the Upload page."),
    "lg_resolved_from_gazetteer": N_("Check the point on the map; add latitude and longitude if it is wrong."),
    "lg_coordinates_differ": N_("Give the local government the same coordinates on every row."),
    "coordinates_outside_country": N_("Check the coordinates (swapped? sign?) and the country of the row."),
    # The edition
    "several_editions": N_("Split the file into one file per edition (one programme and year each)."),
    "programme_required": N_("Add a programme column to the file, or choose the programme in the form."),
    "programme_conflict": N_("Make the file's programme and the form's programme the same."),
    "year_conflict": N_("Make the file's year and the form's year the same."),
    "edition_conflict": N_("Make the file's edition and the form's edition the same."),
    "bad_format": N_("Choose one of the formats the form offers."),
    "bad_date": N_("Write the date as YYYY-MM-DD, such as 2019-10-21."),
    "bad_event_kind": N_("Choose one of the event kinds the form offers, or write one in the event_kind column."),
    "event_kind_conflict": N_("Make the file's event kind and the form's event kind the same."),
    "default_event_kind": N_("Nothing to fix for a training; else set the event kind in the form or the file."),
    "bad_figure": N_("Write the figure as published: 13, 5,700+, over 200 or about 15; leave it empty if unknown."),
    # Fixing cells in place (the grid on the Upload page)
    "fix_unknown_line": N_("Upload the file again and fix the rows the grid shows for it."),
    "fix_unknown_column": N_("Upload the file again and fix the cells the grid shows for it."),
    "fix_drop_without_reason": N_("Type why the row is dropped in 'Reason for dropping', or untick 'Drop this row'."),
    "fix_nothing": N_("Correct a cell in the grid, or tick 'Drop this row' and give a reason, then apply the fixes."),
    # Summaries and our own failures
    "more_problems": N_("Fix the problems listed for this rule, check again, and the rest will be listed."),
    "plan_invalid": N_("Nothing in the file to fix: report this file to the maintainers."),
    "unexpected_error": N_("Try again; if it happens again, report the file and the reference to the maintainers."),
}

GENERIC = N_("Correct the cell as the message says, then check the file again.")


def how_to_fix(rule: str) -> str:
    """The one-sentence hint for a rule (translated); a generic sentence for a rule without one."""
    return t(FIXES.get(rule, GENERIC))

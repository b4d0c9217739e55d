"""Which upload field each column of a file feeds (`match_columns`): the analyst's choices first, then the header
synonyms (schema.UPLOAD_SYNONYMS, the Korean ones and the translated template headers: ingest.headers);
personal-data columns (schema.PII_SYNONYMS, ingest.headers.KOREAN_PII) dropped; the rest not used.

The analyst's choices map a header as written (or "(unnamed column N)") to an upload field, or to None for "not
used"; a choice naming a header the file lacks, a field the upload does not have, or a field already chosen for
another header is an error that names the header, the field and how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ssedash import schema
from ssedash.i18n import t
from ssedash.ingest.headers import PII_INDEX, header_index
from ssedash.ingest.shapes import ColumnMatch, MatchedBy
from ssedash.problems import ERROR, INFO, WARNING, Problem
from ssedash.text import fold_header

NO_CHOICES: Mapping[str, str | None] = MappingProxyType({})
NOT_USED_WORDS = ("", "-")  # how "not used" may be written in a choice (the CLI's `HEADER=` or `HEADER=-`)
SAMPLES, SAMPLE_ROWS, SAMPLE_CHARS = 3, 1_000, 40
COLUMN_RULES = ("mapping_conflict", "unknown_field", "unknown_header", "duplicate_header")  # the mapping's errors


def canonical_column(header: str) -> str | None:
    """The canonical upload column a header stands for (in any language the upload accepts), or None."""
    return header_index().get(fold_header(header))


def is_pii_column(header: str) -> bool:
    return fold_header(header) in PII_INDEX


def column_label(written: str, position: int) -> str:
    """A column's name in the report and in the analyst's choices: its header, or its position when unnamed."""
    return written or f"(unnamed column {position + 1})"  # a key of the analyst's choices: stays as is


@dataclass(frozen=True)
class Columns:
    """What became of each header: kept (position, canonical), mapped, dropped as personal data, or ignored."""

    keep: list[tuple[int, str]] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    matches: list[ColumnMatch] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _field_of(choice: str | None) -> str | None:
    text = None if choice is None else choice.strip()
    return None if text is None or text in NOT_USED_WORDS else text


def _find_label(written: str, labels: list[str]) -> str | None:
    """The file's column a choice names: as written, else ignoring case, accents, spaces and dashes."""
    if written.strip() in labels:
        return written.strip()
    folded = [label for label in labels if fold_header(label) == fold_header(written)]
    return folded[0] if len(folded) == 1 else None


def _choice_problem(
    written: str, label: str | None, chosen: str | None, labels: list[str], taken: dict[str, str], header_line: int
) -> Problem | None:
    """What is wrong with one of the analyst's choices, or None when it can be followed."""
    if label is None:
        message = t(
            "The mapping names a column '{column}' that is not in the file: use one of its headers ({headers}).",
            column=written,
            headers=", ".join(labels) or t("none"),
        )
        return Problem(header_line, written, chosen, "unknown_header", message, ERROR)
    if chosen is not None and chosen not in schema.UPLOAD_COLUMNS:
        message = t(
            "'{field}' is not an upload field: map column '{column}' to one of {fields}, or to nothing (not used).",
            field=chosen,
            column=label,
            fields=", ".join(schema.UPLOAD_COLUMNS),
        )
        return Problem(header_line, label, chosen, "unknown_field", message, ERROR)
    if chosen is not None and chosen in taken:
        message = t(
            "Columns '{first}' and '{column}' are both mapped to '{field}': map only one of them to '{field}', and "
            "the other to another field or to nothing (not used).",
            first=taken[chosen],
            column=label,
            field=chosen,
        )
        return Problem(header_line, label, chosen, "mapping_conflict", message, ERROR)
    return None


def checked_choices(
    choices: Mapping[str, str | None], labels: list[str], header_line: int
) -> tuple[dict[str, str | None], list[Problem]]:
    """The analyst's choices keyed by the file's own labels, and the problems of those that cannot be followed."""
    valid: dict[str, str | None] = {}
    problems: list[Problem] = []
    taken: dict[str, str] = {}
    for written, choice in choices.items():
        label, chosen = _find_label(written, labels), _field_of(choice)
        problem = _choice_problem(written, label, chosen, labels, taken, header_line)
        if problem is not None:
            problems.append(problem)
        elif label is not None:
            valid[label] = chosen
            if chosen is not None:
                taken[chosen] = label
    return valid, problems


def _samples(rows, position: int) -> tuple[str, ...]:
    """A few distinct values of a column (from its first rows), cut short, for the screen."""
    found: dict[str, None] = {}
    for _, cells in rows[:SAMPLE_ROWS]:
        cell = cells[position].strip() if position < len(cells) else ""
        if cell:
            found.setdefault(cell[:SAMPLE_CHARS] + ("…" if len(cell) > SAMPLE_CHARS else ""))
            if len(found) == SAMPLES:
                break
    return tuple(found)


def _has_cells(rows, position: int) -> bool:
    return any(position < len(cells) and cells[position].strip() for _, cells in rows)


def match_columns(header: list[str], header_line: int, rows, choices: Mapping[str, str | None] = NO_CHOICES) -> Columns:
    """Each column's field: the analyst's choice, else its header's synonym; personal data dropped."""
    labels = [column_label(written, position) for position, written in enumerate(header)]
    chosen, problems = checked_choices(choices, labels, header_line)
    found = Columns(problems=problems)
    claimed = {f for f in chosen.values() if f is not None}
    seen: dict[str, str] = {}
    for position, (written, label) in enumerate(zip(header, labels, strict=True)):
        synonym = canonical_column(written) if written else None
        if label in chosen:
            _keep(found, position, label, chosen[label], MatchedBy.ANALYST, rows)
        elif synonym is not None and synonym in claimed:
            _keep(found, position, label, None, MatchedBy.NOT_USED, rows)
            found.problems.append(_not_used(header_line, label, synonym, chosen))
        elif synonym is not None and synonym in seen:
            found.problems.append(_duplicate(header_line, seen[synonym], label, synonym))
            # shown with the field it means, beside the error, so "not used" can be chosen for it
            found.matches.append(ColumnMatch(label, synonym, MatchedBy.SYNONYM, _samples(rows, position)))
        elif synonym is not None:
            seen[synonym] = label
            _keep(found, position, label, synonym, MatchedBy.SYNONYM, rows)
        elif written and is_pii_column(written):
            _drop_pii(found, label, header_line)
        elif written or _has_cells(rows, position):
            _keep(found, position, label, None, MatchedBy.NOT_USED, rows)
            found.problems.append(_unknown(header_line, label))
    return found


def _unknown(header_line: int, label: str) -> Problem:
    return Problem(
        header_line,
        label,
        None,
        "unknown_column",
        t(
            "Column '{column}' is not part of the upload template and was ignored; map it to a field if it holds one. "
            "Expected columns: {fields}.",
            column=label,
            fields=", ".join(schema.UPLOAD_COLUMNS),
        ),
        WARNING,
    )


def _not_used(header_line: int, label: str, synonym: str, chosen: Mapping[str, str | None]) -> Problem:
    chooser = next(other for other, f in chosen.items() if f == synonym)
    return Problem(
        header_line,
        label,
        synonym,
        "column_not_used",
        t(
            "Column '{column}' would mean '{field}', but column '{chooser}' was chosen for it: '{column}' is not used.",
            column=label,
            field=synonym,
            chooser=chooser,
        ),
        INFO,
    )


def _duplicate(header_line: int, first: str, label: str, synonym: str) -> Problem:
    return Problem(
        header_line,
        label,
        label,
        "duplicate_header",
        t(
            "Columns '{first}' and '{column}' both mean '{field}': keep only one of them, or map the other to nothing "
            "(not used).",
            first=first,
            column=label,
            field=synonym,
        ),
        ERROR,
    )


def _keep(found: Columns, position: int, label: str, target: str | None, how: MatchedBy, rows) -> None:
    """A column the file keeps (under `target`) or does not use (None), with a few of its values."""
    found.matches.append(ColumnMatch(label, target, how, _samples(rows, position)))
    if target is None:
        found.ignored.append(label)
        return
    found.mapping[label] = target
    found.keep.append((position, target))


def _drop_pii(found: Columns, label: str, header_line: int) -> None:
    found.matches.append(ColumnMatch(label, None, MatchedBy.PERSONAL_DATA))
    found.dropped.append(label)
    found.problems.append(
        Problem(
            header_line,
            label,
            None,
            "pii_dropped",
            t(
                "Column '{column}' holds personal data (names, e-mails, phone numbers): it was dropped and is not "
                "stored. Map it to a field only if it holds none.",
                column=label,
            ),
            INFO,
        )
    )

"""An uploaded edition's event kind and reported figures: read from the form, the CLI or the file, checked, defaulted.

The form and the CLI give figures as people write them ("13", "5,700+", "over 200", "about 15"); they are read
with `quantity.parse`, so a lower bound is stored as a lower bound. A file or a command that names no event kind
still imports, as a training, with a notice that says how to set another kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ssedash import limits, schema
from ssedash.i18n import N_, t
from ssedash.problems import ERROR, INFO, Severity
from ssedash.quantity import Quantity, QuantityError, parse
from ssedash.text import fold_header

DEFAULT_KIND = "training"
# What is wrong with a reported figure, one whole sentence per figure and rule (translated where shown).
FIGURE_MESSAGES = {
    "reported_participants": {
        "bad_figure": N_(
            "The reported number of participants: '{value}' is not a count: write a whole number such as 13, or "
            "5,700+ / over 200 for a lower bound, or about 15 for an approximation."
        ),
        "must_be_positive": N_("The reported number of participants cannot be negative."),
        "too_large": N_("The reported number of participants is over {limit:,}: check the figure."),
    },
    "reported_countries": {
        "bad_figure": N_(
            "The reported number of countries: '{value}' is not a count: write a whole number such as 13, or "
            "5,700+ / over 200 for a lower bound, or about 15 for an approximation."
        ),
        "must_be_positive": N_("The reported number of countries cannot be negative."),
        "too_large": N_("The reported number of countries is over {limit:,}: check the figure."),
    },
    "reported_local_governments": {
        "bad_figure": N_(
            "The reported number of local governments: '{value}' is not a count: write a whole number such as 13, "
            "or 5,700+ / over 200 for a lower bound, or about 15 for an approximation."
        ),
        "must_be_positive": N_("The reported number of local governments cannot be negative."),
        "too_large": N_("The reported number of local governments is over {limit:,}: check the figure."),
    },
}


@dataclass(frozen=True)
class FieldNote:
    """A problem or a notice about one edition field; ingest turns it into a report line."""

    rule: str
    value: str | None
    message: str
    severity: Severity
    from_file: bool = False  # about a value in the file's event_kind column


_fold = fold_header


def read_kind(text: object) -> str | None:
    """An event kind as written ("Policy dialogue", "webinaire", "policy_dialogue"), or None if not one we know."""
    folded = _fold(str(text))
    for kind, synonyms in schema.EVENT_KIND_SYNONYMS.items():
        if folded in {_fold(s) for s in (kind, *synonyms)}:
            return kind
    return None


def edition_kind(form_kind: str | None, file_kind: str | None) -> tuple[str | None, list[FieldNote]]:
    """The edition's kind: the file's `event_kind` column, else the form or CLI, else training with a notice."""
    kinds = ", ".join(schema.EVENT_KINDS)
    given = [(where, value) for where, value in (("file", file_kind), ("form", form_kind)) if value not in (None, "")]
    read = {where: read_kind(value) for where, value in given}
    notes = [
        FieldNote(
            "bad_event_kind",
            str(value)[:60],
            t("The event kind '{value}' is not one we know: use one of {kinds}.", value=str(value)[:60], kinds=kinds),
            ERROR,
            from_file=where == "file",
        )
        for where, value in given
        if read[where] is None
    ]
    if notes:
        return None, notes
    if len(set(read.values())) > 1:
        return None, [
            FieldNote(
                "event_kind_conflict",
                str(file_kind)[:60],
                t(
                    "The file says event kind '{file}' but the form says '{form}': make them agree.",
                    file=read["file"],
                    form=read["form"],
                ),
                ERROR,
                from_file=True,
            )
        ]
    if read:
        return next(iter(read.values())), []
    return DEFAULT_KIND, [
        FieldNote(
            "default_event_kind",
            None,
            t(
                "No event kind given: this edition is imported as a '{kind}' (its participants count as people "
                "trained). If it was another kind ({kinds}), set it in the form's 'Event kind', with --event-kind, or "
                "in an event_kind column.",
                kind=DEFAULT_KIND,
                kinds=kinds,
            ),
            INFO,
        )
    ]


def read_figure(value: object) -> Quantity | None:
    """A reported figure as the form or the CLI gives it: a Quantity, a whole number, or text such as "5,700+"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Quantity):
        return value if value.is_known else None
    if isinstance(value, bool):
        raise QuantityError(f"'{value}' is not a count")
    if isinstance(value, (int, float)):
        if value != int(value):
            raise QuantityError(f"'{value}' is not a whole number")
        return Quantity(int(value))
    return parse(str(value))


def edition_figures(figures: dict[str, object]) -> tuple[dict[str, object], list[FieldNote]]:
    """The edition row's figure and qualifier cells, e.g. {"reported_participants": 5700,
    "reported_participants_qualifier": "at_least", ...}, from the given figures keyed by column name."""
    cells: dict[str, object] = {}
    notes: list[FieldNote] = []
    for column in schema.REPORTED_FIGURES:
        # The templates are looked up outside t(): Babel would take a key written inside the call for a message.
        bad, negative, large = (
            FIGURE_MESSAGES[column][rule] for rule in ("bad_figure", "must_be_positive", "too_large")
        )
        try:
            figure = read_figure(figures.get(column))
        except QuantityError:
            notes.append(
                FieldNote(
                    "bad_figure",
                    str(figures.get(column))[:60],
                    t(bad, value=str(figures.get(column))[:40]),
                    ERROR,
                )
            )
            figure = None
        if figure is not None and figure.value is not None and figure.value < 0:
            notes.append(FieldNote("must_be_positive", str(figure.value), t(negative), ERROR))
            figure = None
        elif figure is not None and figure.value is not None and figure.value > limits.MAX_REPORTED:
            notes.append(
                FieldNote(
                    "too_large",
                    str(figure.value),
                    t(large, limit=limits.MAX_REPORTED),
                    ERROR,
                )
            )
            figure = None
        cells[column] = None if figure is None else figure.value
        cells[f"{column}_qualifier"] = None if figure is None else figure.qualifier.value
    return cells, notes

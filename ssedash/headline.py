"""The headline a funder reads first, computed once for the Overview and the Report: people counted per kind of
event (people trained, webinar attendees, … never one sum across kinds), local governments, countries and
editions, each as a Card whose words stay true (docs/design.md §10).

A figure from exactly one edition's organisers is "reported by the organisers"; a sum over editions is labelled
as computed ("sum of 3 editions' reported figures") and, when an edition gave no count, is "at least N" and says
how many editions had none. Pure: frames in, dataclasses out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ssedash import metrics
from ssedash.i18n import t, tn
from ssedash.i18n.formatting import number
from ssedash.kinds import kind_labels, kinds_in_order
from ssedash.quantity import Quantity
from ssedash.shown import signed


@dataclass(frozen=True)
class Card:
    """A KPI card as drawn: label, value ("5,700+", "at least 154"), a short note under it, a longer help text."""

    label: str
    value: str
    note: str
    help: str
    quantity: Quantity | None = None  # the number shown, with its qualifier (None: not recorded), for sentences
    kind: str | None = None  # the event kind whose people the card counts (people cards only)


@dataclass(frozen=True)
class Headline:
    people: tuple[Card, ...]
    places: tuple[Card, ...]  # local governments, countries, editions


def _editions_word(n: int) -> str:
    return tn("{n:,} edition", "{n:,} editions", n)


def _no_count(unknown: int) -> str:
    return tn("{n:,} edition had no count", "{n:,} editions had no count", unknown)


def figure_card(label: str, figure: metrics.Figure) -> Card:
    """The card of one figure, with words that say where the number comes from."""
    reported, recorded = figure.reported, figure.recorded
    quantity = figure.quantity
    unknown = reported.unknown_parts if reported is not None else 0
    if quantity is None:
        note = _no_count(unknown) if unknown else t("no count in the participation rows")
        return Card(label, t("not recorded"), note, t("No organiser published a figure and no row records one."), None)
    recorded_text = None
    if recorded is not None and recorded.is_known:
        recorded_text = (
            tn(
                "{n} recorded in participation rows",
                "{n} recorded in participation rows",
                recorded.value or 0,
                n=recorded.words(),
            )
            if recorded.value
            else t("none named in participation rows")
        )
    if figure.is_single_report and reported is not None:
        value = reported.short()
        note = t("reported by the organisers")
        if figure.differs and recorded is not None:
            note = tn(
                "{recorded} recorded of {reported} reported",
                "{recorded} recorded of {reported} reported",
                recorded.value or 0,
                recorded=recorded.short(),
                reported=reported.short(),
            )
        elif recorded_text:
            note = tn("{n} reported and recorded", "{n} reported and recorded", reported.value or 0, n=reported.short())
        help_text = t("The figure one edition's organisers published.")
    elif reported is not None and reported.is_known:
        value = reported.words() if not reported.is_exact else reported.short()
        note = t("sum of the figures reported for {editions}", editions=_editions_word(figure.reported_editions))
        if unknown:
            note += "; " + _no_count(unknown)
        help_text = t(
            "Computed by adding the figures organisers published for each edition; a lower bound "
            '("5,700+") or a missing count makes the sum "at least".'
        )
    else:
        value = quantity.words() if not quantity.is_exact else quantity.short()
        note = recorded_text or t("recorded in participation rows")
        if not quantity.is_exact and quantity.unknown_parts:
            note += "; " + tn("{n:,} row has no count", "{n:,} rows have no count", quantity.unknown_parts)
        help_text = t(
            "Counted from the participation rows (organisers' totals cover whole editions and are left out "
            "when a place filter is set)."
        )
    return Card(label, value, note, help_text, quantity)


def _editions_card(editions: pd.DataFrame, participation: pd.DataFrame) -> Card:
    with_rows = int(editions["edition_id"].isin(participation["edition_id"].unique()).sum())
    return Card(
        t("Editions"),
        number(len(editions)),
        t("matching the filters; {n} with participation rows", n=number(with_rows)),
        t(
            "Editions (events) that match the filters; participation rows name who took part, and some "
            "editions have none."
        ),
        Quantity(len(editions)),
    )


def headline(editions: pd.DataFrame, participation: pd.DataFrame, *, include_reported: bool = True) -> Headline:
    """The cards for the editions and rows given (already filtered): one people card per event kind present,
    training first, then local governments, countries (across kinds: places, not people) and editions."""
    labels = kind_labels()
    people = []
    for kind in kinds_in_order(editions["event_kind"]):
        of_kind = editions[editions["event_kind"] == kind]
        figure = metrics.headline(of_kind, participation, include_reported=include_reported)["participants"]
        people.append(replace(figure_card(labels.get(kind, kind), figure), kind=kind))
    places = metrics.headline(editions, participation, include_reported=include_reported)
    return Headline(
        people=tuple(people),
        places=(
            figure_card(t("Local governments"), places["local_governments"]),
            figure_card(t("Countries"), places["countries"]),
            _editions_card(editions, participation),
        ),
    )


# --- the latest edition -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeView:
    """The latest-edition block in words: a title, three cards with their deltas, and what it is compared with."""

    title: str
    cards: tuple[Card, ...]
    deltas: tuple[str | None, ...]
    comparison: str


def latest_change(
    editions: pd.DataFrame,
    participation: pd.DataFrame,
    programmes: pd.DataFrame,
    *,
    include_reported: bool = True,
    place: str | None = None,
) -> ChangeView | None:
    """The latest edition among those given, compared with the previous edition of the same programme among them.
    `place` (e.g. "Nepal") names the place filter: the figures are then that place's rows only."""
    change = metrics.latest_edition_change(editions, participation, include_reported=include_reported)
    if change is None:
        return None
    names = dict(zip(programmes["programme_id"], programmes["name"]))
    programme = names.get(change.programme_id, change.programme_id)
    labels = {
        "participants": t("Participants"),
        "local_governments": t("Local governments"),
        "countries": t("Countries"),
    }
    cards = []
    for key, label in labels.items():
        card = figure_card(label, change.figures[key])
        if not include_reported:
            where = t("{place}'s participation rows", place=place) if place else t("the selected places' rows")
            note = (
                t("counted in {where}", where=where)
                if card.value != t("not recorded")
                else t("no count in {where}", where=where)
            )
            card = replace(card, note=note)
        cards.append(card)
    if change.previous is None:
        comparison = t("First recorded edition of {programme} in the selection: no change shown.", programme=programme)
    else:
        comparison = t(
            "Compared with {programme} {year} ({previous}), the previous edition of the same programme.",
            programme=programme,
            year=change.previous_year,
            previous=change.previous,
        )
        if any(v is not None and d is None for v, d in zip(change.figures.values(), change.deltas.values())):
            comparison += " " + t("No change is shown where either figure is unknown, approximate or a lower bound.")
    name = change.latest
    if change.latest_year is not None and str(change.latest_year) not in change.latest:
        name = f"{name} ({change.latest_year})"
    title = t("Latest edition: {name}", name=name)
    if not include_reported and place:
        title += " — " + t("{place} only", place=place)
    return ChangeView(
        title, tuple(cards), tuple(None if d is None else signed(d) for d in change.deltas.values()), comparison
    )

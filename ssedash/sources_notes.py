"""What the Sources & notes page shows, computed in one call: every edition with its source and what it reported,
where reported and recorded figures differ, and how precisely each local government is placed.

Pure: a FilteredView in, a SourcesAndNotes of safe Markdown and frames out (None when the filters leave no edition),
in the reader's language (cache it per language).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ssedash import kinds, markdown, metrics, reconcile, shown
from ssedash.explore import kind_name, readable
from ssedash.filters import FilteredView
from ssedash.i18n import N_, Nn_, formatting, t, tn
from ssedash.i18n.formatting import number


@dataclass(frozen=True)
class SourcesAndNotes:
    editions: list[dict]
    reconciliation: pd.DataFrame
    discrepancies: list[markdown.Markdown]
    precision: str
    coordinates: pd.DataFrame
    is_demo: bool


REPORTED_NOUNS = {  # figure -> its reported text with the noun ("5,700+ participants", "1 country")
    "participants": Nn_("{n} participant", "{n} participants"),
    "countries": Nn_("{n} country", "{n} countries"),
    "local_governments": Nn_("{n} local government", "{n} local governments"),
}


def _reported_words(row) -> str:
    """ "reported: 5,700+ participants, 50+ countries" (qualifiers kept), or that nothing was reported."""
    parts = [
        tn(*noun, int(getattr(row, f"reported_{key}")), n=getattr(row, f"reported_{key}_text"))
        for key, noun in REPORTED_NOUNS.items()
        if isinstance(getattr(row, f"reported_{key}_text"), str)
    ]
    return t("reported: {figures}", figures=", ".join(parts)) if parts else t("no figure reported")


def precision_words(counts: reconcile.PrecisionCounts) -> str:
    """ "12 local governments shown: 10 with exact coordinates, 1 approximate, 1 ambiguous." """
    if counts.total == 0:
        return t("No local government is named in these editions, so no point is placed.")
    parts = [t("{n} with exact coordinates", n=number(counts.exact))]
    for n, words in (
        (counts.approximate, N_("{n:,} approximate")),
        (counts.ambiguous, N_("{n:,} ambiguous")),
        (counts.unknown, N_("{n:,} of unknown precision")),
    ):
        if n:
            parts.append(t(words, n=n))
    return tn(
        "{n:,} local government shown: {parts}.",
        "{n:,} local governments shown: {parts}.",
        counts.total,
        parts=", ".join(parts),
    )


def _edition_entries(view: FilteredView) -> list[dict]:
    """One entry per edition (safe Markdown): title linked to its source, programme, kind, what was reported."""
    figures = metrics.edition_figures(view.editions, view.places)
    programme_names = dict(zip(view.programmes["programme_id"], view.programmes["name"]))
    kind_words = kinds.kind_names()
    return [
        {
            "title": markdown.link(f"{row.name} ({row.year})", row.source_url),
            "programme": markdown.escape(programme_names.get(row.programme_id, row.programme_id)),
            "kind": markdown.escape(kind_words.get(row.event_kind, row.event_kind)),
            "dates": markdown.escape(formatting.period(row.start_date, row.end_date) or t("dates not published")),
            "reported": markdown.escape(_reported_words(row)),
            "source": markdown.escape(row.source_url),
            "notes": None if pd.isna(row.notes) else markdown.escape(row.notes),
        }
        for row in figures.itertuples(index=False)
    ]


def _coordinates_table(view: FilteredView) -> pd.DataFrame:
    notes = reconcile.coordinate_notes(view.local_governments, view.country_names())
    return readable(
        notes.assign(precision=notes["precision"].map(shown.precision_name)),
        {
            "local_government": t("Local government"),
            "country": t("Country"),
            "precision": t("Precision"),
            "coordinates_from": t("Coordinates from"),
            "note": t("Note"),
        },
    )


def sources_and_notes(view: FilteredView) -> SourcesAndNotes | None:
    if view.is_empty:
        return None
    reconciliation = reconcile.reconciliation(view.editions, view.places)
    figure_names = {
        "participants": t("Participants"),
        "local_governments": t("Local governments"),
        "countries": t("Countries"),
    }
    discrepancies = [
        markdown.escape(
            t("{edition} ({year}): {discrepancy}", edition=row.edition, year=row.year, discrepancy=row.discrepancy)
        )
        for row in reconciliation.itertuples(index=False)
        if isinstance(row.discrepancy, str) and row.discrepancy != t(reconcile.NEITHER)
    ]
    table = reconciliation.assign(
        figure=reconciliation["figure"].map(figure_names), event_kind=reconciliation["event_kind"].map(kind_name)
    )
    return SourcesAndNotes(
        editions=_edition_entries(view),
        reconciliation=readable(
            table,
            {
                "year": t("Year"),
                "edition": t("Edition"),
                "event_kind": t("Kind of event"),
                "figure": t("Figure"),
                "reported": t("Reported"),
                "recorded": t("Recorded"),
                "discrepancy": t("What differs"),
                "note": t("Edition note"),
            },
        ),
        discrepancies=discrepancies,
        precision=markdown.escape(precision_words(reconcile.precision_counts(view.local_governments))),
        coordinates=_coordinates_table(view),
        is_demo=bool(view.editions["source_url"].astype(str).str.startswith("demo:").any()),
    )

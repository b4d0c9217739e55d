"""What each Explore page shows, computed in one call per page: a FilteredView in, plain data and figures out.

Pages call these through `ui.cached(...)`, keyed on (store revision, filters, arguments), so a warm rerun does
no pandas work at all. Each function returns None when the filters leave no edition: pages then show the
empty state instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from ssedash import charts, kinds, markdown, metrics, reconcile
from ssedash.filters import FilteredView
from ssedash.headline import ChangeView, Headline, latest_change
from ssedash.headline import headline as compute_headline
from ssedash.i18n import t
from ssedash.summary import row_counts, unknown_counts

MAX_SOURCE_LINKS = 12
PREVIEW_ROWS = 5_000


def source_links(editions: pd.DataFrame) -> str:
    """'Sources: [edition (year)](url) · …' as safe Markdown; synthetic data is named as such."""
    if editions["source_url"].astype(str).str.startswith("demo:").any():
        return markdown.escape(t("Sources: SYNTHETIC demo data, not real figures."))
    ordered = editions.sort_values(["year", "start_date", "edition_id"], na_position="last")
    links = [markdown.link(f"{name} ({year})", url)
             for name, year, url in zip(ordered["name"], ordered["year"], ordered["source_url"])]
    shown = links[:MAX_SOURCE_LINKS]
    more = len(links) - len(shown)
    text = t("Sources: ") + " · ".join(shown)
    if more:
        text += " · " + markdown.escape(t("and {n} more (see Sources & notes)", n=more))
    return text


def _kind_name(kind: object) -> object:
    """An event kind as a table shows it ("Policy dialogue")."""
    return kinds.kind_names().get(kind, kind) if isinstance(kind, str) else kind


def _readable(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return frame[list(names)].rename(columns=names)


def place_words(view: FilteredView) -> str | None:
    """The place filter in words ("Nepal", "Africa, Asia"), or None when the rows are not cut by place."""
    chosen = view.filters
    if chosen.local_governments:
        names = dict(zip(view.local_governments["lg_id"], view.local_governments["name"]))
        return ", ".join(names.get(lg, lg) for lg in chosen.local_governments)
    if chosen.countries:
        names = dict(zip(view.places["country_iso3"], view.places["country"]))
        return ", ".join(str(names.get(c, c)) for c in chosen.countries)
    return ", ".join(chosen.regions) or None


@dataclass(frozen=True)
class Reach:
    """Reach over time for a view: the edition figures, the frames behind the three year charts, and the charts."""

    figures: pd.DataFrame  # metrics.edition_figures
    by_year: pd.DataFrame  # metrics.participants_by_year
    turnover: pd.DataFrame  # metrics.local_government_turnover
    cumulative: pd.DataFrame  # metrics.cumulative_countries
    participants_chart: go.Figure
    turnover_chart: go.Figure
    countries_chart: go.Figure


def reach(view: FilteredView, marks: Mapping[str, str] | None = None) -> Reach:
    """The year charts of a (non-empty) view and what they are made of; `marks` (year -> label: GSEF's global
    forums) are drawn on the year charts as context."""
    editions, participation = view.editions, view.places
    source = charts.source_line(editions["source_url"])
    figures = metrics.edition_figures(editions, participation)
    by_year = metrics.participants_by_year(editions, participation, view.programmes, figures)
    turnover = metrics.local_government_turnover(editions, participation)
    cumulative = metrics.cumulative_countries(editions, participation)
    return Reach(figures, by_year, turnover, cumulative,
                 participants_chart=charts.participants_by_year(metrics.yearly_totals(by_year), source, marks),
                 turnover_chart=charts.local_government_turnover(turnover, source),
                 countries_chart=charts.cumulative_countries(cumulative, source, marks))


@dataclass(frozen=True)
class Overview:
    headline: Headline
    change: ChangeView | None
    sources: str
    participants_chart: go.Figure
    participants_table: pd.DataFrame
    turnover_chart: go.Figure
    turnover_table: pd.DataFrame
    countries_chart: go.Figure
    countries_table: pd.DataFrame
    editions_table: pd.DataFrame
    lgs_named: bool


def _editions_table(figures: pd.DataFrame) -> pd.DataFrame:
    """`metrics.edition_figures` as the Overview's table shows it."""
    shown = figures.assign(event_kind=figures["event_kind"].map(_kind_name),
                           format=figures["format"].map(metrics.FORMAT_LABELS).fillna(figures["format"]))
    return _readable(shown, {
        "year": t("Year"), "name": t("Edition"), "event_kind": t("Kind of event"), "format": t("Format"),
        "reported_participants_text": t("Participants reported"), "recorded_participants": t("Participants recorded"),
        "rows_with_unknown_count": t("Rows with unknown count"),
        "reported_local_governments_text": t("Local governments reported"),
        "recorded_local_governments": t("Local governments recorded"),
        "reported_countries_text": t("Countries reported"), "recorded_countries": t("Countries recorded"),
    })


def _participants_table(by_year: pd.DataFrame) -> pd.DataFrame:
    return _readable(by_year.assign(event_kind=by_year["event_kind"].map(_kind_name)), {
        "year": t("Year"), "programme": t("Programme"), "event_kind": t("Kind of event"), "editions": t("Editions"),
        "reported_participants_text": t("Participants reported"), "recorded_participants": t("Participants recorded"),
        "rows_with_unknown_count": t("Rows with unknown count"),
    })


def overview(view: FilteredView) -> Overview | None:
    if view.is_empty:
        return None
    editions, participation = view.editions, view.places
    include_reported = not view.filters.narrows_places
    over_time = reach(view)
    turnover, cumulative = over_time.turnover, over_time.cumulative
    return Overview(
        headline=compute_headline(editions, participation, include_reported=include_reported),
        change=latest_change(editions, participation, view.programmes, include_reported=include_reported,
                             place=place_words(view)),
        sources=source_links(editions),
        participants_chart=over_time.participants_chart,
        participants_table=_participants_table(over_time.by_year),
        turnover_chart=over_time.turnover_chart,
        turnover_table=_readable(turnover, {"year": t("Year"), "name": t("Edition"), "new": t("New local governments"),
                                            "returning": t("Returning local governments")}),
        countries_chart=over_time.countries_chart,
        countries_table=_readable(cumulative, {"year": t("Year"), "new_countries": t("Countries new that year"),
                                               "cumulative_countries": t("Countries reached so far")}),
        editions_table=_editions_table(over_time.figures),
        lgs_named=bool(turnover[["new", "returning"]].to_numpy().sum()),
    )


@dataclass(frozen=True)
class Breakdowns:
    rows: int
    rows_with_unknown_count: int
    sources: str
    places_chart: go.Figure | None
    countries_chart: go.Figure | None
    places_table: pd.DataFrame
    programme_chart: go.Figure
    format_chart: go.Figure
    edition_attributes_table: pd.DataFrame
    gender_chart: go.Figure | None
    role_chart: go.Figure | None
    participant_attributes_table: pd.DataFrame


MEASURES = ("participation_rows", "local_governments")


def breakdowns(view: FilteredView, measure: str = "participation_rows") -> Breakdowns | None:
    if view.is_empty:
        return None
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    editions, participation = view.editions, view.places
    source = charts.source_line(editions["source_url"])
    places = metrics.place_breakdown(participation, view.local_governments)
    countries = metrics.country_breakdown(places)
    measure_label = t("Participation rows") if measure == "participation_rows" else t("Local governments named")
    has_places = not places.empty and (measure == "participation_rows" or bool(countries["local_governments"].sum()))

    by_programme = metrics.by_edition_attribute(editions, participation, view.programmes, "programme")
    by_format = metrics.by_edition_attribute(editions, participation, view.programmes, "format")
    by_gender = metrics.by_participant_attribute(view.summarised.attributes["gender"], "gender")
    by_role = metrics.by_participant_attribute(view.summarised.attributes["role"], "role")

    def edition_bars(frame: pd.DataFrame, title: str) -> go.Figure:
        return charts.horizontal_bars(frame, "category", "editions", title, t("Editions (count)"), source)

    def participant_bars(frame: pd.DataFrame, title: str) -> go.Figure | None:
        if frame.empty:
            return None
        return charts.horizontal_bars(frame, "category", "participation_rows", title, t("Participation rows (count)"), source)

    attributes = pd.concat([by_programme.assign(kind=t("Programme")), by_format.assign(kind=t("Format"))])
    people = pd.concat([by_gender.assign(kind=t("Gender")), by_role.assign(kind=t("Role"))])
    return Breakdowns(
        rows=int(row_counts(participation).sum()),
        rows_with_unknown_count=int(unknown_counts(participation).sum()),
        sources=source_links(editions),
        places_chart=charts.place_sunburst(places, measure, source) if has_places else None,
        countries_chart=charts.horizontal_bars(
            countries, "country", measure, t("Countries by {measure}", measure=measure_label.lower()),
            t("{measure} (count)", measure=measure_label), source, colour_column="gsef_region",
        ) if has_places else None,
        places_table=_readable(places, {
            "gsef_region": t("GSEF region"), "subregion": t("Subregion"), "country": t("Country"),
            "local_government": t("Local government"), "participation_rows": t("Participation rows"),
            "recorded_participants": t("Participants recorded"), "rows_with_unknown_count": t("Rows with unknown count"),
        }),
        programme_chart=edition_bars(by_programme, t("Editions by programme (count)")),
        format_chart=edition_bars(by_format, t("Editions by format: in person, online, hybrid (count)")),
        edition_attributes_table=_readable(attributes, {
            "kind": t("Breakdown"), "category": t("Category"), "editions": t("Editions"),
            "reported_participants_text": t("Participants reported"), "participation_rows": t("Participation rows"),
            "recorded_local_governments": t("Local governments recorded"),
        }),
        gender_chart=participant_bars(by_gender, t("Participation rows by gender (count)")),
        role_chart=participant_bars(by_role, t("Participation rows by role (count)")),
        participant_attributes_table=_readable(people, {
            "kind": t("Breakdown"), "category": t("Category"), "participation_rows": t("Participation rows"),
            "recorded_participants": t("Participants recorded"),
        }),
    )


@dataclass(frozen=True, eq=False)
class DataTable:
    """What the Data page shows: counts of the filtered rows, their first PREVIEW_ROWS as a table (`preview`), and
    all of them as `table`, built only when asked for (a download)."""

    preview: pd.DataFrame
    rows: int
    participants_recorded: int | None
    rows_with_unknown_count: int
    view: FilteredView

    @cached_property
    def table(self) -> pd.DataFrame:
        from ssedash.downloads import participation_table

        return participation_table(self.view)


def data_table(view: FilteredView) -> DataTable:
    """The filtered participation as the Data page shows and downloads it (large: hold it, do not copy it)."""
    from ssedash.downloads import participation_table

    places = view.places
    counts = places["participants"]
    return DataTable(participation_table(view, limit=PREVIEW_ROWS), int(row_counts(places).sum()),
                     int(counts.sum()) if counts.notna().any() else None, int(unknown_counts(places).sum()), view)


@dataclass(frozen=True)
class SourcesAndNotes:
    editions: list[dict]
    reconciliation: pd.DataFrame
    discrepancies: list[markdown.Markdown]
    precision: str
    coordinates: pd.DataFrame
    is_demo: bool


def _reported_words(row) -> str:
    """ "reported: 5,700+ participants, 50+ countries" (qualifiers kept), or that nothing was reported."""
    nouns = {"participants": t("participants"), "countries": t("countries"), "local_governments": t("local governments")}
    parts = [f"{getattr(row, f'reported_{key}_text')} {noun}" for key, noun in nouns.items()
             if isinstance(getattr(row, f"reported_{key}_text"), str)]
    return t("reported: {figures}", figures=", ".join(parts)) if parts else t("no figure reported")


def precision_words(counts: reconcile.PrecisionCounts) -> str:
    """ "12 local governments shown: 10 with exact coordinates, 1 approximate, 1 ambiguous." """
    if counts.total == 0:
        return t("No local government is named in these editions, so no point is placed.")
    parts = [t("{n} with exact coordinates", n=counts.exact)]
    for n, word in ((counts.approximate, t("approximate")), (counts.ambiguous, t("ambiguous")),
                    (counts.unknown, t("of unknown precision"))):
        if n:
            parts.append(f"{n} {word}")
    if counts.total == 1:
        return t("1 local government shown: {parts}.", parts=", ".join(parts))
    return t("{n} local governments shown: {parts}.", n=counts.total, parts=", ".join(parts))


def sources_and_notes(view: FilteredView) -> SourcesAndNotes | None:
    if view.is_empty:
        return None
    figures = metrics.edition_figures(view.editions, view.places)
    programme_names = dict(zip(view.programmes["programme_id"], view.programmes["name"]))
    kind_words = kinds.kind_names()
    entries = [
        {
            "title": markdown.link(f"{row.name} ({row.year})", row.source_url),
            "programme": markdown.escape(programme_names.get(row.programme_id, row.programme_id)),
            "kind": markdown.escape(kind_words.get(row.event_kind, row.event_kind)),
            "reported": markdown.escape(_reported_words(row)),
            "source": markdown.escape(row.source_url),
            "notes": None if pd.isna(row.notes) else markdown.escape(row.notes),
        }
        for row in figures.itertuples(index=False)
    ]
    reconciliation = reconcile.reconciliation(view.editions, view.places)
    figure_names = {"participants": t("Participants"), "local_governments": t("Local governments"),
                    "countries": t("Countries")}
    discrepancies = [
        markdown.escape(f"{row.edition} ({row.year}): {row.discrepancy}")
        for row in reconciliation.itertuples(index=False)
        if isinstance(row.discrepancy, str) and row.discrepancy != "neither reported nor recorded"
    ]
    country_names = view.places.drop_duplicates("country_iso3")
    countries = pd.DataFrame({"iso3": country_names["country_iso3"], "name_en": country_names["country"]})
    coordinates = reconcile.coordinate_notes(view.local_governments, countries)
    table = reconciliation.assign(figure=reconciliation["figure"].map(figure_names),
                                  event_kind=reconciliation["event_kind"].map(_kind_name))
    return SourcesAndNotes(
        editions=entries,
        reconciliation=_readable(table, {
            "year": t("Year"), "edition": t("Edition"), "event_kind": t("Kind of event"), "figure": t("Figure"),
            "reported": t("Reported"), "recorded": t("Recorded"), "discrepancy": t("What differs"),
            "note": t("Edition note"),
        }),
        discrepancies=discrepancies,
        precision=markdown.escape(precision_words(reconcile.precision_counts(view.local_governments))),
        coordinates=_readable(coordinates, {
            "local_government": t("Local government"), "country": t("Country"), "precision": t("Precision"),
            "coordinates_from": t("Coordinates from"), "note": t("Note"),
        }),
        is_demo=bool(view.editions["source_url"].astype(str).str.startswith("demo:").any()),
    )

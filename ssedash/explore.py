"""What each Explore page shows, computed in one call per page: a FilteredView in, plain data and figures out.

Pages call these through `ui.cached(...)`, keyed on (store revision, filters, arguments), so a warm rerun does
no pandas work at all. Each function returns None when the filters leave no edition: pages then show the
empty state instead of failing.

Their results are in the reader's language (titles, headers, sentences, country/region/kind/format names): cache
them per language. The view itself (ssedash.filters) and its summary stay language-neutral.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from ssedash import breakdown, charts, i18n, kinds, markdown, metrics, shown
from ssedash.filters import FilteredView
from ssedash.headline import ChangeView, Headline, latest_change
from ssedash.headline import headline as compute_headline
from ssedash.i18n import t
from ssedash.i18n.content import format_name, region_name
from ssedash.i18n.formatting import number
from ssedash.summary import row_counts, unknown_counts

MAX_SOURCE_LINKS = 12
PREVIEW_ROWS = 5_000


def source_links(editions: pd.DataFrame) -> str:
    """'Sources: [edition (year)](url) · …' as safe Markdown; synthetic data is named as such."""
    if editions["source_url"].astype(str).str.startswith("demo:").any():
        return markdown.escape(t("Sources: SYNTHETIC demo data, not real figures."))
    ordered = editions.sort_values(["year", "start_date", "edition_id"], na_position="last")
    links = [
        markdown.link(f"{name} ({year})", url)
        for name, year, url in zip(ordered["name"], ordered["year"], ordered["source_url"])
    ]
    shown_links = links[:MAX_SOURCE_LINKS]
    more = len(links) - len(shown_links)
    text = t("Sources: ") + " · ".join(shown_links)
    if more:
        text += " · " + markdown.escape(t("and {n} more (see Sources & notes)", n=number(more)))
    return text


def kind_name(kind: object) -> object:
    """An event kind as a table shows it ("Policy dialogue")."""
    return kinds.kind_names().get(kind, kind) if isinstance(kind, str) else kind


def readable(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """`frame`'s columns named in `names` (column -> heading), in that order, under their headings."""
    return frame[list(names)].rename(columns=names)


def place_words(view: FilteredView) -> str | None:
    """The place filter in words ("Nepal", "Africa, Asia"), or None when the rows are not cut by place."""
    chosen = view.filters
    if chosen.local_governments:
        names = dict(zip(view.local_governments["lg_id"], view.local_governments["name"]))
        return ", ".join(names.get(lg, lg) for lg in chosen.local_governments)
    if chosen.countries:
        names = view.country_names()
        return ", ".join(str(names.get(c, c)) for c in chosen.countries)
    return ", ".join(region_name(r) for r in chosen.regions) or None


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
    return Reach(
        figures,
        by_year,
        turnover,
        cumulative,
        participants_chart=charts.participants_by_year(metrics.yearly_totals(by_year), source, marks),
        turnover_chart=charts.local_government_turnover(turnover, source),
        countries_chart=charts.cumulative_countries(cumulative, source, marks),
    )


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
    shown = figures.assign(
        event_kind=figures["event_kind"].map(kind_name),
        format=figures["format"].map(lambda code: code if pd.isna(code) else format_name(code)),
    )
    return readable(
        shown,
        {
            "year": t("Year"),
            "name": t("Edition"),
            "event_kind": t("Kind of event"),
            "format": t("Format"),
            "reported_participants_text": t("Participants reported"),
            "recorded_participants": t("Participants recorded"),
            "rows_with_unknown_count": t("Rows with unknown count"),
            "reported_local_governments_text": t("Local governments reported"),
            "recorded_local_governments": t("Local governments recorded"),
            "reported_countries_text": t("Countries reported"),
            "recorded_countries": t("Countries recorded"),
        },
    )


def _participants_table(by_year: pd.DataFrame) -> pd.DataFrame:
    return readable(
        by_year.assign(event_kind=by_year["event_kind"].map(kind_name)),
        {
            "year": t("Year"),
            "programme": t("Programme"),
            "event_kind": t("Kind of event"),
            "editions": t("Editions"),
            "reported_participants_text": t("Participants reported"),
            "recorded_participants": t("Participants recorded"),
            "rows_with_unknown_count": t("Rows with unknown count"),
        },
    )


def overview(view: FilteredView) -> Overview | None:
    if view.is_empty:
        return None
    editions, participation = view.editions, view.places
    include_reported = not view.filters.narrows_places
    over_time = reach(view)
    turnover, cumulative = over_time.turnover, over_time.cumulative
    return Overview(
        headline=compute_headline(editions, participation, include_reported=include_reported),
        change=latest_change(
            editions, participation, view.programmes, include_reported=include_reported, place=place_words(view)
        ),
        sources=source_links(editions),
        participants_chart=over_time.participants_chart,
        participants_table=_participants_table(over_time.by_year),
        turnover_chart=over_time.turnover_chart,
        turnover_table=readable(
            turnover,
            {
                "year": t("Year"),
                "name": t("Edition"),
                "new": t("New local governments"),
                "returning": t("Returning local governments"),
            },
        ),
        countries_chart=over_time.countries_chart,
        countries_table=readable(
            cumulative,
            {
                "year": t("Year"),
                "new_countries": t("Countries new that year"),
                "cumulative_countries": t("Countries reached so far"),
            },
        ),
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


def _place_charts(places: pd.DataFrame, measure: str, source: str) -> tuple[go.Figure | None, go.Figure | None]:
    """The sunburst and the country bars of `breakdown.place_breakdown`, sized by `measure`; None when nothing
    is there to size (no place, or no local government when sizing by them)."""
    countries = breakdown.country_breakdown(places)
    if places.empty or (measure == "local_governments" and not bool(countries["local_governments"].sum())):
        return None, None
    if measure == "participation_rows":
        title, axis = t("Countries by participation rows"), t("Participation rows (count)")
    else:  # the sunburst leaves out the rows that name no local government: give it only the named ones
        title, axis = t("Countries by local governments named"), t("Local governments named (count)")
        places = places[places["local_government"] != metrics.NO_LOCAL_GOVERNMENT]
    bars = charts.horizontal_bars(
        shown.places(countries), "country", measure, title, axis, source, colour_column="gsef_region"
    )
    return charts.place_sunburst(shown.places(places), measure, source), bars


def _participant_bars(frame: pd.DataFrame, title: str, source: str) -> go.Figure | None:
    if frame.empty:
        return None
    return charts.horizontal_bars(
        frame, "category", "participation_rows", title, t("Participation rows (count)"), source
    )


def _edition_attributes_table(by_programme: pd.DataFrame, by_format: pd.DataFrame) -> pd.DataFrame:
    attributes = pd.concat([by_programme.assign(kind=t("Programme")), by_format.assign(kind=t("Format"))])
    return readable(
        attributes,
        {
            "kind": t("Breakdown"),
            "category": t("Category"),
            "editions": t("Editions"),
            "reported_participants_text": t("Participants reported"),
            "participation_rows": t("Participation rows"),
            "recorded_local_governments": t("Local governments recorded"),
        },
    )


def _participant_attributes_table(by_gender: pd.DataFrame, by_role: pd.DataFrame) -> pd.DataFrame:
    people = pd.concat([by_gender.assign(kind=t("Gender")), by_role.assign(kind=t("Role"))])
    return readable(
        people,
        {
            "kind": t("Breakdown"),
            "category": t("Category"),
            "participation_rows": t("Participation rows"),
            "recorded_participants": t("Participants recorded"),
        },
    )


def breakdowns(view: FilteredView, measure: str = "participation_rows") -> Breakdowns | None:
    if view.is_empty:
        return None
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    editions, participation = view.editions, view.places
    source = charts.source_line(editions["source_url"])
    places = breakdown.place_breakdown(participation, view.local_governments, view.country_names())
    places_chart, countries_chart = _place_charts(places, measure, source)
    by_programme = breakdown.by_edition_attribute(editions, participation, view.programmes, "programme")
    by_format = breakdown.by_edition_attribute(editions, participation, view.programmes, "format")
    by_gender = breakdown.by_participant_attribute(view.summarised.attributes["gender"], "gender")
    by_role = breakdown.by_participant_attribute(view.summarised.attributes["role"], "role")
    return Breakdowns(
        rows=int(row_counts(participation).sum()),
        rows_with_unknown_count=int(unknown_counts(participation).sum()),
        sources=source_links(editions),
        places_chart=places_chart,
        countries_chart=countries_chart,
        places_table=readable(
            shown.places(places),
            {
                "gsef_region": t("GSEF region"),
                "subregion": t("Subregion"),
                "country": t("Country"),
                "local_government": t("Local government"),
                "participation_rows": t("Participation rows"),
                "recorded_participants": t("Participants recorded"),
                "rows_with_unknown_count": t("Rows with unknown count"),
            },
        ),
        programme_chart=charts.horizontal_bars(
            by_programme, "category", "editions", t("Editions by programme (count)"), t("Editions (count)"), source
        ),
        format_chart=charts.horizontal_bars(
            by_format,
            "category",
            "editions",
            t("Editions by format: in person, online, hybrid (count)"),
            t("Editions (count)"),
            source,
        ),
        edition_attributes_table=_edition_attributes_table(by_programme, by_format),
        gender_chart=_participant_bars(by_gender, t("Participation rows by gender (count)"), source),
        role_chart=_participant_bars(by_role, t("Participation rows by role (count)"), source),
        participant_attributes_table=_participant_attributes_table(by_gender, by_role),
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

    language: i18n.Language = i18n.Language.EN

    @cached_property
    def table(self) -> pd.DataFrame:
        """Built on the download's click, which is served on a thread of its own: in the language of the page."""
        from ssedash.downloads import participation_table

        with i18n.use(self.language):
            return participation_table(self.view)


def data_table(view: FilteredView) -> DataTable:
    """The filtered participation as the Data page shows and downloads it (large: hold it, do not copy it)."""
    from ssedash.downloads import participation_table

    places = view.places
    counts = places["participants"]
    return DataTable(
        participation_table(view, limit=PREVIEW_ROWS),
        int(row_counts(places).sum()),
        int(counts.sum()) if counts.notna().any() else None,
        int(unknown_counts(places).sum()),
        view,
        i18n.current(),
    )

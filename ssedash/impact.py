"""The Impact page for funders, computed in one call: a sentence that says what happened, the same headline cards
as the Overview (one computation: ssedash.headline), reach over time with GSEF's global forums marked as
context, highlights per GSEF region, the local governments new in the latest edition, and GSEF members reached.

Words that stay true (DESIGN.md §10): people trained are counted over training-kind events only, the people of
other kinds of event are named apart and never added to them, a lower bound stays "at least", an unknown count
stays unknown, and the forums (context) never enter a figure. Pure: a FilteredView and the forums in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ssedash import explore, kinds, metrics, report_charts, shown
from ssedash.filters import FilteredView
from ssedash.headline import Headline
from ssedash.headline import headline as compute_headline
from ssedash.i18n import N_, Nn_, t, tn
from ssedash.i18n.content import region_name
from ssedash.i18n.formatting import number
from ssedash.quantity import from_cells

CAVEAT = N_(
    "Reported figures are what the organisers announced (“5,700+”: at least 5,700); recorded ones are "
    "counted from the participation rows, which name who took part where a source lists them. Where they "
    "differ, both are shown (see Sources & notes). People at different kinds of event are counted apart."
)


EVENT_WORDS = {  # kind -> (one event, several events)
    "training": Nn_("{n:,} GSEF training", "{n:,} GSEF trainings"),
    "academy": Nn_("{n:,} academy", "{n:,} academies"),
    "policy_dialogue": Nn_("{n:,} policy dialogue", "{n:,} policy dialogues"),
    "webinar": Nn_("{n:,} webinar", "{n:,} webinars"),
}


def _event_words(kind: str, n: int) -> str:
    """ "1 GSEF training", "12 policy dialogues"."""
    if kind not in EVENT_WORDS:
        return t("{n:,} {kind}", n=n, kind=kind.replace("_", " "))
    return tn(*EVENT_WORDS[kind], n)


def year_span(years) -> str:
    """ "in 2019" or "between 2014 and 2021" ("" when no year is known)."""
    known = sorted(int(y) for y in pd.Series(years).dropna().unique())
    if not known:
        return ""
    if known[0] == known[-1]:
        return t("in {year}", year=known[0])
    return t("between {first} and {last}", first=known[0], last=known[-1])


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(head: Headline, editions: pd.DataFrame) -> str:
    """The headline in words, from the Overview's cards: trainings first, other kinds apart, then the places."""
    if editions.empty:
        return t("No GSEF event matches these filters.")
    parts = []
    cards = {card.kind: card for card in head.people if card.kind is not None}
    training = cards.pop("training", None)
    if training is not None:
        of_kind = editions[editions["event_kind"] == "training"]
        events, span = _event_words("training", len(of_kind)), year_span(of_kind["year"])
        if training.quantity is None:
            parts.append(
                t(
                    "{events} took place {span}; no count of the people trained is published or recorded.",
                    events=_capitalised(events),
                    span=span,
                )
            )
        else:
            parts.append(
                _capitalised(
                    t(
                        "{people} people took part in {events} {span}.",
                        people=training.quantity.words(),
                        events=events,
                        span=span,
                    )
                )
            )
    others = []
    for kind, card in cards.items():
        of_kind = editions[editions["event_kind"] == kind]
        people = card.quantity.words() if card.quantity is not None else t("an unknown number of")
        others.append(
            t(
                "{people} {label} ({events}, {span})",
                people=people,
                label=card.label.lower(),
                events=_event_words(kind, len(of_kind)),
                span=year_span(of_kind["year"]),
            )
        )
    if others:
        lead = t("Counted apart, not added to them: ") if training is not None else t("Counted by kind of event: ")
        parts.append(lead + shown.listed(others) + ".")
    parts.append(_places_words(head, len(editions)))
    return " ".join(parts)


def _count_words(quantity, words: tuple[str, str]) -> str | None:
    """The Nn_-marked pair's form for the quantity's value, {n} filled with its words ("at least 24 countries")."""
    if quantity is None or not quantity.value:
        return None
    return tn(*words, quantity.value, n=quantity.words())


def _places_words(head: Headline, events: int) -> str:
    """ "At these 19 events, the sources name participants from 24 countries and 18 local governments." """
    countries = _count_words(head.places[1].quantity, Nn_("{n} country", "{n} countries"))
    lgs = _count_words(head.places[0].quantity, Nn_("{n} local government", "{n} local governments"))
    where = t("At this event") if events == 1 else t("At these {n} events", n=number(events))
    if countries is None:
        return t("{where}, the sources name no country of the participants.", where=where)
    if lgs is None:
        return t(
            "{where}, the sources name participants from {countries} but no local government.",
            where=where,
            countries=countries,
        )
    return t(
        "{where}, the sources name participants from {countries} and {lgs}.", where=where, countries=countries, lgs=lgs
    )


def forum_marks(forums: pd.DataFrame) -> dict[str, str]:
    """Year -> short label of GSEF's global forums: the context marks of the Impact page's year charts (dotted
    lines, never data; see ssedash.charts)."""
    return report_charts.forum_marks(forums, forum_label)


def forum_label(forum: str, year: int) -> str:
    """A short label for a chart: "GSEF2018", or "Forum 2020" for a longer name."""
    return forum if len(forum) <= 9 else t("Forum {year}", year=int(year))


def forum_words(forums: pd.DataFrame) -> str:
    """The forums in one line, with their published size as published: "GSEF2016 (Montreal, 1,500+ participants)"."""
    parts = []
    for row in forums.sort_values("year").itertuples(index=False):
        size = from_cells(row.participants, row.participants_qualifier)
        where = row.host_city if isinstance(row.host_city, str) else t("online")
        detail = t("{where}, {n} participants", where=where, n=size.short()) if size.is_known else where
        parts.append(f"{row.forum} ({detail})")
    return (
        t("GSEF global forums, shown as context and never counted in the figures: {forums}.", forums="; ".join(parts))
        if parts
        else ""
    )


def _distinct_per(places: pd.DataFrame, column: str) -> pd.Series:
    """How many distinct values of `column` (missing ones left out) each GSEF region's lines name, by region: the
    same as groupby().nunique(), in integer codes (quick on Arrow strings)."""
    regions, names = pd.factorize(places["gsef_region"], sort=True)
    values, uniques = pd.factorize(places[column])
    named = values >= 0
    pairs = np.unique(regions[named].astype("int64") * (len(uniques) + 1) + values[named])
    counts = np.bincount(pairs // (len(uniques) + 1), minlength=len(names)).astype("int64")
    return pd.Series(counts, index=pd.Index(names, name="gsef_region"))


def region_highlights(view: FilteredView) -> pd.DataFrame:
    """Per GSEF region: countries and local governments named, events and their kinds, first and latest year."""
    places = view.places[view.places["edition_id"].isin(view.editions["edition_id"])]
    if places.empty:
        return pd.DataFrame(
            columns=[
                t("GSEF region"),
                t("Countries"),
                t("Local governments"),
                t("Events"),
                t("Kinds of event"),
                t("Years"),
            ]
        )
    # Events, kinds and years from the distinct (region, edition) pairs: a few hundred, not every place line.
    events = (
        places[["gsef_region", "edition_id"]]
        .drop_duplicates()
        .merge(view.editions[["edition_id", "year", "event_kind"]], on="edition_id")
    )
    names = kinds.kind_names()
    kinds_of = (
        events[["gsef_region", "event_kind"]]
        .drop_duplicates()
        .groupby("gsef_region")["event_kind"]
        .agg(lambda k: ", ".join(names.get(x, x) for x in kinds.kinds_in_order(k)))
    )
    out = (
        pd.DataFrame({"countries": _distinct_per(places, "country_iso3"), "lgs": _distinct_per(places, "lg_id")})
        .join(
            events.groupby("gsef_region").agg(
                events=("edition_id", "nunique"), first=("year", "min"), last=("year", "max")
            ),
        )
        .assign(kinds=kinds_of)
        .reset_index()
        .sort_values(["countries", "gsef_region"], ascending=[False, True])
    )
    years = [str(f) if f == last else f"{f}–{last}" for f, last in zip(out["first"], out["last"])]
    return pd.DataFrame(
        {
            t("GSEF region"): out["gsef_region"].map(region_name),
            t("Countries"): out["countries"],
            t("Local governments"): out["lgs"],
            t("Events"): out["events"],
            t("Kinds of event"): out["kinds"],
            t("Years"): years,
        }
    )


@dataclass(frozen=True)
class NewInLatest:
    edition: str
    year: int
    table: pd.DataFrame  # Local government, Country, Role, Profile (a relative link)


def new_in_latest(view: FilteredView, turnover: pd.DataFrame | None = None) -> NewInLatest | None:
    """The latest edition that names local governments, and those of them not named in any earlier edition shown.
    `turnover`: `metrics.local_government_turnover` of the view, when already made."""
    if turnover is None:
        turnover = metrics.local_government_turnover(view.editions, view.places)
    named = turnover[(turnover["new"] + turnover["returning"]) > 0]
    if named.empty:
        return None
    latest = named.iloc[-1]
    earlier = set(turnover["edition_id"].iloc[: turnover.index[turnover["edition_id"] == latest["edition_id"]][0]])
    places = view.places  # lines in the order of their first rows
    seen = set(places.loc[places["edition_id"].isin(earlier), "lg_id"].dropna().tolist())
    latest_lines = places[places["edition_id"] == latest["edition_id"]].dropna(subset=["lg_id"])
    # A set lookup per line of the latest edition (isin on Arrow strings makes a scalar of every value: slow).
    new = latest_lines[[lg not in seen for lg in latest_lines["lg_id"].tolist()]].drop_duplicates("lg_id")
    names = dict(zip(view.local_governments["lg_id"], view.local_governments["name"]))
    countries = view.country_names()
    table = pd.DataFrame(
        {
            t("Local government"): [names.get(lg, lg) for lg in new["lg_id"]],
            t("Country"): [countries.get(c, c) for c in new["country_iso3"]],
            t("Role"): [r if isinstance(r, str) else t("not recorded") for r in new["first_role"]],
            t("Profile"): [f"profile?place=lg:{lg}" for lg in new["lg_id"]],
        }
    )
    return NewInLatest(str(latest["name"]), int(latest["year"]), table)


def members_words(view: FilteredView) -> str:
    """GSEF members among the local governments named, and how many of them took part in a training."""
    lgs = view.local_governments
    members = lgs[lgs["gsef_member"].fillna(False).astype(bool)]
    if members.empty:
        return t(
            "No local government in this view is recorded as a GSEF member (members are marked in the cities "
            "file; most are not recorded yet)."
        )
    trainings = view.editions.loc[view.editions["event_kind"] == "training", "edition_id"]
    trained = set(view.places.loc[view.places["edition_id"].isin(trainings), "lg_id"].dropna().tolist())
    reached = [lg for lg in members["lg_id"].tolist() if lg in trained]
    return t(
        "{n} of the local governments named are recorded as GSEF members ({names}); {k} of them took part in a "
        "training. Membership is recorded only where a public source confirms it.",
        n=number(len(members)),
        names=", ".join(sorted(members["name"])),
        k=number(len(reached)),
    )


@dataclass(frozen=True)
class Impact:
    sentence: str
    headline: Headline
    sources: str  # safe Markdown (explore.source_links)
    participants_chart: go.Figure
    turnover_chart: go.Figure
    countries_chart: go.Figure
    context: str
    regions: pd.DataFrame
    new_in_latest: NewInLatest | None
    members: str
    caveat: str


def impact(view: FilteredView, forums: pd.DataFrame) -> Impact | None:
    """Everything the Impact page shows for a filtered view; None when the filters leave no edition."""
    if view.is_empty:
        return None
    cards = compute_headline(view.editions, view.places, include_reported=not view.filters.narrows_places)
    over_time = explore.reach(view, forum_marks(forums))
    return Impact(
        sentence=sentence(cards, view.editions),
        headline=cards,
        sources=explore.source_links(view.editions),
        participants_chart=over_time.participants_chart,
        turnover_chart=over_time.turnover_chart,
        countries_chart=over_time.countries_chart,
        context=forum_words(forums),
        regions=region_highlights(view),
        new_in_latest=new_in_latest(view, over_time.turnover),
        members=members_words(view),
        caveat=t(CAVEAT),
    )


def with_members(figure: go.Figure, local_governments: pd.DataFrame) -> go.Figure:
    """A copy of the map with the local governments recorded as GSEF members ringed and labelled (context: the
    figures do not change)."""
    members = local_governments[local_governments["gsef_member"].fillna(False).astype(bool)]
    members = members.dropna(subset=["latitude", "longitude"])
    marked = go.Figure(figure)
    if members.empty:
        return marked
    marked.add_trace(
        go.Scattermap(
            lat=members["latitude"],
            lon=members["longitude"],
            mode="markers+text",
            name=t("GSEF member (context)"),
            text=[t("{name} (GSEF member)", name=n) for n in members["name"]],
            textposition="top right",
            marker={"size": 22, "color": "#CC79A7", "opacity": 0.45},
            hoverinfo="text",
            customdata=members[["country_iso3"]],
        )
    )
    return marked

"""What a commit would change (`preview`), and where to look at it afterwards (`map_link`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from ssedash import metrics
from ssedash.i18n import t
from ssedash.ingest import ImportPlan


@dataclass(frozen=True)
class Preview:
    action: str  # "add" | "replace"
    edition: dict  # the edition row to write
    new_programmes: pd.DataFrame  # programme_id, name
    new_local_governments: pd.DataFrame  # lg_id, name, country_iso3, latitude, longitude, coord_source
    rows: int  # participation rows to write
    participants_added: int  # sum of the known counts
    rows_with_unknown_count: int
    replaced_rows: int  # rows of the edition replaced (kept in the history)
    headline: pd.DataFrame  # figure, before, after
    points: pd.DataFrame  # the LGs of this edition with coordinates, and whether each is new


def _after(tables: Mapping[str, pd.DataFrame], plan: ImportPlan) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    edition_id = plan.edition_id
    editions = tables["edition"][tables["edition"]["edition_id"] != edition_id]
    participation = tables["participation"][tables["participation"]["edition_id"] != edition_id]
    editions = pd.concat([editions, plan.editions], ignore_index=True)
    participation = pd.concat([participation, plan.participation], ignore_index=True)
    lgs = pd.concat([tables["local_government"], plan.local_governments], ignore_index=True)
    return editions, participation, lgs


def _recorded(participation: pd.DataFrame) -> int:
    """Participants counted in rows (rows whose count is unknown add nothing; they are counted apart)."""
    return int(participation["participants"].dropna().sum())


def _headline(tables: Mapping[str, pd.DataFrame], editions: pd.DataFrame, participation: pd.DataFrame):
    """Store-wide figures before and after the commit. Participants are those counted in rows, a plain sum that
    means the same before and after; the organisers' reported figures are per kind of event and per edition, and
    are compared by the replacement diff, never summed here."""
    before = metrics.headline(tables["edition"], tables["participation"])
    after = metrics.headline(editions, participation)
    rows = [
        {
            "figure": t("Participants counted in rows"),
            "before": _recorded(tables["participation"]),
            "after": _recorded(participation),
        }
    ]
    rows += [
        {"figure": label, "before": before[key].best, "after": after[key].best}
        for key, label in (
            ("local_governments", t("Local governments")),
            ("countries", t("Countries")),
            ("editions", t("Editions")),
        )
    ]
    return pd.DataFrame(rows)


def preview(plan: ImportPlan, tables: Mapping[str, pd.DataFrame]) -> Preview | None:
    """What a commit would change: action, edition, new LGs, participants added, headline before/after, points.
    None when the plan cannot be committed."""
    if not plan.can_commit or plan.editions.empty:
        return None
    editions, participation, lgs = _after(tables, plan)
    used = plan.participation["lg_id"].dropna().unique()
    points = lgs[lgs["lg_id"].isin(used)].drop_duplicates("lg_id")
    points = points.assign(new=points["lg_id"].isin(set(plan.local_governments["lg_id"])))[
        ["lg_id", "name", "country_iso3", "latitude", "longitude", "new"]
    ]
    return Preview(
        action="replace" if plan.replaces_existing_edition else "add",
        edition=plan.editions.iloc[0].to_dict(),
        new_programmes=plan.programmes[["programme_id", "name"]].reset_index(drop=True),
        new_local_governments=plan.local_governments[
            ["lg_id", "name", "country_iso3", "latitude", "longitude", "coord_source"]
        ].reset_index(drop=True),
        rows=len(plan.participation),
        participants_added=int(plan.participation["participants"].dropna().sum()),
        rows_with_unknown_count=int(plan.participation["participants"].isna().sum()),
        replaced_rows=int((tables["participation"]["edition_id"] == plan.edition_id).sum()),
        headline=_headline(tables, editions, participation),
        points=points.dropna(subset=["latitude", "longitude"]).reset_index(drop=True),
    )


def map_link(plan: ImportPlan) -> str | None:
    """A link to the map filtered to the new edition's programme and year (the shared filters' URL form)."""
    if plan.editions.empty:
        return None
    edition = plan.editions.iloc[0]
    year = int(edition["year"])
    return "/map?" + urlencode({"programme": edition["programme_id"], "from": year, "to": year})

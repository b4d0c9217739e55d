"""Breakdowns of the filtered rows (or their summary lines, ssedash.summary): by place (region > subregion >
country > local government), by edition attribute (programme, format) and by participant attribute (gender, role).

Pure: frames in, frames out, inputs never mutated. A missing value is its own category (NOT_RECORDED, or
NO_LOCAL_GOVERNMENT under its country), never dropped; people of different kinds of event are never added up.

`place_breakdown` keeps codes (GSEF region codes, NO_LOCAL_GOVERNMENT) so that it can be counted; ssedash.shown
names them for the reader. The programme/format and gender/role breakdowns are labelled in the reader's language
(format names, "not recorded").
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ssedash.i18n import N_, content, t
from ssedash.i18n.content import format_name
from ssedash.kinds import kind_labels, kinds_in_order
from ssedash.metrics import NO_LOCAL_GOVERNMENT, NOT_RECORDED, reported_quantities
from ssedash.quantity import total
from ssedash.summary import row_counts, unknown_counts

UNKNOWN_SUBREGION = N_("Unknown subregion")


def place_breakdown(
    participation: pd.DataFrame, local_governments: pd.DataFrame, country_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Region > subregion > country > local government, one row per leaf, with participation rows, recorded
    participants (<NA> when no row of the leaf has a count) and rows with an unknown count. Rows that name no
    local government are kept under their country as NO_LOCAL_GOVERNMENT, never dropped. Countries are named by
    `country_names` (ISO3 -> name, e.g. in the reader's language) when given, else as the rows name them."""
    columns = [
        "gsef_region",
        "subregion",
        "country",
        "local_government",
        "participation_rows",
        "recorded_participants",
        "rows_with_unknown_count",
    ]
    if participation.empty:
        return pd.DataFrame(columns=columns)
    names = local_governments.set_index("lg_id")["name"]
    frame = pd.DataFrame(
        {
            "gsef_region": participation["gsef_region"].fillna("Unknown region"),
            "subregion": participation["subregion"].fillna(UNKNOWN_SUBREGION),
            "country": (
                participation["country_iso3"].map(country_names)
                if country_names is not None
                else participation["country"]
            ).fillna(participation["country_iso3"]),
            "lg_id": participation["lg_id"].fillna(""),
            "participants": participation["participants"],
            "rows": row_counts(participation),
            "unknown_rows": unknown_counts(participation),
        }
    )
    grouped = frame.groupby(["gsef_region", "subregion", "country", "lg_id"], sort=False)
    out = pd.DataFrame(
        {
            "participation_rows": grouped["rows"].sum().astype("int64"),
            "recorded_participants": grouped["participants"].sum(min_count=1).astype("Int64"),
            "rows_with_unknown_count": grouped["unknown_rows"].sum().astype("int64"),
        }
    ).reset_index()
    out["local_government"] = out["lg_id"].map(names).fillna(out["lg_id"]).replace("", NO_LOCAL_GOVERNMENT)
    return out[columns].sort_values("participation_rows", ascending=False, kind="stable").reset_index(drop=True)


def country_breakdown(places: pd.DataFrame) -> pd.DataFrame:
    """`place_breakdown` summed per country: rows, named local governments, recorded participants; most rows first."""
    columns = ["gsef_region", "country", "participation_rows", "local_governments", "recorded_participants"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    named = places.assign(named=places["local_government"] != NO_LOCAL_GOVERNMENT)
    grouped = named.groupby(["gsef_region", "country"], sort=False)
    out = pd.DataFrame(
        {
            "participation_rows": grouped["participation_rows"].sum(),
            "local_governments": grouped["named"].sum().astype("int64"),
            "recorded_participants": grouped["recorded_participants"].sum(min_count=1).astype("Int64"),
        }
    ).reset_index()
    return out[columns].sort_values(["participation_rows", "country"], ascending=[False, True]).reset_index(drop=True)


def _per_kind_text(labelled: pd.DataFrame) -> dict[str, str | None]:
    """Per category: the reported participants as text, one sum per kind of event where a category mixes kinds
    ("5,700+ webinar attendees; 30+ people trained"): people of different kinds are never added up."""
    labels = kind_labels()
    quantities: dict[str, dict[object, list]] = {}  # category -> kind -> the editions' reported quantities
    for category, kind, quantity in zip(
        labelled["category"].tolist(), labelled["event_kind"].tolist(), labelled["reported_quantity"].tolist()
    ):
        quantities.setdefault(category, {}).setdefault(kind, []).append(quantity)
    texts: dict[str, str | None] = {}
    for category, of_kind in quantities.items():
        sums = [(kind, total(of_kind[kind])) for kind in kinds_in_order(of_kind)]
        known = [(kind, q) for kind, q in sums if q.is_known]
        if len(sums) == 1:
            texts[category] = known[0][1].short() if known else None
        else:
            texts[category] = (
                "; ".join(t("{n} {people}", n=q.short(), people=labels.get(kind, kind).lower()) for kind, q in known)
                or None
            )
    return texts


def by_edition_attribute(
    editions: pd.DataFrame, participation: pd.DataFrame, programmes: pd.DataFrame, attribute: str
) -> pd.DataFrame:
    """Per programme (`attribute="programme"`) or per format (`"format"`): editions, participants reported by
    organisers as text with qualifiers (None where none gave a figure; one sum per kind of event, never one sum
    across kinds), participation rows and recorded local governments."""
    if attribute not in ("programme", "format"):
        raise ValueError(f"attribute must be 'programme' or 'format', not {attribute!r}")
    columns = ["category", "editions", "reported_participants_text", "participation_rows", "recorded_local_governments"]
    if editions.empty:
        return pd.DataFrame(columns=columns)
    if attribute == "programme":
        names = dict(zip(programmes["programme_id"], programmes["name"]))
        category = editions["programme_id"].map(names).fillna(editions["programme_id"])
    else:
        category = editions["format"].map(lambda code: t(NOT_RECORDED) if pd.isna(code) else format_name(code))
    category_of = pd.Series(category.to_numpy(), index=editions["edition_id"].to_numpy())
    labelled = editions.assign(
        category=category.to_numpy(), reported_quantity=reported_quantities(editions, "participants")
    )
    grouped = labelled.groupby("category", sort=False)
    # Rows per edition first (a few dozen sums), then per category; local governments from the distinct pairs.
    per_edition = row_counts(participation).groupby(participation["edition_id"], sort=False).sum()
    pairs = participation.loc[participation["lg_id"].notna(), ["edition_id", "lg_id"]].drop_duplicates()
    out = pd.DataFrame(
        {
            "editions": grouped["edition_id"].count(),
            "participation_rows": per_edition.groupby(per_edition.index.map(category_of)).sum(),
            "recorded_local_governments": pairs["lg_id"].groupby(pairs["edition_id"].map(category_of)).nunique(),
        }
    )
    out["reported_participants_text"] = out.index.map(_per_kind_text(labelled))
    out = out.reindex(grouped["edition_id"].count().index)
    out["participation_rows"] = out["participation_rows"].fillna(0).astype("int64")
    out["recorded_local_governments"] = out["recorded_local_governments"].fillna(0).astype("int64")
    out = out.rename_axis("category").reset_index()
    return out[columns].sort_values(["editions", "category"], ascending=[False, True]).reset_index(drop=True)


_ATTRIBUTE_NAMES = {"gender": content.gender_name, "role": content.role_name}


def by_participant_attribute(participation: pd.DataFrame, column: str) -> pd.DataFrame:
    """Participation rows and recorded participants per value of `column` ("gender" or "role"); missing values
    are their own category, NOT_RECORDED, never dropped."""
    if column not in ("gender", "role"):
        raise ValueError(f"column must be 'gender' or 'role', not {column!r}")
    if participation.empty:
        return pd.DataFrame(columns=["category", "participation_rows", "recorded_participants"])
    frame = pd.DataFrame(
        {
            "category": participation[column],  # counted per value as recorded, named after (never merged)
            "participants": participation["participants"],
            "rows": row_counts(participation),
        }
    )
    grouped = frame.groupby("category", sort=False, dropna=False)
    out = pd.DataFrame(
        {
            "participation_rows": grouped["rows"].sum().astype("int64"),
            "recorded_participants": grouped["participants"].sum(min_count=1).astype("Int64"),
        }
    ).rename_axis("category")
    named = out.index.map(lambda value: t(NOT_RECORDED) if pd.isna(value) else _ATTRIBUTE_NAMES[column](value))
    return (
        out.set_axis(named)
        .rename_axis("category")
        .reset_index()
        .sort_values(["participation_rows", "category"], ascending=[False, True])
        .reset_index(drop=True)
    )

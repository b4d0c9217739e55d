"""What replacing an edition changes (`edition_diff`), shown before the commit: the plan's edition and
participation rows against the active rows of that edition in the store's tables.

How participation rows are matched (they have no id):

1. A row of the file and a row of the store that are equal on every compared cell (country, local government,
   role, participants, gender, source) are the same row, unchanged; repeated rows are paired one for one.
2. The rows left over are matched on their key: the local government and country, and the role (an empty
   local government - a country-level row - and an empty role are values of the key like any other). Under one
   key, rows are paired in file and store order; a pair is a *changed* row (its participants, gender or
   source differ), a file row left without a partner is *added*, a store row left without one is *removed*.

A row's source written as the upload itself ("upload:<file>#sha256=…", given to rows that name no source) is
not a change: a corrected file always has another name or checksum. The same holds for the edition's source.
Local governments *appear* when the file has rows for them and the store's edition has none, and *disappear*
the other way round. Reported figures are compared with their qualifiers ("5,700+" is not "5,700").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ssedash.i18n import t
from ssedash.ingest import ImportPlan
from ssedash.quantity import from_cells
from ssedash.upload.shown import field_name

KEY = ("country_iso3", "lg_id", "role")
VALUES = ("participants", "gender", "source_url")
FIGURES = ("reported_participants", "reported_countries", "reported_local_governments")
ROW_COLUMNS = ("country_iso3", "lg_id", "local_government", "role", "participants", "gender")
UPLOAD_SOURCE = "upload:"


@dataclass(frozen=True)
class EditionDiff:
    edition: pd.DataFrame  # field, before, after: the edition's own fields that change (figures apart)
    figures: pd.DataFrame  # figure, before, after: reported figures that change, as published ("5,700+")
    added: pd.DataFrame  # ROW_COLUMNS: participation rows only in the file
    removed: pd.DataFrame  # ROW_COLUMNS: participation rows only in the store
    changed: pd.DataFrame  # country_iso3, lg_id, local_government, role, change ("participants: 3 -> 4")
    appearing: pd.DataFrame  # lg_id, name, country_iso3: local governments the edition gains
    disappearing: pd.DataFrame  # lg_id, name, country_iso3: local governments the edition loses
    unchanged_rows: int

    @property
    def is_empty(self) -> bool:
        return all(
            frame.empty
            for frame in (
                self.edition,
                self.figures,
                self.added,
                self.removed,
                self.changed,
                self.appearing,
                self.disappearing,
            )
        )


def _plain(value: object) -> object:
    """A cell as a plain Python value: None where empty, int for whole numbers."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.item() if hasattr(value, "item") else value


def _compared(column: str, value: object) -> object:
    """The value as compared: every upload source is the same source (see the module docstring)."""
    if column == "source_url" and isinstance(value, str) and value.startswith(UPLOAD_SOURCE):
        return UPLOAD_SOURCE
    return value


def _column(series: pd.Series) -> list:
    """A column as plain Python values, None where empty: through .tolist(), as iterating an Arrow-backed column
    cell by cell is ~10x slower."""
    return [
        None if missing else value
        for value, missing in zip(series.astype(object).tolist(), series.isna().tolist(), strict=True)
    ]


def _rows(participation: pd.DataFrame) -> list[tuple[tuple, tuple]]:
    """(as compared, as stored) per row, each a tuple of KEY + VALUES."""
    stored = [_column(participation[c]) for c in KEY + VALUES]
    compared = [
        [_compared(c, v) for v in values] if c == "source_url" else values
        for c, values in zip(KEY + VALUES, stored, strict=True)
    ]
    return list(zip(zip(*compared), zip(*stored)))


def _exact_pairs(before: list, after: list) -> tuple[list[dict], list[dict], int]:
    """Step 1: rows equal on every compared cell are paired and dropped; (before left, after left, pairs), the rows
    left as records."""
    common = Counter(signature for signature, _ in before) & Counter(signature for signature, _ in after)

    def left(rows: list) -> list[dict]:
        budget, kept = Counter(common), []
        for signature, stored in rows:
            if budget[signature]:
                budget[signature] -= 1
            else:
                kept.append(dict(zip(KEY + VALUES, stored, strict=True)))
        return kept

    return left(before), left(after), sum(common.values())


def _change(old: dict, new: dict) -> str:
    """What changed in a row, in the reader's words: "participants: 3 -> 4; gender: - -> female"."""
    return "; ".join(
        t(
            "{field}: {before} -> {after}",
            field=field_name(c),
            before="-" if old[c] is None else old[c],
            after="-" if new[c] is None else new[c],
        )
        for c in VALUES
        if _compared(c, old[c]) != _compared(c, new[c])
    )


def _keyed_pairs(before: list[dict], after: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Step 2: the rows left, paired by key in order: (added, removed, changed)."""
    by_key: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for side, records in enumerate((before, after)):
        for record in records:
            by_key[tuple(record[c] for c in KEY)][side].append(record)
    added, removed, changed = [], [], []
    for olds, news in by_key.values():
        for old, new in zip(olds, news, strict=False):
            changed.append({**{c: new[c] for c in KEY}, "change": _change(old, new)})
        removed += olds[len(news) :]
        added += news[len(olds) :]
    return added, removed, changed


def _names(tables: Mapping[str, pd.DataFrame], plan: ImportPlan) -> dict[str, str]:
    lgs = pd.concat([tables["local_government"], plan.local_governments], ignore_index=True)
    return dict(zip(lgs["lg_id"].tolist(), lgs["name"].tolist(), strict=True))


def _rows_frame(records: list[dict], names: dict[str, str], columns) -> pd.DataFrame:
    rows = [
        {**record, "local_government": names.get(record["lg_id"]) if record["lg_id"] else None} for record in records
    ]
    order = sorted(range(len(rows)), key=lambda i: tuple(str(rows[i][c] or "") for c in KEY))
    return pd.DataFrame([rows[i] for i in order], columns=list(columns))


def _places(lg_ids: set, names: dict[str, str], participation: pd.DataFrame) -> pd.DataFrame:
    places = participation[participation["lg_id"].isin(lg_ids)].drop_duplicates("lg_id")
    countries = dict(zip(places["lg_id"].tolist(), places["country_iso3"].tolist(), strict=True))
    return pd.DataFrame(
        [{"lg_id": lg, "name": names.get(lg), "country_iso3": countries.get(lg)} for lg in sorted(lg_ids)],
        columns=["lg_id", "name", "country_iso3"],
    )


def _edition_changes(old: dict, new: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(field, before, after) of the edition's own fields; (figure, before, after) of its reported figures."""
    figure_cells = {*FIGURES, *(f"{f}_qualifier" for f in FIGURES)}
    fields = [
        {"field": c, "before": _plain(old.get(c)), "after": _plain(new.get(c))}
        for c in new
        if c not in figure_cells
        and c != "edition_id"
        and _compared(c, _plain(old.get(c))) != _compared(c, _plain(new.get(c)))
    ]
    figures = []
    for figure in FIGURES:
        before = from_cells(old.get(figure), old.get(f"{figure}_qualifier"))
        after = from_cells(new.get(figure), new.get(f"{figure}_qualifier"))
        if (before.value, before.qualifier) != (after.value, after.qualifier):
            figures.append(
                {
                    "figure": figure,
                    "before": before.short(unknown=t("not given")),
                    "after": after.short(unknown=t("not given")),
                }
            )
    return (
        pd.DataFrame(fields, columns=["field", "before", "after"]),
        pd.DataFrame(figures, columns=["figure", "before", "after"]),
    )


def edition_diff(plan: ImportPlan, tables: Mapping[str, pd.DataFrame]) -> EditionDiff | None:
    """What committing `plan` would change in the edition it replaces (see the module docstring for how rows are
    matched); None when the plan adds a new edition (or cannot be committed)."""
    if plan.editions.empty or not plan.replaces_existing_edition:
        return None
    edition_id = plan.edition_id
    stored = tables["participation"][tables["participation"]["edition_id"] == edition_id]
    editions = tables["edition"][tables["edition"]["edition_id"] == edition_id]
    before, after, unchanged = _exact_pairs(_rows(stored), _rows(plan.participation))
    added, removed, changed = _keyed_pairs(before, after)
    names = _names(tables, plan)
    old_lgs, new_lgs = set(stored["lg_id"].dropna().tolist()), set(plan.participation["lg_id"].dropna().tolist())
    edition, figures = _edition_changes(
        editions.iloc[0].to_dict() if len(editions) else {}, plan.editions.iloc[0].to_dict()
    )
    return EditionDiff(
        edition=edition,
        figures=figures,
        added=_rows_frame(added, names, ROW_COLUMNS),
        removed=_rows_frame(removed, names, ROW_COLUMNS),
        changed=_rows_frame(changed, names, ("country_iso3", "lg_id", "local_government", "role", "change")),
        appearing=_places(new_lgs - old_lgs, names, plan.participation),
        disappearing=_places(old_lgs - new_lgs, names, stored),
        unchanged_rows=unchanged,
    )

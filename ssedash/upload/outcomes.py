"""Writes, as the analyst sees them: the store's refusals turned into a plain `Outcome` with a message.

`commit` is the one commit path of an edition file: the Upload page and `python -m ssedash import` both call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from ssedash.i18n import N_, t, tn
from ssedash.ingest import ImportPlan
from ssedash.schema import HISTORY_COLUMNS
from ssedash.upload import shown


class Status(StrEnum):
    COMMITTED = "committed"
    DUPLICATE = "duplicate"  # the same file (same sha256) was already imported: nothing changed
    EXISTS = "exists"  # the edition is in the store and replacing it was not asked for
    CONFLICT = "conflict"  # another write changed the store meanwhile
    REFUSED = "refused"


@dataclass(frozen=True)
class Outcome:
    """What a write did, for the analyst."""

    status: Status
    message: str
    result: object = None

    @property
    def ok(self) -> bool:
        return self.status == Status.COMMITTED


_ERRORS = N_("The file has errors: nothing was written. Correct them and upload it again.")


def _commit_message(result) -> str:
    values = {
        "id": result.import_id,
        "edition": result.edition_id,
        "rows": shown.counted(shown.PARTICIPATION_ROWS, result.rows),
        "lgs": shown.counted(shown.NEW_LOCAL_GOVERNMENTS, result.new_local_governments),
    }
    message = (
        t("Import #{id}: edition '{edition}' replaced: {rows}, {lgs}.", **values)
        if result.action == "replace"
        else t("Import #{id}: edition '{edition}' added: {rows}, {lgs}.", **values)
    )
    if result.replaced_rows:
        message += " " + tn(
            "{n:,} old row is kept in the history.", "{n:,} old rows are kept in the history.", result.replaced_rows
        )
    return message


def commit(store, plan: ImportPlan, *, by: str, replace: bool = False) -> Outcome:
    """Commit a plan in one transaction; every refusal becomes an Outcome and leaves the store as it was."""
    from ssedash.store import DuplicateImport, EditionExists, ImportConflict, StoreError

    if not plan.can_commit:
        return Outcome(Status.REFUSED, t(_ERRORS))
    try:
        result = store.commit_plan(plan, by=by, replace=replace)
    except DuplicateImport as error:
        return Outcome(
            Status.DUPLICATE, t("This file was already imported (import #{id}): nothing changed.", id=error.import_id)
        )
    except EditionExists as error:
        return Outcome(
            Status.EXISTS,
            t(
                "Edition '{edition}' is already in the store. Tick 'Replace the existing "
                "edition' to replace it (the old rows are kept in the history and can be "
                "restored).",
                edition=error.edition_id,
            ),
        )
    except ImportConflict as error:
        return Outcome(
            Status.CONFLICT, t("Another import changed the store while you were working: {detail}", detail=str(error))
        )
    except StoreError as error:
        return Outcome(Status.REFUSED, t("Nothing was written: {detail}", detail=str(error)))
    return Outcome(Status.COMMITTED, _commit_message(result), result)


def commit_cities(store, plan, *, by: str) -> Outcome:
    """Commit a cities plan (ssedash.upload.cities.CitiesPlan) in one transaction."""
    from ssedash.store import DuplicateImport, ImportConflict, StoreError

    if not plan.can_commit:
        return Outcome(Status.REFUSED, t(_ERRORS))
    try:
        result = store.commit_local_governments(
            plan.local_governments, by=by, file_name=plan.file_name, sha256=plan.sha256
        )
    except DuplicateImport as error:
        return Outcome(
            Status.DUPLICATE, t("This file was already imported (import #{id}): nothing changed.", id=error.import_id)
        )
    except ImportConflict as error:
        return Outcome(
            Status.CONFLICT,
            t(
                "Someone else changed these local governments at the same time; nothing was written. Details: {detail}",
                detail=str(error),
            ),
        )
    except StoreError as error:
        return Outcome(Status.REFUSED, t("Nothing was written: {detail}", detail=str(error)))
    return Outcome(
        Status.COMMITTED,
        t(
            "Import #{id}: {added}, {corrected}.",
            id=result.import_id,
            added=shown.counted(shown.LOCAL_GOVERNMENTS_ADDED, result.new_local_governments),
            corrected=shown.counted(shown.CORRECTED, result.replaced_rows),
        ),
        result,
    )


def rollback(store, import_id: int, *, by: str) -> Outcome:
    from ssedash.store import RollbackRefused, StoreError

    try:
        result = store.rollback(int(import_id), by=by)
    except RollbackRefused as error:
        return Outcome(Status.REFUSED, t("Roll back refused: {detail}. Nothing changed.", detail=str(error)))
    except StoreError as error:
        return Outcome(Status.REFUSED, t("Nothing changed: {detail}", detail=str(error)))
    return Outcome(
        Status.COMMITTED,
        t(
            "Import #{target} rolled back (as import #{id}, {rows:,} rows changed).",
            target=int(import_id),
            id=result.import_id,
            rows=result.rows,
        ),
        result,
    )


def already_imported(store, sha256: str) -> str | None:
    """What the Upload page says of a file the store already has (as uploaded, or as the original of a corrected
    copy), or None when it is new."""
    import_id = store.find_import_by_sha(sha256)
    if import_id is None:
        return None
    history = store.history()
    found = history[history["import_id"] == import_id]
    if not found.empty and found.iloc[0]["sha256"] != sha256:
        return t(
            "This file was already imported as corrected (import #{id}): its refused rows were fixed on the "
            "Upload page before the commit, and the corrected copy is what the store holds.",
            id=import_id,
        )
    return t("This exact file was already imported (import #{id}); committing it again changes nothing.", id=import_id)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """Every import, newest first, with the columns the history page (and the CLI) shows."""
    return history.reindex(columns=list(HISTORY_COLUMNS)).reset_index(drop=True)


def rollback_candidates(history: pd.DataFrame) -> list[int]:
    """Imports that can be offered for rollback: writes not yet rolled back (the store still has the last word)."""
    from ssedash.store import WRITE_ACTIONS

    if history.empty:
        return []
    open_writes = history[history["action"].isin(WRITE_ACTIONS) & history["rolled_back_by"].isna()]
    return [int(i) for i in open_writes["import_id"]]

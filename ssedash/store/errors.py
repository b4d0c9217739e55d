"""What a write can answer: a result, or a refusal whose message is for the analyst (the store unchanged)."""

from __future__ import annotations

from dataclasses import dataclass

from ssedash.i18n import t


class StoreError(Exception):
    """A refused write: the message is for the analyst, the store is unchanged."""


class DuplicateImport(StoreError):
    def __init__(self, import_id: int):
        self.import_id = import_id
        super().__init__(t("this file was already imported (import #{id}); nothing changed", id=import_id))


class EditionExists(StoreError):
    def __init__(self, edition_id: str):
        self.edition_id = edition_id
        super().__init__(
            t(
                "edition '{edition}' is already in the store: import with replace to replace it "
                "(the old rows are kept in history and can be restored by rolling back)",
                edition=edition_id,
            )
        )


class ImportConflict(StoreError):
    pass


class StoreBusy(StoreError):
    """Another write held the store for longer than the busy timeout: nothing was written, trying again is safe."""

    def __init__(self, waited: float):
        self.waited = waited
        super().__init__(
            t(
                "the store is busy with another import (waited {waited} s); nothing was written — try again in a "
                "moment",
                waited=f"{waited:g}",
            )
        )


class RollbackRefused(StoreError):
    pass


@dataclass(frozen=True)
class CommitResult:
    import_id: int
    action: str
    edition_id: str | None
    rows: int
    new_local_governments: int
    replaced_rows: int


@dataclass(frozen=True)
class RememberedMapping:
    """The column mapping a programme's latest active import used (header as written -> upload field)."""

    import_id: int
    at: str
    file_name: str
    mapping: dict[str, str]

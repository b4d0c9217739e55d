"""The Upload page's state machine, pure: each transition reads a snapshot of the session state and returns the
`Change` to make (keys to set, keys to drop). ssedash.ui.upload_page applies it to st.session_state and draws.

Per wizard (`prefix` "edition" or "cities"): a generation number keys the file uploader (a new generation empties
it after a commit) and every `<prefix>_state…` key is the wizard's working state, dropped with each new generation;
`<prefix>_outcome` holds what the last commit did, shown above the next upload.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ssedash.ingest import EditionDetails
from ssedash.upload.outcomes import Outcome
from ssedash.upload.review import Review

REVIEW, DETAILS = "edition_state_review", "edition_state_details"


@dataclass(frozen=True)
class Change:
    set: dict[str, object] = field(default_factory=dict)
    drop: tuple[str, ...] = ()

    def __add__(self, other: Change) -> Change:
        return Change({**self.set, **other.set}, (*self.drop, *other.drop))


def uploader_key(state: Mapping, prefix: str) -> str:
    """The file uploader's key: a new generation gives a new, empty uploader."""
    return f"{prefix}_file_{state.get(f'{prefix}_generation', 0)}"


def new_generation(state: Mapping, prefix: str) -> Change:
    """Start the wizard again: a fresh uploader, and none of the last file's working state."""
    return Change(
        {f"{prefix}_generation": state.get(f"{prefix}_generation", 0) + 1},
        tuple(k for k in state if str(k).startswith(f"{prefix}_state")),
    )


def too_large(raw: bytes, max_upload_mb: int) -> bool:
    return len(raw) > max_upload_mb * 1024 * 1024


def reviewed(review: Review, details: EditionDetails) -> Change:
    """A review was made (the form submitted, or places chosen): keep it and the details it used."""
    return Change({REVIEW: review, DETAILS: details})


def form_submitted() -> Change:
    """A new check of the file: the last commit's outcome no longer applies."""
    return Change(drop=("edition_outcome",))


def current_review(state: Mapping, sha256: str) -> Review | None:
    """The review of the file now in the uploader, or None (none yet, or it was of another file)."""
    review = state.get(REVIEW)
    return review if review is not None and review.detected.sha256 == sha256 else None


def committed(state: Mapping, prefix: str, outcome: Outcome, link: str | None = None) -> Change:
    """After a commit: remember what it did; when it wrote, start the wizard again."""
    change = Change({f"{prefix}_outcome": (outcome, link) if prefix == "edition" else outcome})
    return change + new_generation(state, prefix) if outcome.ok else change


def commit_blocked(replaces_existing: bool, replace_ticked: bool, warnings_accepted: bool) -> bool:
    """Commit waits for an explicit 'replace' when the edition exists, and for accepted warnings."""
    return (replaces_existing and not replace_ticked) or not warnings_accepted

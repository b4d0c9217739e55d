"""Fresh data in a session that is already open: when another app server (or the CLI) commits an import, every
open page picks it up within a few seconds, without a click.

Each open page checks the store's revision (one small query, `Store.revision`) every `CHECK_EVERY` in a fragment
that draws nothing, and reruns the whole app when it moved; the caches are keyed on that revision, so the rerun
reads the new data. Several app servers on one PostgreSQL need nothing else (see the README's deployment notes).

The Upload page does not watch. Its wizards are fragments, and in Streamlit 1.67 a timed watcher run that lands
while a wizard step is drawing leaves that step's removed elements on screen (a ghost "Fix the refused rows" grid,
an "Apply fixes" button below Commit) until the next click moves the focus; the page then shrinks under the
pointer and the click on Commit is lost. The wizard reads the store at every step and commits in one transaction,
and any other page is read fresh when the analyst opens it.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from ssedash.ui.cache import store

CHECK_EVERY = timedelta(seconds=3)
UNWATCHED_PAGES = frozenset({"upload"})  # url paths whose fragments a timed run would disturb (see above)


def next_step(seen: int | None, current: int, full_run: bool) -> tuple[int, bool]:
    """The revision the page now shows, and whether to rerun the app to show a newer one. A full run of the app
    has just read the store itself, so it never needs another."""
    return current, not full_run and seen is not None and seen != current


def watches(url_path: str) -> bool:
    """Whether the page at `url_path` checks the store on a timer."""
    return url_path not in UNWATCHED_PAGES


def watch_store(url_path: str) -> None:
    """Call once per run, from the router: counts the app's runs, then draws the (invisible) watcher, on the
    pages that watch."""
    st.session_state["_app_runs"] = st.session_state.get("_app_runs", 0) + 1
    if watches(url_path):
        _watch()


@st.fragment(run_every=CHECK_EVERY)
def _watch() -> None:
    runs = st.session_state.get("_app_runs", 0)
    full_run = st.session_state.get("_watched_run") != runs  # else this is the fragment's own timed run
    st.session_state["_watched_run"] = runs
    seen, rerun = next_step(st.session_state.get("_seen_revision"), store().revision(), full_run)
    st.session_state["_seen_revision"] = seen
    if rerun:
        st.rerun(scope="app")

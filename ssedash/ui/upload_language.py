"""The reader's language in the Upload page's callbacks and fragments.

app.py activates the language at the top of a full script run. A button's callback, and a fragment's rerun, run
in a script thread of their own (Streamlit starts one per rerun) where that context variable is not set: they would
speak English. So does a download's data made on the click (a callable given to st.download_button), run by the
server outside any script run. So the language of the run that drew the widget (or called the fragment) goes with
them."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ssedash import i18n

P = ParamSpec("P")
R = TypeVar("R")


def speaking(callback: Callable[P, R], language: i18n.Language | None = None) -> Callable[P, R]:
    """`callback`, run in `language` (by default the language of this run, when the widget is drawn)."""
    chosen = language or i18n.current()

    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with i18n.use(chosen):  # the fragment that reruns after it sets the language itself
            return callback(*args, **kwargs)

    return run

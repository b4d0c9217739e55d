"""The reader's language: `?lang=` in the link, else a choice made earlier in this session, else the browser's
locale (`st.context.locale`), else English. A selector at the top of the sidebar changes it; once chosen (by link
or selector) it stays in the link, so it survives page switches and travels in shared links."""

from __future__ import annotations

import streamlit as st

from ssedash import i18n
from ssedash.i18n import Language, t

PARAM = "lang"
_CHOSEN = "ui_language"  # the selector's key: the language chosen in this session
_EXPLICIT = "ui_language_explicit"  # True once the link or the selector named a language


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser (AppTest, bare mode): no locale to go by
        return None


def _session_language() -> Language | None:
    """The language chosen in this browser session, when called from one of its script threads (a fragment rerun,
    a callback); None elsewhere (tests, the CLI, a thread of the server's own)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    chosen = st.session_state.get(_CHOSEN)
    return Language(chosen) if chosen else None


i18n.set_fallback(_session_language)


def choose_language() -> Language:
    """Decide this run's language, activate it (every t() of the run uses it) and keep it in the link."""
    from_link = i18n.parse(st.query_params.get(PARAM))
    if from_link is not None:
        st.session_state[_EXPLICIT] = True
    remembered = st.session_state.get(_CHOSEN)
    language = from_link or (Language(remembered) if remembered else None) or i18n.choose(None, _browser_locale())
    st.session_state[_CHOSEN] = language
    i18n.activate(language)
    if st.session_state.get(_EXPLICIT) and st.query_params.get(PARAM) != language.value:
        st.query_params[PARAM] = language.value
    return language


def _chosen_in_selector() -> None:
    st.session_state[_EXPLICIT] = True
    st.query_params[PARAM] = Language(st.session_state[_CHOSEN]).value


def language_selector() -> None:
    """The language selector (each language named in itself), for the top of the sidebar."""
    st.selectbox(
        ":material/translate: " + t("Language"),
        list(Language),
        format_func=lambda language: language.autonym,
        key=_CHOSEN,
        on_change=_chosen_in_selector,
    )

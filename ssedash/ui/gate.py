"""Who may change data: the analyst gate (local user, OIDC sign-in with an allow-list, or a password).
The decisions are in ssedash.auth; this draws the sign-in and remembers who signed in."""

from __future__ import annotations

import os

import streamlit as st

from ssedash import auth, config, markdown
from ssedash.i18n import t


def _secrets() -> dict:
    """st.secrets as a plain dict, or {} when there is no secrets.toml (Streamlit raises then)."""
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file, or a malformed one: behave as if nothing were configured
        return {}


def _oidc_configured(secrets: dict) -> bool:
    return isinstance(secrets.get("auth"), dict) and bool(secrets["auth"])


def analyst_gate() -> str | None:
    """Who is changing data (`by` in the import audit), or None after drawing the sign-in (the page then stops).

    local: the OS user. team: st.login with the analyst allow-list when [auth] is configured, else the password
    whose hash is in SSEDASH_PASSWORD_HASH / secrets. A configuration that allows nobody says so.
    """
    settings = config.get_settings()
    secrets = _secrets()
    password_hash = auth.password_hash(os.environ, secrets)
    kind = auth.gate_kind(settings.mode, oidc_configured=_oidc_configured(secrets), password_hash=password_hash)
    if kind == auth.OPEN:
        return auth.local_user()
    if kind == auth.CLOSED:
        st.error(
            t(
                "Uploads are closed: no sign-in is configured for this team deployment. Set [auth] in "
                "secrets.toml with an analyst allow-list, or a password hash (python -m ssedash hash-password)."
            )
        )
        return None
    if kind == auth.OIDC:
        if not st.user.is_logged_in:
            st.info(t("Sign in to upload data or see the import history."))
            st.button(t("Sign in"), on_click=st.login, key="oidc_sign_in")
            return None
        email = st.user.email
        if not auth.is_allowed(str(email) if email else None, auth.analyst_emails(os.environ, secrets)):
            st.error(
                markdown.text(t("{email} is not on the list of analysts who may change data."), email=email or "?")
            )
            st.button(t("Sign out"), on_click=st.logout, key="oidc_sign_out")
            return None
        return str(email)
    if st.session_state.get("analyst_by"):
        return st.session_state["analyst_by"]
    st.info(t("Sign in to upload data or see the import history."))
    with st.form("analyst_sign_in"):
        name = st.text_input(t("Your name (recorded in the import history)"), key="sign_in_name")
        password = st.text_input(t("Password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("Sign in"))
    if submitted:
        _check_sign_in(name, password, password_hash)
    return None


@st.cache_resource(show_spinner=False)
def _sign_in_limiter() -> auth.SignInLimiter:
    """One count of failed sign-ins for the whole server process: a new session starts from it, not from zero."""
    return auth.SignInLimiter()


def _check_sign_in(name: str | None, password: str, password_hash: str | None) -> None:
    """Check a submitted password unless this user or address is locked out; say what happened."""
    limiter = _sign_in_limiter()
    address = auth.client_address(st.context.ip_address, st.context.headers)
    waiting = limiter.locked_for(name, address)
    if waiting:
        st.error(markdown.text(t("Too many failed sign-ins: try again in {wait}."), wait=auth.describe_wait(waiting)))
        return
    admitted, _ = auth.check_password(password, password_hash, limiter.failures(name, address))
    if admitted:
        limiter.succeeded(name, address)
        st.session_state["analyst_by"] = (name or "").strip() or t("team analyst")
        st.rerun()
    lockout = limiter.failed(name, address)
    if lockout:
        st.error(
            markdown.text(
                t("Wrong password. Too many failed sign-ins: try again in {wait}."), wait=auth.describe_wait(lockout)
            )
        )
    else:
        st.error(t("Wrong password. Each failed attempt makes the next answer slower."))

"""Who may change data: the pure half of the gate (ssedash.ui draws it).

Modes (DESIGN.md §8, `SSEDASH_MODE`):

- `local`: one analyst on localhost; the upload and history pages are open and imports are signed with the OS user.
- `public`: read-only; the upload and history pages are not registered at all, so no URL reaches them.
- `team`: the upload and history pages sit behind a sign-in: `st.login` (OIDC) with an allow-list of analyst
  e-mails when `[auth]` is configured in secrets, else a shared password whose PBKDF2 hash lives in
  `SSEDASH_PASSWORD_HASH` (or secrets `password_hash`), made by `python -m ssedash hash-password`.

Passwords are compared in constant time; every failed attempt in a session makes the next answer slower.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import secrets as _secrets
import time
from collections.abc import Callable, Iterable, Mapping

SCHEME = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
MAX_DELAY_SECONDS = 8.0
LOCAL_ANALYST = "local analyst"

# Gate kinds: what the upload and history pages ask of a visitor before showing anything.
OPEN, OIDC, PASSWORD, CLOSED = "open", "oidc", "password", "closed"


def can_change_data(mode: str) -> bool:
    """True when the upload and history pages exist in this mode (they are never registered in public mode)."""
    return mode in ("local", "team")


def gate_kind(mode: str, *, oidc_configured: bool, password_hash: str | None) -> str:
    """How the data-changing pages are guarded: open (local), oidc, password, or closed (nothing configured)."""
    if mode == "local":
        return OPEN
    if mode != "team":
        return CLOSED
    if oidc_configured:
        return OIDC
    return PASSWORD if password_hash else CLOSED


def local_user(getuser: Callable[[], str] = getpass.getuser) -> str:
    """The name recorded as `by` in local mode: the OS user, else "local analyst"."""
    try:
        name = (getuser() or "").strip()
    except Exception:  # getpass raises OSError (or KeyError) where no user name is known, e.g. some containers
        name = ""
    return name or LOCAL_ANALYST


def hash_password(password: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """`pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>` for a password (a fresh 16-byte salt unless given)."""
    if not password:
        raise ValueError("the password is empty")
    if iterations < 1:
        raise ValueError("iterations must be 1 or more")
    salt = _secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, encoded: str | None) -> bool:
    """True when `password` matches the stored hash; a malformed or missing hash admits nobody."""
    if not password or not encoded:
        return False
    try:
        scheme, iterations, salt_hex, hash_hex = encoded.strip().split("$")
        if scheme != SCHEME:
            return False
        rounds, salt, expected = int(iterations), bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if rounds < 1 or not expected:
        return False
    actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds)
    return hmac.compare_digest(actual, expected)


def failure_delay(failures: int) -> float:
    """Seconds to wait before answering, after `failures` wrong passwords in this session: 0, 2, 4, 8, 8…"""
    return 0.0 if failures <= 0 else float(min(2 ** failures, MAX_DELAY_SECONDS))


SLEEP: Callable[[float], None] = time.sleep  # tests replace it so they need not wait


def check_password(password: str, encoded: str | None, failures: int, *,
                   sleep: Callable[[float], None] | None = None) -> tuple[bool, int]:
    """(admitted, failures after this attempt). Waits `failure_delay` first, so guessing gets slower each time."""
    delay = failure_delay(failures)
    if delay:
        (sleep or SLEEP)(delay)
    if verify_password(password, encoded):
        return True, 0
    return False, failures + 1


def analyst_emails(environ: Mapping[str, str], secrets: Mapping | None = None) -> frozenset[str]:
    """The allow-list: `SSEDASH_ANALYSTS` (comma-separated) and secrets `analysts` (a list or a comma string)."""
    found: list[str] = []
    found += str(environ.get("SSEDASH_ANALYSTS", "")).split(",")
    listed = (secrets or {}).get("analysts") if secrets is not None else None
    if isinstance(listed, str):
        found += listed.split(",")
    elif isinstance(listed, Iterable):
        found += [str(item) for item in listed]
    return frozenset(e.strip().casefold() for e in found if e and e.strip())


def is_allowed(email: str | None, allowed: Iterable[str]) -> bool:
    """True when a signed-in e-mail is on the allow-list (case-insensitive); an empty list admits nobody."""
    return bool(email) and email.strip().casefold() in set(allowed)


def password_hash(environ: Mapping[str, str], secrets: Mapping | None = None) -> str | None:
    """The configured password hash: `SSEDASH_PASSWORD_HASH`, else secrets `password_hash`, else None."""
    value = environ.get("SSEDASH_PASSWORD_HASH") or (secrets or {}).get("password_hash")
    return str(value).strip() if value else None

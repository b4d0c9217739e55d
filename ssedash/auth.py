"""Who may change data: the pure half of the gate (ssedash.ui draws it).

Modes (docs/design.md §8, `SSEDASH_MODE`):

- `local`: one analyst on localhost; the upload and history pages are open and imports are signed with the OS user.
- `public`: read-only; the upload and history pages are not registered at all, so no URL reaches them.
- `team`: the upload and history pages sit behind a sign-in: `st.login` (OIDC) with an allow-list of analyst
  e-mails when `[auth]` is configured in secrets, else a shared password whose PBKDF2 hash lives in
  `SSEDASH_PASSWORD_HASH` (or secrets `password_hash`), made by `python -m ssedash hash-password`.

Passwords are compared in constant time. Failed sign-ins are counted per user name and per client address by one
`SignInLimiter` for the whole server process (not per session, so opening a new session resets nothing): each
failure makes the next answer slower, and after `FREE_FAILURES` the user or address is locked out for a while.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import math
import secrets as _secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

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
    """Seconds to wait before answering, after `failures` wrong passwords (SignInLimiter.failures): 0, 2, 4, 8, 8…"""
    return 0.0 if failures <= 0 else float(min(2**failures, MAX_DELAY_SECONDS))


SLEEP: Callable[[float], None] = time.sleep  # tests replace it so they need not wait


def check_password(
    password: str, encoded: str | None, failures: int, *, sleep: Callable[[float], None] | None = None
) -> tuple[bool, int]:
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
    return email is not None and bool(email.strip()) and email.strip().casefold() in set(allowed)


def password_hash(environ: Mapping[str, str], secrets: Mapping | None = None) -> str | None:
    """The configured password hash: `SSEDASH_PASSWORD_HASH`, else secrets `password_hash`, else None."""
    value = environ.get("SSEDASH_PASSWORD_HASH") or (secrets or {}).get("password_hash")
    return str(value).strip() if value else None


# --- Sign-in attempts across sessions -------------------------------------------------------------------------------
FREE_FAILURES = 5  # failures (per user, per address) before a lockout; each one already slows the next answer
LOCKOUT_SECONDS = 60.0  # the first lockout; doubled by each failure after it, up to MAX_LOCKOUT_SECONDS
MAX_LOCKOUT_SECONDS = 3600.0
FORGET_AFTER_SECONDS = 24 * 3600.0  # a user or address with no failure for this long starts again from zero


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class SignInLimiter:
    """Failed sign-ins per user name and per client address, shared by every session of the process.

    `locked_for(user, address)` says how long (seconds) either is locked out; `failures` how many failures count
    against this attempt (for `failure_delay`); `failed` records one and returns the lockout it starts (0 if
    none); `succeeded` clears both. The clock is injected (tests move it); the state is bounded to `max_keys`.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        free_failures: int = FREE_FAILURES,
        lockout: float = LOCKOUT_SECONDS,
        max_lockout: float = MAX_LOCKOUT_SECONDS,
        forget_after: float = FORGET_AFTER_SECONDS,
        max_keys: int = 10_000,
    ):
        self._clock, self._free, self._lockout, self._max_lockout = clock, free_failures, lockout, max_lockout
        self._forget_after, self._max_keys = forget_after, max_keys
        self._records: dict[tuple[str, str], _Failures] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _keys(user: str | None, address: str | None) -> tuple[tuple[str, str], ...]:
        # No name (the shared password's form lets it be empty) counts against the address only: an empty name
        # shared by everyone would let one guesser lock every nameless analyst out.
        name = (user or "").strip().casefold()
        return (("user", name),) * bool(name) + (("address", address or "unknown"),)

    def _current(self, key: tuple[str, str], now: float) -> _Failures:
        record = self._records.get(key)
        if record is None or (now - record.last > self._forget_after and now >= record.locked_until):
            return _Failures()
        return record

    def locked_for(self, user: str | None, address: str | None) -> float:
        now = self._clock()
        with self._lock:
            return max(max(self._current(key, now).locked_until - now, 0.0) for key in self._keys(user, address))

    def failures(self, user: str | None, address: str | None) -> int:
        now = self._clock()
        with self._lock:
            return max(self._current(key, now).count for key in self._keys(user, address))

    def failed(self, user: str | None, address: str | None) -> float:
        now = self._clock()
        with self._lock:
            lockout = 0.0
            for key in self._keys(user, address):
                record = self._current(key, now)
                record.count, record.last = record.count + 1, now
                if record.count >= self._free:
                    extra = record.count - self._free
                    record.locked_until = now + min(self._lockout * 2 ** min(extra, 32), self._max_lockout)
                    lockout = max(lockout, record.locked_until - now)
                self._records[key] = record
            self._forget_oldest(now)
            return lockout

    def succeeded(self, user: str | None, address: str | None) -> None:
        with self._lock:
            for key in self._keys(user, address):
                self._records.pop(key, None)

    def _forget_oldest(self, now: float) -> None:
        if len(self._records) <= self._max_keys:
            return
        expired = [key for key, record in self._records.items() if now >= record.locked_until]
        for key in sorted(expired, key=lambda k: self._records[k].last)[: len(self._records) - self._max_keys]:
            del self._records[key]


def describe_wait(seconds: float) -> str:
    """A lockout's remaining time in words: "45 seconds", "2 minutes", "1 hour"."""
    if seconds < 90:
        n, unit = max(math.ceil(seconds), 1), "second"
    elif seconds < 5400:
        n, unit = math.ceil(seconds / 60), "minute"
    else:
        n, unit = math.ceil(seconds / 3600), "hour"
    return f"{n} {unit}{'s' if n != 1 else ''}"


def client_address(ip_address: str | None, headers: Mapping[str, str] | None) -> str:
    """Who is signing in, for SignInLimiter: the connection's address (st.context.ip_address); when that is
    loopback (None: a reverse proxy on this machine, or a local visitor), the address the proxy saw - the last
    X-Forwarded-For entry (the one our proxy added; earlier ones are the client's to invent) or X-Real-IP."""
    if isinstance(ip_address, str) and ip_address:
        return ip_address
    headers = headers if isinstance(headers, Mapping) else {}
    forwarded = str(headers.get("X-Forwarded-For") or headers.get("x-forwarded-for") or "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if entries:
        return entries[-1]
    return str(headers.get("X-Real-Ip") or headers.get("x-real-ip") or "local")

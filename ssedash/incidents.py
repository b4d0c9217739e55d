"""Unexpected errors: a short reference for the person, the full traceback for the maintainers.

`record(error, where)` appends the traceback to the error log (SSEDASH_ERROR_LOG, default var/errors.log; stderr
when the log cannot be written) and returns a reference such as `E20261125-120301-3fa2c1`. The CLI and the
Upload page show only the reference and a plain sentence: never a traceback or a server path.
"""

from __future__ import annotations

import os
import secrets
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

from ssedash import config

DEFAULT_LOG = config.PROJECT_ROOT / "var" / "errors.log"


def log_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get("SSEDASH_ERROR_LOG") or DEFAULT_LOG)


def new_reference(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"E{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def record(error: BaseException, where: str, *, path: Path | None = None) -> str:
    """Write the error's traceback under a new reference; return the reference."""
    reference = new_reference()
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    entry = f"--- {reference} {datetime.now(timezone.utc).isoformat(timespec='seconds')} in {where}\n{text}\n"
    target = path or log_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as log:
            log.write(entry)
    except OSError:
        sys.stderr.write(entry)
    return reference

"""Settings from the environment: a leaf module, imported by everything and importing nothing of ours."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
TEMPLATES_DIR = DATA_DIR / "templates"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "ssedash.sqlite"

MODES = ("local", "public", "team")


def normalise_db_url(url: str) -> str:
    """Map the URL forms people paste (Heroku's postgres://, plain postgresql://) to the psycopg 3 driver."""
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class Settings:
    db_url: str
    mode: str = "local"
    row_cap: int = 200_000
    max_upload_mb: int = 50

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")


def get_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read SSEDASH_* variables; unknown modes are refused rather than silently opened up."""
    env = os.environ if environ is None else environ
    url = env.get("SSEDASH_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
    mode = env.get("SSEDASH_MODE", "local").strip().lower()
    if mode not in MODES:
        raise ValueError(f"SSEDASH_MODE must be one of {', '.join(MODES)}, not {mode!r}")
    return Settings(
        db_url=normalise_db_url(url),
        mode=mode,
        row_cap=int(env.get("SSEDASH_ROW_CAP", "200000")),
        max_upload_mb=int(env.get("SSEDASH_MAX_UPLOAD_MB", "50")),
    )

"""What every command shares: exit codes, the usage error, the settings with --db-url applied."""

from __future__ import annotations

from ssedash import config

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_ERROR = 0, 1, 2, 3


class UsageError(Exception):
    """A setting or option the person must fix (exit 2)."""


def settings_of(args) -> config.Settings:
    """The settings from the environment, with --db-url over SSEDASH_DB_URL; a bad setting is a usage error."""
    try:
        settings = config.get_settings()
    except ValueError as error:  # e.g. a bad SSEDASH_MODE
        raise UsageError(str(error)) from error
    if getattr(args, "db_url", None):
        settings = config.Settings(
            db_url=config.normalise_db_url(args.db_url),
            mode=settings.mode,
            row_cap=settings.row_cap,
            max_upload_mb=settings.max_upload_mb,
        )
    return settings

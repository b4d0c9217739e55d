import pytest

from ssedash.config import DEFAULT_DB_PATH, get_settings, normalise_db_url


def test_the_default_store_is_a_sqlite_file_under_the_project():
    settings = get_settings({})
    assert settings.db_url == f"sqlite:///{DEFAULT_DB_PATH}" and settings.is_sqlite and settings.mode == "local"


@pytest.mark.parametrize(
    "given", ["postgres://u:p@h:5432/db", "postgresql://u:p@h:5432/db", " postgresql+psycopg://u:p@h:5432/db "]
)
def test_postgres_urls_are_normalised_to_the_psycopg_driver(given):
    assert normalise_db_url(given) == "postgresql+psycopg://u:p@h:5432/db"


def test_sqlite_urls_are_left_alone():
    assert normalise_db_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"


def test_an_unknown_mode_is_refused_rather_than_opened_up():
    with pytest.raises(ValueError, match="SSEDASH_MODE must be one of local, public, team"):
        get_settings({"SSEDASH_MODE": "admin"})


def test_mode_and_caps_come_from_the_environment():
    settings = get_settings({"SSEDASH_MODE": " Public ", "SSEDASH_ROW_CAP": "10", "SSEDASH_DB_URL": "postgres://h/db"})
    assert (settings.mode, settings.row_cap, settings.db_url) == ("public", 10, "postgresql+psycopg://h/db")

"""`check` and `import` take the analyst's column mapping (`--column "HEADER=field"`, ssedash.cli.imports), and a
missing required column names that flag and the file's unmatched headers."""

from __future__ import annotations

import pytest

from ssedash.__main__ import main

EDITION = ["--programme", "Test programme", "--source-url", "https://example.org/test-2019"]
UNKNOWN = "Annee civile;Etat;Nom de la ville;Inscrits\n2019;KOR;Seoul;4\n2019;ES;Bilbao;2\n"
MAPPING = [
    "--column",
    "Annee civile=year",
    "--column",
    "Etat=country",
    "--column",
    "Nom de la ville=local_government",
    "--column",
    "Inscrits=participants",
]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The messages these tests read are English: no locale from the environment (see tests/test_cli_lang.py)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("SSEDASH_DB_URL", url)
    return url


@pytest.fixture
def unknown(tmp_path):
    path = tmp_path / "partner.csv"
    path.write_text(UNKNOWN, encoding="utf-8")
    return str(path)


def active_participation(db: str):
    from ssedash.store import Store

    store = Store(db)
    rows = store.read_active("participation")
    store.engine.dispose()
    return rows


def test_a_file_whose_headers_are_all_unknown_is_refused_naming_the_flag_and_the_unmatched_headers(db, unknown, capsys):
    assert main(["check", unknown, *EDITION]) == 1
    output = capsys.readouterr().out
    assert "[missing_column]" in output
    assert "map a column with --column 'Annee civile=year'" in output
    assert "Unmatched headers: Annee civile, Etat, Nom de la ville, Inscrits." in output


def test_a_file_whose_headers_are_all_unknown_lands_when_mapped_on_the_command_line(db, unknown, capsys):
    assert main(["import", unknown, *EDITION, *MAPPING]) == 0
    assert "import #2: add edition 'test-programme-2019', 2 rows" in capsys.readouterr().out
    landed = active_participation(db)
    landed = landed[landed["edition_id"] == "test-programme-2019"]
    assert sorted(landed["participants"].tolist()) == [2, 4]
    assert set(landed["country_iso3"]) == {"KOR", "ESP"}


def test_a_column_mapped_to_nothing_is_not_used(db, unknown, capsys):
    assert main(["check", unknown, *EDITION, *MAPPING[:6], "--column", "Inscrits="]) == 0
    assert "[unknown_column]" not in capsys.readouterr().out


def test_two_headers_mapped_to_one_field_are_refused_with_exit_1_and_nothing_written(db, unknown, capsys):
    assert main(["import", unknown, *EDITION, *MAPPING, "--column", "Inscrits=year"]) == 2  # given twice: usage
    assert "names 'Inscrits' twice" in capsys.readouterr().err
    assert main(["import", unknown, *EDITION, *MAPPING[:6], "--column", "Inscrits=year"]) == 1
    output = capsys.readouterr().out
    assert "column 'Inscrits', value 'year' [mapping_conflict]" in output
    assert "'Annee civile' and 'Inscrits' are both mapped to 'year'" in output
    assert (active_participation(db)["edition_id"] != "test-programme-2019").all()


def test_an_unknown_field_or_header_in_a_mapping_is_refused_by_name(db, unknown, capsys):
    assert main(["check", unknown, *EDITION, *MAPPING[:6], "--column", "Inscrits=attendees"]) == 1
    assert "value 'attendees' [unknown_field]" in capsys.readouterr().out
    assert main(["check", unknown, *EDITION, *MAPPING, "--column", "Ville=local_government"]) == 1
    assert "column 'Ville', value 'local_government' [unknown_header]" in capsys.readouterr().out


def test_a_column_option_without_an_equals_sign_is_a_usage_error(db, unknown, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["check", unknown, "--column", "Inscrits"])
    assert raised.value.code == 2
    assert "is not HEADER=field" in capsys.readouterr().err

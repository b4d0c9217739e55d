"""`--lang` (else the environment's locale, else English): `check` and `import` print their messages in that
language for the run, and the language is given back after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssedash import i18n
from ssedash.__main__ import main
from ssedash.cli import environment_language
from ssedash.i18n import Language
from tests import pseudo_language

DATA = Path(__file__).parent / "data"
EDITION = ["--programme", "Test programme", "--source-url", "https://example.org/test-2019"]


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("SSEDASH_DB_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def pseudo(monkeypatch):
    """French made pseudo (every catalogue message as ⟦message⟧), not active: the CLI activates it."""
    return pseudo_language.install(monkeypatch)


def report_lines(output: str) -> list[str]:
    """The problem lines of a report: "  SEVERITY where [rule]: message"."""
    return [line for line in output.splitlines() if line.startswith("  ")]


def test_check_with_lang_fr_prints_the_report_through_the_catalogues(db, pseudo, capsys):
    assert main(["--lang", "fr", "check", str(DATA / "negative_count.csv"), *EDITION]) == 1
    output = capsys.readouterr().out
    lines = report_lines(output)
    assert lines and all("⟦" in line for line in lines)
    problem = next(line for line in lines if "[must_be_positive]" in line)  # the rule stays a code
    assert "⟦ERROR⟧" in problem and "⟦line {line}⟧".replace("{line}", "3") in problem
    assert "]: ⟦'-3' is not a valid participant count" in problem
    assert not any(pseudo_language.leaks(line) for line in output.splitlines()), output


def test_a_refused_import_says_so_through_the_catalogues(db, pseudo, capsys):
    assert main(["--lang", "fr", "import", str(DATA / "negative_count.csv"), *EDITION]) == 1
    assert capsys.readouterr().err.strip() == "⟦refused: nothing was written⟧"


def test_an_import_with_lang_fr_reports_what_it_wrote_through_the_catalogues(db, pseudo, capsys):
    assert main(["--lang", "fr", "import", str(DATA / "clean.csv"), *EDITION]) == 0
    output = capsys.readouterr().out
    assert "⟦import #{id}: {action} edition" not in output  # values are put in
    assert any(line.startswith("⟦import #2: add edition") for line in output.splitlines()), output
    assert not any(pseudo_language.leaks(line) for line in output.splitlines()), output


def test_the_language_comes_from_the_environment_when_lang_is_not_given(db, pseudo, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["check", str(DATA / "negative_count.csv"), *EDITION]) == 1
    assert all("⟦" in line for line in report_lines(capsys.readouterr().out))


def test_lang_wins_over_the_environment(db, pseudo, monkeypatch, capsys):
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert main(["--lang", "en", "check", str(DATA / "negative_count.csv"), *EDITION]) == 1
    output = capsys.readouterr().out
    assert "⟦" not in output and "is not a valid participant count" in output


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, Language.EN),
        ({"LANG": "C.UTF-8"}, Language.EN),
        ({"LANG": "ko_KR.UTF-8"}, Language.KO),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "es_ES.UTF-8"}, Language.ES),
        ({"LANG": "es_MX", "LC_MESSAGES": "fr_CA"}, Language.FR),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR"}, Language.EN),  # the first one set decides; German: English
    ],
)
def test_the_environment_language_follows_the_locale_variables_in_order(environ, language):
    assert environment_language(environ) is language


def test_the_run_s_language_is_given_back_after_it(db, pseudo, capsys):
    with i18n.use(Language.EN):
        main(["--lang", "fr", "check", str(DATA / "negative_count.csv"), *EDITION])
        assert i18n.current() is Language.EN


def test_an_unsupported_lang_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--lang", "de", "history"])
    assert raised.value.code == 2 and "--lang" in capsys.readouterr().err


def test_the_template_written_with_lang_has_its_headers_in_that_language(db, pseudo, tmp_path):
    assert main(["--lang", "fr", "template", "--out", str(tmp_path)]) == 0
    header = (tmp_path / "ssedash-template.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("⟦year⟧,⟦local_government⟧,⟦country⟧")


def test_history_in_korean_has_korean_headers_and_action_names(tmp_path, monkeypatch, capsys):
    from ssedash import cli

    monkeypatch.setenv("SSEDASH_DB_URL", f"sqlite:///{tmp_path / 's.sqlite'}")
    assert cli.main(["--lang", "ko", "history"]) == 0
    out = capsys.readouterr().out
    assert "가져오기 ID" in out and "초기 데이터" in out and "import_id" not in out

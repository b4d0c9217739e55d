"""The command line: check, import, rollback, history, export (a valid Frictionless package), demo; exit codes."""

from __future__ import annotations

import csv
import filecmp
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ssedash.__main__ import main

DATA = Path(__file__).parent / "data"
PROJECT = Path(__file__).parents[1]
CORPUS = list(csv.DictReader((DATA / "corpus.csv").open(encoding="utf-8")))
REFUSED = [row["file"] for row in CORPUS if row["outcome"] == "refused"]
ACCEPTED = [row["file"] for row in CORPUS if row["outcome"] == "accepted"]
EDITION = ["--programme", "Test programme", "--source-url", "https://example.org/test-2019"]


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


def export(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    assert main(["export", "--out", str(out)]) == 0
    return out


def same_package(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return names == sorted(p.name for p in b.iterdir()) and not mismatch and not errors


def test_export_reproduces_the_bundled_data_byte_for_byte(db, tmp_path):
    out = export(tmp_path, "export")
    for table in ("programme", "edition", "local_government", "participation"):
        assert (out / f"{table}.csv").read_bytes() == (PROJECT / "data" / f"{table}.csv").read_bytes(), table
    assert (out / "country.csv").read_bytes() == (PROJECT / "data" / "reference" / "countries.csv").read_bytes()


def test_the_export_is_a_valid_frictionless_data_package(db, tmp_path):
    from frictionless import validate

    out = export(tmp_path, "export")
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    participation = next(r for r in descriptor["resources"] if r["name"] == "participation")
    assert {"fields": "edition_id", "reference": {"resource": "edition", "fields": "edition_id"}} in participation[
        "schema"
    ]["foreignKeys"]


def test_frictionless_catches_a_broken_foreign_key_in_an_export(db, tmp_path):
    from frictionless import validate

    out = export(tmp_path, "export")
    path = out / "participation.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("np-tokha", "np-nowhere"), encoding="utf-8")
    assert not validate(str(out / "datapackage.json")).valid


@pytest.mark.parametrize("name", REFUSED)
def test_check_refuses_each_bad_file_with_exit_1_and_changes_nothing(db, tmp_path, capsys, name):
    before = export(tmp_path, "before")
    capsys.readouterr()
    assert main(["check", str(DATA / name), *EDITION]) == 1
    assert main(["import", str(DATA / name), *EDITION]) == 1
    output = capsys.readouterr().out
    assert "ERROR" in output
    rule = next(row["rules"] for row in CORPUS if row["file"] == name)
    assert f"[{rule}]" in output
    assert same_package(before, export(tmp_path, "after"))


def test_check_names_line_column_and_value_of_a_bad_cell(db, capsys):
    assert main(["check", str(DATA / "negative_count.csv"), *EDITION]) == 1
    assert "line 3, column 'participants', value '-3' [must_be_positive]" in capsys.readouterr().out


@pytest.mark.parametrize("name", ACCEPTED)
def test_check_accepts_each_good_file_and_writes_nothing(db, tmp_path, capsys, name):
    before = export(tmp_path, "before")
    assert main(["check", str(DATA / name), *EDITION]) == 0
    assert same_package(before, export(tmp_path, "after"))


def test_import_then_rollback_restores_the_store_exactly(db, tmp_path, capsys):
    before = export(tmp_path, "before")
    assert main(["import", str(DATA / "clean.csv"), *EDITION, "--by", "tester"]) == 0
    output = capsys.readouterr().out
    assert "import #2: add edition 'test-programme-2019'" in output
    assert not same_package(before, export(tmp_path, "during"))
    assert main(["rollback", "2", "--by", "tester"]) == 0
    assert same_package(before, export(tmp_path, "after"))
    assert main(["history"]) == 0
    history = capsys.readouterr().out
    assert "rollback" in history and "tester" in history and "clean.csv" in history


def test_importing_the_same_file_twice_is_a_no_op(db, capsys):
    assert main(["import", str(DATA / "clean.csv"), *EDITION]) == 0
    assert main(["import", str(DATA / "clean.csv"), *EDITION]) == 0
    assert "already imported (import #2)" in capsys.readouterr().out


def test_an_existing_edition_is_replaced_only_with_replace(db, capsys):
    details = ["--programme", "gsef-shrdc", "--year", "2019", "--source-url", "https://example.org/x"]
    assert main(["import", str(DATA / "clean.csv"), *details]) == 1
    assert "already in the store" in capsys.readouterr().err
    assert main(["import", str(DATA / "clean.csv"), *details, "--replace"]) == 0
    assert "replace edition 'gsef-shrdc-2019'" in capsys.readouterr().out


def test_rollback_of_an_unknown_import_exits_1(db, capsys):
    assert main(["rollback", "42"]) == 1
    assert "no import #42" in capsys.readouterr().err


def test_usage_errors_exit_2(db):
    with pytest.raises(SystemExit) as raised:
        main(["import"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main(["demo", "--participants", "0"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main(["check", str(DATA / "no-such-file.csv")])
    assert raised.value.code == 2


def test_demo_writes_a_labelled_synthetic_store_and_refuses_the_real_one(db, tmp_path, capsys):
    assert main(["history"]) == 0  # seeds the real store
    assert main(["demo", "--participants", "10"]) == 1
    assert "holds real data" in capsys.readouterr().err
    demo_url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert main(["--db-url", demo_url, "demo", "--participants", "5000", "--editions", "4", "--seed", "7"]) == 0
    assert "SYNTHETIC DEMO store" in capsys.readouterr().out
    from ssedash.store import Store

    store = Store(demo_url)
    assert store.is_demo()
    participation = store.read_active("participation")
    assert len(participation) == 5000 and participation["participants"].sum() == 5000
    assert set(participation["source_url"]) == {"demo:synthetic"}
    assert store.read_active("edition")["edition_id"].nunique() == 4
    out = tmp_path / "demo-export"
    assert main(["--db-url", demo_url, "export", "--out", str(out)]) == 0
    assert json.loads((out / "datapackage.json").read_text())["title"].startswith("SYNTHETIC DEMO DATA")


def test_the_module_runs_as_a_program(db):
    result = subprocess.run([sys.executable, "-m", "ssedash", "history"], capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0 and "seed" in result.stdout


def imported_edition(db: str, edition_id: str):
    from ssedash.store import Store

    store = Store(db)
    editions = store.read_active("edition").set_index("edition_id")
    store.engine.dispose()
    return editions.loc[edition_id]


def test_import_keeps_a_published_lower_bound_and_the_event_kind(db, capsys):
    assert (
        main(
            [
                "import",
                str(DATA / "clean.csv"),
                *EDITION,
                "--event-kind",
                "webinar",
                "--reported-participants",
                "5,700+",
                "--reported-countries",
                "over 50",
            ]
        )
        == 0
    )
    edition = imported_edition(db, "test-programme-2019")
    assert (
        edition["event_kind"],
        edition["reported_participants"],
        edition["reported_participants_qualifier"],
        edition["reported_countries_qualifier"],
    ) == ("webinar", 5700, "at_least", "at_least")
    assert "No event kind given" not in capsys.readouterr().out


def test_import_without_a_kind_is_a_training_and_says_so(db, capsys):
    assert main(["import", str(DATA / "clean.csv"), *EDITION, "--reported-participants", "13"]) == 0
    edition = imported_edition(db, "test-programme-2019")
    assert (edition["event_kind"], edition["reported_participants_qualifier"]) == ("training", "exact")
    assert "No event kind given" in capsys.readouterr().out


@pytest.mark.parametrize("flags", [["--event-kind", "party"], ["--reported-participants", "lots"]])
def test_a_bad_kind_or_figure_on_the_command_line_is_a_usage_error_that_names_it(db, capsys, flags):
    with pytest.raises(SystemExit) as raised:
        main(["check", str(DATA / "clean.csv"), *EDITION, *flags])
    assert raised.value.code == 2
    assert flags[0] in capsys.readouterr().err


def test_the_bundled_templates_are_the_ones_the_template_command_writes(tmp_path, capsys):
    assert main(["template", "--out", str(tmp_path)]) == 0
    for name in ("ssedash-template.csv", "ssedash-cities-template.csv"):
        assert (tmp_path / name).read_bytes() == (PROJECT / "data" / "templates" / name).read_bytes(), name
    assert "event_kind" in (tmp_path / "ssedash-template.csv").read_text(encoding="utf-8-sig").splitlines()[0]


def test_the_export_carries_the_policy_dialogues_with_their_sources_kinds_and_qualifiers(db, tmp_path):
    from frictionless import validate

    out = export(tmp_path, "export")
    editions = {row["edition_id"]: row for row in csv.DictReader((out / "edition.csv").open(encoding="utf-8"))}
    dialogues = {k: v for k, v in editions.items() if v["programme_id"] == "gsef-policy-dialogues"}
    assert len(dialogues) == 12 and all(v["source_url"].startswith("https://") for v in dialogues.values())
    assert {v["event_kind"] for v in dialogues.values()} == {"policy_dialogue"}
    assert (
        editions["gsef-webinars-2020"]["reported_participants"],
        editions["gsef-webinars-2020"]["reported_participants_qualifier"],
    ) == ("5700", "at_least")
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    edition = next(r for r in descriptor["resources"] if r["name"] == "edition")
    fields = {f["name"]: f for f in edition["schema"]["fields"]}
    assert fields["event_kind"]["constraints"] == {
        "required": True,
        "enum": ["training", "policy_dialogue", "webinar", "academy"],
    }
    assert fields["reported_participants_qualifier"]["constraints"] == {"enum": ["exact", "about", "at_least"]}
    assert "not relicensed" in descriptor["licenses"][0]["title"]
    broken = (out / "edition.csv").read_text(encoding="utf-8").replace(",webinar,", ",conference,")
    (out / "edition.csv").write_text(broken, encoding="utf-8")
    assert not validate(str(out / "datapackage.json")).valid  # the enum is checked, not just written down


# --- Hardening (issue 7) -----------------------------------------------------------------------------------------

ISSUE_7_PRINTF = (
    "printf 'year,local_government,country,participants,role\\n2030,Kampala,UGA,3,\"mayor\\n"
    "2030,Bandung,IDN,2,official\\n2030,Durban,ZAF,1,official\\n' > q.csv"
)


def test_the_issue_7_unclosed_quote_file_is_refused_by_import_with_a_named_problem_and_no_traceback(tmp_path):
    env = {
        **os.environ,
        "SSEDASH_DB_URL": f"sqlite:///{tmp_path / 'q.sqlite'}",
        "SSEDASH_ERROR_LOG": str(tmp_path / "errors.log"),
    }
    subprocess.run(ISSUE_7_PRINTF, shell=True, cwd=tmp_path, check=True)
    command = [sys.executable, "-m", "ssedash"]
    before = subprocess.run([*command, "history"], capture_output=True, text=True, cwd=PROJECT, env=env).stdout
    result = subprocess.run(
        [*command, "import", str(tmp_path / "q.csv"), "--programme", "P"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
    )
    assert result.returncode == 1
    assert "line 2, column 'role'" in result.stdout and "[multiline_field]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr and "refused: nothing was written" in result.stderr
    after = subprocess.run([*command, "history"], capture_output=True, text=True, cwd=PROJECT, env=env).stdout
    assert after == before and "seed" in after


@pytest.mark.parametrize(
    "cells, rule",
    [
        (("9" * 5000, "KOR", "3"), "year_range"),
        (("2019", "KOR", "9" * 20), "too_large"),
        (("2019", "KOR", str(2**63)), "too_large"),
    ],
)
def test_huge_numbers_are_refused_with_exit_1_not_a_usage_error(db, tmp_path, capsys, cells, rule):
    path = tmp_path / "huge.csv"
    path.write_text("year,country,participants\n" + ",".join(cells) + "\n", encoding="utf-8")
    assert main(["import", str(path), *EDITION]) == 1
    output = capsys.readouterr()
    assert f"[{rule}]" in output.out and "Traceback" not in output.out + output.err
    assert max(len(line) for line in output.out.splitlines()) < 600  # the value is cut for display


def test_an_xlsx_over_the_row_cap_from_the_environment_is_refused(db, tmp_path, monkeypatch, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    for row in [["year", "country"], *[[2019, "KOR"]] * 30]:
        book.active.append(row)
    book.save(tmp_path / "big.xlsx")
    monkeypatch.setenv("SSEDASH_ROW_CAP", "25")
    assert main(["check", str(tmp_path / "big.xlsx"), *EDITION]) == 1
    assert "[row_cap]: The file has more than 25 data rows" in capsys.readouterr().out


def test_an_unexpected_error_exits_3_with_a_reference_and_no_traceback_or_path(db, tmp_path, monkeypatch, capsys):
    import ssedash.ingest

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail at /srv/ssedash/secret.py")

    log = tmp_path / "errors.log"
    monkeypatch.setenv("SSEDASH_ERROR_LOG", str(log))
    monkeypatch.setattr(ssedash.ingest, "build_import_plan", broken)
    assert main(["check", str(DATA / "clean.csv"), *EDITION]) == 3
    err = capsys.readouterr().err
    reference = re.search(r"reference (E[\w-]+)", err).group(1)
    assert "Traceback" not in err and "/srv/ssedash" not in err and "--debug" in err
    assert f"--- {reference}" in log.read_text(encoding="utf-8") and "/srv/ssedash/secret.py" in log.read_text()
    assert main(["--debug", "check", str(DATA / "clean.csv"), *EDITION]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_a_bad_setting_is_still_a_usage_error(db, monkeypatch, capsys):
    monkeypatch.setenv("SSEDASH_MODE", "wide-open")
    assert main(["history"]) == 2
    assert "SSEDASH_MODE" in capsys.readouterr().err


def test_import_says_at_the_end_when_it_committed_with_warnings(db, capsys):
    assert main(["import", str(DATA / "swapped_coordinates.csv"), *EDITION]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "Imported 2 rows with 1 warning accepted (listed above)."


def test_import_without_warnings_says_nothing_about_them(db, capsys):
    assert main(["import", str(DATA / "clean.csv"), *EDITION]) == 0
    assert "accepted (listed above)" not in capsys.readouterr().out


def test_a_file_without_a_programme_is_told_to_use_the_programme_option(db, capsys):
    assert main(["check", str(DATA / "clean.csv"), "--source-url", "https://example.org/x"]) == 1
    output = capsys.readouterr().out
    assert "[programme_required]" in output and "use --programme" in output
    assert "choose the programme in the form" not in output


def test_history_prints_empty_cells_not_nan_or_none(db, capsys):
    assert main(["import", str(DATA / "clean.csv"), *EDITION, "--by", "tester"]) == 0
    capsys.readouterr()
    assert main(["history"]) == 0
    history = capsys.readouterr().out
    assert "clean.csv" in history and "tester" in history
    assert not re.search(r"\b(NaN|None|nan|<NA>|NaT)\b", history)


def test_import_commits_through_the_same_path_as_the_upload_page(db, monkeypatch, capsys):
    from ssedash import upload

    calls = []

    def commit(store, plan, *, by, replace=False):
        calls.append((plan.edition_id, by, replace))
        return upload.Outcome(upload.Status.EXISTS, "exists")

    monkeypatch.setattr(upload, "commit", commit)
    assert main(["import", str(DATA / "clean.csv"), *EDITION, "--by", "ana"]) == 1
    assert calls == [("test-programme-2019", "ana", False)]
    assert "use --replace" in capsys.readouterr().err

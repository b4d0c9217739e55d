"""ssedash.incidents: an unexpected error gets a reference for the person and a traceback in the log."""

from __future__ import annotations

import re

from ssedash import incidents


def _raise():
    raise RuntimeError("boom at /srv/secret/path")


def test_an_incident_is_logged_with_its_traceback_under_the_reference_it_returns(tmp_path):
    log = tmp_path / "logs" / "errors.log"
    try:
        _raise()
    except RuntimeError as error:
        reference = incidents.record(error, "a test", path=log)
    assert re.fullmatch(r"E\d{8}-\d{6}-[0-9a-f]{6}", reference)
    text = log.read_text(encoding="utf-8")
    assert f"--- {reference}" in text and "in a test" in text
    assert "Traceback" in text and "boom at /srv/secret/path" in text


def test_the_log_path_comes_from_the_environment_or_defaults_under_var(tmp_path):
    assert incidents.log_path({"SSEDASH_ERROR_LOG": str(tmp_path / "e.log")}) == tmp_path / "e.log"
    assert incidents.log_path({}) == incidents.DEFAULT_LOG and incidents.DEFAULT_LOG.parent.name == "var"


def test_an_unwritable_log_falls_back_to_stderr(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    reference = incidents.record(ValueError("x"), "a test", path=blocker / "errors.log")
    assert f"--- {reference}" in capsys.readouterr().err

"""AppTest of the Upload page's report and preview: errors and warnings apart with how to fix each, the two report
downloads, and the difference a replacement makes, shown before the commit."""

from __future__ import annotations

import pytest

from tests.apptest import make_app_test
from tests.pages.test_upload import DATA, upload_file

pytestmark = pytest.mark.usefixtures("upload_app_store")
DAKAR = b"2019,Dakar,SN,1,,14.69,-17.44\n"


def tables_with(at, column: str) -> list:
    return [d.value for d in at.dataframe if column in d.value.columns]


def test_the_report_shows_errors_apart_and_says_how_to_fix_each():
    at = make_app_test("pages/upload.py")
    upload_file(at, "unknown_country.csv")
    errors = tables_with(at, "how to fix")[0]
    assert set(errors["severity"]) == {"error"}
    assert errors["how to fix"].str.startswith("Write the country as an ISO code").any()
    assert any(m.value.startswith("**Errors**") for m in at.markdown)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the report (CSV)" in labels and "Download the report (XLSX, problem cells marked)" in labels


def test_replacing_an_edition_shows_the_rows_that_change_before_the_commit():
    at = make_app_test("pages/upload.py")
    upload_file(at, "clean.csv")
    assert not any("What the replacement changes" in m.value for m in at.markdown)  # a new edition: no diff
    at.button(key="edition_state_commit").click().run()
    changed = (DATA / "clean.csv").read_bytes().replace(b"Seoul,KOR,4", b"Seoul,KOR,6") + DAKAR
    upload_file(at, "clean-v2.csv", changed)
    assert any("What the replacement changes" in m.value for m in at.markdown)
    assert any("1 row added, 0 removed, 1 changed, 2 unchanged" in c.value for c in at.caption)
    assert tables_with(at, "change")[0]["change"].tolist() == ["participants: 4 -> 6"]
    assert tables_with(at, "participants")[0]["local_government"].tolist() == ["Dakar"]


def test_replacing_an_edition_with_the_same_rows_says_it_changes_nothing():
    at = make_app_test("pages/upload.py")
    upload_file(at, "clean.csv")
    at.button(key="edition_state_commit").click().run()
    upload_file(at, "clean-copy.csv", (DATA / "clean.csv").read_bytes())
    assert any("replacing it changes nothing" in i.value for i in at.info)

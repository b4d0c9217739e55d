"""AppTest of the Upload and History pages under the pseudo-French catalogue (tests/pseudo_language.py): the wizard's
report, its tables, metrics and downloads, and the history table come back through the catalogues (⟦…⟧).

The language is asked for in the link (?lang=fr), as a reader would, and is the test's own too (`pseudo_french`):
AppTest formats a select box's options again in the test's thread when it sets a value."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssedash import i18n
from tests import pseudo_language
from tests.apptest import make_app_test
from tests.pages.test_history import app_db, commit  # noqa: F401 - the History page's store fixture
from tests.pages.test_upload import report

DATA = Path(__file__).parents[1] / "data"
CHECK = "FormSubmitter:edition_details-⟦Check the file⟧"


def marked(text: object) -> bool:
    return pseudo_language.OPEN in str(text) and not pseudo_language.leaks(str(text))


def test_the_upload_report_is_shown_in_the_analysts_language(upload_app_store, pseudo_french):
    at = make_app_test("pages/upload.py", query_params={"lang": "fr"})
    assert not at.exception, at.exception
    assert marked(at.title[0].value)
    at.file_uploader[0].set_value(("bad.csv", (DATA / "unknown_country.csv").read_bytes(), "text/csv")).run()
    at.selectbox(key="ed_programme").set_value("__new__")
    at.text_input(key="ed_new_programme").input("Test programme")
    at.text_input(key="ed_source").input("https://example.org/test-edition")
    at.button(key=CHECK).click().run()
    assert not at.exception, at.exception
    frames = [d.value for d in at.dataframe if "⟦rule⟧" in d.value.columns]
    assert frames and all(marked(column) for column in frames[0].columns)
    assert "unknown_country" in set(frames[0]["⟦rule⟧"])  # codes stay codes
    assert all(marked(metric.label) for metric in at.metric)
    assert all(marked(button.label) for button in at.get("download_button"))
    assert all(marked(error.value) for error in at.error)


def test_the_english_report_is_unchanged(upload_app_store):
    at = make_app_test("pages/upload.py")
    at.file_uploader[0].set_value(("bad.csv", (DATA / "unknown_country.csv").read_bytes(), "text/csv")).run()
    at.selectbox(key="ed_programme").set_value("__new__")
    at.text_input(key="ed_new_programme").input("Test programme")
    at.text_input(key="ed_source").input("https://example.org/test-edition")
    at.button(key="FormSubmitter:edition_details-Check the file").click().run()
    assert "unknown_country" in set(report(at)["rule"])


def test_the_history_table_is_headed_in_the_analysts_language(app_db, pseudo_french):  # noqa: F811
    commit(app_db, (DATA / "clean.csv").read_bytes(), "clean.csv")
    at = make_app_test("pages/history.py", query_params={"lang": "fr"})
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert all(marked(column) for column in table.columns)
    assert marked(table.iloc[0, 3])  # the action, in words
    assert marked(at.title[0].value) and marked(at.subheader[0].value)


def test_a_commit_made_in_a_callback_is_told_in_the_analysts_language(upload_app_store, pseudo_french):
    """The commit button's callback runs in a script thread of its own, where app.py has not set the language."""
    at = make_app_test("pages/upload.py", query_params={"lang": "fr"})
    at.file_uploader[0].set_value(("clean.csv", (DATA / "clean.csv").read_bytes(), "text/csv")).run()
    at.selectbox(key="ed_programme").set_value("__new__")
    at.text_input(key="ed_new_programme").input("Test programme")
    at.text_input(key="ed_source").input("https://example.org/test-edition")
    at.button(key=CHECK).click().run()
    at.button(key="edition_state_commit").click().run()
    assert not at.exception, at.exception
    assert at.success and all(marked(success.value) for success in at.success)


def test_a_callback_speaks_the_language_of_the_run_that_drew_it(pseudo_french):
    import threading

    from ssedash import i18n
    from ssedash.ui.upload_language import speaking

    heard = []
    callback = speaking(lambda: heard.append(i18n.current()))  # drawn in French
    thread = threading.Thread(target=callback)  # a new script thread: no language set in it
    thread.start()
    thread.join()
    assert heard == [i18n.Language.FR]


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_a_file_goes_from_upload_to_commit_in_every_language(upload_app_store, language):
    with i18n.use(language):  # AppTest formats select box options in the test's thread too
        at = make_app_test("pages/upload.py", query_params={"lang": language.value})
        at.file_uploader[0].set_value(("clean.csv", (DATA / "clean.csv").read_bytes(), "text/csv")).run()
        at.selectbox(key="ed_programme").set_value("__new__")
        at.text_input(key="ed_new_programme").input("Test programme")
        at.text_input(key="ed_source").input("https://example.org/test-edition")
        at.button(key=f"FormSubmitter:edition_details-{i18n.t('Check the file')}").click().run()
        assert not at.exception, at.exception
        assert any(s.value == i18n.t("Validation report") for s in at.subheader)
        at.button(key="edition_state_commit").click().run()
        assert not at.exception, at.exception
        assert at.success and "test-programme-2019" in at.success[0].value.replace("\\", "")

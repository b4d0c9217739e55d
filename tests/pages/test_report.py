"""AppTest of the Report page: it renders, offers the download, and follows the sidebar filters."""

import pytest
import streamlit as st

from tests.apptest import make_app_test


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SSEDASH_DB_URL", f"sqlite:///{tmp_path / 'report.sqlite'}")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def download(at):
    buttons = at.get("download_button")
    assert len(buttons) == 2  # HTML, PDF
    return buttons[0].proto


def test_the_report_page_renders_and_offers_an_html_download(app_db):
    at = make_app_test("pages/report.py")
    assert not at.exception
    assert at.title[0].value == "Report"
    assert download(at).label == "Download the report (HTML)"
    assert at.get("download_button")[1].proto.label == "Download the report (PDF)"


def test_the_report_follows_the_sidebar_filters(app_db):
    at = make_app_test("pages/report.py", query_params={"programme": "gsef-shrdc"})
    assert not at.exception
    frames = at.get("iframe")
    html = frames[0].proto.srcdoc
    assert "11 recorded of 12 reported" in html
    at.multiselect(key="f_programme").set_value([]).run()
    assert "11 recorded of 12 reported" not in at.get("iframe")[0].proto.srcdoc


def test_the_report_page_renders_on_an_empty_filter_result(app_db):
    at = make_app_test("pages/report.py", query_params={"from": "2021", "country": "NPL"})
    assert not at.exception
    assert "No editions match this scope." in at.get("iframe")[0].proto.srcdoc


def test_the_report_headline_keeps_lower_bounds_and_counts_kinds_apart(app_db):
    at = make_app_test("pages/report.py")
    assert not at.exception
    html = at.get("iframe")[0].proto.srcdoc
    assert 'Webinar attendees</div><div class="value">5,700+</div>' in html
    assert 'Academy participants</div><div class="value">200+</div>' in html
    assert 'People trained</div><div class="value"><span class="qual">at least</span> ' in html
    assert "6,054" not in html


def test_the_report_follows_the_kind_filter_in_the_link(app_db):
    at = make_app_test("pages/report.py", query_params={"kind": "webinar"})
    assert not at.exception
    html = at.get("iframe")[0].proto.srcdoc
    assert "Webinar attendees" in html and "People trained" not in html

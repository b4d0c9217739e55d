"""The upload report's progress bar (ssedash.ui.upload_report): its stages run from reading the file to the commit."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ssedash.ui.upload_report import STAGE_LABELS


def test_the_progress_stages_go_from_reading_to_writing_the_store():
    assert list(STAGE_LABELS) == ["read", "validate", "resolve", "plan", "commit"]
    assert STAGE_LABELS["commit"].startswith("Writing to the store")


def _page():
    import streamlit as st

    from ssedash.ui.upload_report import committing

    seen = []
    result = committing(lambda: seen.append("written") or 42)
    st.write(f"result {result}, {seen}")


def test_a_commit_runs_under_the_progress_bar_and_returns_its_result():
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert at.markdown[0].value.startswith("result 42, ['written']")
    assert not at.get("progress")  # cleared once written

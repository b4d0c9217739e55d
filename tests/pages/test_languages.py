"""Every page in every language (issue #13): it renders, it shows nothing that skipped the catalogues, and the
reader's choice of language survives page switches and sits in the link."""

from __future__ import annotations

import json

import pytest

from ssedash import files
from ssedash.i18n import Language
from tests import pseudo_language
from tests.apptest import make_app_test
from tests.pages.conftest import shown

PAGES = (
    "pages/overview.py",
    "pages/impact.py",
    "pages/map.py",
    "pages/breakdowns.py",
    "pages/data.py",
    "pages/report.py",
    "pages/sources.py",
    "pages/profile.py",
    "pages/embed.py",
    "pages/upload.py",
    "pages/history.py",
)


@pytest.mark.parametrize("language", list(Language), ids=lambda language: language.value)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.split("/")[-1][:-3])
def test_every_page_renders_in_every_language_without_exception(upload_app_store, page, language):
    at = make_app_test(page, query_params={"lang": language.value})
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["lang"] == language.value


def _widget_labels(at) -> list[str]:
    kinds = ("button", "selectbox", "multiselect", "slider", "select_slider", "text_input", "number_input")
    kinds += ("checkbox", "radio", "toggle", "text_area", "date_input", "download_button", "tab", "expander")
    labels = []
    for kind in kinds:
        labels += [getattr(element, "label", "") or "" for element in at.get(kind)]
    return labels


def _chart_texts(at) -> list[str]:
    texts = []
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec).get("layout", {})
        texts.append(str((layout.get("title") or {}).get("text", "")))
        for axis in ("xaxis", "yaxis"):
            texts.append(str(((layout.get(axis) or {}).get("title") or {}).get("text", "")))
        texts.append(str(((layout.get("legend") or {}).get("title") or {}).get("text", "")))
        texts += [str(note.get("text", "")) for note in layout.get("annotations", [])]
        for trace in json.loads(chart.proto.spec).get("data", []):
            texts += [str(trace.get(key) or "") for key in ("name", "hovertemplate", "legendgrouptitle")]
    return texts


def shown_texts(at) -> list[str]:
    """What a reader of the page reads that is not data: headings, text, captions, notices, labels, card labels,
    chart titles and axes, table column headers."""
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption") for e in at.get(kind)]
    texts += [e.value for kind in ("info", "warning", "error", "success") for e in at.get(kind)]
    texts += [metric.label for metric in at.metric]
    texts += _widget_labels(at) + _chart_texts(at)
    for table in at.dataframe:
        texts += [str(column) for column in table.value.columns]
    return [shown(text) for text in texts if text]


def data_strings(tables) -> tuple[str, ...]:
    """Every text cell of the store (names, notes, sources as published), longest first: data, not interface."""
    values = set()
    for frame in tables.values():
        for column in frame.columns:
            values |= {value for value in frame[column].dropna().unique() if isinstance(value, str) and " " in value}
    return tuple(sorted(values, key=len, reverse=True))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.split("/")[-1][:-3])
def test_a_page_shows_no_text_that_skipped_the_catalogues(upload_app_store, monkeypatch, page, bundled):
    pseudo_language.install(monkeypatch, Language.FR)  # every catalogue message shows as ⟦message⟧
    at = make_app_test(page, query_params={"lang": "fr"})
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_texts(at)
    assert any(pseudo_language.OPEN in text for text in texts)  # the pseudo-language is on
    data = data_strings({**bundled, "forums": files.read_context_forums()})
    leaked = [pseudo_language.unmarked(text, data) for text in texts if pseudo_language.leaks(text, data)]
    assert leaked == [], f"{page} shows text that is not in the catalogues: {leaked}"


def test_the_language_survives_a_page_switch_and_stays_in_the_link(app_store):
    at = make_app_test(query_params={"lang": "ko"})
    at.query_params.clear()  # a page link in the sidebar carries no query: the session remembers the language
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert at.query_params["lang"] == "ko"  # and writes it back into the link
    assert at.selectbox(key="ui_language").value is Language.KO
    assert at.title[0].value == translated("Where participants come from", Language.KO)


def translated(text: str, language: Language) -> str:
    from ssedash import i18n

    with i18n.use(language):
        return i18n.t(text)


def test_choosing_a_language_in_the_sidebar_puts_it_in_the_link(app_store):
    at = make_app_test()
    assert at.selectbox(key="ui_language").value is Language.EN
    at.selectbox(key="ui_language").set_value(Language.ES).run()
    assert not at.exception
    assert at.query_params["lang"] == "es"
    assert at.title[0].value != "GSEF capacity building on the Social and Solidarity Economy"

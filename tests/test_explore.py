"""One call per page: what each Explore page gets from a FilteredView."""

from __future__ import annotations

import pytest

from ssedash import explore, filters


def _view(bundled, reference, **chosen):
    return filters.apply_filters(bundled, filters.Filters(**chosen), reference.countries)


def test_every_page_result_is_none_or_empty_when_the_filters_leave_nothing(bundled, reference):
    view = _view(bundled, reference, programmes=("ilo-sse-academy",), countries=("NPL",))
    assert explore.overview(view) is None and explore.breakdowns(view) is None
    assert explore.sources_and_notes(view) is None and explore.data_table(view).rows == 0


def test_source_links_are_markdown_links_and_synthetic_sources_are_named(bundled, reference):
    view = _view(bundled, reference, programmes=("gsef-shrdc",))
    assert explore.source_links(view.editions) == (
        r"Sources: [GSEF–SHRDC Capacity Building Training Programme on SSE 2019 \(2019\)](https://gsef-net.org/fr/node/26999)")
    demo = view.editions.assign(source_url="demo:synthetic")
    assert "SYNTHETIC" in explore.source_links(demo)


def test_source_links_are_capped_with_a_pointer_to_the_sources_page(bundled, reference, monkeypatch):
    monkeypatch.setattr(explore, "MAX_SOURCE_LINKS", 2)
    text = explore.source_links(_view(bundled, reference).editions)
    assert text.count("](") == 2 and "and 17 more" in text


def test_breakdowns_refuse_an_unknown_measure(bundled, reference):
    with pytest.raises(ValueError, match="measure"):
        explore.breakdowns(_view(bundled, reference), "people")


def test_data_table_counts_unknown_participants_as_unknown(bundled, reference):
    data = explore.data_table(_view(bundled, reference))
    assert (data.rows, data.participants_recorded, data.rows_with_unknown_count) == (37, None, 37)


def test_sources_and_notes_escape_data_text(bundled, reference):
    view = _view(bundled, reference, programmes=("gsef-shrdc",))
    hostile = filters.FilteredView(view.filters, view.programmes,
                                   view.editions.assign(notes="<script>x</script> **bold**"),
                                   view.participation, view.local_governments)
    notes = explore.sources_and_notes(hostile)
    assert notes.editions[0]["notes"] == r"\<script\>x\<\/script\> \*\*bold\*\*"

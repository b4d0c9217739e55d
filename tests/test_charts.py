"""Figure builders: titled with units, a source line, palette colours, missing figures never drawn as 0."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash import breakdown, charts, filters, metrics


@pytest.fixture
def view(bundled, reference):
    return filters.apply_filters(bundled, filters.Filters(), reference.countries)


def _source_annotation(figure) -> str:
    return figure.layout.annotations[-1].text


def test_source_line_names_the_sites_and_labels_synthetic_data():
    assert charts.source_line(["https://www.gsef-net.org/a", "https://docslib.org/b", None]) == (
        "Source: GSEF and partners' published figures (docslib.org, gsef-net.org); compiled by ssedash"
    )
    assert "SYNTHETIC" in charts.source_line(["demo:synthetic"])
    assert charts.source_line([]) == "Source: not recorded"


def test_palette_is_okabe_ito_without_black():
    assert charts.PALETTE[:3] == ("#E69F00", "#56B4E9", "#009E73")
    assert "#000000" not in charts.PALETTE


def test_participants_chart_draws_each_kind_apart_with_qualified_labels_and_leaves_unknown_out(view):
    totals = metrics.yearly_totals(metrics.participants_by_year(view.editions, view.participation, view.programmes))
    figure = charts.participants_by_year(totals, "Source: test")
    by_name = {trace.name: trace for trace in figure.data}
    trained = next(trace for name, trace in by_name.items() if name.startswith("People trained"))
    webinars = next(trace for name, trace in by_name.items() if name.startswith("Webinar attendees"))
    years = list(figure.data[0].x)
    assert years == [str(year) for year in range(2014, 2022)]
    webinar_2020 = years.index("2020")
    assert list(webinars.y)[webinar_2020] == 5700  # the bar length is the number ...
    assert list(webinars.text)[webinar_2020] == "5,700+"  # ... its label keeps the qualifier
    assert [y for i, y in enumerate(webinars.y) if i != webinar_2020] == [None] * 7  # no webinar: no bar
    assert webinars.name == "Webinar attendees (+ = at least)"  # and the legend says it is a lower bound
    i2019 = years.index("2019")
    assert list(trained.y)[i2019] == 124 and list(trained.text)[i2019] == "124+"  # two 2019 trainings: no count
    assert set(trained.customdata) >= {"not recorded"}
    assert trained.marker.color == charts.KIND_COLOURS["training"]
    assert not any("recorded in participation rows" in trace.name for trace in figure.data)  # no counts: no bars
    assert "(people)" in figure.layout.title.text
    assert _source_annotation(figure) == "Source: test"


def test_participants_chart_draws_recorded_counts_per_kind_where_rows_have_them():
    totals = pd.DataFrame(
        {
            "year": [2020],
            "event_kind": ["training"],
            "editions": [1],
            "reported_participants": pd.array([None], dtype="Int64"),
            "reported_participants_text": [None],
            "reported_quantity": [None],
            "recorded_participants": pd.array([7], dtype="Int64"),
        }
    )
    figure = charts.participants_by_year(totals, "s")
    recorded = figure.data[-1]
    assert recorded.name == "People trained, recorded in participation rows" and list(recorded.y) == [7]
    assert recorded.marker.color == charts.RECORDED_COLOUR


def test_turnover_chart_stacks_new_and_returning_per_edition(view):
    figure = charts.local_government_turnover(metrics.local_government_turnover(view.editions, view.participation), "s")
    new, returning = figure.data
    assert figure.layout.barmode == "stack"
    assert sum(new.x) == 18 and sum(returning.x) == 2  # Kampala (2017, 2019) and Durban (2019, 2020) return
    assert new.y[12].startswith("2019 · GSEF–SHRDC") and new.customdata[12].endswith("on SSE 2019")


def test_cumulative_countries_chart_is_a_rising_line(view):
    figure = charts.cumulative_countries(metrics.cumulative_countries(view.editions, view.participation), "s")
    assert list(figure.data[0].y) == [2, 2, 2, 4, 4, 24, 24, 24]
    assert figure.data[0].line.color == charts.CUMULATIVE_COLOUR


def test_sunburst_nests_places_and_its_totals_add_up(view):
    places = breakdown.place_breakdown(view.participation, view.local_governments)
    figure = charts.place_sunburst(places, "participation_rows", "s")
    trace = figure.data[0]
    values = dict(zip(trace.ids, trace.values))
    regions = ("Africa", "Asia-Pacific", "Europe", "Latin America & Caribbean")
    assert sum(values[region] for region in regions) == len(view.participation) == 37
    assert values["Asia-Pacific/Southern Asia/Nepal"] == 2
    unnamed = [i for i, label in enumerate(trace.labels) if label == metrics.NO_LOCAL_GOVERNMENT]
    assert unnamed and all(trace.marker.colors[i] == charts.UNKNOWN_GREY for i in unnamed)


def test_sunburst_by_local_governments_leaves_out_rows_without_one(view):
    places = breakdown.place_breakdown(view.participation, view.local_governments)
    trace = charts.place_sunburst(places, "local_governments", "s").data[0]
    assert metrics.NO_LOCAL_GOVERNMENT not in trace.labels
    assert sum(v for v, p in zip(trace.values, trace.parents) if p == "") == 18
    with pytest.raises(ValueError, match="measure"):
        charts.place_sunburst(places, "people", "s")


def test_horizontal_bars_sort_largest_first_cap_at_top_and_grey_not_recorded():
    frame = pd.DataFrame({"category": ["b", metrics.NOT_RECORDED, "a", "c"], "rows": [5, 9, 7, 1]})
    figure = charts.horizontal_bars(frame, "category", "rows", "Rows by thing (count)", "Rows", "s", top=3)
    bar = figure.data[0]
    assert list(bar.y) == [metrics.NOT_RECORDED, "a", "b"]
    assert bar.marker.color[0] == charts.UNKNOWN_GREY and bar.marker.color[1] in charts.PALETTE
    assert "top 3 of 4" in figure.layout.title.text


def test_sunburst_groups_small_leaves_beyond_the_cap_without_losing_their_count(view, monkeypatch):
    monkeypatch.setattr(charts, "MAX_SUNBURST_LEAVES", 5)
    places = breakdown.place_breakdown(view.participation, view.local_governments)
    trace = charts.place_sunburst(places, "local_governments", "s").data[0]
    assert charts.OTHER_LOCAL_GOVERNMENTS in trace.labels
    assert sum(v for v, p in zip(trace.values, trace.parents) if p == "") == 18
    assert len([i for i in trace.ids if i.count("/") == 3]) < 18


def test_long_axis_labels_are_shortened_but_stay_distinct():
    labels = charts.short_labels(["a" * 60, "a" * 60 + "b", "short"], limit=20)
    assert len(labels[0]) == 20 and labels[0].endswith("…")
    assert len(set(labels)) == 3 and labels[2] == "short"


def test_every_chart_is_what_plotly_would_make_of_it_when_validating(view):
    # chart_layout builds the layout without validating it (quick): it must already be what validation writes.
    import json

    import plotly.graph_objects as go

    totals = metrics.yearly_totals(metrics.participants_by_year(view.editions, view.participation, view.programmes))
    places = breakdown.place_breakdown(view.participation, view.local_governments)
    years = {str(int(y)): f"Forum {int(y)}" for y in totals["year"]}
    figures = [
        charts.participants_by_year(totals, "Source: test", years),
        charts.local_government_turnover(metrics.local_government_turnover(view.editions, view.participation), "s"),
        charts.cumulative_countries(metrics.cumulative_countries(view.editions, view.participation), "s", years),
        charts.place_sunburst(places, "participation_rows", "s"),
        charts.horizontal_bars(breakdown.country_breakdown(places), "country", "participation_rows", "t", "a", "s"),
    ]
    assert len(figures[0].layout.shapes) == len(years)  # the marks are there to check too
    for figure in figures:
        assert json.loads(go.Figure(figure.to_dict()).to_json()) == json.loads(figure.to_json())


def _shown_texts(figure) -> list[str]:
    """The words a chart shows of its own: title, axis titles, legend names and hover templates."""
    layout = figure.layout
    texts = [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text]
    texts += [trace.name for trace in figure.data if trace.name]
    return [text for text in texts if text]


def test_the_charts_titles_axes_and_legends_go_through_the_catalogues(view, pseudo_french):
    from tests import pseudo_language

    totals = metrics.yearly_totals(metrics.participants_by_year(view.editions, view.participation, view.programmes))
    figures = [
        charts.participants_by_year(totals, "s"),
        charts.local_government_turnover(metrics.local_government_turnover(view.editions, view.participation), "s"),
        charts.cumulative_countries(metrics.cumulative_countries(view.editions, view.participation), "s"),
    ]
    for figure in figures:
        texts = _shown_texts(figure)
        assert len(texts) >= 3 and all("⟦" in text for text in texts), texts
        assert not any(pseudo_language.leaks(trace.hovertemplate or "") for trace in figure.data)
    assert "⟦{year}: {n} countries (+{new} new)⟧" not in figures[2].data[0].hovertemplate  # filled, not raw
    assert "%{y}" in figures[2].data[0].hovertemplate


def test_the_source_line_goes_through_the_catalogues(pseudo_french):
    assert charts.source_line(["https://gsef-net.org/a"]).startswith("⟦Source:")


def test_axis_numbers_are_grouped_as_the_readers_locale_writes_them(view):
    from ssedash import chart_layout, i18n

    figure = charts.cumulative_countries(metrics.cumulative_countries(view.editions, view.participation), "s")
    assert figure.layout.separators == ".," and figure.layout.yaxis.separatethousands
    assert figure.layout.yaxis.exponentformat == "none"  # "12,000", not "12k"
    with i18n.use(i18n.Language.FR):
        assert chart_layout.separators() == ",\u202f"  # "5 700", with a narrow no-break space
        french = charts.cumulative_countries(metrics.cumulative_countries(view.editions, view.participation), "s")
    assert french.layout.separators == ",\u202f"
    with i18n.use(i18n.Language.ES):
        assert chart_layout.separators() == ",."


def test_the_sunburst_names_regions_in_the_readers_language(view, pseudo_french):
    places = breakdown.place_breakdown(view.participation, view.local_governments)
    labels = set(charts.place_sunburst(places, "participation_rows", "s").data[0].labels)
    assert "⟦Africa⟧" in labels and "Africa" not in labels


def test_not_recorded_stays_grey_in_the_readers_language():
    from ssedash import i18n
    from ssedash.charts import UNKNOWN_GREY, category_colours
    from ssedash.i18n import Language, t
    from ssedash.metrics import NO_LOCAL_GOVERNMENT, NOT_RECORDED

    with i18n.use(Language.FR):
        shown = [t(NOT_RECORDED), t(NO_LOCAL_GOVERNMENT), "Afrique"]
        assert shown[0] != NOT_RECORDED
        colours = category_colours(shown)
    assert colours[shown[0]] == colours[shown[1]] == UNKNOWN_GREY != colours["Afrique"]


def test_a_region_has_the_maps_colour_in_every_language():
    from ssedash import i18n
    from ssedash.charts import category_colours
    from ssedash.i18n import Language, content
    from ssedash.maps import REGION_COLOURS

    for language in Language:
        with i18n.use(language):
            shown = [content.region_name(code) for code in ("Africa", "Europe", "Asia-Pacific")]
            colours = category_colours(shown)
        assert [colours[name] for name in shown] == [REGION_COLOURS[c] for c in ("Africa", "Europe", "Asia-Pacific")]

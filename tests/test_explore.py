"""One call per page: what each Explore page gets from a FilteredView."""

from __future__ import annotations

import pytest

from ssedash import explore, filters, markdown, sources_notes


def _view(bundled, reference, **chosen):
    return filters.apply_filters(bundled, filters.Filters(**chosen), reference.countries)


def test_every_page_result_is_none_or_empty_when_the_filters_leave_nothing(bundled, reference):
    view = _view(bundled, reference, programmes=("ilo-sse-academy",), countries=("NPL",))
    assert explore.overview(view) is None and explore.breakdowns(view) is None
    assert sources_notes.sources_and_notes(view) is None and explore.data_table(view).rows == 0


def test_source_links_are_markdown_links_and_synthetic_sources_are_named(bundled, reference):
    view = _view(bundled, reference, programmes=("gsef-shrdc",))
    assert explore.source_links(view.editions) == (
        r"Sources: [GSEF–SHRDC Capacity Building Training Programme on SSE 2019 \(2019\)](https://gsef-net.org/fr/node/26999)"
    )
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
    hostile = filters.FilteredView(
        view.filters,
        view.programmes,
        view.editions.assign(notes="<script>x</script> **bold**"),
        view.participation,
        view.local_governments,
    )
    notes = sources_notes.sources_and_notes(hostile)
    assert notes.editions[0]["notes"] == r"\<script\>x\<\/script\> \*\*bold\*\*"


def _cards(overview):
    return {card.label: card for card in overview.headline.people + overview.headline.places}


def test_the_overview_headline_counts_each_kind_of_event_apart_on_the_bundled_data(bundled, reference):
    overview = explore.overview(_view(bundled, reference))
    labels = [card.label for card in overview.headline.people]
    assert labels[0] == "People trained"
    assert {"Webinar attendees", "Academy participants"} <= set(labels)
    cards = _cards(overview)
    assert cards["Webinar attendees"].value == "5,700+"
    assert cards["Academy participants"].value == "200+"
    trained = cards["People trained"]
    assert trained.value.startswith("at least ") and "had no count" in trained.note
    assert "reported by the organisers" not in trained.note  # a sum over editions, not anyone's report
    assert not any(card.value in ("6,054", "6,054+") for card in cards.values())


def test_no_card_is_labelled_as_reported_unless_one_edition_reported_it(bundled, reference):
    view = _view(bundled, reference)
    overview = explore.overview(view)
    for card in overview.headline.people + overview.headline.places:
        if "reported by the organisers" in card.note:
            kind = {
                "Webinar attendees": "webinar",
                "Academy participants": "academy",
                "People trained": "training",
                "Policy-dialogue participants": "policy_dialogue",
            }[card.label]
            of_kind = view.editions[view.editions["event_kind"] == kind]
            assert of_kind["reported_participants"].notna().sum() == 1 and len(of_kind) == 1


def test_the_editions_card_says_how_many_editions_have_participation_rows(bundled, reference):
    view = _view(bundled, reference)
    card = _cards(explore.overview(view))["Editions"]
    with_rows = view.editions["edition_id"].isin(view.participation["edition_id"]).sum()
    assert card.value == str(len(view.editions))
    assert card.note == f"matching the filters; {with_rows} with participation rows"
    assert "recorded in participation rows" not in card.note


def test_overview_tables_show_reported_figures_with_their_qualifier(bundled, reference):
    overview = explore.overview(_view(bundled, reference))
    reported = set(overview.editions_table["Participants reported"].dropna())
    assert {"5,700+", "200+", "13", "111"} <= reported
    assert "5,700+" in set(overview.participants_table["Participants reported"].dropna())


def test_the_latest_edition_under_a_country_filter_is_about_that_country(bundled, reference):
    overview = explore.overview(_view(bundled, reference, countries=("NPL",)))
    change = overview.change
    assert "Nepal only" in change.title
    values = {card.label: card.value for card in change.cards}
    assert values == {"Participants": "not recorded", "Local governments": "2", "Countries": "1"}
    assert all("Nepal's participation rows" in card.note for card in change.cards)
    assert change.comparison.startswith("First recorded edition of GSEF–SHRDC")


def test_the_latest_edition_says_which_edition_of_the_same_programme_it_is_compared_with(bundled, reference):
    change = explore.overview(_view(bundled, reference, programmes=("gsef-training-workshops",), year_to=2019)).change
    assert change.comparison.startswith("Compared with GSEF Training & Workshop Series 2019 (East Africa")
    assert "previous edition of the same programme" in change.comparison


def test_sources_and_notes_give_each_edition_its_kind_and_qualified_figures(bundled, reference):
    notes = sources_notes.sources_and_notes(_view(bundled, reference))
    webinars = next(entry for entry in notes.editions if "webinar" in entry["title"].lower())
    assert webinars["kind"] == "Webinar"
    assert webinars["reported"] == markdown.escape("reported: 5,700+ participants, 50+ countries")
    assert any(markdown.escape("at least 5,700 participants reported") in line for line in notes.discrepancies)
    assert notes.precision == markdown.escape(
        "18 local governments shown: 13 with exact coordinates, 4 approximate, 1 ambiguous."
    )


def test_every_title_header_and_sentence_of_the_overview_goes_through_the_catalogues(bundled, reference, pseudo_french):
    from tests.shown_text import shown_texts, untranslated

    overview = explore.overview(_view(bundled, reference))
    texts = shown_texts(overview) + [card.label for card in overview.headline.places]
    texts += [card.note for card in overview.headline.people + overview.headline.places]
    texts += [overview.change.title, overview.change.comparison] + [card.note for card in overview.change.cards]
    assert untranslated(texts) == []
    assert overview.sources.startswith("⟦Sources: ")


def test_every_title_and_header_of_the_breakdowns_goes_through_the_catalogues(bundled, reference, pseudo_french):
    from tests.shown_text import shown_texts, untranslated

    for measure in explore.MEASURES:
        assert untranslated(shown_texts(explore.breakdowns(_view(bundled, reference), measure))) == []


def test_breakdowns_name_countries_in_the_readers_language(bundled, reference):
    from ssedash import i18n

    with i18n.use(i18n.Language.FR):
        result = explore.breakdowns(_view(bundled, reference))
    countries = set(result.places_table[result.places_table.columns[2]])
    assert "Corée du Sud" in countries and "South Korea" not in countries
    assert set(result.countries_chart.data[0].customdata) <= countries
    assert "Corée du Sud" in result.places_chart.data[0].labels


def test_breakdowns_name_regions_formats_and_missing_values_through_the_catalogues(bundled, reference, pseudo_french):
    result = explore.breakdowns(_view(bundled, reference))
    regions = set(result.places_table[result.places_table.columns[0]])
    assert "⟦Asia-Pacific⟧" in regions and "Asia-Pacific" not in regions
    assert "⟦Asia-Pacific⟧" in result.places_chart.data[0].labels
    assert "⟦no local government named⟧" in set(result.places_table[result.places_table.columns[3]])
    assert "⟦In person⟧" in result.format_chart.data[0].customdata
    assert list(result.gender_chart.data[0].customdata) == ["⟦not recorded⟧"]


def test_sizing_places_by_local_governments_leaves_out_the_rows_that_name_none_in_every_language(
    bundled, reference, pseudo_french
):
    sunburst = explore.breakdowns(_view(bundled, reference), "local_governments").places_chart.data[0]
    assert "⟦no local government named⟧" not in sunburst.labels
    assert sum(v for v, parent in zip(sunburst.values, sunburst.parents) if parent == "") == 18


def test_a_place_filter_is_named_in_the_readers_language(bundled, reference, pseudo_french):
    assert explore.place_words(_view(bundled, reference, regions=("Asia-Pacific",))) == "⟦Asia-Pacific⟧"
    assert explore.place_words(_view(bundled, reference, countries=("KOR",))) == "Corée du Sud"


def test_the_sources_and_notes_words_go_through_the_catalogues(bundled, reference, pseudo_french):
    from ssedash import reconcile
    from tests.shown_text import untranslated

    view = _view(bundled, reference)
    notes = sources_notes.sources_and_notes(view)
    assert untranslated(list(notes.reconciliation.columns) + list(notes.coordinates.columns)) == []
    differences = reconcile.reconciliation(view.editions, view.places)["discrepancy"].dropna().tolist()
    assert differences and untranslated(differences + [notes.precision]) == []
    assert all(line.startswith("⟦") for line in notes.discrepancies)
    assert untranslated([entry["reported"] for entry in notes.editions]) == []
    assert set(notes.coordinates[notes.coordinates.columns[2]]) <= {"⟦approximate⟧", "⟦ambiguous⟧", "⟦unknown⟧"}


def test_the_data_download_is_built_in_the_language_of_the_page_that_offered_it(bundled, reference):
    """The download's table is built on the click, on a thread where no language is set: it keeps the page's."""
    from ssedash import i18n

    with i18n.use(i18n.Language.FR):
        data = explore.data_table(_view(bundled, reference))
        french = i18n.t("Country")
    table = data.table  # built here, outside the French block
    assert french in table.columns and "Country" not in table.columns
    assert "Népal" in set(table[french])

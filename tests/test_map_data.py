"""The map's data in the reader's language: country names from Natural Earth, codes kept for regions."""

from __future__ import annotations

from ssedash import filters, i18n, map_data


def _layers(bundled, reference, polygons):
    view = filters.apply_filters(bundled, filters.Filters(), reference.countries)
    return map_data.map_layers(view.places, view.local_governments, view.editions, reference.countries, polygons)


def test_countries_are_named_in_the_readers_language_and_regions_stay_codes(bundled, reference):
    with i18n.use(i18n.Language.FR):
        layers = _layers(bundled, reference, set(reference.countries["iso3"]) - {"KOR"})
    countries = layers.countries.set_index("iso3")
    assert countries.loc["KOR", "country"] == "Corée du Sud" and countries.loc["NPL", "country"] == "Népal"
    assert "Asia-Pacific" in set(countries["gsef_region"])  # a code: named where it is shown
    assert "Corée du Sud" in set(layers.points["country"])
    assert "Corée du Sud" in set(layers.points.loc[layers.points["lg_id"].isna(), "name"])  # no polygon: a point


def test_english_names_stay_as_they_were(bundled, reference):
    layers = _layers(bundled, reference, set(reference.countries["iso3"]))
    assert layers.countries.set_index("iso3").loc["KOR", "country"] == "South Korea"

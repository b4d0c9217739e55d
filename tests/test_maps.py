"""ssedash.maps: per-LG and per-country aggregates, and the offline MapLibre figure."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ssedash import filters, maps


def layers_for(bundled, reference, chosen=filters.Filters(), polygons=None):
    view = filters.apply_filters(bundled, chosen, reference.countries)
    polygon_iso3 = set(reference.countries["iso3"]) if polygons is None else polygons
    return maps.map_layers(view.participation, view.local_governments, view.editions, reference.countries, polygon_iso3)


def participation(rows):
    frame = pd.DataFrame(rows, columns=["edition_id", "country_iso3", "lg_id", "participants"])
    frame["participants"] = frame["participants"].astype("Int64")
    return frame


EDITIONS = pd.DataFrame(
    {
        "edition_id": ["e-2019", "e-2021"],
        "year": pd.array([2019, 2021], dtype="Int64"),
        "source_url": ["https://a.example/2019", "https://a.example/2021"],
    }
)
LGS = pd.DataFrame(
    {
        "lg_id": ["np-a", "np-b", "fr-c"],
        "name": ["A", "B", "C"],
        "country_iso3": ["NPL", "NPL", "FRA"],
        "latitude": [27.0, None, 45.0],
        "longitude": [85.0, None, 1.0],
        "coord_precision": ["ambiguous", None, "exact"],
        "notes": ["two places bear this name", None, None],
    }
)


def test_every_2019_local_government_of_the_bundled_data_is_a_point(bundled, reference):
    layers = layers_for(bundled, reference, filters.Filters(programmes=("gsef-shrdc",)))
    assert len(layers.points) == 11
    assert layers.points["lg_id"].notna().all()
    assert layers.size_basis == "participation_rows"


def test_country_level_rows_without_a_local_government_count_in_the_country_totals(bundled, reference):
    layers = layers_for(bundled, reference, filters.Filters(programmes=("gsef-training-workshops",)))
    countries = layers.countries.set_index("iso3")
    assert {"UGA", "KEN", "TZA", "SSD", "RWA", "ZAF", "SEN", "MEX"} <= set(countries.index)
    assert countries.loc["SSD", "participation_rows"] == 1
    assert countries.loc["SSD", "local_governments"] == 0
    assert layers.points["lg_id"].tolist() == ["ug-nakawa-division"]  # the one local government these name


def test_unknown_counts_stay_missing_and_each_unknown_row_sizes_as_one_person(reference):
    rows = participation(
        [("e-2019", "NPL", "np-a", None), ("e-2021", "NPL", "np-a", None), ("e-2019", "FRA", "fr-c", 5)]
    )
    layers = maps.map_layers(rows, LGS, EDITIONS, reference.countries, {"NPL", "FRA"})
    points = layers.points.set_index("lg_id")
    assert pd.isna(points.loc["np-a", "participants"])
    assert points.loc["np-a", "size_value"] == 2
    assert points.loc["fr-c", "participants"] == 5
    assert (points.loc["np-a", "editions"], points.loc["np-a", "first_year"], points.loc["np-a", "last_year"]) == (
        2,
        2019,
        2021,
    )
    assert layers.size_basis == "mixed"
    assert pd.isna(layers.countries.set_index("iso3").loc["NPL", "participants"])


def test_a_local_government_without_coordinates_sits_at_its_country_label_point_and_says_so(reference):
    layers = maps.map_layers(participation([("e-2019", "NPL", "np-b", 2)]), LGS, EDITIONS, reference.countries, {"NPL"})
    point = layers.points.iloc[0]
    nepal = reference.countries.set_index("iso3").loc["NPL"]
    assert (point["latitude"], point["longitude"]) == (nepal["label_lat"], nepal["label_lon"])
    assert point["coord_precision"] == "country"


def test_a_country_with_participation_but_no_polygon_is_drawn_as_a_point(reference):
    rows = participation([("e-2019", "FRA", "fr-c", 3), ("e-2019", "NPL", None, None)])
    layers = maps.map_layers(rows, LGS, EDITIONS, reference.countries, polygon_iso3={"FRA"})
    country_points = layers.points[layers.points["lg_id"].isna()]
    assert list(country_points["country_iso3"]) == ["NPL"]
    assert country_points.iloc[0]["coord_precision"] == "country"
    assert not layers.countries.set_index("iso3").loc["NPL", "has_polygon"]


def test_inputs_are_not_mutated(bundled, reference):
    view = filters.apply_filters(bundled, filters.Filters(), reference.countries)
    before = view.participation.copy(), view.local_governments.copy()
    maps.map_layers(view.participation, view.local_governments, view.editions, reference.countries, {"NPL"})
    pd.testing.assert_frame_equal(view.participation, before[0])
    pd.testing.assert_frame_equal(view.local_governments, before[1])


def test_the_figure_fetches_shapes_from_the_url_and_embeds_no_polygon(bundled, reference):
    figure = maps.map_figure(
        layers_for(bundled, reference), countries=reference.countries, geojson_url="/x/countries.geojson"
    )
    payload = figure.to_json()
    spec = json.loads(payload)
    assert spec["layout"]["map"]["style"] == "white-bg"
    assert {layer["source"] for layer in spec["layout"]["map"]["layers"]} == {"/x/countries.geojson"}
    assert {trace["geojson"] for trace in spec["data"] if trace["type"] == "choroplethmap"} == {"/x/countries.geojson"}
    assert "Polygon" not in payload
    assert len(payload) <= 50_000


def test_countries_whose_measure_is_unknown_are_grey_and_named_in_the_legend_not_zero(bundled, reference):
    figure = maps.map_figure(layers_for(bundled, reference), measure="participants")
    choropleths = [trace for trace in figure.data if trace.type == "choroplethmap"]
    assert len(choropleths) == 1  # no participant count is recorded in the bundled data: all grey, none shaded
    assert choropleths[0].name == "Took part; participants not recorded"
    assert "SSD" in choropleths[0].locations


def test_points_beyond_the_cap_are_left_out_and_the_caption_says_so(bundled, reference):
    layers = layers_for(bundled, reference)
    figure = maps.map_figure(layers, max_points=5)
    assert sum(len(trace.lat) for trace in figure.data if trace.type == "scattermap") == 5
    assert "The 5 largest of 18" in maps.points_caption(layers, max_points=5)


def test_colouring_by_first_year_makes_one_legend_entry_per_year(bundled, reference):
    figure = maps.map_figure(layers_for(bundled, reference), colour_by="first_year")
    assert [trace.name for trace in figure.data if trace.type == "scattermap"] == ["2014", "2017", "2019", "2021"]


def test_unknown_measure_or_colouring_is_refused(bundled, reference):
    layers = layers_for(bundled, reference)
    with pytest.raises(ValueError, match="measure"):
        maps.map_figure(layers, measure="people")
    with pytest.raises(ValueError, match="colour_by"):
        maps.map_figure(layers, colour_by="gender")


def test_the_default_measure_is_never_a_map_of_unknowns(bundled, reference):
    assert maps.default_measure(layers_for(bundled, reference)) == "local_governments"


def test_flagged_points_name_the_ambiguous_and_approximate_places(bundled, reference):
    lines = maps.flagged_points(layers_for(bundled, reference))
    assert any(line.startswith("Bagmati Rural Municipality (Nepal): ambiguous") for line in lines)
    assert any(line.startswith("Tokha (Nepal): approximate") for line in lines)
    assert any(line.startswith("Musoma (Tanzania): approximate") for line in lines)
    assert len(lines) == 5  # and Nakawa Division, Liverpool City Region: a seat's point standing for an area


def test_play_steps_through_the_years_and_wraps_round():
    assert maps.next_year([2017, 2019, 2021], 2017) == 2019
    assert maps.next_year([2017, 2019, 2021], 2021) == 2017
    assert maps.next_year([2017, 2019, 2021], None) == 2017
    with pytest.raises(ValueError):
        maps.next_year([], 2019)


def test_sources_are_the_editions_urls_in_year_order_without_demo_placeholders():
    editions = pd.DataFrame(
        {
            "edition_id": ["b", "a", "d"],
            "year": [2021, 2019, 2020],
            "source_url": ["https://b", "https://a", "demo:synthetic"],
        }
    )
    assert maps.sources(editions) == ["https://a", "https://b"]


def test_the_table_says_not_recorded_rather_than_zero(bundled, reference):
    table = maps.table_rows(layers_for(bundled, reference))
    assert set(table["Participants recorded"]) == {"not recorded"}
    assert len(table) == 18


def test_a_map_with_nothing_to_draw_still_shows_the_grey_world_not_empty_axes(bundled, reference):
    from ssedash.filters import Filters, apply_filters

    view = apply_filters(bundled, Filters(programmes=("ilo-sse-academy",)), reference.countries)  # totals only
    layers = maps.map_layers(
        view.participation,
        view.local_governments,
        view.editions,
        reference.countries,
        frozenset(reference.shapes["iso3"]),
    )
    assert layers.points.empty and layers.countries.empty
    figure = maps.map_figure(layers, countries=reference.countries)
    assert [trace.type for trace in figure.data] == ["scattermap"]
    assert figure.layout.map.layers[0].source == maps.COUNTRIES_GEOJSON_URL


def test_source_links_link_web_urls_and_show_an_uploaded_file_name_as_text():
    editions = pd.DataFrame(
        {
            "year": [2019, 2020],
            "edition_id": ["a", "b"],
            "source_url": ["https://a.org/x", "upload:[x](https://evil.example).csv#sha256=1"],
        }
    )
    links = maps.source_links(editions)
    assert links.startswith("[https") and "](https://a.org/x)" in links
    assert "upload\\:\\[x\\]\\(https" in links and "](https://evil" not in links


def test_the_maps_legend_hover_and_tables_go_through_the_catalogues(bundled, reference, pseudo_french):
    from tests import pseudo_language

    layers = layers_for(bundled, reference)
    figure = maps.map_figure(layers, measure="participants", countries=reference.countries)
    names = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    assert names and all(name.startswith("⟦") for name in names)  # regions and the grey countries' legend
    assert "⟦Africa⟧" in names and "Africa" not in names
    for trace in figure.data:
        assert not pseudo_language.leaks(trace.hovertemplate), trace.hovertemplate
    for table in (maps.table_rows(layers), maps.country_table_rows(layers)):
        assert all(column.startswith("⟦") for column in table.columns)
        assert "⟦Africa⟧" in set(table["⟦GSEF region⟧"])
    assert all(line.startswith("⟦") for line in maps.flagged_points(layers))
    assert maps.points_caption(layers).startswith("⟦")


def test_the_map_groups_thousands_as_the_readers_locale_does(bundled, reference):
    from ssedash import i18n

    with i18n.use(i18n.Language.FR):
        figure = maps.map_figure(layers_for(bundled, reference), countries=reference.countries)
    assert figure.layout.separators == ",\u202f"


def test_the_country_hover_writes_counts_as_the_readers_locale_does():
    from ssedash import i18n, map_hover

    countries = pd.DataFrame(
        {
            "iso3": ["FRA"],
            "country": ["France"],
            "participants": pd.array([None], dtype="Int64"),
            "local_governments": [3],
            "participation_rows": [5700],
            "editions": [2],
        }
    )
    with i18n.use(i18n.Language.FR):
        row = map_hover.country_customdata(countries)[0]
        assert row[2] == i18n.t("not recorded") and row[3] == "3" and row[4] == "5\u202f700"


def test_a_single_point_is_shown_in_its_region_not_at_zero_zero():
    centre, zoom = maps.view_of(pd.Series([37.56]), pd.Series([126.97]))
    assert centre == {"lat": 37.56, "lon": 126.97} and zoom >= 4


def test_points_far_apart_are_shown_together_and_none_known_shows_the_world():
    centre, zoom = maps.view_of(pd.Series([37.56, -33.9, None]), pd.Series([126.97, 18.4, 5.0]))
    assert zoom < 2 and -34 < centre["lat"] < 38
    assert maps.view_of(pd.Series([None], dtype=float), pd.Series([None], dtype=float)) == (
        {"lat": 15.0, "lon": 20.0},
        0.6,
    )

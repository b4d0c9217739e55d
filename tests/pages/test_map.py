"""The Map page, driven by AppTest: points, choropleth, time control, click-to-filter, empty stores."""

from __future__ import annotations

import json

import pytest
import streamlit as st

from tests.apptest import make_app_test
from tests.pages.conftest import shown

MAP = "pages/map.py"
GEOJSON_URL = "/app/static/countries.geojson"


@pytest.fixture
def store_env(monkeypatch, tmp_path):
    """A fresh SQLite store (seeded with the bundled data on first use) and empty Streamlit caches."""
    monkeypatch.setenv("SSEDASH_DB_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


def map_spec(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def point_names(spec: dict) -> set[str]:
    return {row[1] for trace in spec["data"] if trace["type"] == "scattermap" for row in trace["customdata"]}


def shaded_countries(spec: dict) -> set[str]:
    return {iso3 for trace in spec["data"] if trace["type"] == "choroplethmap" for iso3 in trace["locations"]}


def test_the_map_draws_every_local_government_and_every_participating_country(store_env):
    at = make_app_test(MAP)
    assert not at.exception
    spec = map_spec(at)
    names = point_names(spec)
    assert len(names) == 18  # the 11 of 2019 GSEF–SHRDC, Abobo 2021 and six named by the policy dialogues
    assert {"Tokha", "Bagmati Rural Municipality", "Abobo"} <= names
    # Country-level rows with no local government count too (East Africa 2019, Senegal, Mexico).
    assert {"SSD", "RWA", "SEN", "MEX", "UGA", "CIV"} <= shaded_countries(spec)


def test_points_flag_approximate_and_ambiguous_locations(store_env):
    at = make_app_test(MAP)
    spec = map_spec(at)
    warnings = {
        row[1]: row[5] for trace in spec["data"] if trace["type"] == "scattermap" for row in trace["customdata"]
    }
    assert "approximate" in warnings["Tokha"]
    assert "ambiguous" in warnings["Bagmati Rural Municipality"]
    assert warnings["Kampala"] == ""
    captions = " ".join(shown(c.value) for c in at.caption)
    assert "Bagmati Rural Municipality (Nepal): ambiguous" in captions
    assert "participant counts were not recorded" in captions


def test_unknown_counts_show_as_not_recorded_never_zero(store_env):
    at = make_app_test(MAP)
    spec = map_spec(at)
    participants = [row[4] for trace in spec["data"] if trace["type"] == "scattermap" for row in trace["customdata"]]
    assert set(participants) == {"not recorded"}


def test_the_figure_links_the_static_geojson_instead_of_embedding_polygons(store_env):
    at = make_app_test(MAP)
    raw = at.get("plotly_chart")[0].proto.spec
    spec = json.loads(raw)
    assert all(trace["geojson"] == GEOJSON_URL for trace in spec["data"] if trace["type"] == "choroplethmap")
    assert [layer["source"] for layer in spec["layout"]["map"]["layers"]] == [GEOJSON_URL, GEOJSON_URL]
    assert spec["layout"]["map"]["style"] == "white-bg"
    assert '"coordinates"' not in raw and "Polygon" not in raw
    assert len(raw) <= 50_000


def test_choosing_one_year_changes_the_points(store_env):
    at = make_app_test(MAP)
    at.radio(key="map_time").set_value("one").run()
    at.select_slider(key="map_year").set_value(2021).run()
    assert not at.exception
    assert point_names(map_spec(at)) == {"Abobo"}
    at.select_slider(key="map_year").set_value(2019).run()
    assert len(point_names(map_spec(at))) == 15  # GSEF–SHRDC's 11, Nakawa, Bamako, Liverpool City Region, Mannheim


def test_the_sidebar_country_filter_narrows_the_points(store_env):
    at = make_app_test(MAP)
    at.multiselect(key="f_country").set_value(["NPL"]).run()
    assert point_names(map_spec(at)) == {"Tokha", "Bagmati Rural Municipality"}
    assert shaded_countries(map_spec(at)) == {"NPL"}


def test_a_shared_link_reproduces_the_map(store_env):
    at = make_app_test(MAP, query_params={"programme": "gsef-shrdc"})
    assert len(point_names(map_spec(at))) == 11


def test_shading_and_colouring_can_be_chosen(store_env):
    at = make_app_test(MAP)
    at.radio(key="map_measure").set_value("participation_rows").run()
    at.radio(key="map_colour").set_value("first_year").run()
    spec = map_spec(at)
    assert {trace["name"] for trace in spec["data"] if trace["type"] == "scattermap"} == {
        "2014",
        "2017",
        "2019",
        "2021",
    }
    colorbar = next(
        trace for trace in spec["data"] if trace["type"] == "choroplethmap" and trace.get("showscale", True)
    )
    assert colorbar["colorbar"]["title"]["text"] == "Participation rows"


def test_a_programme_with_only_country_level_rows_shows_countries_and_says_so(store_env):
    at = make_app_test(MAP, query_params={"programme": "gsef-training-workshops", "country": ["SEN", "MEX", "RWA"]})
    assert not at.exception
    spec = map_spec(at)
    assert point_names(spec) == set()
    assert {"SEN", "MEX", "RWA"} <= shaded_countries(spec)
    assert any("No local government is recorded" in info.value for info in at.info)


def test_an_empty_store_shows_a_friendly_message(store_env):
    from ssedash.store import Store, meta

    store = Store(f"sqlite:///{store_env / 'store.sqlite'}")
    store.create()
    with store.engine.begin() as connection:  # marked as seeded, so nothing is filled in
        connection.execute(meta.insert().values(key="seeded", value="test: empty"))
    at = make_app_test(MAP)
    assert not at.exception
    assert not at.get("plotly_chart")
    assert at.info and "Nothing matches" in at.info[0].value


def test_the_table_tab_lists_every_point_with_its_location_quality(store_env):
    at = make_app_test(MAP)
    table = at.dataframe[0].value
    assert len(table) == 18
    assert set(table.loc[table["Local government"] == "Tokha", "Location"]) == {"approximate location"}


def test_an_uploaded_file_name_in_the_sources_caption_shows_as_text_not_a_link(crafted_app_store):
    from tests.pages.conftest import CRAFTED, shows_literally

    at = make_app_test(MAP)
    assert not at.exception
    sources = next(c.value for c in at.caption if "Sources:" in c.value)
    assert shows_literally(sources, f"upload:{CRAFTED}.csv#sha256=0123456789ab")
    assert "](" not in sources


def test_the_map_tables_link_to_place_profiles(app_store):
    from tests.apptest import make_app_test as _make

    at = _make("pages/map.py", query_params={"country": "NPL"})
    assert not at.exception
    points = at.dataframe[0].value
    assert set(points["Profile"]) == {"profile?place=lg:np-tokha", "profile?place=lg:np-bagmati-rural-municipality"}
    assert any("Open the profile of Nepal" in m.value for m in at.markdown)

"""Codes named for the reader: regions, missing values, coordinate precisions, lists and signed changes."""

from __future__ import annotations

import pandas as pd

from ssedash import breakdown, i18n, metrics, shown


def test_place_codes_are_named_through_the_catalogues_and_the_input_is_not_changed(pseudo_french):
    places = pd.DataFrame(
        {
            "gsef_region": ["Asia-Pacific", "Unknown region"],
            "subregion": ["Eastern Asia", breakdown.UNKNOWN_SUBREGION],
            "local_government": ["Seoul", metrics.NO_LOCAL_GOVERNMENT],
        }
    )
    named = shown.places(places)
    assert named["gsef_region"].tolist() == ["⟦Asia-Pacific⟧", "⟦Unknown region⟧"]
    assert named["subregion"].tolist() == ["⟦Eastern Asia⟧", "⟦Unknown subregion⟧"]  # UN subregions translated too
    assert named["local_government"].tolist() == ["Seoul", "⟦no local government named⟧"]
    assert places["gsef_region"].tolist() == ["Asia-Pacific", "Unknown region"]


def test_a_precision_is_named_and_an_unknown_code_is_shown_as_stored(pseudo_french):
    assert shown.precision_name("approximate") == "⟦approximate⟧"
    assert shown.precision_name("surveyed") == "surveyed"


def test_a_list_is_joined_the_readers_way():
    assert shown.listed([]) == "" and shown.listed(["a"]) == "a"
    with i18n.use(i18n.Language.FR):
        assert shown.listed(["a", "b", "c"]) == "a, b et c"


def test_names_sort_the_way_a_reader_expects_accents_aside():
    names = ["Zambie", "Équateur", "espagne", "Égypte"]
    assert sorted(names, key=shown.sort_key) == ["Égypte", "Équateur", "espagne", "Zambie"]

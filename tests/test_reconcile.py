"""Reported vs recorded in words (qualifiers kept) and coordinate precision, for the Sources page."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash import filters, reconcile
from ssedash.i18n import content


@pytest.fixture
def view(bundled, reference):
    return filters.apply_filters(bundled, filters.Filters(), reference.countries)


def test_reconciliation_spells_out_the_2019_discrepancies(view):
    table = reconcile.reconciliation(view.editions, view.participation)
    shrdc = table[table["edition_id"] == "gsef-shrdc-2019"].set_index("figure")
    assert shrdc.loc["local_governments", "discrepancy"] == "12 local governments reported, 11 listed"
    assert "participants per local government not recorded" in shrdc.loc["participants", "discrepancy"]
    assert pd.isna(shrdc.loc["countries", "discrepancy"])  # 9 and 9 agree
    uclga = table[(table["edition_id"] == "gsef-uclga-alga-2021") & (table["figure"] == "participants")].iloc[0]
    assert "more than 50" in uclga["note"]


def test_reconciliation_keeps_the_qualifier_in_the_figure_and_in_the_words(view):
    table = reconcile.reconciliation(view.editions, view.participation).set_index(["edition_id", "figure"])
    webinars = table.loc[("gsef-webinars-2020", "participants")]
    assert webinars["reported"] == "5,700+"
    assert webinars["discrepancy"].startswith("at least 5,700 participants reported")
    uclga = table.loc[("gsef-uclga-alga-2021", "countries")]
    assert uclga["reported"] == "about 15" and uclga["discrepancy"] == "about 15 countries reported, 1 recorded"


def test_coordinate_notes_list_tokha_as_approximate_and_bagmati_as_ambiguous(view, reference):
    notes = reconcile.coordinate_notes(view.local_governments, content.country_names(reference.countries)).set_index(
        "local_government"
    )
    assert notes["precision"].to_dict() == {
        "Bagmati Rural Municipality": "ambiguous",
        "Tokha": "approximate",
        "Musoma": "approximate",
        "Liverpool City Region Combined Authority": "approximate",
        "Nakawa Division": "approximate",
    }
    assert set(notes["country"]) == {"Nepal", "Tanzania", "United Kingdom", "Uganda"}


def test_precision_counts_add_up_to_the_local_governments_shown(view):
    counts = reconcile.precision_counts(view.local_governments)
    assert counts.total == len(view.local_governments)
    assert (counts.approximate, counts.ambiguous) == (4, 1) and counts.exact == counts.total - 5


def test_an_unrecognised_precision_counts_as_unknown():
    lgs = pd.DataFrame({"coord_precision": ["exact", None, "roughly"]})
    assert reconcile.precision_counts(lgs) == reconcile.PrecisionCounts(exact=1, approximate=0, ambiguous=0, unknown=2)


def test_every_discrepancy_is_one_message_of_the_catalogues(view, pseudo_french):
    from tests.shown_text import untranslated

    table = reconcile.reconciliation(view.editions, view.participation)
    words = table["discrepancy"].dropna().tolist()
    assert words and untranslated(words) == []
    assert reconcile.NEITHER in {w.strip("⟦⟧") for w in words}

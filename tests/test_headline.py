"""The headline cards: words that say where a number comes from, and never call a sum a report."""

from __future__ import annotations

from ssedash import headline, metrics
from ssedash.quantity import Qualifier, Quantity


def test_one_editions_figure_is_reported_by_the_organisers():
    card = headline.figure_card("Webinar attendees", metrics.Figure(None, Quantity(5700, Qualifier.AT_LEAST), 1))
    assert (card.value, card.note) == ("5,700+", "reported by the organisers")


def test_a_sum_over_editions_is_computed_and_says_how_many_had_no_count():
    card = headline.figure_card(
        "People trained", metrics.Figure(None, Quantity(154, Qualifier.AT_LEAST, unknown_parts=2), 3)
    )
    assert card.value == "at least 154"
    assert card.note == "sum of the figures reported for 3 editions; 2 editions had no count"


def test_an_exact_sum_stays_exact_but_is_still_not_a_report():
    card = headline.figure_card("People trained", metrics.Figure(None, Quantity(124), 2))
    assert card.value == "124" and "reported by the organisers" not in card.note


def test_a_recorded_figure_that_differs_from_the_report_says_both():
    card = headline.figure_card("Local governments", metrics.Figure(Quantity(11), Quantity(12), 1))
    assert (card.value, card.note) == ("12", "11 recorded of 12 reported")


def test_nothing_known_is_not_recorded_never_zero():
    card = headline.figure_card("People trained", metrics.Figure(None, Quantity(None, unknown_parts=2), 0))
    assert card.value == "not recorded" and card.note == "2 editions had no count"


def test_every_card_word_goes_through_the_catalogues_and_numbers_are_grouped_for_the_locale(pseudo_french):
    from tests.shown_text import untranslated

    summed = headline.figure_card(
        "x", metrics.Figure(None, Quantity(5700, Qualifier.EXACT) + Quantity(None, Qualifier.EXACT, 1200), 2)
    )
    single = headline.figure_card("x", metrics.Figure(Quantity(11), Quantity(12), 1))
    missing = headline.figure_card("x", metrics.Figure(None, Quantity(None, Qualifier.EXACT, 3), 0))
    cards = (summed, single, missing)
    assert untranslated([text for card in cards for text in (card.note, card.help)] + [missing.value]) == []
    assert "1\u202f200" in summed.note  # "1 200 editions had no count", grouped the French way


def test_a_change_is_signed_and_grouped_for_the_locale(pseudo_french):
    from ssedash import shown

    assert (shown.signed(1200), shown.signed(-3), shown.signed(0)) == ("+1\u202f200", "-3", "+0")

"""Numbers as sources give them: qualifiers kept through parsing, sums and display."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash.quantity import NOTHING, UNKNOWN, Qualifier, Quantity, QuantityError, from_cells, parse, total

EXACT_13 = Quantity(13)
AT_LEAST_5700 = Quantity(5700, Qualifier.AT_LEAST)
ABOUT_15 = Quantity(15, Qualifier.ABOUT)


def test_exact_plus_exact_is_exact():
    assert EXACT_13 + Quantity(111) == Quantity(124)


def test_exact_plus_at_least_is_at_least():
    assert EXACT_13 + AT_LEAST_5700 == Quantity(5713, Qualifier.AT_LEAST)


def test_exact_plus_about_is_about():
    assert EXACT_13 + ABOUT_15 == Quantity(28, Qualifier.ABOUT)


def test_about_plus_at_least_is_at_least():
    assert (ABOUT_15 + AT_LEAST_5700).qualifier is Qualifier.AT_LEAST


def test_anything_plus_unknown_is_at_least_and_counts_the_unknown_part():
    assert EXACT_13 + UNKNOWN == Quantity(13, Qualifier.AT_LEAST, unknown_parts=1)


def test_unknown_plus_unknown_stays_unknown_and_counts_both():
    both = UNKNOWN + UNKNOWN
    assert both.value is None and both.unknown_parts == 2 and not both.is_known


def test_total_of_nothing_is_nothing_and_total_keeps_the_weakest_qualifier():
    assert total([]) == NOTHING
    assert total([EXACT_13, Quantity(111), AT_LEAST_5700, UNKNOWN]) == Quantity(5824, Qualifier.AT_LEAST, 1)


@pytest.mark.parametrize(
    ("quantity", "short", "words"),
    [
        (EXACT_13, "13", "13"),
        (AT_LEAST_5700, "5,700+", "at least 5,700"),
        (ABOUT_15, "about 15", "about 15"),
        (Quantity(124, Qualifier.EXACT, unknown_parts=2), "124+", "at least 124"),
        (UNKNOWN, "unknown", "unknown"),
    ],
)
def test_a_quantity_is_written_as_people_write_it(quantity, short, words):
    assert quantity.short() == short
    assert quantity.words() == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13", EXACT_13),
        ("5,700+", AT_LEAST_5700),
        ("5700+", AT_LEAST_5700),
        ("5 700+", AT_LEAST_5700),
        ("over 200", Quantity(200, Qualifier.AT_LEAST)),
        ("More than 30", Quantity(30, Qualifier.AT_LEAST)),
        ("≥ 60", Quantity(60, Qualifier.AT_LEAST)),
        ("about 15", ABOUT_15),
        ("~15", ABOUT_15),
        ("plus de 30", Quantity(30, Qualifier.AT_LEAST)),
        ("environ 15", ABOUT_15),
        ("más de 50", Quantity(50, Qualifier.AT_LEAST)),
        ("unos 15", ABOUT_15),
    ],
)
def test_parse_reads_lower_bounds_and_approximations(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["", "lots", "1.5", "-3", "12 people", "about", "+"])
def test_parse_refuses_what_is_not_a_count_and_says_what_is_accepted(text):
    with pytest.raises(QuantityError, match="5,700\\+"):
        parse(text)


def test_from_cells_reads_a_stored_figure_and_its_qualifier():
    assert from_cells(5700, "at_least") == AT_LEAST_5700
    assert from_cells(13, None) == EXACT_13
    assert from_cells(pd.NA, None) == UNKNOWN
    assert from_cells(None, "at_least") == UNKNOWN

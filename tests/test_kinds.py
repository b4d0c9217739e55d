"""Kinds of event: named for cards and filters, ordered training first."""

from ssedash import kinds


def test_kinds_come_training_first_then_a_fixed_order_then_unknown_kinds():
    assert kinds.kinds_in_order(["webinar", "gala", "training", None, "webinar"]) == ["training", "webinar", "gala"]


def test_every_known_kind_has_a_card_label_and_a_name():
    assert set(kinds.kind_labels()) == set(kinds.kind_names()) == set(kinds.KIND_ORDER)
    assert kinds.kind_labels()["training"] == "People trained"


def test_the_kinds_are_those_the_schema_accepts():
    from ssedash import schema

    assert set(kinds.KIND_ORDER) == set(schema.EVENT_KINDS)

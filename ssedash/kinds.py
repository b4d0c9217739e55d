"""Kinds of event (schema.EVENT_KINDS): a training, an academy, a policy dialogue, a webinar. Their people are
different populations, counted apart (docs/design.md §10); this module names them and orders them, training first."""

from __future__ import annotations

from ssedash.i18n import t

KIND_ORDER = ("training", "academy", "policy_dialogue", "webinar")


def kind_labels() -> dict[str, str]:
    """What the people of each event kind are called on a card (translated)."""
    return {
        "training": t("People trained"),
        "academy": t("Academy participants"),
        "policy_dialogue": t("Policy-dialogue participants"),
        "webinar": t("Webinar attendees"),
    }


def kind_names() -> dict[str, str]:
    """Event kinds as a filter or a table names them."""
    return {
        "training": t("Training"),
        "academy": t("Academy"),
        "policy_dialogue": t("Policy dialogue"),
        "webinar": t("Webinar"),
    }


def kinds_in_order(kinds) -> list[str]:
    """The kinds given, training first, then the known order, then any other kind alphabetically."""
    present = set(k for k in kinds if isinstance(k, str))
    return [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))

"""Numbers as sources give them: a value and what it means (exact, at least, about), and sums that stay true.

A source that says "5,700+" or "over 200" gave a lower bound; one that says "about 15" gave an approximation.
The store keeps the qualifier beside the number (`reported_participants` + `reported_participants_qualifier`),
and every sum keeps the weakest qualifier (docs/design.md §10): exact + at least = at least, exact + about =
about, and anything + an unknown count = at least, with the number of unknown parts counted so the screen can say
"at least 124 (2 editions with no count)". A computed total is never labelled as something a source reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import pandas as pd

from ssedash.i18n import t
from ssedash.i18n.formatting import number


class Qualifier(str, Enum):  # noqa: UP042 - StrEnum would change str(qualifier), which messages may print
    """What a number means. Ordered from strongest to weakest: a sum takes the weakest of its parts."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Qualifier.EXACT: 0, Qualifier.ABOUT: 1, Qualifier.AT_LEAST: 2}
QUALIFIERS: tuple[str, ...] = tuple(q.value for q in Qualifier)


@dataclass(frozen=True)
class Quantity:
    """A count with its qualifier; `value is None` means nobody gave a figure.

    `unknown_parts` counts the parts of a sum that had no figure (e.g. editions whose size was not published):
    they make the sum a lower bound, and the screen says how many there were.
    """

    value: int | None
    qualifier: Qualifier = Qualifier.EXACT
    unknown_parts: int = 0

    @property
    def is_known(self) -> bool:
        return self.value is not None

    @property
    def is_exact(self) -> bool:
        return self.is_known and self.qualifier is Qualifier.EXACT and self.unknown_parts == 0

    def __add__(self, other: Quantity) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        unknown = self.unknown_parts + other.unknown_parts
        known = [q for q in (self, other) if q.value is not None]
        if not known:
            return Quantity(None, Qualifier.EXACT, unknown)
        value = sum(q.value for q in known if q.value is not None)
        qualifier = max((q.qualifier for q in known), key=lambda q: q.rank)
        if unknown:
            qualifier = Qualifier.AT_LEAST
        return Quantity(value, qualifier, unknown)

    def short(self, *, unknown: str | None = None) -> str:
        """As a source writes it, for a table cell or a card: "13", "5,700+", "about 15" (in the reader's
        language and number format: "5 700+", "environ 15")."""
        return self._written(t("{n}+"), unknown)

    def words(self, *, unknown: str | None = None) -> str:
        """For a sentence: "13", "at least 5,700", "about 15" ("au moins 5 700", "al menos 5.700", "5,700 이상")."""
        return self._written(t("at least {n}"), unknown)

    def _written(self, lower_bound: str, unknown: str | None) -> str:
        if self.value is None:
            return t("unknown") if unknown is None else unknown
        written = number(self.value)
        if self.qualifier is Qualifier.AT_LEAST or self.unknown_parts:
            return lower_bound.format(n=written)
        return t("about {n}").format(n=written) if self.qualifier is Qualifier.ABOUT else written


UNKNOWN = Quantity(None, Qualifier.EXACT, 1)
"""One part with no figure (e.g. an edition whose size was not published)."""

NOTHING = Quantity(None, Qualifier.EXACT, 0)
"""The sum of no parts at all."""


def total(parts: Iterable[Quantity]) -> Quantity:
    """The sum of several quantities, keeping the weakest qualifier and counting the unknown parts."""
    result = NOTHING
    for part in parts:
        result = result + part
    return result


def int_or_none(value: object) -> int | None:
    """A stored whole number, or None where the cell is empty."""
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def from_cells(value: object, qualifier: object) -> Quantity:
    """A stored figure and its qualifier cell (missing qualifier = exact); a missing value is UNKNOWN."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return UNKNOWN
    if qualifier is None or pd.isna(qualifier) or qualifier == "":  # type: ignore[call-overload]
        return Quantity(int(value), Qualifier.EXACT)  # type: ignore[call-overload]
    return Quantity(int(value), Qualifier(str(qualifier)))  # type: ignore[call-overload]


# Words sources use for "at least" and "about", in the languages GSEF works in (lower case, accents folded).
_AT_LEAST_WORDS = (
    "at least",
    "over",
    "more than",
    "above",
    "plus de",
    "au moins",
    "mas de",
    "al menos",
    "por lo menos",
)
_ABOUT_WORDS: tuple[str, ...] = (
    "about",
    "around",
    "approximately",
    "approx.",
    "approx",
    "ca.",
    "circa",
    "some",
    "nearly",
    "almost",
    "environ",
    "pres de",
    "quelque",
    "unos",
    "unas",
    "alrededor de",
    "cerca de",
    "aproximadamente",
    "aprox.",
    "aprox",
)
_NUMBER = re.compile(r"^\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})*$|^\d+$")


class QuantityError(ValueError):
    """A figure that cannot be read: the message says what is accepted."""


def parse(text: str) -> Quantity:
    """Read a figure as people write it: "13", "5,700+", "over 200", "more than 30", "about 15", "~15", "≥ 60".

    French, Spanish and Korean words are accepted too ("plus de 30", "environ 15", "más de 50", "unos 15",
    "5,700 이상", "약 15"): what the interface writes in each language reads back.
    Raises QuantityError with a message that says what is accepted.
    """
    raw = str(text).strip()
    folded = _fold(raw)
    qualifier = Qualifier.EXACT
    if folded.endswith("+"):
        qualifier, folded = Qualifier.AT_LEAST, folded[:-1].strip()
    elif folded.startswith((">=", "≥", ">")):
        qualifier, folded = Qualifier.AT_LEAST, folded.lstrip(">=≥").strip()
    elif folded.startswith("~"):
        qualifier, folded = Qualifier.ABOUT, folded[1:].strip()
    elif suffix := next((w for w in _AT_LEAST_AFTER if folded.endswith(w)), None):  # "5,700 이상", "5,700명 이상"
        qualifier, folded = Qualifier.AT_LEAST, folded[: -len(suffix)].strip()
    else:
        for words, kind in ((_AT_LEAST_WORDS, Qualifier.AT_LEAST), (_ABOUT_WORDS, Qualifier.ABOUT)):
            word = next((w for w in words if folded.startswith(w + " ")), None)
            if word:
                qualifier, folded = kind, folded[len(word) :].strip()
                break
    if not _NUMBER.match(folded):
        raise QuantityError(
            t(
                "'{value}' is not a count: write a whole number such as 13, or 5,700+ / over 200 for a lower "
                "bound, or about 15 for an approximation",
                value=raw[:40],
            )
        )
    return Quantity(int(re.sub(r"\D", "", folded)), qualifier)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Korean writes the qualifier around the number: "5,700 이상" (at least), "약 15" (about); folded like the text.
_AT_LEAST_AFTER = tuple(_fold(word) for word in ("명 이상", "이상", "or more", "ou plus", "o mas"))
_ABOUT_WORDS += (_fold("약"),)

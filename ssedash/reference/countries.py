"""Country names and codes to ISO3: `CountryResolver` (built once from the countries table, then a dict access per
lookup), `UnknownCountry`, and the countries table's columns."""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ssedash.i18n import t
from ssedash.reference.aliases import COUNTRY_ALIASES
from ssedash.text import normalise_name

COUNTRY_COLUMNS: list[str] = [
    "iso3",
    "iso2",
    "name_en",
    "name_fr",
    "name_es",
    "name_ko",
    "continent",
    "region_un",
    "subregion",
    "gsef_region",
    "label_lon",
    "label_lat",
]

_CODE = re.compile(r"^[A-Za-z]{2,3}$")


class UnknownCountry(ValueError):
    """A country value that is neither a known code nor a known name."""

    def __init__(self, value: object):
        self.value = value
        super().__init__(
            t(
                "unknown country '{value}': give an ISO2 or ISO3 code, or an English, French, Spanish or Korean "
                "country name",
                value=str(value),
            )
        )


class CountryResolver:
    """Turn what people write for a country (code or name, en/fr/es/ko, aliases) into an ISO3 code.

    Built once from the countries table; every lookup is then a dict access.
    """

    def __init__(self, countries: pd.DataFrame, aliases: Mapping[str, str] | None = None):
        table = countries.set_index("iso3", drop=False)
        self._countries = table
        self._names: dict[str, str] = {}
        self._iso2_of: dict[str, str | None] = {}
        self._region_of: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        self._shown: dict[str, dict[str, str]] = {
            column: {iso3: name for iso3, name in zip(table["iso3"], table[column]) if isinstance(name, str) and name}
            for column in ("name_fr", "name_es", "name_ko")
            if column in table
        }
        for row in table.itertuples(index=False):
            iso3 = row.iso3
            iso2 = row.iso2 if isinstance(row.iso2, str) and row.iso2 else None
            self._names[iso3] = row.name_en
            self._iso2_of[iso3] = iso2
            self._region_of[iso3] = row.gsef_region
            self._codes[iso3.upper()] = iso3
        for iso3, iso2 in self._iso2_of.items():
            if iso2:
                self._codes.setdefault(iso2.upper(), iso3)

        # Names: table names first (English over French over Spanish over Korean), then aliases, which win.
        self._by_name: dict[str, str] = {}
        self.name_conflicts: dict[str, set[str]] = {}
        for column in ("name_ko", "name_es", "name_fr", "name_en"):
            if column not in table:
                continue
            for iso3, name in zip(table["iso3"], table[column]):
                key = normalise_name(name)
                if not key:
                    continue
                previous = self._by_name.get(key)
                if previous and previous != iso3:
                    self.name_conflicts.setdefault(key, {previous}).add(iso3)
                self._by_name[key] = iso3
        for alias, iso3 in (COUNTRY_ALIASES if aliases is None else aliases).items():
            if iso3 in self._names:
                self._by_name[normalise_name(alias)] = iso3

    # -- lookups ------------------------------------------------------------------------------------------
    def try_resolve(self, value: object) -> str | None:
        """The ISO3 code for a code or name, or None."""
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return None
        text = str(value).strip()
        if not text:
            return None
        if _CODE.match(text):
            found = self._codes.get(text.upper())
            if found:
                return found
        return self._by_name.get(normalise_name(text))

    def resolve(self, value: object) -> str:
        """The ISO3 code for a code or name; raises UnknownCountry."""
        found = self.try_resolve(value)
        if found is None:
            raise UnknownCountry(value)
        return found

    def resolve_many(self, values: pd.Series) -> pd.Series:
        """ISO3 for every value (string dtype, <NA> where unknown or empty); each distinct value is looked up once."""
        uniques = pd.unique(values.astype("object"))
        mapping = {u: self.try_resolve(u) for u in uniques if not _is_missing(u)}
        out = values.astype("object").map(mapping)
        return out.astype("string")

    def name(self, iso3: str) -> str:
        """The English name of an ISO3 code (KeyError if unknown)."""
        return self._names[iso3]

    def shown_name(self, iso3: str) -> str:
        """The name of an ISO3 code in the reader's language (Natural Earth's; English where it has none)."""
        from ssedash.i18n import content

        return self._shown.get(content.name_column(), {}).get(iso3) or self._names[iso3]

    def iso2(self, iso3: str) -> str | None:
        """The ISO2 code, or None where there is none."""
        return self._iso2_of[iso3]

    def region(self, iso3: str) -> str:
        """The GSEF region: Africa, Asia-Pacific, Europe, Latin America & Caribbean, North America or Other."""
        return self._region_of[iso3]

    def __contains__(self, iso3: object) -> bool:
        return iso3 in self._names

    @property
    def iso3_codes(self) -> list[str]:
        return list(self._names)


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))

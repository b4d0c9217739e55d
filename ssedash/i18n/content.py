"""Content in the reader's language where the data has it: country names (Natural Earth's NAME_FR/ES/KO, kept in
`data/reference/countries.csv` as name_fr, name_es, name_ko), GSEF region names, UN subregion names (Natural Earth
gives them in English only: they are in the catalogues), format names, and the usual roles, genders and kinds of
local government (the data's own words: a value not in the tables is shown as written).

Codes stay codes in the store, the filters and the links (`KOR`, `Asia-Pacific`, `in_person`); only what is shown
is translated, here. Pure: the countries frame is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ssedash.i18n import N_, Language, current, named

REGION_NAMES = {  # GSEF region codes as data/reference/countries.csv has them -> the English name to translate
    "Africa": N_("Africa"),
    "Asia-Pacific": N_("Asia-Pacific"),
    "Europe": N_("Europe"),
    "Latin America & Caribbean": N_("Latin America & Caribbean"),
    "North America": N_("North America"),
    "Other": N_("Other"),
    "Unknown region": N_("Unknown region"),
}
SUBREGION_NAMES = {  # the UN (M49) subregions as Natural Earth names them (SUBREGION), to translate
    "Antarctica": N_("Antarctica"),
    "Australia and New Zealand": N_("Australia and New Zealand"),
    "Caribbean": N_("Caribbean"),
    "Central America": N_("Central America"),
    "Central Asia": N_("Central Asia"),
    "Eastern Africa": N_("Eastern Africa"),
    "Eastern Asia": N_("Eastern Asia"),
    "Eastern Europe": N_("Eastern Europe"),
    "Melanesia": N_("Melanesia"),
    "Micronesia": N_("Micronesia"),
    "Middle Africa": N_("Middle Africa"),
    "Northern Africa": N_("Northern Africa"),
    "Northern America": N_("Northern America"),
    "Northern Europe": N_("Northern Europe"),
    "Polynesia": N_("Polynesia"),
    "Seven seas (open ocean)": N_("Seven seas (open ocean)"),
    "South America": N_("South America"),
    "South-Eastern Asia": N_("South-Eastern Asia"),
    "Southern Africa": N_("Southern Africa"),
    "Southern Asia": N_("Southern Asia"),
    "Southern Europe": N_("Southern Europe"),
    "Western Africa": N_("Western Africa"),
    "Western Asia": N_("Western Asia"),
    "Western Europe": N_("Western Europe"),
}
ROLE_NAMES = {  # what a participant did, as the data records it (free text: a role not listed shows as written)
    "civil servant": N_("civil servant"),
    "official": N_("official"),
    "elected official": N_("elected official"),
    "mayor": N_("mayor"),
    "deputy mayor": N_("deputy mayor"),
    "councillor": N_("councillor"),
    "host": N_("host"),
    "speaker": N_("speaker"),
    "presenter": N_("presenter"),
    "panellist": N_("panellist"),
    "moderator": N_("moderator"),
    "signatory": N_("signatory"),
    "participant": N_("participant"),
    "trainee": N_("trainee"),
    "trainer": N_("trainer"),
    "observer": N_("observer"),
}
ADMIN_LEVEL_NAMES = {  # kinds of local government, as the data records them (others show as written)
    "city": N_("city"),
    "city division": N_("city division"),
    "combined authority": N_("combined authority"),
    "commune": N_("commune"),
    "county": N_("county"),
    "district": N_("district"),
    "metropolitan city": N_("metropolitan city"),
    "municipality": N_("municipality"),
    "province": N_("province"),
    "region": N_("region"),
    "rural municipality": N_("rural municipality"),
    "state": N_("state"),
    "town": N_("town"),
    "village": N_("village"),
}
GENDER_NAMES = {  # genders as the data records them (others show as written)
    "female": N_("female"),
    "male": N_("male"),
    "non-binary": N_("non-binary"),
    "other": N_("other"),
}
FORMAT_NAMES = {"in_person": N_("In person"), "online": N_("Online"), "hybrid": N_("Hybrid")}


def name_column(language: Language | None = None) -> str:
    """The countries frame's column of names in `language`: name_en, name_fr, name_es or name_ko."""
    return f"name_{(language or current()).value}"


def country_names(countries: pd.DataFrame, language: Language | None = None) -> dict[str, str]:
    """ISO3 -> the country's name in `language` (English where Natural Earth gives none)."""
    column = name_column(language)
    names = countries[column].where(countries[column].notna() & (countries[column] != ""), countries["name_en"])
    names = names.astype(str)
    # Two countries one name (French and Spanish name MAF and SXM both Saint-Martin / San Martín): each gets its
    # code too, so that nothing counted per country name is merged and a reader can tell them apart.
    shared = names.duplicated(keep=False)
    names = names.where(~shared, names + " (" + countries["iso3"].astype(str) + ")")
    return dict(zip(countries["iso3"], names))


def region_name(code: object) -> str:
    """A GSEF region as the reader reads it; a region the table does not know is shown as stored."""
    return named(REGION_NAMES, code)


def subregion_name(code: object) -> str:
    """A UN subregion ("Western Africa") as the reader reads it; one the table does not know is shown as stored."""
    return named(SUBREGION_NAMES, code)


def role_name(value: object) -> str:
    """A participant's role ("civil servant") in the reader's language when it is one of the usual ones."""
    return named(ROLE_NAMES, value)


def admin_level_name(value: object) -> str:
    """A kind of local government ("rural municipality") in the reader's language when it is a usual one."""
    return named(ADMIN_LEVEL_NAMES, value)


def gender_name(value: object) -> str:
    return named(GENDER_NAMES, value)


def format_name(code: object) -> str:
    """An edition's format (in_person, online, hybrid) as the reader reads it."""
    return named(FORMAT_NAMES, code)


def translated(values: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """`values` mapped through `names` (codes not in it kept): for a column of codes shown in a table or chart."""
    return values.map(lambda value: names.get(value, value) if isinstance(value, str) else value)

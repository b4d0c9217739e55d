"""The PDF report's fonts: DejaVu Sans for the Latin languages, Noto Sans CJK KR for Korean where installed."""

from fpdf import FPDF

from ssedash import files, pdf_fonts
from ssedash.i18n import Language
from tests import servers


def test_a_single_font_file_is_its_own_face():
    assert pdf_fonts.collection_face(files.FONTS_DIR / "DejaVuSans.ttf", "KR") == 0


def test_the_korean_face_of_the_noto_cjk_collection_is_found_by_its_name():
    fonts = files.report_fonts()
    if "cjk" not in fonts:
        servers.unavailable("no CJK font installed (Debian fonts-noto-cjk)")
    from fontTools.ttLib import TTCollection

    face = pdf_fonts.collection_face(fonts["cjk"], "KR")
    collection = TTCollection(str(fonts["cjk"]), lazy=True)
    assert collection.fonts[face]["name"].getDebugName(4).endswith(" KR")


def test_korean_is_set_in_the_cjk_font_and_the_other_languages_in_dejavu():
    fonts = files.report_fonts()
    if "cjk" not in fonts:
        servers.unavailable("no CJK font installed (Debian fonts-noto-cjk)")
    assert pdf_fonts.register(FPDF(), fonts, Language.FR) == pdf_fonts.ReportFonts("DejaVu", "DejaVu Sans", True)
    korean = pdf_fonts.register(FPDF(), fonts, Language.KO)
    assert korean.family == pdf_fonts.CJK and korean.complete and "Noto Sans CJK" in korean.name


def test_korean_without_a_cjk_font_falls_back_to_dejavu_and_says_it_is_incomplete():
    fonts = {"regular": files.FONTS_DIR / "DejaVuSans.ttf", "bold": files.FONTS_DIR / "DejaVuSans-Bold.ttf"}
    assert pdf_fonts.register(FPDF(), fonts, Language.KO) == pdf_fonts.ReportFonts("DejaVu", "DejaVu Sans", False)

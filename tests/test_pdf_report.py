"""The PDF report: it opens, and its text holds the headline sentence, the figures, the sources and the scope."""

import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from ssedash import files, i18n, pdf_report
from ssedash.filters import Filters, apply_filters
from ssedash.i18n import content
from tests import servers

HISTORY = pd.DataFrame(
    {
        "import_id": [1, 2, 3],
        "at": ["2026-11-20T10:00", "2026-11-24T09:00", "2026-11-25T08:00"],
        "action": ["seed", "add", "rollback"],
        "rolled_back_by": [None, 3, None],
    }
)


def pdf_text(bundled, reference, **chosen) -> str:
    view = apply_filters(bundled, Filters(**chosen), reference.countries)
    data = pdf_report.build_pdf(
        view,
        shapes=reference.shapes,
        forums=files.read_context_forums(),
        history=HISTORY,
        scope="everything",
        generated_at="2026-11-25",
        view_link="https://example.org/impact",
        fonts=files.report_fonts(),
    )
    assert data.startswith(b"%PDF-")
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def text(bundled, reference):
    return pdf_text(bundled, reference)


def test_the_pdf_holds_the_headline_sentence_and_the_cards(text):
    assert "At least 154 people took part in 5 GSEF trainings between 2019 and 2021." in text
    assert "5,700+" in text and "200+" in text and "6,054" not in text


def test_the_pdf_holds_the_sources_the_scope_the_data_date_and_the_live_link(text):
    assert "https://gsef-net.org/fr/node/26999" in text
    assert "Natural Earth" in text
    assert "Filters used: everything" in text
    assert "Data as of Nov 20, 2026; imports #1." in text  # import 2 was rolled back
    assert "https://example.org/impact" in text


def test_the_pdf_has_a_table_by_country_and_marks_forums_as_context(text):
    assert "By country" in text and "Côte d'Ivoire" in text
    assert "GSEF global forum (context, not counted)" in text


def test_a_filter_that_leaves_nothing_still_gives_a_pdf(bundled, reference):
    assert "No editions match this scope." in pdf_text(bundled, reference, year_from=2021, countries=("NPL",))


def test_the_country_table_counts_events_and_years(bundled, reference):
    table = pdf_report.country_table(apply_filters(bundled, Filters(), reference.countries)).set_index("Country")
    assert table.loc["Uganda", "Events"] == 3 and table.loc["Uganda", "Years"] == "2017–2019"


def test_provenance_without_history_says_so():
    assert pdf_report.provenance(HISTORY.iloc[0:0]) == "Data: no import recorded."


def _pdf_bytes(bundled, reference, **arguments) -> bytes:
    """The whole report, with the countries' names in the active language."""
    view = apply_filters(bundled, Filters(), reference.countries)
    defaults = dict(shapes=reference.shapes, forums=files.read_context_forums(), history=HISTORY, scope="-")
    return pdf_report.build_pdf(
        view, generated_at="2026-11-25", view_link=None, countries=reference.countries, **{**defaults, **arguments}
    )


def _pdf(bundled, reference, **arguments) -> str:
    """The text of the whole report."""
    data = _pdf_bytes(bundled, reference, **arguments)
    # pypdf reads Noto CJK's two-byte codes with a NUL before each letter (poppler's pdftotext does not): drop it
    return " ".join(page.extract_text().replace("\x00", "") for page in PdfReader(io.BytesIO(data)).pages)


HANGUL = re.compile("[\uac00-\ud7a3]")


def test_a_korean_pdf_writes_hangul_in_the_cjk_font(bundled, reference):
    fonts = files.report_fonts()
    if "cjk" not in fonts:
        servers.unavailable("no CJK font installed (Debian fonts-noto-cjk)")
    with i18n.use(i18n.Language.KO):
        text = _pdf(bundled, reference, fonts=fonts)
        embedded = _embedded_fonts(bundled, reference, fonts=fonts)
    assert "우간다" in text  # Uganda, as Natural Earth names it in Korean
    assert HANGUL.search(text)
    # The font the report is set in (read from the PDF's resources: the licences line naming it is set in the CJK
    # font too, and pypdf does not always map its Latin letters back: "Noto Sans C사:K").
    assert any("NotoSansCJK" in name for name in embedded)


def _embedded_fonts(bundled, reference, **arguments) -> set[str]:
    data = _pdf_bytes(bundled, reference, **arguments)
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def test_a_korean_pdf_without_a_cjk_font_is_still_made_in_dejavu(bundled, reference):
    fonts = {key: path for key, path in files.report_fonts().items() if not key.startswith("cjk")}
    with i18n.use(i18n.Language.KO):
        text = _pdf(bundled, reference, fonts=fonts)
    assert "DejaVu Sans" in text and "Noto" not in text


def test_an_english_pdf_does_not_embed_the_cjk_font(bundled, reference):
    assert "Font: DejaVu Sans." in " ".join(_pdf(bundled, reference, fonts=files.report_fonts()).split())


def test_the_pdf_text_goes_through_the_catalogues(bundled, reference, pseudo_french):
    text = _pdf(bundled, reference, fonts=files.report_fonts())
    for heading in ("By country", "Sources and licences", "Reach over time", "Where participants came from"):
        assert f"⟦{heading}⟧" in text
    assert "⟦GSEF region⟧" in text and "Ouganda" in text  # a header, and a country in French


def test_the_country_table_names_countries_and_regions_in_the_readers_language(bundled, reference):
    view = apply_filters(bundled, Filters(), reference.countries)
    with i18n.use(i18n.Language.FR):
        table = pdf_report.country_table(view, content.country_names(reference.countries))
    assert "Ouganda" in set(table.iloc[:, 0]) and "Uganda" not in set(table.iloc[:, 0])

"""The upload in the analyst's language: report messages and how-to-fix hints through the catalogues, the template's
headers translated and read back, Korean headers accepted (and Korean personal-data columns dropped)."""

from __future__ import annotations

import csv
import gettext
import io

import pytest

from ssedash import fixes, i18n, ingest, schema
from ssedash.i18n import Language
from ssedash.ingest import headers
from tests import pseudo_language
from tests.ingest_fixtures import *  # noqa: F403 - make_plan, reference_kwargs

BAD_FILE = "\n".join(
    [
        "year,country,participants,local_government,latitude,longitude,source_url,shoe size,email",
        "2019,Atlantis,3,,,,,42,a@b.c",
        "20x9,KOR,-2,,,,notalink,,",
        "2019,KOR,1,Seoul,37.5,,,,",
        "2019,FRA,1,Nowhereville Sur Rien,,,,,",
        "2019,FRA,1,Nowhereville Sur Rien,,,,,",
        "2019,KOR,1000000,,,,,,",
    ]
).encode()


class Catalogue(gettext.NullTranslations):
    """A catalogue holding the given translations (the text as written for any other message)."""

    def __init__(self, translations: dict[str, str]):
        super().__init__()
        self.translations = translations

    def gettext(self, message: str) -> str:
        return self.translations.get(message, message)


def install(monkeypatch, language: Language, translations: dict[str, str]) -> None:
    real = i18n.catalogue
    monkeypatch.setattr(i18n, "catalogue", lambda asked: Catalogue(translations) if asked is language else real(asked))


FRENCH_HEADERS = {
    "year": "année",
    "local_government": "collectivité locale",
    "country": "pays",
    "programme": "programme",
    "edition": "édition",
    "participants": "nombre de participants",
    "role": "fonction",
    "gender": "genre",
    "latitude": "latitude",
    "longitude": "longitude",
    "admin_level": "niveau administratif",
    "source_url": "lien de la source",  # not a written synonym: accepted because the catalogue says so
    "event_kind": "type d'événement",
}
KOREAN_HEADERS = {
    "year": "연도",
    "local_government": "지방정부",
    "country": "국가",
    "programme": "프로그램",
    "edition": "회차",
    "participants": "참가자 수",
    "role": "역할",
    "gender": "성별",
    "latitude": "위도",
    "longitude": "경도",
    "admin_level": "행정 단위",
    "source_url": "출처 주소",  # not a written synonym
    "event_kind": "행사 유형",
}


def test_every_problem_of_a_bad_file_is_reported_through_the_catalogues(pseudo_french, make_plan):
    plan = make_plan(BAD_FILE, "bad.csv", details=ingest.EditionDetails(format="by pigeon"))
    rules = {p.rule for p in plan.problems}
    assert {
        "unknown_country",
        "not_a_number",
        "must_be_positive",
        "bad_url",
        "coordinates_incomplete",
        "pii_dropped",
    } <= rules
    assert {"unknown_column", "duplicate_row", "lg_not_found", "too_large", "programme_required", "bad_format"} <= rules
    for problem in plan.problems:
        assert problem.message.startswith(pseudo_language.OPEN), problem
        assert not pseudo_language.leaks(problem.message), problem.message


def test_a_message_keeps_the_data_it_names_and_its_rule_stays_an_english_code(pseudo_french, make_plan):
    plan = make_plan(BAD_FILE, "bad.csv")
    unknown = next(p for p in plan.problems if p.rule == "unknown_country")
    assert "'Atlantis'" in unknown.message and unknown.rule == "unknown_country"


def test_the_country_a_message_names_is_in_the_readers_language(monkeypatch, make_plan):
    install(monkeypatch, Language.FR, {})
    with i18n.use(Language.FR):
        plan = make_plan(BAD_FILE, "bad.csv")
    not_found = next(p for p in plan.problems if p.rule == "lg_not_found")
    assert "France" in not_found.message
    with i18n.use(Language.KO):
        plan = make_plan(BAD_FILE, "bad.csv")
    assert "프랑스" in next(p for p in plan.problems if p.rule == "lg_not_found").message


def test_the_english_report_is_unchanged():
    parsed = ingest.parse_upload(b"year,country\n2019,KOR\n2019,KOR\n", "dup.csv")
    (duplicate,) = [p for p in parsed.problems if p.rule == "duplicate_row"]
    assert duplicate.message == (
        "Line 3 repeats line 2 exactly. If they are two people with the same details, this is fine; otherwise delete one."
    )


@pytest.mark.parametrize("rule", sorted(fixes.FIXES))
def test_every_how_to_fix_hint_goes_through_the_catalogues(pseudo_french, rule):
    hint = fixes.how_to_fix(rule)
    assert hint == f"⟦{fixes.FIXES[rule]}⟧"


def test_the_problems_csv_has_its_headers_in_the_readers_language(pseudo_french, make_plan):
    text = ingest.problems_csv(make_plan(BAD_FILE, "bad.csv").problems).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [f"⟦{column}⟧" for column in ingest.PROBLEM_COLUMNS]
    assert "unknown_country" in text  # rule codes stay codes


def test_a_refused_file_says_why_in_the_readers_language(pseudo_french):
    for raw in (b"", b"\x00\x01\x02" * 100, b"year,country\n"):
        parsed = ingest.parse_upload(raw, "f.csv")
        assert parsed.problems and all(p.message.startswith("⟦") for p in parsed.problems), parsed.problems


def test_a_file_over_the_row_cap_is_refused_in_the_readers_language(pseudo_french):
    parsed = ingest.parse_upload(b"year,country\n" + b"2019,KOR\n" * 11, "big.csv", row_cap=10)
    (problem,) = parsed.problems
    assert problem.rule == "row_cap" and problem.message.startswith("⟦") and "11" in problem.message


def test_a_korean_headed_csv_has_every_column_matched():
    header = ",".join(KOREAN_HEADERS[field] if field != "source_url" else "출처" for field in schema.UPLOAD_COLUMNS)
    row = "2019,서울,KOR,GSEF SHRDC,,3,시장,여성,37.5665,126.978,city,https://example.org,training"
    parsed = ingest.parse_upload(f"{header}\n{row}\n".encode(), "korean.csv")
    assert set(parsed.column_mapping.values()) == set(schema.UPLOAD_COLUMNS)
    assert not [p for p in parsed.problems if p.severity != "info"]


@pytest.mark.parametrize("written", ["지방자치단체", "지방 자치단체", "참가자수", "참가 인원", "에디션", "국 가"])
def test_korean_headers_are_matched_however_they_are_spaced(written):
    assert ingest.canonical_column(written) is not None


@pytest.mark.parametrize("written", ["이름", "이메일", "전화번호", "연락처", "참가자명"])
def test_a_korean_personal_data_column_is_dropped(written):
    parsed = ingest.parse_upload(f"연도,국가,{written}\n2019,KOR,x\n".encode(), "pii.csv")
    assert parsed.dropped_pii == (written,) and written not in parsed.frame.columns


def test_french_and_spanish_headers_are_still_accepted():
    for written in ("année", "pays", "collectivité locale", "año", "país", "gobierno local", "nombre de participants"):
        assert ingest.canonical_column(written) is not None, written


@pytest.mark.parametrize(
    ("language", "translations"),
    [(Language.FR, FRENCH_HEADERS), (Language.KO, KOREAN_HEADERS)],
    ids=["fr", "ko"],
)
def test_a_template_made_in_a_language_reads_back_with_every_column_matched(monkeypatch, language, translations):
    install(monkeypatch, language, translations)
    with i18n.use(language):
        template = ingest.template_frame()
    assert list(template.columns) == [translations[field] for field in schema.UPLOAD_COLUMNS]
    parsed = ingest.parse_upload(template.to_csv(index=False).encode(), "template.csv")  # read in English
    assert set(parsed.column_mapping.values()) == set(schema.UPLOAD_COLUMNS)
    assert not [p for p in parsed.problems if p.severity == "error"]


def test_a_translated_header_never_takes_a_header_from_the_field_it_already_means(monkeypatch):
    install(monkeypatch, Language.FR, {"role": "country", "gender": "pays"})
    assert ingest.canonical_column("country") == "country" and ingest.canonical_column("pays") == "country"


def test_the_template_and_its_help_go_through_the_catalogues(pseudo_french):
    template = ingest.template_frame()
    assert all(header.startswith("⟦") for header in template.columns)
    assert template.iloc[0, 1].startswith("⟦Example City")
    assert template.iloc[0, 2] == "KOR"  # codes stay codes
    help_sheet = ingest.template_help()
    assert all(c.startswith("⟦") for c in help_sheet.columns)
    assert all(not pseudo_language.leaks(" ".join(row)) for row in help_sheet.astype(str).itertuples(index=False))


def test_a_missing_column_names_the_header_the_reader_would_write_first(monkeypatch):
    install(monkeypatch, Language.KO, KOREAN_HEADERS)
    with i18n.use(Language.KO):
        parsed = ingest.parse_upload("연도,참가자 수\n2019,3\n".encode(), "no-country.csv")
        assert headers.accepted_headers("country")[0] == "국가"
    missing = next(p for p in parsed.problems if p.rule == "missing_column")
    assert "국가, country, pays" in missing.message


def test_hangul_survives_header_folding_however_it_was_typed():
    import unicodedata

    from ssedash.text import fold_header

    decomposed = unicodedata.normalize("NFD", "지방정부")  # as macOS writes file text at times
    assert decomposed != "지방정부" and fold_header(decomposed) == fold_header("지방 정부") == "지방정부"
    assert ingest.canonical_column(decomposed) == "local_government"


def test_a_country_written_in_korean_is_known(reference_kwargs):
    countries = reference_kwargs["countries"]
    assert (countries.try_resolve("대한민국"), countries.try_resolve("프랑스")) == ("KOR", "FRA")
    with i18n.use(Language.KO):
        assert countries.shown_name("FRA") == "프랑스"
    assert countries.shown_name("FRA") == "France"


def test_the_edition_details_problems_go_through_the_catalogues(pseudo_french, make_plan):
    details = ingest.EditionDetails(
        programme="Other programme",
        edition_id="other-edition",
        year=2018,
        start_date="21/10/2019",
        end_date="22/10/2019",
        host_country="Atlantis",
        event_kind="party",
        reported_participants="lots",
        reported_countries=-3,
        reported_local_governments=10**9,
        source_url="not a link",
    )
    raw = b"year,country,programme,edition\n2019,KOR,GSEF SHRDC,shrdc-2019\n2020,KOR,Third,shrdc-2020\n"
    plan = make_plan(raw, "details.csv", details=details)
    rules = {p.rule for p in plan.problems}
    assert {"several_editions", "bad_date", "unknown_country", "bad_event_kind", "bad_url"} <= rules
    assert {"bad_figure", "must_be_positive", "too_large"} <= rules
    for problem in plan.problems:
        assert problem.message.startswith("⟦") and not pseudo_language.leaks(problem.message), problem


def test_conflicts_between_the_file_and_the_form_go_through_the_catalogues(pseudo_french, make_plan):
    details = ingest.EditionDetails(programme="Other programme", edition_id="other", year=2018, event_kind="webinar")
    raw = b"year,country,programme,edition,event_kind\n2019,KOR,GSEF SHRDC,shrdc-2019,training\n"
    plan = make_plan(raw, "conflicts.csv", details=details)
    conflicts = [p for p in plan.problems if p.rule.endswith("_conflict")]
    assert {p.rule for p in conflicts} == {
        "programme_conflict",
        "year_conflict",
        "edition_conflict",
        "event_kind_conflict",
    }
    assert all(p.message.startswith("⟦") and not pseudo_language.leaks(p.message) for p in conflicts)

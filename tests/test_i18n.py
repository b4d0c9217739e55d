import datetime as dt

import pandas as pd
import pytest

from ssedash import i18n
from ssedash.i18n import Language, content, formatting, t, tn
from ssedash.quantity import Qualifier, Quantity


def test_english_text_comes_back_as_written_and_formatted():
    assert t("Participants") == "Participants"
    assert t("{n:,} rows", n=5700) == "5,700 rows"


def test_a_count_takes_the_plural_form_of_the_readers_language():
    edition = ("{n:,} edition", "{n:,} editions")
    assert [tn(*edition, n) for n in (0, 1, 5700)] == ["0 editions", "1 edition", "5,700 editions"]
    with i18n.use(Language.FR):  # French counts 0 as one
        assert [tn(*edition, n) for n in (0, 1, 2)] == ["0 édition", "1 édition", "2 éditions"]
        assert tn(*edition, 5700) == "5\u202f700 éditions"
    with i18n.use(Language.ES):
        assert [tn(*edition, n) for n in (0, 1, 2)] == ["0 ediciones", "1 edición", "2 ediciones"]
    with i18n.use(Language.KO):  # one form
        assert [tn(*edition, n) for n in (1, 2)] == ["1개 회차", "2개 회차"]


def test_a_count_in_words_picks_its_form_by_the_number_and_shows_the_words():
    assert tn("{n} country", "{n} countries", 1, n="at least 1") == "at least 1 country"
    with i18n.use(Language.FR):
        assert tn("{n} local government", "{n} local governments", 50, n="au moins 50") == (
            "au moins 50 collectivités locales"
        )


def test_a_number_is_grouped_the_way_the_readers_locale_groups_it():
    assert formatting.number(5700, Language.EN) == "5,700"
    assert formatting.number(5700, Language.FR) == "5\u202f700"
    assert formatting.number(5700, Language.ES) == "5.700"
    assert formatting.number(57000, Language.ES) == "57.000"
    assert formatting.number(5700, Language.KO) == "5,700"


def test_a_date_is_written_in_the_locales_medium_form():
    day = dt.date(2019, 11, 1)
    assert formatting.day(day, Language.EN) == "Nov 1, 2019"
    assert formatting.day(day, Language.FR) == "1 nov. 2019"


def test_a_message_formats_its_numbers_for_the_active_language_but_leaves_years_alone():
    with i18n.use(Language.FR):
        assert formatting.format_message(
            "{year}: {n:,} ({share:.1f})", Language.FR, {"year": 2019, "n": 5700, "share": 2.5}
        ) == ("2019: 5\u202f700 (2,5)")


def test_the_language_comes_from_the_link_then_the_browser_then_english():
    assert i18n.choose("ko", "fr-FR") is Language.KO
    assert i18n.choose(None, "fr-FR") is Language.FR
    assert i18n.choose("xx", "es_MX") is Language.ES
    assert i18n.choose("", "de-DE") is Language.EN
    assert i18n.choose(None, None) is Language.EN


def test_use_sets_the_language_for_a_block_and_restores_it():
    assert i18n.current() is Language.EN
    with i18n.use(Language.KO):
        assert i18n.current() is Language.KO
    assert i18n.current() is Language.EN


def test_a_lower_bound_stays_a_lower_bound_in_every_language():
    lower_bound = Quantity(5700, Qualifier.AT_LEAST)
    assert lower_bound.words() == "at least 5,700"
    with i18n.use(Language.FR):
        assert lower_bound.short() == "5\u202f700+"
        assert lower_bound.words() == "au moins 5\u202f700"
    with i18n.use(Language.ES):
        assert lower_bound.words() == "al menos 5.700"
    with i18n.use(Language.KO):
        assert "이상" in lower_bound.words()
        assert Quantity(None).short() != "unknown"


def test_country_names_come_from_natural_earths_names_in_the_readers_language():
    countries = pd.DataFrame(
        {
            "iso3": ["KOR", "XKX"],
            "name_en": ["South Korea", "Kosovo"],
            "name_fr": ["Corée du Sud", ""],
            "name_es": ["Corea del Sur", "Kosovo"],
            "name_ko": ["대한민국", "코소보"],
        }
    )
    assert content.country_names(countries, Language.FR) == {"KOR": "Corée du Sud", "XKX": "Kosovo"}
    assert content.country_names(countries, Language.KO)["KOR"] == "대한민국"


def test_region_and_format_codes_are_shown_in_the_readers_language_and_unknown_codes_as_stored():
    with i18n.use(Language.ES):
        assert content.region_name("Latin America & Caribbean") == "América Latina y el Caribe"
        assert content.format_name("online") == "En línea"
        assert content.region_name("Atlantis") == "Atlantis"


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_translated_language_has_a_catalogue(language):
    assert i18n.catalogue(language).gettext("Overview") != ""


def test_with_no_language_set_here_the_sessions_language_is_used(monkeypatch):
    """A fragment rerun or a callback runs in a thread app.py did not go through: the session's choice holds."""
    monkeypatch.setattr(i18n, "_fallback", lambda: Language.KO)
    assert i18n.current() is Language.KO
    with i18n.use(Language.FR):
        assert i18n.current() is Language.FR
    monkeypatch.setattr(i18n, "_fallback", lambda: None)
    assert i18n.current() is Language.EN


def test_un_subregions_natural_earth_names_in_english_only_are_translated_too():
    with i18n.use(Language.KO):
        assert content.subregion_name("Western Africa") == "서아프리카"
        assert content.subregion_name("Nowhere") == "Nowhere"


def test_an_events_dates_are_written_as_a_span_for_the_locale():
    assert formatting.period("2017-06-26", "2017-06-30", Language.FR) == "26–30 juin 2017"
    assert formatting.period("2019-11-01", None, Language.FR) == "1 nov. 2019"
    assert formatting.period("2017-06-26", "2017-06-30", Language.KO) == "2017년 6월 26일~30일"
    assert formatting.period(None, "2017-06-30", Language.EN) is None


def test_a_stored_time_is_written_for_the_locale_and_says_utc():
    assert formatting.moment("2026-11-25T17:38:05+00:00", Language.FR) == "25 nov. 2026, 17:38:05 UTC"
    assert formatting.moment("not a time", Language.FR) == "not a time"


def test_the_usual_roles_and_kinds_of_local_government_are_translated_and_others_shown_as_written():
    with i18n.use(Language.FR):
        assert content.role_name("civil servant") == "fonctionnaire"
        assert content.admin_level_name("rural municipality") == "municipalité rurale"
        assert content.role_name("chief storyteller") == "chief storyteller"


@pytest.mark.parametrize("language", list(Language), ids=lambda language: language.value)
def test_a_count_is_grouped_exactly_as_babel_groups_it(language):
    from babel.numbers import format_decimal

    for value in (0, 7, 999, 1000, 5700, 12345, 999999, 1000000, 123456789, -4200):
        assert formatting.number(value, language) == format_decimal(value, locale=language.value)


@pytest.mark.parametrize("language", list(Language), ids=lambda language: language.value)
def test_no_two_countries_share_a_name_in_any_language(language):
    from ssedash import files

    names = content.country_names(files.read_countries(), language)
    assert len(set(names.values())) == len(names)
    if language in (Language.FR, Language.ES):
        assert names["MAF"] != names["SXM"] and names["MAF"].endswith("(MAF)")


@pytest.mark.parametrize(
    "names",
    [
        content.ROLE_NAMES,
        content.ADMIN_LEVEL_NAMES,
        content.GENDER_NAMES,
        content.REGION_NAMES,
        content.SUBREGION_NAMES,
        content.FORMAT_NAMES,
    ],
    ids=lambda names: next(iter(names)),
)
@pytest.mark.parametrize("language", list(Language), ids=lambda language: language.value)
def test_no_two_codes_of_a_vocabulary_read_the_same_in_any_language(names, language):
    """A table that translated two codes into one word would merge what is counted by it."""
    with i18n.use(language):
        shown = [i18n.t(text) for text in names.values()]
    assert len(set(shown)) == len(shown), sorted(s for s in shown if shown.count(s) > 1)


@pytest.mark.parametrize("language", list(Language), ids=lambda language: language.value)
def test_what_the_interface_writes_in_each_language_reads_back_as_the_same_figure(language):
    from ssedash.quantity import parse

    for figure in (Quantity(5700, Qualifier.AT_LEAST), Quantity(15, Qualifier.ABOUT), Quantity(13)):
        with i18n.use(language):
            written = (figure.short(), figure.words())
        for text in written:
            assert parse(text) == figure, (language, text)


@pytest.mark.parametrize("language", list(Language), ids=lambda language: language.value)
def test_a_qualified_figure_fits_on_a_card_in_every_language(language):
    """A metric card cuts a long value ("aproximadament…"): the number itself would be hidden."""
    with i18n.use(language):
        for figure in (Quantity(5700, Qualifier.AT_LEAST), Quantity(15, Qualifier.ABOUT), Quantity(None)):
            assert len(figure.words()) <= 15 and len(figure.short()) <= 15, figure.words()

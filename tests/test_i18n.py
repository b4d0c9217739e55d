import pytest

from ssedash import i18n
from ssedash.i18n import t


def test_english_text_comes_back_as_written_and_formatted():
    assert t("Participants") == "Participants"
    assert t("{n} rows", n=3) == "3 rows"


def test_a_catalogue_entry_translates_and_a_missing_one_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGUES, "fr", {"Participants": "Participants·es"})
    i18n.set_language("fr")
    try:
        assert t("Participants") == "Participants·es"
        assert t("Countries") == "Countries"
    finally:
        i18n.set_language("en")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="no catalogue"):
        i18n.set_language("xx")

"""ssedash.text: the one name-folding rule, the one slugifier, the one formula guard."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ssedash import schema, text


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Saint-Denis & Co", "saint denis and co"),
        ("Côte d’Ivoire", "cote d ivoire"),
        ("  SÃO   paulo ", "sao paulo"),
        ("Straße", "strasse"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_normalise_name_folds_case_accents_ampersands_and_punctuation(written, folded):
    assert text.normalise_name(written) == folded


def test_normalise_name_keeps_hangul_syllables_however_they_were_typed():
    composed = "서울"
    decomposed = "\u1109\u1165\u110b\u116e\u11af"  # the same word typed as jamo
    assert text.normalise_name(composed) == "서울" == text.normalise_name(decomposed)


def test_every_module_folds_names_with_the_one_rule():
    from ssedash import ingest, reference

    assert reference.normalise_name is text.normalise_name is ingest.normalise_name


def test_fold_header_drops_everything_but_letters_and_digits():
    assert text.fold_header("Local_Government ") == text.fold_header("local-government") == "localgovernment"
    assert text.fold_header("Année") == "annee"


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("GSEF SHRDC 2019", "gsef-shrdc-2019"),
        ("GSEF–SHRDC; Côte d'Ivoire; 2019", "gsef-shrdc-cote-d-ivoire-2019"),
        ("  --São Paulo--  ", "sao-paulo"),
    ],
)
def test_slugify_makes_ascii_hyphen_slugs(written, slug):
    assert text.slugify(written) == slug


def test_slugify_gives_non_latin_text_a_stable_hash_or_the_fallback():
    slug = text.slugify("서울")
    assert re.fullmatch(schema.SLUG, slug) and slug == text.slugify("서울")
    assert text.slugify("서울", fallback="all") == "all"


def test_slugify_cuts_at_the_limit_without_a_trailing_hyphen():
    assert text.slugify("abc def ghi", limit=4) == "abc"


@pytest.mark.parametrize("risky", ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(risky):
    assert text.neutralise_formula(risky) == "'" + risky


def test_safe_cells_and_numbers_are_left_alone():
    assert text.neutralise_formula("Dakar") == "Dakar" and text.neutralise_formula(-2) == -2
    frame = pd.DataFrame({"name": ["=cmd", "ok"], "n": [-1, 2]})
    out = text.neutralise_formulas(frame)
    assert out["name"].tolist() == ["'=cmd", "ok"] and out["n"].tolist() == [-1, 2]
    assert frame["name"].tolist() == ["=cmd", "ok"]  # the frame given is not changed

"""The analyst's column choices (ssedash.ingest.columns): they override the synonyms, every column says what became
of it, and a choice that cannot be followed is refused with a problem naming the header, the field and the fix."""

from __future__ import annotations

from ssedash import ingest
from ssedash.ingest import MatchedBy
from tests.ingest_fixtures import *  # noqa: F403 (fixtures: reference, make_plan)

UNKNOWN = b"Annee civile,Etat,Nom de la ville,Inscrits\n2019,KOR,Seoul,4\n2019,ES,Bilbao,2\n"
CHOICES = {"Annee civile": "year", "Etat": "country", "Nom de la ville": "local_government", "Inscrits": "participants"}


def matches(parsed) -> dict[str, tuple[str | None, MatchedBy]]:
    return {c.header: (c.field, c.how) for c in parsed.columns}


def rules_of(problems) -> set[str]:
    return {p.rule for p in problems}


def test_a_file_whose_headers_are_all_unknown_reads_under_the_analysts_fields():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv", columns=CHOICES)
    assert not [p for p in parsed.problems if p.severity == "error"], parsed.problems
    assert list(parsed.frame.columns) == ["line", "year", "country", "local_government", "participants"]
    assert parsed.frame["local_government"].tolist() == ["Seoul", "Bilbao"]
    assert {how for _, how in matches(parsed).values()} == {MatchedBy.ANALYST}
    assert parsed.detected.column_mapping == CHOICES


def test_without_choices_unknown_headers_are_listed_as_not_used_with_a_few_values():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv")
    assert matches(parsed)["Nom de la ville"] == (None, MatchedBy.NOT_USED)
    assert parsed.detected.columns[2].samples == ("Seoul", "Bilbao")
    assert {"unknown_column", "missing_column"} <= rules_of(parsed.problems)


def test_a_choice_overrides_the_synonym_and_the_synonym_column_is_then_not_used():
    raw = b"year,country,Pays du partenaire\n2019,KOR,NPL\n"
    parsed = ingest.parse_upload(raw, "o.csv", columns={"Pays du partenaire": "country"})
    assert matches(parsed) == {
        "year": ("year", MatchedBy.SYNONYM),
        "country": (None, MatchedBy.NOT_USED),
        "Pays du partenaire": ("country", MatchedBy.ANALYST),
    }
    assert parsed.frame["country"].tolist() == ["NPL"]
    assert "column_not_used" in rules_of(parsed.problems)
    assert not [p for p in parsed.problems if p.severity == "error"]


def test_a_column_chosen_as_not_used_is_dropped_even_when_its_header_is_a_synonym():
    parsed = ingest.parse_upload(b"year,country,role\n2019,KOR,mayor\n", "n.csv", columns={"role": None})
    assert "role" not in parsed.frame.columns
    assert matches(parsed)["role"] == (None, MatchedBy.ANALYST)


def test_personal_data_is_dropped_and_shows_no_sample_values():
    parsed = ingest.parse_upload(b"year,country,e-mail\n2019,KOR,a@b.org\n", "p.csv")
    assert parsed.detected.columns[2] == ingest.ColumnMatch("e-mail", None, MatchedBy.PERSONAL_DATA, ())


def test_two_headers_mapped_to_one_field_are_refused_naming_both_and_the_field():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv", columns={**CHOICES, "Inscrits": "year"})
    problem = next(p for p in parsed.problems if p.rule == "mapping_conflict")
    assert (problem.severity, problem.column, problem.value) == ("error", "Inscrits", "year")
    assert "'Annee civile' and 'Inscrits' are both mapped to 'year'" in problem.message
    assert "map only one of them" in problem.message


def test_a_choice_of_an_unknown_field_is_refused_listing_the_fields():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv", columns={**CHOICES, "Inscrits": "attendees"})
    problem = next(p for p in parsed.problems if p.rule == "unknown_field")
    assert (problem.severity, problem.column, problem.value) == ("error", "Inscrits", "attendees")
    assert "participants" in problem.message and "not used" in problem.message


def test_a_choice_naming_a_header_the_file_lacks_is_refused_listing_its_headers():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv", columns={**CHOICES, "Nom de la vile": "local_government"})
    problem = next(p for p in parsed.problems if p.rule == "unknown_header")
    assert problem.column == "Nom de la vile" and "Nom de la ville" in problem.message


def test_a_choice_matches_its_header_ignoring_case_and_accents():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv", columns={**CHOICES, "NOM DE LA VILLÉ": "local_government"})
    assert "unknown_header" not in rules_of(parsed.problems)


def test_a_missing_required_column_names_the_field_as_its_value_and_says_it_can_be_mapped():
    parsed = ingest.parse_upload(UNKNOWN, "u.csv")
    missing = sorted(p.value for p in parsed.problems if p.rule == "missing_column")
    assert missing == ["country", "year"]
    assert all("map the one that holds it" in p.message for p in parsed.problems if p.rule == "missing_column")


def test_the_plan_of_a_mapped_file_can_commit(make_plan):
    plan = make_plan(UNKNOWN, columns=CHOICES)
    assert plan.can_commit, plan.errors
    assert plan.participation["participants"].tolist() == [4, 2]
    assert plan.detected.column_mapping == CHOICES


def test_the_plan_of_a_badly_mapped_file_cannot_commit(make_plan):
    plan = make_plan(UNKNOWN, columns={**CHOICES, "Etat": "year"})
    assert not plan.can_commit
    assert "mapping_conflict" in rules_of(plan.errors)


def test_a_second_header_for_one_field_is_refused_until_one_of_them_is_chosen_as_not_used():
    raw = b"year,country,Country\n2019,KOR,KOR\n"
    assert "duplicate_header" in rules_of(ingest.parse_upload(raw, "d.csv").problems)
    parsed = ingest.parse_upload(raw, "d.csv", columns={"Country": None})
    assert "duplicate_header" not in rules_of(parsed.problems)
    assert parsed.frame["country"].tolist() == ["KOR"]

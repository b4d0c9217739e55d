"""Write the messy upload corpus (tests/data/*.csv, clean.xlsx) and its table corpus.csv, byte for byte.

Run `python tests/data/make_corpus.py` after changing a case; the files are committed so tests need no step.
Encodings (BOM, cp1252) and the binary junk are produced here so they are reproducible.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEADER = "year,local_government,country,participants,role,latitude,longitude"
CLEAN = [
    "2019,Seoul,KOR,4,mayor,37.5665,126.978",
    "2019,Tokha,Nepal,2,official,27.7711,85.3274",
    "2019,Bilbao,ES,1,,43.263,-2.935",
]

# (file, outcome, rules that must appear; ";"-separated) and the bytes
CASES: list[tuple[str, str, str, bytes]] = []


def case(name: str, outcome: str, rules: str, data: bytes) -> None:
    CASES.append((name, outcome, rules, data))


def text(lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


case("clean.csv", "accepted", "", text([HEADER, *CLEAN]))
case("bom_utf8.csv", "accepted", "", b"\xef\xbb\xbf" + text([HEADER, *CLEAN], newline="\r\n"))
case(
    "cp1252_semicolon_french.csv",
    "accepted",
    "encoding",
    text(
        [
            "Année;Pays;Collectivité;Participants;Latitude;Longitude",
            "2019;Côte d'Ivoire;Abidjan;3;5,3364;-4,0267",
            "2019;Sénégal;Dakar;2;14,6937;-17,4441",
            "2019;France;Montréal-la-Cluse;1;46,1833;5,5667",
        ],
        encoding="cp1252",
        newline="\r\n",
    ),
)
case(
    "spanish_headers.csv",
    "accepted",
    "",
    text(
        [
            "Año,Ciudad,País,Participantes,Cargo,Latitud,Longitud",
            "2021,Bogotá,Colombia,3,alcaldesa,4.711,-74.0721",
            "2021,Ciudad de México,México,5,funcionario,19.4326,-99.1332",
        ]
    ),
)
case(
    "namibia_na.csv",
    "accepted",
    "",
    text(
        [
            HEADER,
            "2022,Windhoek,NA,2,mayor,-22.5609,17.0658",
            "2022,Walvis Bay,Namibia,1,official,-22.9576,14.5053",
        ]
    ),
)
case(
    "swapped_coordinates.csv",
    "accepted",
    "coordinates_outside_country",
    text(
        [
            HEADER,
            "2019,Seoul,KOR,4,mayor,37.5665,126.978",
            "2019,Pokhara,Nepal,2,official,83.9856,28.2096",
        ]
    ),
)
case(
    "unknown_country.csv",
    "refused",
    "unknown_country",
    text(
        [
            HEADER,
            "2019,Seoul,KOR,4,mayor,37.5665,126.978",
            "2019,Atlantis City,Atlantis,2,official,10.0,10.0",
        ]
    ),
)
case(
    "negative_count.csv",
    "refused",
    "must_be_positive",
    text(
        [
            HEADER,
            "2019,Seoul,KOR,4,mayor,37.5665,126.978",
            "2019,Tokha,Nepal,-3,official,27.7711,85.3274",
        ]
    ),
)
case(
    "non_numeric_count.csv",
    "refused",
    "not_a_number",
    text(
        [
            HEADER,
            "2019,Seoul,KOR,4,mayor,37.5665,126.978",
            "2019,Tokha,Nepal,two,official,27.7711,85.3274",
        ]
    ),
)
case("empty.csv", "refused", "empty_file", b"")
case("header_only.csv", "refused", "header_only", text([HEADER]))
junk = random.Random(20240601).randbytes(600)
case("binary_junk.csv", "refused", "binary_file", b"\x00\x01\x02" + junk + b"\x00" * 10)
case(
    "duplicate_headers.csv",
    "refused",
    "duplicate_header",
    text(
        [
            "year,country,local_government,Country,participants",
            "2019,KOR,Seoul,KOR,4",
        ]
    ),
)
case(
    "pii_columns.csv",
    "accepted",
    "pii_dropped",
    text(
        [
            "Name,year,country,local_government,E-mail,participants,latitude,longitude",
            "Jane Secretperson,2019,KOR,Seoul,jane.secret@example.org,1,37.5665,126.978",
            "Kim Hiddenname,2019,KOR,Seoul,kim.hidden@example.org,1,37.5665,126.978",
        ]
    ),
)
case(
    "gazetteer_resolution.csv",
    "accepted",
    "lg_resolved_from_gazetteer",
    text(
        [
            "year,country,local_government,participants",
            "2020,UG,Kampala,3",
        ]
    ),
)
case(
    "lg_not_found.csv",
    "refused",
    "lg_not_found",
    text(
        [
            "year,country,local_government,participants",
            "2020,UG,Kampalla City Council,3",
        ]
    ),
)
case(
    "formula_and_script.csv",
    "accepted",
    "",
    text(
        [
            HEADER,
            '2019,Seoul,KOR,1,"=HYPERLINK(""http://x"")",37.5665,126.978',
            "2019,Seoul,KOR,1,<script>alert(1)</script>,37.5665,126.978",
        ]
    ),
)


# Issue 7 (hardening): a quote that swallows rows, missing cells, huge numbers, a huge cell, a NUL byte, and
# Excel's "Unicode text" (UTF-16 with a BOM, tab-separated), which is read as such.
case(
    "unclosed_quote.csv",
    "refused",
    "multiline_field",
    b'year,local_government,country,participants,role\n2030,Kampala,UGA,3,"mayor\n'
    b"2030,Bandung,IDN,2,official\n2030,Durban,ZAF,1,official\n",
)
case("missing_cells.csv", "refused", "field_count", text([HEADER, CLEAN[0], "2019,Tokha,Nepal,2"]))
case("huge_year.csv", "refused", "year_range", text(["year,country,participants", "9" * 5000 + ",KOR,3"]))
case("huge_count.csv", "refused", "too_large", text(["year,country,participants", f"2019,KOR,{2**63}"]))
case(
    "long_cell.csv",
    "refused",
    "cell_too_long",
    text([HEADER, CLEAN[0][: -len("mayor,37.5665,126.978")] + "x" * 131_073 + ",37.5665,126.978"]),
)
case("nul_byte.csv", "refused", "nul_byte", text([HEADER, CLEAN[0], "2019,Tok\x00ha,Nepal,2,official,27.7711,85.3274"]))
case(
    "utf16_excel_unicode_text.csv",
    "accepted",
    "",
    text([line.replace(",", "\t") for line in [HEADER, *CLEAN]], encoding="utf-16", newline="\r\n"),
)


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "participants"
    sheet.append(["Year", "Local government", "Country", "Participants", "Latitude", "Longitude"])
    sheet.append([2023, "Seoul", "Republic of Korea", 3, 37.5665, 126.978])
    sheet.append([2023, "Tokha", "NPL", 1, 27.7711, 85.3274])
    out = io.BytesIO()
    book.save(out)
    # fixed timestamps so the bytes do not change on every run
    return out.getvalue()


def main() -> None:
    for name, _, _, data in CASES:
        (HERE / name).write_bytes(data)
    xlsx = HERE / "clean.xlsx"
    if not xlsx.exists():  # openpyxl stamps the time: keep the committed bytes stable
        xlsx.write_bytes(xlsx_bytes())
    rows = [(name, outcome, rules) for name, outcome, rules, _ in CASES]
    rows.append(("clean.xlsx", "accepted", ""))
    with (HERE / "corpus.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "outcome", "rules"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()

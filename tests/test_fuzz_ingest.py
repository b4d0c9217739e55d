"""Property-based fuzzing of reading and ingestion (issue 7): whatever the bytes, no uncaught exception; a refused
file writes nothing; an accepted file stores exactly one participation row per data line.

Six strategies, 2,100 cases in all (650 random byte strings, 700 random CSVs, 150 well-formed CSVs, 300 damaged
CSVs, 200 XLSX sheets, 100 CLI imports; counted and printed at the end of the module, also with -q):
random bytes; random CSVs (encodings utf-8/utf-8-sig/cp1252/utf-16, delimiters , ; TAB |, quoting minimal/all/
hand-joined (stray quotes), NUL bytes, huge cells, many columns, huge and non-finite numbers); well-formed CSVs that must be
accepted; the same with one to three edits (stray quotes, lost characters, NULs, huge numbers); random XLSX sheets; and random CSVs through `python -m ssedash import`. Each case is planned by
`ingest.build_import_plan` (what the Upload page's review and the CLI both call) and committed through
`upload.commit` into a SQLite store under tmp_path; the store's row counts (history included) are compared before
and after. No example database is kept (database=None) and there is no deadline; about a minute on one core.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ssedash import ingest, upload
from ssedash.records import LINE_BREAK
from ssedash.store import Store

COUNTS: Counter = Counter()
FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
DETAILS = ingest.EditionDetails(
    programme="Fuzz programme", edition_id="fuzz-edition", year=2019, source_url="https://example.org/fuzz"
)

HEADERS = [
    "year",
    "country",
    "participants",
    "local_government",
    "role",
    "gender",
    "latitude",
    "longitude",
    "programme",
    "edition",
    "admin_level",
    "source_url",
    "Pays",
    "Año",
    "name",
    "email",
    "notes",
    "",
    "x",
]
NUMBERS = [
    "2019",
    "0",
    "-3",
    "3",
    "100000",
    "100001",
    "9" * 20,
    str(2**63),
    str(2**63 - 1),
    "9" * 5000,
    "1e400",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "2.5",
    "3.0",
    "1,5",
    "٢٠١٩",
    "0x10",
    "1e5",
    " 4 ",
    "\u00a02",
]
TEXTS = [
    "KOR",
    "NPL",
    "Sénégal",
    "Côte d'Ivoire",
    "Seoul",
    "Kampala",
    "mayor",
    "",
    " ",
    "NA",
    '"',
    '""',
    "a,b",
    "a;b",
    "a\tb",
    "a|b",
    "line\nbreak",
    "cr\rhere",
    "nul\x00byte",
    "=HYPERLINK(1)",
    "<script>",
    "😀",
    "\ufeff",
    "https://example.org/a",
    "x" * 300,
]
ROW_COUNT = st.integers(min_value=0, max_value=12)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite'}")
    store.create()
    return store


@pytest.fixture(scope="module", autouse=True)
def report_counts(request):
    """Print the cases run, accepted and refused per strategy once the module is done (shown even with -q)."""
    yield
    line = "fuzz cases: " + ", ".join(f"{k} {v}" for k, v in sorted(COUNTS.items()))
    line += f"; total {sum(v for k, v in COUNTS.items() if k.startswith('cases:'))}"
    capture = request.config.pluginmanager.getplugin("capturemanager")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if capture is None or reporter is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("\n" + line)


def snapshot(store: Store) -> tuple:
    """Rows in every table of the store, history and replaced rows included: a refusal must change none."""
    import sqlalchemy as sa

    from ssedash.store import metadata

    with store.engine.connect() as connection:
        return tuple(
            connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        )


_KNOWN: dict = {}
_LAST: dict = {}  # the store's row counts after the last case


def known_tables(store: Store) -> dict:
    """The store's active tables, read again only after a write."""
    revision = store.revision()
    if _KNOWN.get("revision") != revision:
        _KNOWN.update(revision=revision, tables=store.read_all_active())
    return _KNOWN["tables"]


def check(store: Store, reference, raw: bytes, name: str, expected_rows: int | None, kind: str):
    """Plan, try to commit, and hold the invariants; `expected_rows` is the file's data lines when unambiguous.

    The plan is built by `ingest.build_import_plan`, which the Upload page's review and `python -m ssedash
    import` both call; the commit goes through `upload.commit`, as on the page.
    """
    COUNTS[f"cases:{kind}"] += 1
    before = _LAST.get("snapshot") or snapshot(store)
    tables = known_tables(store)
    plan = ingest.build_import_plan(
        raw,
        name,
        details=DETAILS,
        countries=reference.resolver,
        gazetteer=reference.gazetteer,
        shapes=reference.shapes,
        known_programmes=tables["programme"],
        known_editions=tables["edition"],
        known_local_governments=tables["local_government"],
        row_cap=1_000,
    )
    outcome = upload.commit(store, plan, by="fuzz", replace=True)
    _LAST["snapshot"] = after = snapshot(store)
    if not plan.can_commit or outcome.status == "duplicate":  # refused, or these bytes are already stored
        COUNTS[f"{'refused' if not plan.can_commit else 'duplicate'}:{kind}"] += 1
        assert outcome.status in ("refused", "duplicate") and after == before
        return plan
    assert outcome.status == "committed", outcome
    COUNTS[f"accepted:{kind}"] += 1
    stored = store.read_active("participation")
    stored = stored[stored["edition_id"] == plan.edition_id]
    assert len(stored) == len(plan.participation) == plan.detected.rows
    if expected_rows is not None:
        assert len(stored) == expected_rows, (raw[:500], plan.problems)
    return plan


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


# --- Strategies ----------------------------------------------------------------------------------------------------

cells = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(TEXTS), st.text(max_size=12))
HUGE_CELL = "y" * 131_073  # one cell over limits.MAX_CELL_CHARS, in about one file in sixteen


def blank(row: list[str], hand_joined: bool) -> bool:
    """A row the reader skips: every cell empty once stripped (and, in a hand-joined file, unquoted)."""
    return not any((c.replace('"', "") if hand_joined else c).strip() for c in row)


@st.composite
def random_csv(draw, *, max_columns: int = 40):
    width = draw(st.integers(min_value=1, max_value=max_columns))
    header = [*draw(st.lists(st.sampled_from(HEADERS), min_size=width - 1, max_size=width - 1)), "country"]
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=draw(ROW_COUNT)))
    if rows and rows[0] and draw(st.integers(0, 15)) == 0:
        rows[0][0] = HUGE_CELL
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from(["minimal", "all", "broken"]))
    if quoting == "broken":  # joined by hand: stray quotes and delimiters inside cells stay as they are
        text = "\n".join(delimiter.join(c.replace("\n", " ").replace("\r", " ") for c in r) for r in [header, *rows])
    else:
        out = io.StringIO()
        mode = csv.QUOTE_ALL if quoting == "all" else csv.QUOTE_MINIMAL
        csv.writer(out, delimiter=delimiter, quoting=mode, lineterminator="\n").writerows([header, *rows])
        text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return encode(text, encoding), sum(1 for r in rows if not blank(r, quoting == "broken"))


@st.composite
def good_csv(draw):
    """A file that must be accepted, and its data lines: every row valid, written by csv (quotes balanced)."""
    text, expected, encoding = draw(good_text())
    return encode(text, encoding), expected


@st.composite
def good_text(draw):
    columns = draw(
        st.sampled_from(
            [["year", "country"], ["country", "participants", "role"], ["Año", "País", "Participantes", "gender"]]
        )
    )
    n = draw(st.integers(min_value=1, max_value=15))
    values = {
        "year": st.just("2019"),
        "Año": st.just("2019"),
        "country": st.sampled_from(["KOR", "NPL", "Sénégal", "Côte d'Ivoire", "ES", "uganda"]),
        "País": st.sampled_from(["Colombia", "México", "FRA"]),
        "participants": st.one_of(st.just(""), st.integers(1, 100_000).map(str)),
        "Participantes": st.integers(1, 100_000).map(str),
        "role": st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), max_size=20),
        "gender": st.sampled_from(["", "female", "male", "x; y", 'a "b" c']),
    }
    rows = [[draw(values[c]) for c in columns] for _ in range(n)]
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    out = io.StringIO()
    csv.writer(
        out, delimiter=delimiter, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    ).writerows([columns, *rows])
    expected = sum(1 for r in rows if any(c.strip() for c in r))
    return out.getvalue(), expected, draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))


DAMAGE = ['"', '"', "\x00", ",", ";", "\t", "|", "9" * 25, "1e400", "x" * 131_073, ""]


@st.composite
def damaged_csv(draw):
    """A well-formed file with one to three edits (a stray quote, a lost character or line break, a NUL, a
    delimiter, a huge number or cell), and its data lines as a person sees them: the non-blank lines after the
    header. A stray quote that makes the reader swallow lines must refuse the file, never shrink it."""
    text, _, encoding = draw(good_text())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        damage = draw(st.sampled_from(DAMAGE))
        text = text[:at] + damage + text[at + (1 if damage == "" else 0) :]  # "" deletes one character
    lines = LINE_BREAK.split(text)[1:]
    expected = sum(1 for line in lines if re.sub(r'["\s,;|\x00]', "", line))
    return encode(text, encoding), expected


@st.composite
def random_xlsx(draw):
    width = draw(st.integers(min_value=1, max_value=12))
    header = [*draw(st.lists(st.sampled_from(HEADERS), min_size=width - 1, max_size=width - 1)), "country"]
    values = st.one_of(
        cells.map(lambda c: c.replace("\x00", "")[:32_000]),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.none(),
    )
    rows = draw(st.lists(st.lists(values, max_size=width + 2), max_size=draw(ROW_COUNT)))
    if draw(st.booleans()):  # a sheet that reads cleanly: countries and whole counts, maybe as floats
        header = ["country", "participants"]
        rows = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["KOR", "Nepal", "SN"]), st.one_of(st.none(), st.integers(1, 100_000), st.just(7.0))
                ).map(list),
                min_size=1,
                max_size=12,
            )
        )
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Properties ----------------------------------------------------------------------------------------------------


@settings(FUZZ, max_examples=650)
@given(raw=st.binary(max_size=3_000))
def test_random_bytes_never_raise_and_write_nothing_unless_accepted(store, reference, raw):
    check(store, reference, raw, "random.bin", None, "bytes")


@settings(FUZZ, max_examples=700)
@given(case=random_csv())
def test_random_csvs_never_raise_and_an_accepted_one_keeps_every_row(store, reference, case):
    raw, data_lines = case
    check(store, reference, raw, "random.csv", data_lines, "csv")


@settings(FUZZ, max_examples=150)
@given(case=good_csv())
def test_a_well_formed_file_is_accepted_with_one_stored_row_per_data_line(store, reference, case):
    raw, expected = case
    plan = check(store, reference, raw, "good.csv", expected, "good")
    assert plan.can_commit, plan.errors


@settings(FUZZ, max_examples=300)
@given(case=damaged_csv())
def test_a_damaged_file_is_refused_or_keeps_every_data_line(store, reference, case):
    raw, data_lines = case
    check(store, reference, raw, "damaged.csv", data_lines, "damaged")


@settings(FUZZ, max_examples=200)
@given(raw=random_xlsx())
def test_random_xlsx_sheets_never_raise(store, reference, raw):
    check(store, reference, raw, "random.xlsx", None, "xlsx")


@settings(FUZZ, max_examples=100)
@given(case=st.one_of(random_csv(max_columns=8), damaged_csv()))
def test_the_cli_import_never_exits_3_or_prints_a_traceback(tmp_path_factory, monkeypatch, capsys, reference, case):
    raw, _ = case
    import ssedash.context
    from ssedash.__main__ import main

    folder = tmp_path_factory.mktemp("cli", numbered=True)
    monkeypatch.setattr(ssedash.context, "load_reference", lambda: reference)  # load the gazetteer once
    monkeypatch.setenv("SSEDASH_DB_URL", f"sqlite:///{tmp_path_factory.getbasetemp() / 'fuzz-cli.sqlite'}")
    monkeypatch.setenv("SSEDASH_ERROR_LOG", str(folder / "errors.log"))
    (folder / "f.csv").write_bytes(raw)
    COUNTS["cases:cli"] += 1
    code = main(["import", str(folder / "f.csv"), "--programme", "Fuzz", "--year", "2019", "--replace"])
    output = capsys.readouterr()
    assert code in (0, 1), output.err
    assert "Traceback" not in output.out + output.err
    COUNTS[f"{'accepted' if code == 0 else 'refused'}:cli"] += 1

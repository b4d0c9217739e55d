"""Generated import files for the fault and load tests, and the CLI run as a separate process.

`edition_csv` writes one edition's participants (one row each, local governments the store already knows, and
optionally one new city), as many rows as a test needs. `Cli` starts `python -m ssedash ...` as a subprocess with
its output in files (so eight of them at once never block on a full pipe).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
KNOWN_CITIES = (("Seoul", "KOR"), ("Tokha", "Nepal"), ("Kampala", "UGA"), ("Bandung", "IDN"), ("Kisumu", "KEN"))
NEW_CITY = ("Dakar", "Senegal")  # not in the bundled store: every file naming it races to add it
ROLES = ("mayor", "official", "staff", "councillor", "researcher")
GENDERS = ("female", "male", "")
WAIT = 120  # seconds before a process is called stuck (never reached when things work)


def edition_csv(path: Path, rows: int, *, year: int, new_city: bool = False, salt: int = 0) -> Path:
    """A participant file of `rows` distinct rows for `year`; `salt` changes the counts (and so the checksum)."""
    cities = KNOWN_CITIES + ((NEW_CITY,) if new_city else ())
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["year", "local_government", "country", "participants", "role", "gender"])
        for i in range(rows):
            city, country = cities[i % len(cities)]
            role, gender = ROLES[i % len(ROLES)], GENDERS[i % len(GENDERS)]
            writer.writerow([year, city, country, 1 + i + salt, role, gender])
    return path


def import_args(path: Path, programme: str, year: int) -> list[str]:
    """`import FILE` for one edition of `programme` (an id, or the name of a new one), recorded as by fault-test."""
    source = f"https://example.org/{programme.replace(' ', '-')}-{year}"
    return [
        "import",
        str(path),
        "--programme",
        programme,
        "--year",
        str(year),
        "--source-url",
        source,
        "--event-kind",
        "training",
        "--by",
        "fault-test",
    ]


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str


class Cli:
    """`python -m ssedash --db-url URL ARGS...` running in its own process."""

    def __init__(self, url: str, args: list[str], out_dir: Path, *, env: dict[str, str] | None = None):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.args = args
        stem = f"cli-{os.getpid()}-{id(self)}"
        self._out, self._err = out_dir / f"{stem}.out", out_dir / f"{stem}.err"
        with self._out.open("w") as stdout, self._err.open("w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ssedash", "--db-url", url, *args],
                cwd=PROJECT,
                stdout=stdout,
                stderr=stderr,
                env={**os.environ, **(env or {})},
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def running(self) -> bool:
        return self.process.poll() is None

    def finish(self, timeout: float = WAIT) -> Finished:
        returncode = self.process.wait(timeout)
        return Finished(returncode, self._out.read_text(encoding="utf-8"), self._err.read_text(encoding="utf-8"))


def run_cli(url: str, args: list[str], out_dir: Path) -> Finished:
    return Cli(url, args, out_dir).finish()

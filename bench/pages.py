"""Warm rerun time of every registered page, against a naive baseline, on the bundled store and a 1M demo store.

    python -m bench pages [--demo-db PATH] [--participants 1000000] [--runs 20] [--naive-runs 3]

For each store and each page registered in app.py: an AppTest of app.py switched to the page, 2 warm-up
reruns, then the median of `--runs` reruns ("warm": what a user waits for after moving a widget). Next to it,
in the same process, the naive way: before each rerun every data cache is cleared, so the page reads the whole
store (`Store.read_all_active()`), filters and aggregates again, as an app without caching would. The store's
engine and the reference data (country table and shapes) stay loaded in both. Also recorded: the bytes of every
plotly figure the page sends per rerun (the map's must stay ≤ 50 KB). Results: bench/results/pages.json.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULTS = PROJECT_ROOT / "bench" / "results"
TARGETS = {"warm_ms_max": 150, "speedup_min": 20, "map_payload_bytes_max": 50_000}
# ui's caches that hold the store's data or things derived from it (cleared for the naive baseline); the
# store engine, the reference data and the polygon ids are not data and stay cached.
KEEP_CACHED = {"_store", "reference", "country_polygon_ids"}


def registered_pages() -> list[tuple[str, str]]:
    """(url path, page file) of every st.Page in app.py, read from app.py."""
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page" and node.args:
            keywords = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            page_file = node.args[0].value
            pages.append(("" if keywords.get("default") else keywords.get("url_path", Path(page_file).stem), page_file))
    return pages


def clear_data_caches() -> None:
    from ssedash import ui

    for name, value in vars(ui).items():
        if name not in KEEP_CACHED and callable(getattr(value, "clear", None)) and hasattr(value, "__wrapped__"):
            value.clear()


def clear_all_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


def _timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    return elapsed


def measure_page(page_file: str, *, runs: int, naive_runs: int) -> dict:
    from tests.apptest import make_app_test

    at = make_app_test(page_file, timeout=600)
    if at.exception:
        return {"page": page_file, "error": at.exception[0].message}
    for _ in range(2):
        _timed_run(at)
    warm = [_timed_run(at) for _ in range(runs)]
    payloads = [len(chart.proto.spec) for chart in at.get("plotly_chart")]
    naive = []
    for _ in range(naive_runs):
        clear_data_caches()
        naive.append(_timed_run(at))
    warm_ms, naive_ms = statistics.median(warm), statistics.median(naive)
    return {
        "page": page_file,
        "warm_median_ms": round(warm_ms, 1),
        "warm_p90_ms": round(sorted(warm)[int(0.9 * (len(warm) - 1))], 1),
        "warm_runs": runs,
        "naive_median_ms": round(naive_ms, 1),
        "naive_runs": naive_runs,
        "speedup": round(naive_ms / warm_ms, 1),
        "plotly_payload_bytes": payloads,
    }


def measure_store(name: str, db_url: str, *, runs: int, naive_runs: int) -> dict:
    os.environ["SSEDASH_DB_URL"] = db_url
    clear_all_caches()
    from ssedash import context

    store = context.open_store()
    participants = len(store.read_active("participation"))
    results = []
    for url_path, page_file in registered_pages():
        clear_all_caches()
        result = {"url_path": url_path, **measure_page(page_file, runs=runs, naive_runs=naive_runs)}
        if url_path == "map" and result.get("plotly_payload_bytes"):
            result["map_payload_bytes"] = max(result["plotly_payload_bytes"])
        results.append(result)
        print(f"  {name:8} {page_file:24} " + (
            f"warm {result['warm_median_ms']:8.1f} ms   naive {result['naive_median_ms']:9.1f} ms   "
            f"x{result['speedup']:<7} payload {sum(result['plotly_payload_bytes']):,} B"
            if "error" not in result else f"ERROR {result['error']}"), flush=True)
    return {"store": name, "db_url": db_url, "participation_rows": participants, "demo": store.is_demo(), "pages": results}


def misses(stores: list[dict]) -> list[str]:
    found = []
    for store in stores:
        if not store["demo"]:
            continue
        for page in store["pages"]:
            if "error" in page:
                found.append(f"{page['page']}: raised {page['error']}")
                continue
            if page["warm_median_ms"] > TARGETS["warm_ms_max"]:
                found.append(f"{page['page']}: warm {page['warm_median_ms']} ms > {TARGETS['warm_ms_max']} ms "
                             f"(+{page['warm_median_ms'] - TARGETS['warm_ms_max']:.0f} ms)")
            if page["speedup"] < TARGETS["speedup_min"]:
                found.append(f"{page['page']}: {page['speedup']}x faster than naive < {TARGETS['speedup_min']}x")
            if page.get("map_payload_bytes", 0) > TARGETS["map_payload_bytes_max"]:
                found.append(f"{page['page']}: map payload {page['map_payload_bytes']:,} B > 50 KB")
    return found


def build_demo(path: Path, participants: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ssedash", "--db-url", f"sqlite:///{path}", "demo", "--participants",
                    str(participants)], check=True, cwd=PROJECT_ROOT)
    return time.perf_counter() - start


def machine() -> dict:
    import pandas
    import plotly
    import sqlalchemy
    import streamlit

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "streamlit": streamlit.__version__, "pandas": pandas.__version__, "plotly": plotly.__version__,
            "sqlalchemy": sqlalchemy.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pages")
    parser.add_argument("--demo-db", type=Path, help="reuse this demo SQLite file (else one is built in a temp dir)")
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "pages.json")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT_ROOT))
    os.chdir(PROJECT_ROOT)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest outside a server warns on every cache call

    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    work = Path(tempfile.mkdtemp(prefix="ssedash-bench-pages-"))
    demo_db, demo_seconds = args.demo_db, None
    if demo_db is None:
        demo_db = work / "demo.sqlite"
        demo_seconds = round(build_demo(demo_db, args.participants), 1)
    stores = [
        measure_store("bundled", f"sqlite:///{work / 'bundled.sqlite'}", runs=args.runs, naive_runs=args.naive_runs),
        measure_store("demo", f"sqlite:///{demo_db.resolve()}", runs=args.runs, naive_runs=args.naive_runs),
    ]
    found = misses(stores)
    results = {
        "started": started, "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(), "targets": TARGETS, "demo_build_seconds": demo_seconds,
        "method": __doc__.strip().splitlines()[2:], "stores": stores, "missed_targets": found,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'store':8} {'page':24} {'warm ms':>9} {'naive ms':>10} {'speed-up':>9} {'payload B':>10}")
    for store in stores:
        for page in store["pages"]:
            if "error" in page:
                print(f"{store['store']:8} {page['page']:24} ERROR {page['error']}")
                continue
            print(f"{store['store']:8} {page['page']:24} {page['warm_median_ms']:9.1f} {page['naive_median_ms']:10.1f} "
                  f"{page['speedup']:8.1f}x {sum(page['plotly_payload_bytes']):10,}")
    print("\ntargets at the demo store: " + ("all met" if not found else "MISSED:\n  " + "\n  ".join(found)))
    print(f"-> {args.out.relative_to(PROJECT_ROOT) if args.out.is_relative_to(PROJECT_ROOT) else args.out}")
    return 0

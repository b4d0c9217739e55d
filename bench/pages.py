"""What a user waits for on every registered page: the rerun after a filter change, on demo stores of 10k, 100k
and 1M participants (and the bundled store), against a naive baseline.

    python -m bench pages [--sizes 10000,100000,1000000] [--runs 20] [--naive-runs 3] [--work DIR]

For each store and each page registered in app.py, an AppTest of app.py switched to the page, 2 warm-up reruns,
then three medians:
- "warm": `--runs` reruns with the filters unchanged (cache hits: what a user waits for after, say, a map zoom);
- "filter change": `--runs` reruns, each after setting the sidebar's GSEF-region and year-range filters to a
  combination never used before in this process (cache misses: what a user waits for after changing a filter);
  the embed view, which has no sidebar, gets the same change in its link (`?region=…&from=…&to=…`);
- "naive": `--naive-runs` filter changes with every data cache cleared first, so the page reads the whole store,
  filters and aggregates again, as an app without caching would. speed-up = naive / filter change.
The store's engine and the reference data stay loaded in all three. Also recorded: the bytes of every plotly
figure sent per rerun. Results: bench/results/pages.json. The stores are SYNTHETIC (`python -m ssedash demo`).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from bench.common import PROJECT_ROOT, SIZES, demo_store, machine, median, registered_pages, write_results

TARGETS = {"change_ms_max": 150, "speedup_min": 20, "growth_max": 3.0, "map_payload_bytes_max": 50_000}
# ui's caches that hold the store's data or things derived from it (cleared for the naive baseline); the store
# engine, the reference data, the polygon ids and the country outlines are not data and stay cached.
KEEP_CACHED = {"_store", "reference", "country_polygon_ids", "_country_outlines"}


def clear_data_caches() -> None:
    modules = [m for name, m in sys.modules.items() if name == "ssedash.ui" or name.startswith("ssedash.ui.")]
    for module in modules:  # ssedash.ui, or the modules of a ssedash/ui/ package
        for name, value in vars(module).items():
            if name not in KEEP_CACHED and type(value).__name__ == "CachedFunc":
                value.clear()


def clear_all_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


class FilterCombinations:
    """(regions, (year_from, year_to)) pairs, never the same twice in one process: every use is a cache miss."""

    def __init__(self, seed: int = 12):
        self.rng = random.Random(seed)
        self.seen: set[tuple] = set()

    def next_for(self, regions: list[str], year_min: int, year_max: int) -> tuple[list[str], tuple[int, int]]:
        for _ in range(10_000):
            chosen = tuple(sorted(self.rng.sample(regions, self.rng.randint(1, len(regions))))) if regions else ()
            low = self.rng.randint(year_min, year_max)
            years = (low, self.rng.randint(low, year_max))
            if (chosen, years) not in self.seen:
                self.seen.add((chosen, years))
                return list(chosen), years
        raise RuntimeError("ran out of new filter combinations")


def _timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    return elapsed


def _change_filters(at, combos: FilterCombinations) -> None:
    region = at.multiselect(key="f_region")
    sliders = [s for s in at.slider if s.key == "f_years"]
    year_min, year_max = (sliders[0].min, sliders[0].max) if sliders else (0, 0)
    regions, years = combos.next_for(list(region.options), year_min, year_max)
    region.set_value(regions)
    if sliders:
        sliders[0].set_value(years)


def _change_link(at, combos: FilterCombinations, options) -> None:
    """For a page without the sidebar (the embed view): the same kind of change, made in its link instead.
    `options` are read once before timing starts (reading them after the naive baseline cleared the caches would
    load the store outside the timed rerun)."""
    regions, years = combos.next_for(list(options.regions), options.year_min or 0, options.year_max or 0)
    at.query_params["region"] = regions
    at.query_params["from"], at.query_params["to"] = str(years[0]), str(years[1])


def measure_page(
    page_file: str, combos: FilterCombinations, *, runs: int, naive_runs: int, language: str = "en"
) -> dict:
    """The page's reruns in `language`. AppTest formats a widget's options in this (the test's) thread, where the
    page's language must be active too."""
    from ssedash import i18n

    with i18n.use(i18n.Language(language)):
        return _measure_page(page_file, combos, runs=runs, naive_runs=naive_runs, language=language)


def _measure_page(page_file: str, combos: FilterCombinations, *, runs: int, naive_runs: int, language: str) -> dict:
    from tests.apptest import make_app_test

    at = make_app_test(page_file, query_params={"lang": language}, timeout=900)
    if at.exception:
        return {"page": page_file, "error": at.exception[0].message}
    change_filters = _change_filters
    if not any(widget.key == "f_region" for widget in at.multiselect):  # filters come from its link
        from ssedash import ui

        options = ui.filter_options()
        change_filters = partial(_change_link, options=options)
    try:
        for _ in range(2):
            _timed_run(at)
        warm = [_timed_run(at) for _ in range(runs)]
        payloads = [len(chart.proto.spec) for chart in at.get("plotly_chart")]
        change = []
        for _ in range(runs):
            change_filters(at, combos)
            change.append(_timed_run(at))
        naive = []
        for _ in range(naive_runs):
            clear_data_caches()
            change_filters(at, combos)
            naive.append(_timed_run(at))
    except RuntimeError as error:
        return {"page": page_file, "error": str(error)}
    return {
        "page": page_file,
        "warm_median_ms": round(median(warm), 1),
        "change_median_ms": round(median(change), 1),
        "change_p90_ms": round(sorted(change)[int(0.9 * (len(change) - 1))], 1),
        "naive_median_ms": round(median(naive), 1),
        "runs": runs,
        "naive_runs": naive_runs,
        "speedup": round(median(naive) / median(change), 1),
        "plotly_payload_bytes": payloads,
    }


def measure_store(
    name: str, db_url: str, combos: FilterCombinations, *, runs: int, naive_runs: int, language: str = "en"
) -> dict:
    os.environ["SSEDASH_DB_URL"] = db_url
    clear_all_caches()
    from ssedash import context

    store = context.open_store()
    participants = len(store.read_active("participation"))
    results = []
    for url_path, page_file in registered_pages():
        clear_all_caches()
        measured = measure_page(page_file, combos, runs=runs, naive_runs=naive_runs, language=language)
        result = {"url_path": url_path, **measured}
        if url_path == "map" and result.get("plotly_payload_bytes"):
            result["map_payload_bytes"] = max(result["plotly_payload_bytes"])
        results.append(result)
        print(
            f"  {name:8} {page_file:24} "
            + (
                f"warm {result['warm_median_ms']:7.1f} ms  change {result['change_median_ms']:7.1f} ms  "
                f"naive {result['naive_median_ms']:8.1f} ms  x{result['speedup']}"
                if "error" not in result
                else f"ERROR {result['error']}"
            ),
            flush=True,
        )
    return {
        "store": name,
        "participation_rows": participants,
        "demo": store.is_demo(),
        "language": language,
        "pages": results,
    }


def misses(stores: list[dict]) -> list[str]:
    """Every target missed at the largest demo store, and every page whose filter change grows >= 3x from the
    smallest demo store to the largest."""
    demos = [s for s in stores if s["demo"]]
    if not demos:
        return []
    small, large = min(demos, key=lambda s: s["participation_rows"]), max(demos, key=lambda s: s["participation_rows"])
    found = [f"{p['page']}: raised {p['error']}" for s in stores for p in s["pages"] if "error" in p]
    small_by_page = {p["page"]: p for p in small["pages"] if "error" not in p}
    for page in (p for p in large["pages"] if "error" not in p):
        if page["change_median_ms"] > TARGETS["change_ms_max"]:
            found.append(
                f"{page['page']}: filter change {page['change_median_ms']} ms > {TARGETS['change_ms_max']} ms "
                f"(+{page['change_median_ms'] - TARGETS['change_ms_max']:.0f} ms)"
            )
        if page["speedup"] < TARGETS["speedup_min"]:
            found.append(f"{page['page']}: {page['speedup']}x faster than naive < {TARGETS['speedup_min']}x")
        if page.get("map_payload_bytes", 0) > TARGETS["map_payload_bytes_max"]:
            found.append(f"{page['page']}: map payload {page['map_payload_bytes']:,} B > 50 KB")
        base = small_by_page.get(page["page"])
        if base and page["change_median_ms"] >= TARGETS["growth_max"] * base["change_median_ms"]:
            found.append(
                f"{page['page']}: filter change grows {page['change_median_ms'] / base['change_median_ms']:.1f}x "
                f"from {small['participation_rows']:,} to {large['participation_rows']:,} rows"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pages")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="demo store sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the demo stores (reused when present)")
    parser.add_argument(
        "--lang", help="the pages' language (?lang=: en, fr, es, ko); results go to pages-<lang>.json, for comparisons"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT_ROOT))
    os.chdir(PROJECT_ROOT)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest outside a server warns on every cache call

    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    work = args.work or Path(tempfile.mkdtemp(prefix="ssedash-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    combos = FilterCombinations()
    builds, stores = {}, []
    measure = partial(
        measure_store, combos=combos, runs=args.runs, naive_runs=args.naive_runs, language=args.lang or "en"
    )
    stores.append(measure("bundled", f"sqlite:///{work / 'bundled.sqlite'}"))
    for size in (int(s) for s in args.sizes.split(",")):
        url, builds[size] = demo_store(work, size)
        stores.append(measure(f"demo {size:,}", url))
    found = misses(stores)
    results = {
        "started": started,
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "targets": TARGETS,
        "demo_build_seconds": builds,
        "method": [line for line in (__doc__ or "").strip().splitlines()[3:] if line.strip()],
        "stores": stores,
        "missed_targets": found,
    }
    path = write_results(f"pages-{args.lang}" if args.lang else "pages", results)
    print("\ntargets at the largest demo store: " + ("all met" if not found else "MISSED:\n  " + "\n  ".join(found)))
    print(f"-> {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

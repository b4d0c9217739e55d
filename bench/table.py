"""Write bench/README.md from the JSON results: one table per benchmark, the targets, the misses, the machine.

python -m bench table
"""

from __future__ import annotations

import json
import sys

from bench.common import PROJECT_ROOT, RESULTS

INTRO = """# Benchmarks

What a user waits for, measured on this project's machine kind (2 cores): `make bench` (or `python -m bench all`)
runs every benchmark below in one go (under 15 minutes) and rewrites this file from `bench/results/*.json`.
The stores are SYNTHETIC (`python -m ssedash demo --participants N`); each JSON file says how it measured.
Nothing here is asserted by the tests: timings live here, not in `tests/`.
"""


def _load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _pages(results: dict) -> list[str]:
    lines = [
        "## Reruns per page (`python -m bench pages`)",
        "",
        "Median ms of AppTest reruns: *warm* = filters unchanged (cache hit); *change* = each run a filter "
        "combination never seen before (cache miss); *naive* = a change with every data cache cleared; "
        "speed-up = naive / change.",
        "",
        "| store | page | warm ms | change ms | change p90 ms | naive ms | speed-up |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for store in results["stores"]:
        for page in store["pages"]:
            if "error" in page:
                lines.append(f"| {store['store']} | {page['page']} | error: {page['error']} | | | | |")
                continue
            lines.append(
                f"| {store['store']} | {page['page']} | {page['warm_median_ms']} | {page['change_median_ms']} | "
                f"{page['change_p90_ms']} | {page['naive_median_ms']} | {page['speedup']}x |"
            )
    return lines + ["", f"Targets: {results['targets']}.", *_misses(results)]


def _browser(results: dict) -> list[str]:
    lines = [
        "## In a real browser (`python -m bench browser`)",
        "",
        "Headless Chromium, every outside request aborted. Cold start = from starting `streamlit run` to the "
        "first page drawn; change = a sidebar filter change to the page being idle again (median).",
        "",
        "| store | server answers s | cold start s | filter change to idle ms | app peak MB | outside requests |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for store in results["stores"]:
        lines.append(
            f"| {store['store']} | {store['server_answers_s']} | {store['cold_start_s']} | "
            f"{store['change_to_idle_median_ms']} | {store['peak_mb']} | {len(store['outside_requests'])} |"
        )
    return lines + ["", f"Targets: {results['targets']}.", *_misses(results)]


def _ingest(results: dict) -> list[str]:
    demo = results["demo"]
    lines = [
        "## Data layer (`python -m bench ingest`)",
        "",
        f"`demo --participants {demo['participants']:,}`: {demo['seconds']} s, store {demo['store_mb']} MB, "
        f"peak {demo['peak_mb']} MB.",
        "",
        "| upload rows | step | seconds | peak MB | exit |",
        "|---:|---|---:|---:|---:|",
    ]
    for upload in results.get("uploads", []):
        for step in ("check", "import"):
            r = upload[step]
            lines.append(f"| {upload['rows']:,} | {step} | {r['seconds']} | {r['peak_mb']} | {r['exit_code']} |")
    return lines + ["", f"Targets: {results['targets']}; met: {results['met']}."]


def _languages() -> list[str]:
    """The filter-change rerun of each page at the largest store, per language measured (`--lang`)."""
    runs = {code: _load(f"pages-{code}") for code in ("en", "fr", "es", "ko")}
    runs = {code: results for code, results in runs.items() if results}
    if not runs:
        return []
    largest = {code: max(r["stores"], key=lambda s: s["participation_rows"]) for code, r in runs.items()}
    pages = [p["page"] for p in next(iter(largest.values()))["pages"]]
    lines = [
        "## Per language (`python -m bench pages --lang xx`)",
        "",
        "Filter-change rerun, median ms, at the largest store measured, one run per language one after the other "
        "(this machine's noise between runs is about ±30 %).",
        "",
        "| page | " + " | ".join(f"{code} ms" for code in largest) + " |",
        "|---|" + "---:|" * len(largest),
    ]
    for page in pages:
        cells = []
        for store in largest.values():
            found = next((p for p in store["pages"] if p["page"] == page), {})
            cells.append(str(found.get("change_median_ms", "error")))
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    sizes = {code: f"{store['participation_rows']:,} rows" for code, store in largest.items()}
    return lines + ["", "Stores: " + ", ".join(f"{code} {size}" for code, size in sizes.items()) + ".", ""]


def _misses(results: dict) -> list[str]:
    found = list(dict.fromkeys(results.get("missed_targets") or []))  # one line per miss, not per store
    return ["", "All targets met." if not found else "Missed:", *(f"- {miss}" for miss in found)]


def render() -> str:
    parts = [INTRO]
    machine = None
    for name, draw in (("pages", _pages), ("browser", _browser), ("ingest", _ingest)):
        results = _load(name)
        if results is None:
            parts.append(f"## {name}\n\nNot run yet: `python -m bench {name}`.\n")
            continue
        machine = machine or results.get("machine")
        when = results.get("finished") or results.get("when")
        parts.append("\n".join([*draw(results), "", f"Measured {when}.", ""]))
    parts.append("\n".join(_languages()))
    if machine:
        parts.append("## Machine\n\n" + "\n".join(f"- {key}: {value}" for key, value in machine.items()) + "\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    path = PROJECT_ROOT / "bench" / "README.md"
    path.write_text(render(), encoding="utf-8")
    print(f"-> {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What a user waits for in a real browser, on demo stores: a fresh server's first page, and a filter change.

    python -m bench browser [--sizes 10000,100000,1000000] [--changes 10] [--work DIR]

For each SYNTHETIC demo store (`python -m ssedash demo`, reused from --work when present):
- cold start: `streamlit run app.py` is started, and headless Chromium (Debian's, every non-loopback request
  aborted) opens the Overview as soon as the server answers; the time from starting the process to the first
  page rendered (the script idle and the headline cards drawn) is recorded, and the server's start alone;
- filter change to idle: in that tab, `--changes` times a GSEF region is added to (then removed from) the
  sidebar filter, each a combination not seen before; the time from the keystroke that picks it to the script
  being idle again (the app's `data-test-script-state` going running -> notRunning);
- the app server's peak resident memory over the whole run (VmHWM of the process).
Results: bench/results/browser.json.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from bench.common import PROJECT_ROOT, SIZES, demo_store, machine, median, write_results

TARGETS = {"cold_start_s_max": 3.0, "change_to_idle_ms_max": 400, "peak_mb_max": 1536}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
REGION_INPUT = '[data-testid="stSidebar"] input[aria-label="GSEF region"]'
# Record every change of the script state with its time, so a run too quick to be seen by polling still counts.
WATCH_STATE = """() => {
  window.__states = [];
  const app = document.querySelector('[data-test-script-state]');
  new MutationObserver(() => window.__states.push([app.getAttribute('data-test-script-state'), performance.now()]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
IDLE_AFTER = """(since) => {
  const s = window.__states.filter(([, t]) => t >= since);
  const ran = s.findIndex(([state]) => state === 'running');
  return ran >= 0 && s.slice(ran).some(([state]) => state === 'notRunning');
}"""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(db_url: str, port: int, log) -> subprocess.Popen:
    env = dict(os.environ, SSEDASH_DB_URL=db_url, SSEDASH_MODE="public")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.runOnSave",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        time.sleep(0.05)
    raise RuntimeError("the server did not answer")


def _peak_mb(pid: int) -> float | None:
    try:
        line = next(row for row in Path(f"/proc/{pid}/status").read_text().splitlines() if row.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
    return round(int(line.split()[1]) / 1024, 1)


def _offline(page, aborted: list[str]) -> None:
    def route(request_route):
        url = request_route.request.url
        if (urlparse(url).hostname or "") in LOOPBACK or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            aborted.append(url)
            request_route.abort()

    page.route("**/*", route)


def _wait_first_page(page, timeout_ms: float) -> None:
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => document.querySelector('[data-test-script-state]')?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=timeout_ms,
    )


def _pick_region(page, regions: list[str], index: int) -> float:
    """Add (or remove) one region in the sidebar filter; milliseconds until the rerun it starts has finished."""
    since = page.evaluate("performance.now()")
    if index < len(regions):
        field = page.locator(REGION_INPUT)
        field.click()
        field.fill(regions[index])
        field.press("Enter")
        field.press("Escape")
    else:  # remove the first chosen region: a set not seen before
        page.locator('[data-testid="stSidebar"] button[aria-label^="Remove "]').first.click()
    page.wait_for_function(IDLE_AFTER, arg=since, timeout=120_000)
    return page.evaluate("performance.now()") - since


def measure_store(name: str, db_url: str, browser, *, changes: int, log_dir: Path) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_dir / f"streamlit-{port}.log", "w") as log:
        started = time.perf_counter()
        process = _start_server(db_url, port, log)
        try:
            _wait_healthy(base, process)
            healthy = time.perf_counter() - started
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
            page = context.new_page()
            aborted: list[str] = []
            _offline(page, aborted)
            page.goto(base, wait_until="domcontentloaded")
            _wait_first_page(page, 180_000)
            first_page = time.perf_counter() - started
            page.evaluate(WATCH_STATE)
            page.locator(REGION_INPUT).click()
            regions = [r for r in page.locator('[role="option"]').all_inner_texts() if r != "Select all"]
            page.keyboard.press("Escape")
            timings = [
                _pick_region(page, regions, i % (2 * len(regions))) for i in range(min(changes, 2 * len(regions) - 1))
            ]
            context.close()
            return {
                "store": name,
                "server_answers_s": round(healthy, 2),
                "cold_start_s": round(first_page, 2),
                "change_to_idle_median_ms": round(median(timings), 1),
                "change_to_idle_ms": [round(t, 1) for t in timings],
                "peak_mb": _peak_mb(process.pid),
                "outside_requests": aborted,
            }
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench browser")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = args.work or Path(tempfile.mkdtemp(prefix="ssedash-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    stores, builds = [], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for size in (int(s) for s in args.sizes.split(",")):
            url, builds[size] = demo_store(work, size)
            result = measure_store(f"demo {size:,}", url, browser, changes=args.changes, log_dir=work)
            stores.append({"participants": size, **result})
            print(
                f"  demo {size:>9,}: cold start {result['cold_start_s']} s (server {result['server_answers_s']} s), "
                f"filter change to idle {result['change_to_idle_median_ms']} ms, peak {result['peak_mb']} MB, "
                f"outside requests {len(result['outside_requests'])}",
                flush=True,
            )
        browser.close()
    largest = max(stores, key=lambda s: s["participants"])
    found = []
    if largest["cold_start_s"] > TARGETS["cold_start_s_max"]:
        found.append(f"cold start {largest['cold_start_s']} s > {TARGETS['cold_start_s_max']} s")
    if largest["change_to_idle_median_ms"] > TARGETS["change_to_idle_ms_max"]:
        found.append(
            f"filter change to idle {largest['change_to_idle_median_ms']} ms > {TARGETS['change_to_idle_ms_max']} ms"
        )
    if (largest["peak_mb"] or 0) > TARGETS["peak_mb_max"]:
        found.append(f"app peak {largest['peak_mb']} MB > {TARGETS['peak_mb_max']} MB")
    found += [f"{s['store']}: {len(s['outside_requests'])} outside requests" for s in stores if s["outside_requests"]]
    path = write_results(
        "browser",
        {
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(),
            "targets": TARGETS,
            "demo_build_seconds": builds,
            "method": [line for line in (__doc__ or "").strip().splitlines()[3:] if line.strip()],
            "stores": stores,
            "missed_targets": found,
        },
    )
    print("targets at the largest store: " + ("all met" if not found else "MISSED: " + "; ".join(found)))
    print(f"-> {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

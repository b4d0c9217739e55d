"""What every benchmark shares: where results go, the machine they ran on, demo stores, the pages of app.py."""

from __future__ import annotations

import ast
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULTS = PROJECT_ROOT / "bench" / "results"
SIZES = (10_000, 100_000, 1_000_000)


def machine() -> dict:
    """The machine and the library versions, recorded beside every result."""
    import pandas
    import plotly
    import sqlalchemy
    import streamlit

    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor()
    memory_gb = None
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "plotly": plotly.__version__,
        "sqlalchemy": sqlalchemy.__version__,
    }


def demo_store(folder: Path, participants: int) -> tuple[str, float | None]:
    """A SYNTHETIC demo store of `participants` rows in `folder` (built once, reused): its URL and build seconds."""
    path = folder / f"demo-{participants}.sqlite"
    if path.exists():
        return f"sqlite:///{path}", None
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ssedash", "--db-url", f"sqlite:///{path}", "demo", "--participants", str(participants)],
        check=True,
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
    )
    return f"sqlite:///{path}", round(time.perf_counter() - start, 1)


def registered_pages() -> list[tuple[str, str]]:
    """(url path, page file) of every st.Page in app.py, read from app.py (pages added later are measured too)."""
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page" and node.args:
            keywords = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            page_file = node.args[0].value
            pages.append(("" if keywords.get("default") else keywords.get("url_path", Path(page_file).stem), page_file))
    return pages


def write_results(name: str, results: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

"""Every benchmark in one run, sharing the demo stores, then bench/README.md: `python -m bench all`.

python -m bench all [--sizes 10000,100000,1000000] [--work DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench import browser, ingest, pages, table
from bench.common import SIZES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench all")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--work", type=Path, help="folder for the demo stores (reused when present)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="ssedash-bench-"))
    largest = max(int(s) for s in args.sizes.split(","))
    codes = [
        ingest.main(["--participants", str(largest)]),
        pages.main(["--sizes", args.sizes, "--work", str(work)]),
        browser.main(["--sizes", args.sizes, "--work", str(work)]),
    ]
    table.main([])
    return max(codes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

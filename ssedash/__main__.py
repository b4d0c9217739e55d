"""`python -m ssedash …`: the command line (the package ssedash.cli; `python -m ssedash --help` lists the commands)."""

from __future__ import annotations

import sys

from ssedash.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks: `python -m bench <name>` runs `bench/<name>.py`'s `main()` and writes bench/results/<name>.json."""

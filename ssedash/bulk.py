"""Bulk work with fewer garbage collections (`few_collections`): reading, checking and writing large uploads.

Reading 100,000 rows makes millions of strings, lists and tuples, none of them part of a reference cycle; with
Python's default thresholds the cyclic collector walks the young objects again every 700 new ones (about a fifth
of a 100,000-row import's time). Within `few_collections` it does so every 100,000. Reference counting frees
everything as usual; only cyclic garbage waits a little longer. Process-wide, so it counts its users (threads of
the app's sessions included) and puts the thresholds back when the last one leaves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLD = 100_000
_lock = threading.Lock()
_users = 0
_saved: tuple[int, ...] = ()


@contextmanager
def few_collections() -> Iterator[None]:
    """A context (or decorator) within which the young generation is collected every BULK_THRESHOLD objects."""
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], BULK_THRESHOLD), *_saved[1:])
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.set_threshold(*_saved)

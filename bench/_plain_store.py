"""Benchmark baseline ONLY: the same store code on an unencrypted file.

It uses the SQLite bundled in ``sqlcipher3`` without a key, so the baseline
differs from the app only by the encryption (same SQLite version, same FTS5).

Never reachable from the app's configuration: nothing outside ``bench/`` imports
this module, and :meth:`CacheStore.open` always requires a key.
"""

from __future__ import annotations

from pathlib import Path

from fse_desk.store.cache import CacheStore
from fse_desk.store.database import Database


def open_plain_for_benchmark(path: Path) -> CacheStore:
    """A :class:`CacheStore` on a plain, unencrypted SQLite file (patient data in clear!)."""
    return CacheStore._open(Database(path, None, plain_for_benchmark=True), None)

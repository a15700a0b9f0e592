"""Patient instant search over 100,000 cached assistiti: p50/p95 per query.

Run: ``.venv/bin/python bench/patient_search_bench.py``. Target p95 ≤ 30 ms on
SQLCipher; also prints the ratio to the same code on plain SQLite.
"""

from __future__ import annotations

import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _synthetic
from _plain_store import open_plain_for_benchmark

from fse_desk.domain import Patient
from fse_desk.store import CacheStore

PATIENTS = int(os.environ.get("BENCH_PATIENTS", "100000"))
QUERIES_PER_KIND = 80
REPEATS = 5  # each query runs this many times per side; its median is its time
BATCH = 5_000


def _queries(patients: list[Patient]) -> dict[str, list[str]]:
    rng = random.Random(17)
    picks = [rng.choice(patients) for _ in range(QUERIES_PER_KIND)]
    return {
        "partial surname": [p.family_name[: rng.randint(2, 5)].lower() for p in picks],
        "surname given": [f"{p.family_name} {p.given_name[: rng.randint(1, 4)]}" for p in picks],
        "CF prefix": [p.codice_fiscale[: rng.choice((3, 6, 9, 11))] for p in picks],
        "full CF": [p.codice_fiscale for p in picks],
        "given surname": [f"{p.given_name.lower()} {p.family_name[:3]}" for p in picks],
    }


def _fill(store: CacheStore, patients: list[Patient]) -> float:
    start = time.perf_counter()
    for i in range(0, len(patients), BATCH):
        store.patients.upsert_many(patients[i : i + BATCH])
    return time.perf_counter() - start


def _measure(
    sides: dict[str, CacheStore], queries: dict[str, list[str]]
) -> dict[str, dict[str, list[float]]]:
    """Per side and kind, each query's median time in ms; sides interleaved (noisy hosts)."""
    for store in sides.values():
        for query in queries["partial surname"][:20]:  # warm the page cache like a session
            store.patients.search(query)
    out: dict[str, dict[str, list[float]]] = {name: {} for name in sides}
    for kind, texts in queries.items():
        for name in sides:
            out[name][kind] = []
        for text in texts:
            runs: dict[str, list[float]] = {name: [] for name in sides}
            for _ in range(REPEATS):
                for name, store in sides.items():
                    start = time.perf_counter()
                    store.patients.search(text)
                    runs[name].append((time.perf_counter() - start) * 1000)
            for name in sides:
                out[name][kind].append(statistics.median(runs[name]))
    return out


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    patients = _synthetic.patients(PATIENTS)
    queries = _queries(patients)
    with tempfile.TemporaryDirectory(prefix="fse-search-bench-") as tmp:
        sides = {
            "sqlcipher": CacheStore.open(Path(tmp) / "enc.db", secrets.token_bytes(32)),
            "plain": open_plain_for_benchmark(Path(tmp) / "plain.db"),
        }
        try:
            for name, store in sides.items():
                print(
                    f"{name}: {PATIENTS} patients loaded in {_fill(store, patients):.1f}s",
                    flush=True,
                )
            results = _measure(sides, queries)
        finally:
            for store in sides.values():
                store.close()

    n = sum(len(v) for v in queries.values())
    print(f"\n{n} queries, each timed {REPEATS}x (median) per side; limit 200 results\n")
    print(f"{'kind':<17}{'enc p50':>9}{'enc p95':>9}{'plain p50':>11}{'plain p95':>11}{'ratio':>7}")
    all_enc, all_plain = [], []
    for kind in queries:
        enc, plain = results["sqlcipher"][kind], results["plain"][kind]
        all_enc += enc
        all_plain += plain
        print(
            f"{kind:<17}{_p(enc, 0.5):>9.2f}{_p(enc, 0.95):>9.2f}{_p(plain, 0.5):>11.2f}"
            f"{_p(plain, 0.95):>11.2f}{_p(enc, 0.5) / _p(plain, 0.5):>7.2f}"
        )
    p95 = _p(all_enc, 0.95)
    print(
        f"{'all':<17}{_p(all_enc, 0.5):>9.2f}{p95:>9.2f}{_p(all_plain, 0.5):>11.2f}"
        f"{_p(all_plain, 0.95):>11.2f}{_p(all_enc, 0.5) / _p(all_plain, 0.5):>7.2f}"
    )
    verdict = "OK" if p95 <= 30 else "OVER TARGET"
    print(
        f"\nSQLCipher p95 = {p95:.2f} ms (target <= 30 ms): {verdict}; "
        f"p95 ratio SQLCipher/plain = {p95 / _p(all_plain, 0.95):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

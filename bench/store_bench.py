"""The cache's own workload on SQLCipher vs the same code on plain SQLite.

Run: ``.venv/bin/python bench/store_bench.py``. Prints medians over several
rounds (each round alternates the two sides on fresh files) and the ratio
SQLCipher / plain; target ≤ 1.5.
"""

from __future__ import annotations

import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import _synthetic
from _plain_store import open_plain_for_benchmark

from fse_desk.store import CacheStore

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PATIENTS, DOCUMENTS, PAGE = 1_000, 30_000, 100
LISTINGS, SEARCHES, BODIES, BODY_SIZE = 200, 500, 500, 4096

Opener = Callable[[Path], CacheStore]


def _encrypted(path: Path) -> CacheStore:
    return CacheStore.open(path, secrets.token_bytes(32))


def _workload(open_store: Opener, folder: Path, data) -> dict[str, float]:
    patients, documents, queries, bodies = data
    rng = random.Random(3)
    times: dict[str, float] = {}
    store = open_store(folder / "cache.db")
    try:
        start = time.perf_counter()
        for i in range(0, len(patients), PAGE):
            store.patients.upsert_many(patients[i : i + PAGE])
        for i in range(0, len(documents), PAGE):
            store.documents.upsert_many(documents[i : i + PAGE])
        times["sync write"] = time.perf_counter() - start

        start = time.perf_counter()
        for patient in rng.sample(patients, LISTINGS):
            store.documents.list_for_patient(patient.id)
        times["list docs"] = time.perf_counter() - start

        start = time.perf_counter()
        for query in queries:
            store.patients.search(query)
        times["search"] = time.perf_counter() - start

        start = time.perf_counter()
        for doc, body in zip(documents, bodies, strict=False):
            store.bodies.put(doc.id, "application/pdf", body)
        for doc in documents[:BODIES]:
            store.bodies.get(doc.id)
        times["bodies"] = time.perf_counter() - start
    finally:
        store.close()
    times["total"] = sum(times.values())
    return times


def _queries(patients, n: int) -> list[str]:
    rng = random.Random(5)
    out = []
    for _ in range(n):
        p = rng.choice(patients)
        out.append(
            rng.choice(
                [
                    p.family_name[: rng.randint(2, 6)],
                    f"{p.family_name} {p.given_name[:3]}",
                    p.codice_fiscale[: rng.choice((6, 11, 16))],
                ]
            )
        )
    return out


def main() -> int:
    patients = _synthetic.patients(PATIENTS)
    documents = _synthetic.documents(patients, DOCUMENTS)
    bodies = [os.urandom(BODY_SIZE) for _ in range(BODIES)]
    data = (patients, documents, _queries(patients, SEARCHES), bodies)
    results: dict[str, list[dict[str, float]]] = {"sqlcipher": [], "plain": []}
    sides: dict[str, Opener] = {"sqlcipher": _encrypted, "plain": open_plain_for_benchmark}
    print(
        f"{PATIENTS} patients, {DOCUMENTS} documents in pages of {PAGE}, {LISTINGS} listings, "
        f"{SEARCHES} searches, {BODIES} bodies of {BODY_SIZE} B; {ROUNDS} rounds"
    )
    for r in range(ROUNDS):
        order = list(sides) if r % 2 == 0 else list(reversed(sides))
        for name in order:
            with tempfile.TemporaryDirectory(prefix="fse-bench-") as tmp:
                results[name].append(_workload(sides[name], Path(tmp), data))
        print(
            f"  round {r + 1}: " + ", ".join(f"{n} {results[n][-1]['total']:.2f}s" for n in sides),
            flush=True,
        )

    print(f"\n{'phase':<12}{'sqlcipher s':>14}{'plain s':>12}{'ratio':>8}")
    ratio = 0.0
    for phase in results["plain"][0]:
        enc = statistics.median(t[phase] for t in results["sqlcipher"])
        plain = statistics.median(t[phase] for t in results["plain"])
        ratio = enc / plain
        print(f"{phase:<12}{enc:>14.3f}{plain:>12.3f}{ratio:>8.2f}")
    verdict = "OK" if ratio <= 1.5 else "OVER TARGET"
    print(f"\ntotal ratio SQLCipher/plain = {ratio:.2f} (target <= 1.5): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""First-run seeding of the demo region: generating the 1,000-patient practice, and generating
plus storing it (what the first ``./dev demo`` waits for). Target: under a minute here.

The baseline, measured in the same run, is serialising the same resources to JSON: the
least any generator that hands out FHIR resources has to pay.

    .venv/bin/python bench/region_seed_bench.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

import orjson

from fse_desk_sandbox import ResourceStore, ensure_seeded
from fse_desk_sandbox.region import generate_region

TODAY = date(2026, 11, 1)
PATIENTS = 1000


def main() -> None:
    start = time.perf_counter()
    batches = list(generate_region(42, PATIENTS, TODAY))
    generated = time.perf_counter() - start
    resources = sum(len(batch) for batch in batches)

    start = time.perf_counter()
    for batch in batches:
        for resource in batch:
            orjson.dumps(resource)
    serialised = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        store = ResourceStore(Path(folder) / "region.sqlite")
        start = time.perf_counter()
        ensure_seeded(store, seed=42, patients=PATIENTS, today=TODAY)
        seeded = time.perf_counter() - start
        store.close()

    print(f"{resources:,} resources for {PATIENTS:,} patients")
    print(f"generate: {generated:.1f} s  ({generated / serialised:.1f}x serialising them)")
    print(f"generate and store (first run): {seeded:.1f} s  (target < 60 s)")


if __name__ == "__main__":
    main()

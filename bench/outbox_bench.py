"""10,000 queued changes pushed to the sandbox over loopback.

Prints changes per second and the ratio of our push (outbox read, batch state
commits, conditional create through FhirClient, server refs recorded) to a bare
httpx loop POSTing the very same Observation payloads with the same headers
(``If-None-Exist`` included). Target: ratio <= 1.5.

The readings are queued once through VitalsService on a few hundred synced
patients; every run starts from a copy of that cache and posts to a freshly
started sandbox process loaded from a copy of the same region file, so no run
finds the previous run's resources. Runs are interleaved; medians are compared.

    .venv/bin/python bench/outbox_bench.py [--patients 300] [--changes 10000] [--rounds 3]
    .venv/bin/python bench/outbox_bench.py --profile   # cProfile of one push
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _sandbox_process import sandbox, seed_region_file

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.push import OutboxPusher, local_identifier
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.vitals import Vital
from fse_desk.progress import drive
from fse_desk.store import CacheStore
from fse_desk.vitals import VitalsService
from tests.timeline_support import clinician_access

SEED = 42
FHIR_JSON = "application/fhir+json"


def queue_changes(cache_file: Path, key: bytes, base_url: str, changes: int) -> None:
    """Sync the practice, then record ``changes`` readings through VitalsService."""
    rng = random.Random(SEED)
    with CacheStore.open(cache_file, key) as store, FhirClient(base_url) as client:
        drive(SyncEngine(store, client).pull())
        patients = [p.id for p in store.patients.search("", limit=100_000)]
        vitals = VitalsService(store, clinician_access(store))
        when = datetime.now(UTC) - timedelta(days=1)
        queued = 0
        while queued < changes:
            measurements = {
                Vital.BLOOD_PRESSURE: (float(rng.randint(110, 170)), float(rng.randint(60, 95))),
                Vital.HEART_RATE: (float(rng.randint(50, 110)),),
                Vital.SPO2: (float(rng.randint(88, 100)),),
                Vital.BODY_WEIGHT: (round(rng.uniform(50, 110), 1),),
                Vital.CAPILLARY_GLUCOSE: (float(rng.randint(70, 250)),),
            }
            wanted = list(measurements)[: min(len(measurements), changes - queued)]
            queued += len(
                vitals.record(
                    rng.choice(patients),
                    {v: measurements[v] for v in wanted},
                    effective_at=when + timedelta(seconds=queued),
                    performer="Inf. Carla Neri",
                )
            )
        assert store.outbox.count_pending() == changes


def payloads(cache_file: Path, key: bytes) -> list[dict[str, Any]]:
    with CacheStore.open(cache_file, key) as store:
        return [e.payload for e in store.outbox.sendable()]


def bare_loop(base_url: str, resources: list[dict[str, Any]]) -> float:
    """POST each payload with the same headers our client sends; nothing else."""
    started = time.perf_counter()
    with httpx.Client(base_url=base_url + "/", headers={"Accept": FHIR_JSON}) as http:
        for resource in resources:
            ident = resource["identifier"][0]
            response = http.post(
                "Observation",
                json=resource,
                headers={
                    "Content-Type": FHIR_JSON,
                    "Prefer": "return=representation",
                    "If-None-Exist": f"identifier={ident['system']}|{ident['value']}",
                },
            )
            response.raise_for_status()
    return time.perf_counter() - started


def our_push(
    base_url: str, cache_file: Path, key: bytes, changes: int, profile: Path | None = None
) -> float:
    with CacheStore.open(cache_file, key) as store, FhirClient(base_url) as client:
        pusher = OutboxPusher(store, client, rng=random.Random(SEED))
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        summary = drive(pusher.push())
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        if profiler and profile:
            profiler.dump_stats(str(profile))
        if summary.sent != changes or store.outbox.count_pending():
            raise RuntimeError(f"push incomplete: {summary}")
    return elapsed


def check_once(base_url: str, resources: list[dict[str, Any]]) -> None:
    """Spot-check that a pushed region holds each sampled change exactly once."""
    with FhirClient(base_url) as client:
        for resource in random.Random(SEED).sample(resources, 20):
            value = resource["identifier"][0]["value"]
            ident = local_identifier(value.removeprefix("urn:uuid:"))
            found = list(
                client.search("Observation", {"identifier": f"{ident['system']}|{ident['value']}"})
            )
            assert len(found) == 1, f"{value} on the server {len(found)} times"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one push and stop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        region_file = seed_region_file(folder / "region.sqlite", SEED, args.patients)

        key = secrets.token_bytes(32)
        template = folder / "queued.sqlcipher"
        started = time.perf_counter()
        with sandbox(region_file, SEED, args.patients) as base_url:
            queue_changes(template, key, base_url, args.changes)
        print(
            f"queued {args.changes} changes through VitalsService in "
            f"{time.perf_counter() - started:.1f} s"
        )
        resources = payloads(template, key)

        def fresh(name: str) -> tuple[Path, Path]:
            region_copy = folder / f"region-{name}.sqlite"
            cache_copy = folder / f"cache-{name}.sqlcipher"
            shutil.copyfile(region_file, region_copy)
            shutil.copyfile(template, cache_copy)
            return region_copy, cache_copy

        if args.profile:
            region_copy, cache_copy = fresh("profile")
            stats_file = folder / "push.prof"
            with sandbox(region_copy, SEED, args.patients) as base_url:
                our_push(base_url, cache_copy, key, args.changes, stats_file)
            pstats.Stats(str(stats_file)).sort_stats("cumulative").print_stats(30)
            pstats.Stats(str(stats_file)).sort_stats("tottime").print_stats(20)
            return

        bare, ours = [], []
        for round_no in range(args.rounds):
            for side in ("bare", "ours") if round_no % 2 == 0 else ("ours", "bare"):
                region_copy, cache_copy = fresh(f"{side}-{round_no}")
                with sandbox(region_copy, SEED, args.patients) as base_url:
                    if side == "bare":
                        bare.append(bare_loop(base_url, resources))
                    else:
                        ours.append(our_push(base_url, cache_copy, key, args.changes))
                        check_once(base_url, resources)
                region_copy.unlink()
                cache_copy.unlink()
    bare_s, ours_s = statistics.median(bare), statistics.median(ours)
    print(f"bare httpx loop: median {bare_s:.2f} s  {[f'{t:.2f}' for t in bare]}")
    print(f"our push:        median {ours_s:.2f} s  {[f'{t:.2f}' for t in ours]}")
    print(
        f"changes per second: ours {args.changes / ours_s:,.0f}, bare {args.changes / bare_s:,.0f}"
    )
    print(f"ratio push / bare loop: {ours_s / bare_s:.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()

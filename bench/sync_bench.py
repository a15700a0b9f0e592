"""Patient-scoped first sync of the 1,000-patient demo practice, and a sync with nothing new.

Our sync (HTTP with several searches in flight + parse + map + privacy rules +
SQLCipher writes) against a sequential raw httpx walk of the very same request
URLs (recorded from our sync), with no parsing or storing: once over plain
loopback (target ratio <= 3.0), once with 50 ms of latency injected per request
by the sandbox, as on a regional link (target <= 1.0: requests overlap). Both
sides run several times, interleaved; medians are compared. Then the peak memory
of this process (target <= 300 MB) and a second sync with nothing new: requests,
bytes and seconds (target < 50 KB). The sandbox runs in its own process.

    .venv/bin/python bench/sync_bench.py [--patients 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import resource
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _sandbox_process import sandbox, seed_region_file

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.sync import SyncEngine, SyncSummary
from fse_desk.progress import drive
from fse_desk.store import CacheStore

PAGE = 500
MMG = "prac-mmg-demo"  # the demo practice's MMG on the generated region


class Recording(httpx.HTTPTransport):
    """The network, noting every URL our sync asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return super().handle_request(request)


def raw_walk(urls: list[str]) -> float:
    started = time.perf_counter()
    with httpx.Client() as http:
        for url in urls:
            http.get(url, headers={"Accept": "application/fhir+json"}).read()
    return time.perf_counter() - started


def our_sync(
    base_url: str, store: CacheStore, transport: httpx.BaseTransport | None = None
) -> tuple[float, SyncSummary]:
    started = time.perf_counter()
    with FhirClient(base_url, transport=transport) as client:
        engine = SyncEngine(
            store, client, practitioner_id=MMG, page_size=PAGE, overlap=timedelta(0)
        )
        summary = drive(engine.pull())
    return time.perf_counter() - started, summary


def compare(base_url: str, folder: Path, rounds: int, label: str) -> None:
    recording = Recording()
    first = CacheStore.open(folder / f"{label}-first.sqlcipher", secrets.token_bytes(32))
    _elapsed, summary = our_sync(base_url, first, recording)
    first.close()
    raw, ours = [], []
    for round_no in range(rounds):
        raw.append(raw_walk(recording.urls))
        store = CacheStore.open(folder / f"{label}-{round_no}.sqlcipher", secrets.token_bytes(32))
        elapsed, summary = our_sync(base_url, store)
        store.close()
        ours.append(elapsed)
    raw_s, ours_s = statistics.median(raw), statistics.median(ours)
    target = "<= 3.0" if label == "loopback" else "<= 1.0"
    print(f"[{label}] requests: {len(recording.urls)}; documents stored: {summary.documents}")
    print(f"[{label}] raw sequential httpx walk: median {raw_s:.2f} s {[f'{t:.2f}' for t in raw]}")
    print(
        f"[{label}] our sync:                  median {ours_s:.2f} s {[f'{t:.2f}' for t in ours]}"
    )
    print(f"[{label}] ratio sync / raw walk: {ours_s / raw_s:.2f}  (target {target})")


def no_change(base_url: str, folder: Path) -> None:
    store = CacheStore.open(folder / "steady.sqlcipher", secrets.token_bytes(32))
    our_sync(base_url, store)
    elapsed, summary = our_sync(base_url, store)
    store.close()
    print(
        f"[no change] requests: {summary.requests}; bytes: {summary.bytes_received:,}; "
        f"seconds: {elapsed:.2f}  (target < 50 KB; overlap window 0 s: the region was "
        "written moments ago)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--region", type=Path, default=None, help="a region file to reuse (seeded if missing)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        region_file = seed_region_file(args.region or folder / "region.sqlite", 42, args.patients)
        with sandbox(region_file, 42, args.patients) as base_url:
            compare(base_url, folder, args.rounds, "loopback")
            no_change(base_url, folder)
        with sandbox(region_file, 42, args.patients, ["--latency-ms", "50"]) as base_url:
            compare(base_url, folder, args.rounds, "50 ms latency")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak_mb:.0f} MB  (target <= 300 MB)")


if __name__ == "__main__":
    main()

"""First full pull of the 1,000-patient demo practice over loopback.

Prints documents per second and the ratio of our sync (HTTP + parse + map +
privacy rules + SQLCipher writes) to a raw httpx walk of the very same page URLs
with no parsing or storing. Target: ratio <= 2.0. Both sides run several times,
interleaved; medians are compared (the machine is noisy). The sandbox runs in
its own process, as the region's server would, so it does not share our GIL.

    .venv/bin/python bench/sync_bench.py [--patients 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _sandbox_process import sandbox, seed_region_file

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.sync import SyncEngine
from fse_desk.progress import drive
from fse_desk.store import CacheStore

TYPES = ("Patient", "Consent", "DocumentReference")
PAGE = 500


def page_urls(base_url: str) -> list[str]:
    """Every page URL a full pull visits (found once, by parsing)."""
    urls = []
    with httpx.Client() as http:
        for resource_type in TYPES:
            url: str | None = f"{base_url}/{resource_type}?_sort=_lastUpdated&_count={PAGE}"
            while url:
                urls.append(url)
                bundle = http.get(url).json()
                url = next(
                    (link["url"] for link in bundle.get("link", []) if link["relation"] == "next"),
                    None,
                )
    return urls


def raw_walk(urls: list[str]) -> float:
    started = time.perf_counter()
    with httpx.Client() as http:
        for url in urls:
            http.get(url).read()
    return time.perf_counter() - started


def our_sync(base_url: str, folder: Path, round_no: int) -> tuple[float, int]:
    store = CacheStore.open(folder / f"cache-{round_no}.sqlcipher", secrets.token_bytes(32))
    started = time.perf_counter()
    with FhirClient(base_url) as client:
        summary = drive(SyncEngine(store, client, page_size=PAGE).pull())
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, summary.documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        region_file = seed_region_file(folder / "region.sqlite", 42, args.patients)
        with sandbox(region_file, 42, args.patients) as base_url:
            urls = page_urls(base_url)
            raw, ours, documents = [], [], 0
            for round_no in range(args.rounds):
                raw.append(raw_walk(urls))
                elapsed, documents = our_sync(base_url, folder, round_no)
                ours.append(elapsed)
    raw_s, ours_s = statistics.median(raw), statistics.median(ours)
    print(f"pages walked: {len(urls)}; documents stored: {documents}")
    print(f"raw httpx walk: median {raw_s:.2f} s  {[f'{t:.2f}' for t in raw]}")
    print(f"our sync:       median {ours_s:.2f} s  {[f'{t:.2f}' for t in ours]}")
    print(f"documents per second: {documents / ours_s:,.0f}")
    print(f"ratio sync / raw walk: {ours_s / raw_s:.2f}  (target <= 2.0)")


if __name__ == "__main__":
    main()

"""The region for benchmarks: seeded once into a file, served by its own process.

A real region's server does not share our interpreter; running the sandbox in a
child process keeps its work off our GIL, so the ratios measure the client.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from fse_desk_sandbox import ResourceStore, ensure_seeded

TODAY = date(2026, 11, 1)


def seed_region_file(path: Path, seed: int, patients: int) -> Path:
    region = ResourceStore(path)
    started = time.perf_counter()
    ensure_seeded(region, seed=seed, patients=patients, today=TODAY)
    region.close()
    print(f"seeded {patients} patients in {time.perf_counter() - started:.1f} s")
    return path


@contextmanager
def sandbox(
    region_file: Path, seed: int, patients: int, extra_args: Sequence[str] = ()
) -> Iterator[str]:
    """A sandbox process serving ``region_file``; yields its FHIR base URL."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "fse-desk-sandbox"),
            "--data",
            str(region_file),
            "--seed",
            str(seed),
            "--patients",
            str(patients),
            "--port",
            "0",
            *extra_args,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base_url = ""
        for line in server.stdout:
            if "http://" in line:
                base_url = line[line.index("http://") :].split()[0]
                break
        if not base_url:
            raise RuntimeError("the sandbox did not start")
        yield base_url
    finally:
        server.terminate()
        server.wait()

"""Time to the first image of a PACS series against decoding one slice locally, timed the
same way over WADO-RS and over DIMSE.

Timed is from the doctor's pick (the series listed already) to the first slice decoded.
The pick comes a moment after the series list is shown, as a click does. Both sides run
``RUNS`` times; the ratio is of the medians (target ≤ 3), the best runs' printed beside.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from typing import Protocol

from fse_desk.imaging.decode import decode_pixels, read_dataset
from fse_desk.imaging.stack import ImageStack

RUNS = 15
# Between the series list on screen and the doctor's pick; no click is quicker.
PICK_AFTER_S = 0.2


class Pacs(Protocol):
    def retrieve_series(self, study_uid: str, series_uid: str) -> Iterator[bytes]: ...


def first_image(pacs: Pacs, study_uid: str, series_uid: str) -> list[float]:
    runs = []
    for _ in range(RUNS):
        time.sleep(PICK_AFTER_S)
        stack = ImageStack()
        t0 = time.perf_counter()
        parts = pacs.retrieve_series(study_uid, series_uid)
        stack.add(next(iter(parts)))
        stack.frame(0)
        runs.append(time.perf_counter() - t0)
        parts.close()  # type: ignore[attr-defined]
    return runs


def one_slice(raw: bytes) -> list[float]:
    runs = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        decode_pixels(read_dataset(raw))
        runs.append(time.perf_counter() - t0)
    return runs


def report(what: str, first: list[float], one: list[float]) -> str:
    ratio = statistics.median(first) / statistics.median(one)
    return (
        f"{what}, median (best) of {RUNS}: first image {_ms(first)}; decoding one slice "
        f"{_ms(one)}; ratio {ratio:.2f} (target ≤ 3), of the best runs "
        f"{min(first) / min(one):.2f}; load average {os.getloadavg()[0]:.1f}"
    )


def _ms(runs: list[float]) -> str:
    return f"{statistics.median(runs) * 1000:.1f} ms ({min(runs) * 1000:.1f} ms)"

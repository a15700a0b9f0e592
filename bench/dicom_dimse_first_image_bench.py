"""Time to first image of a 300-slice CT from Orthanc over DICOM networking, and its ratio to
decoding one slice locally. As in the viewer, the studies and series were listed (C-FIND)
before the doctor picks the series; timed is from that pick to the first slice decoded
(association, C-GET, arrival, decoding), as dicom_first_image_bench.py times WADO-RS.
The pick comes a moment after the series list is shown, as a doctor's click does.
Target ratio ≤ 3, of the medians of the runs; the best runs' ratio is printed beside it.
Printed for the CT as stored uncompressed and as JPEG 2000.
Needs /usr/sbin/Orthanc (and its DICOMweb plugin, which the shared fixture loads)."""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from pathlib import Path

from pydicom import dcmread
from pydicom.uid import JPEG2000Lossless

from fse_desk.connectors.dimse import DimseClient, DimsePeer
from fse_desk.imaging.decode import decode_pixels, read_dataset
from fse_desk.imaging.stack import ImageStack
from fse_desk_sandbox.imaging.studies import part10
from tests.fixtures_orthanc import ORTHANC_AE, WORKSTATION_AE, running_orthanc
from tests.imaging_files import ct_series

SLICES = 300
RUNS = 15
# Between the series list on screen and the doctor's pick; no click is quicker.
PICK_AFTER_S = 0.2
PATIENT = "BNCHXX00A01H501X"


def _jpeg2000(raw: bytes) -> bytes:
    ds = dcmread(io.BytesIO(raw))
    ds.compress(JPEG2000Lossless, generate_instance_uid=False)
    return part10(ds)


def _first_image(client: DimseClient, study_uid: str) -> list[float]:
    client.search_studies(PATIENT)
    series_uid = client.search_series(study_uid)[0].series_uid
    runs = []
    for _ in range(RUNS):
        time.sleep(PICK_AFTER_S)
        stack = ImageStack()
        t0 = time.perf_counter()
        parts = client.retrieve_series(study_uid, series_uid)
        stack.add(next(iter(parts)))
        stack.frame(0)
        runs.append(time.perf_counter() - t0)
        parts.close()  # type: ignore[attr-defined]
    return runs


def _one_slice(raw: bytes) -> list[float]:
    runs = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        decode_pixels(read_dataset(raw))
        runs.append(time.perf_counter() - t0)
    return runs


def main() -> None:
    plain = ct_series(SLICES, patient=PATIENT, uid="2.25.9090")
    compressed = [_jpeg2000(raw) for raw in ct_series(SLICES, patient=PATIENT, uid="2.25.9191")]
    with tempfile.TemporaryDirectory() as tmp, running_orthanc(Path(tmp)) as orthanc:
        for raw in plain + compressed:
            orthanc.upload(raw)
        peer = DimsePeer("127.0.0.1", orthanc.dicom_port, ORTHANC_AE, WORKSTATION_AE)
        client = DimseClient(peer)
        for label, uid, series in [
            ("uncompressed", "2.25.9090", plain),
            ("JPEG 2000", "2.25.9191", compressed),
        ]:
            first, one = _first_image(client, uid), _one_slice(series[0])
            median_ratio = statistics.median(first) / statistics.median(one)
            print(
                f"{SLICES}-slice CT ({label}) over DIMSE C-GET, median (best) of {RUNS}: first "
                f"image {_ms(first)}; decoding one slice {_ms(one)}; ratio {median_ratio:.2f} "
                f"(target ≤ 3), of the best runs {min(first) / min(one):.2f}; "
                f"load average {os.getloadavg()[0]:.1f}"
            )


def _ms(runs: list[float]) -> str:
    return f"{statistics.median(runs) * 1000:.1f} ms ({min(runs) * 1000:.1f} ms)"


if __name__ == "__main__":
    main()

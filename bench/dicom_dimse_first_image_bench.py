"""Time to first image of a 300-slice CT from Orthanc over DICOM networking, and its ratio to
decoding one slice locally. As in the viewer, the studies and series were listed (C-FIND)
before the doctor picks the series; timed is from that pick to the first slice decoded
(association, C-GET, arrival, decoding), as dicom_first_image_bench.py times WADO-RS
(bench/_first_image.py: the ratio of medians, target ≤ 3). Printed for the CT as stored
uncompressed and as JPEG 2000.
Needs /usr/sbin/Orthanc (and its DICOMweb plugin, which the shared fixture loads)."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from _first_image import first_image, one_slice, report
from pydicom import dcmread
from pydicom.uid import JPEG2000Lossless

from fse_desk.connectors.dimse import DimseClient, DimsePeer
from fse_desk_sandbox.imaging.studies import part10
from tests.fixtures_orthanc import ORTHANC_AE, WORKSTATION_AE, running_orthanc
from tests.imaging_files import ct_series

SLICES = 300
PATIENT = "BNCHXX00A01H501X"


def _jpeg2000(raw: bytes) -> bytes:
    ds = dcmread(io.BytesIO(raw))
    ds.compress(JPEG2000Lossless, generate_instance_uid=False)
    return part10(ds)


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
            client.search_studies(PATIENT)
            series_uid = client.search_series(uid)[0].series_uid
            first = first_image(client, uid, series_uid)
            print(
                report(f"{SLICES}-slice CT ({label}) over DIMSE C-GET", first, one_slice(series[0]))
            )


if __name__ == "__main__":
    main()

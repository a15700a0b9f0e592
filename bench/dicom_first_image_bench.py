"""Time to first image of a JPEG 2000 series from Orthanc (DICOMweb WADO-RS), and its ratio
to decoding one slice locally (bench/_first_image.py: the ratio of medians, target ≤ 3).
Needs /usr/sbin/Orthanc + DICOMweb plugin."""

from __future__ import annotations

import json
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from _first_image import first_image, one_slice, report

from fse_desk.connectors.dicomweb import DicomWebClient
from tests.fixtures_orthanc import DICOMWEB_PLUGIN, ORTHANC
from tests.imaging_files import jpeg2000_series


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    series = jpeg2000_series(60, uid="2.25.8080")
    with tempfile.TemporaryDirectory() as tmp:
        port = _port()
        config = {
            "StorageDirectory": f"{tmp}/db",
            "IndexDirectory": f"{tmp}/db",
            "HttpPort": port,
            "DicomPort": _port(),
            "DicomServerEnabled": False,
            "RemoteAccessAllowed": False,
            "Plugins": [str(DICOMWEB_PLUGIN)],
            "DicomWeb": {"Enable": True, "Root": "/dicom-web/"},
        }
        Path(tmp, "orthanc.json").write_text(json.dumps(config))
        proc = subprocess.Popen(
            [str(ORTHANC), tmp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            rest = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    httpx.get(f"{rest}/system", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.05)
            for raw in series:
                httpx.post(f"{rest}/instances", content=raw, timeout=30).raise_for_status()
            client = DicomWebClient(f"{rest}/dicom-web")
            series_uid = client.search_series("2.25.8080")[0].series_uid
            first = first_image(client, "2.25.8080", series_uid)
            print(report("JPEG 2000 series over WADO-RS", first, one_slice(series[0])))
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()

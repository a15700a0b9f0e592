"""A real Orthanc PACS on loopback, started once per test session: its DICOMweb plugin and its
DICOM port (C-FIND, C-GET, C-MOVE), which knows the workstation's AE for C-MOVE."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ORTHANC = Path("/usr/sbin/Orthanc")
DICOMWEB_PLUGIN = Path("/usr/share/orthanc/plugins/libOrthancDicomWeb.so")


ORTHANC_AE = "ORTHANC"
WORKSTATION_AE = "FSEDESK"


@dataclass
class OrthancServer:
    http_port: int
    process: subprocess.Popen[bytes]
    dicom_port: int = 0
    storage_port: int = 0  # where Orthanc sends C-MOVE results to WORKSTATION_AE

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def dicomweb_url(self) -> str:
        return f"{self.rest_url}/dicom-web"

    def upload(self, part10: bytes) -> None:
        response = httpx.post(f"{self.rest_url}/instances", content=part10, timeout=30)
        response.raise_for_status()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    """Orthanc is up and serving its REST API (refused or timed out: not yet)."""
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def running_orthanc(
    folder: Path, ports: tuple[int, int, int] | None = None, *, allow_get: bool = True
) -> Iterator[OrthancServer]:
    """Orthanc on free loopback ports (or ``ports``: HTTP, DICOM, our storage SCP, to start it
    again where it was), its database in ``folder``, until the block ends. ``allow_get``
    False: it refuses our C-GET, as an archive that only moves does."""
    assert ORTHANC.exists() and DICOMWEB_PLUGIN.exists(), (
        "Orthanc is missing: apt-get install orthanc orthanc-dicomweb (./dev test does it)"
    )
    http_port, dicom_port, storage_port = ports or (_free_port(), _free_port(), _free_port())
    config = {
        "Name": "fse-desk-tests",
        "StorageDirectory": str(folder / "db"),
        "IndexDirectory": str(folder / "db"),
        "HttpPort": http_port,
        "DicomPort": dicom_port,
        "DicomServerEnabled": True,
        "DicomAet": ORTHANC_AE,
        "DicomCheckCalledAet": True,
        "DicomModalities": {
            "fsedesk": {
                "AET": WORKSTATION_AE,
                "Host": "127.0.0.1",
                "Port": storage_port,
                "AllowGet": allow_get,
            }
        },
        "DicomCheckModalityHost": True,
        "RemoteAccessAllowed": False,
        "AuthenticationEnabled": False,
        "HttpCompressionEnabled": False,
        "Plugins": [str(DICOMWEB_PLUGIN)],
        "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": False},
    }
    config_dir = folder / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "orthanc.json").write_text(json.dumps(config), encoding="utf-8")
    log = (folder / "orthanc.log").open("wb")
    process = subprocess.Popen(
        [str(ORTHANC), str(config_dir)], stdout=log, stderr=subprocess.STDOUT
    )
    server = OrthancServer(http_port, process, dicom_port, storage_port)
    try:
        deadline = time.monotonic() + 20
        while not _answers(f"{server.rest_url}/system"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "orthanc.log").read_text(errors="replace")[-2000:])
            time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(folder / "db", ignore_errors=True)


@pytest.fixture(scope="session")
def orthanc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OrthancServer]:
    with running_orthanc(tmp_path_factory.mktemp("orthanc")) as server:
        yield server

"""A FHIR R4 server nobody on the team wrote: Medplum's FHIR router over HTTP on loopback.

``./dev test`` installs Node (Debian's ``nodejs``/``npm``) and the pinned npm packages
of ``tests/independent_fhir`` (``npm ci``); ``independent_fhir(resources)`` starts the
server for one test and seeds it with a sandbox export (every resource PUT under its
own id, as a region's data would be loaded). Medplum's in-memory search scans every
resource per request, so tests give it a few patients' worth, not a whole region.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

SERVER_DIR = Path(__file__).resolve().parent / "independent_fhir"


@pytest.fixture
def independent_fhir() -> Iterator[Callable[[list[dict[str, Any]]], str]]:
    """Start Medplum's router seeded with ``resources``; returns its FHIR base URL."""
    node = shutil.which("node")
    if node is None or not (SERVER_DIR / "node_modules" / "@medplum" / "fhir-router").is_dir():
        pytest.fail(
            "the independent FHIR server is not installed: run the tests through ./dev test "
            "(it installs nodejs and runs npm ci in tests/independent_fhir)"
        )
    started: list[subprocess.Popen[str]] = []

    def start(resources: list[dict[str, Any]]) -> str:
        process = subprocess.Popen(
            [str(node), "server.mjs"],
            cwd=SERVER_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()  # "listening <port>", or "" if it died
        if not line.startswith("listening "):
            pytest.fail("the independent FHIR server did not start (node server.mjs)")
        base_url = f"http://127.0.0.1:{int(line.split()[1])}/fhir"
        _seed(base_url, resources)
        return base_url

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def _seed(base_url: str, resources: list[dict[str, Any]]) -> None:
    headers = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}
    with httpx.Client(base_url=base_url + "/", headers=headers, timeout=30) as http:

        def put(resource: dict[str, Any]) -> None:
            answer = http.put(f"{resource['resourceType']}/{resource['id']}", json=resource)
            if answer.status_code >= 300:
                raise AssertionError(
                    f"seeding {resource['resourceType']}/{resource['id']}: "
                    f"{answer.status_code} {answer.text[:300]}"
                )

        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(put, resources))


def region_export(resources: list[dict[str, Any]], patients: int) -> list[dict[str, Any]]:
    """The first ``patients`` assistiti of a region with everything that refers to them."""
    ids = {r["id"] for r in resources if r["resourceType"] == "Patient"}
    kept = set(sorted(ids)[:patients])
    chosen: list[dict[str, Any]] = []
    for resource in resources:
        refs = [resource.get(key, {}).get("reference", "") for key in ("subject", "patient")]
        owner = next((r.split("/")[1] for r in refs if r.startswith("Patient/")), None)
        if resource["resourceType"] == "Patient":
            owner = resource["id"]
        if owner is None or owner in kept:
            chosen.append(resource)
    return chosen

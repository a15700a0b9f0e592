"""Sandbox fixtures: the regional FHIR server over real HTTP on 127.0.0.1.

- ``sandbox``: a running :class:`SandboxServer` with an empty in-memory region and
  no faults (one server per session, emptied before each test: starting uvicorn
  per test would cost more than all the sandbox tests together);
- ``fhir``: an ``httpx.Client`` whose base URL is the sandbox's FHIR base;
- ``sandbox_factory``: start an extra server over a store of your own.

Plus small builders of hand-made resources (``patient``, ``document``, ...).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from fse_desk_sandbox import FaultConfig, ResourceStore, SandboxServer

CF_SYSTEM = "http://hl7.it/sid/codiceFiscale"
LOINC = "http://loinc.org"


@pytest.fixture(scope="session")
def _sandbox_session() -> Iterator[SandboxServer]:
    store = ResourceStore()
    server = SandboxServer(store).start()
    yield server
    server.stop()
    store.close()


@pytest.fixture
def sandbox(_sandbox_session: SandboxServer) -> Iterator[SandboxServer]:
    """The running sandbox, emptied and without faults."""
    _sandbox_session.store.clear()
    _sandbox_session.faults = FaultConfig()
    yield _sandbox_session
    _sandbox_session.faults = FaultConfig()


@pytest.fixture
def fhir(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """An httpx client on the sandbox's FHIR base URL, asking for FHIR JSON."""
    with httpx.Client(
        base_url=sandbox.base_url + "/",
        headers={"Accept": "application/fhir+json"},
        timeout=10,
    ) as client:
        yield client


@pytest.fixture
def sandbox_factory() -> Iterator[Callable[..., SandboxServer]]:
    """Start ``SandboxServer(store, **kwargs)``; every server is stopped after the test."""
    started: list[SandboxServer] = []

    def start(store: ResourceStore, **kwargs: Any) -> SandboxServer:
        server = SandboxServer(store, **kwargs).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def patient(
    pid: str | None = None,
    *,
    cf: str = "RSSMRA80A01A944I",
    family: str = "Rossi",
    given: str = "Mario",
    birth: str = "1980-01-01",
    gp: str | None = None,
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": CF_SYSTEM, "value": cf}],
        "name": [{"use": "official", "family": family, "given": [given]}],
        "gender": "male",
        "birthDate": birth,
    }
    if pid is not None:
        resource["id"] = pid
    if gp is not None:
        resource["generalPractitioner"] = [{"reference": f"Practitioner/{gp}"}]
    return resource


def document(
    did: str,
    patient_id: str,
    *,
    loinc: str = "11502-2",
    date: str = "2024-05-10T10:00:00+02:00",
    category: str = "REF",
    status: str = "current",
) -> dict[str, Any]:
    return {
        "resourceType": "DocumentReference",
        "id": did,
        "status": status,
        "type": {"coding": [{"system": LOINC, "code": loinc}]},
        "category": [{"coding": [{"system": "urn:fse:class", "code": category}]}],
        "subject": {"reference": f"Patient/{patient_id}"},
        "date": date,
        "content": [{"attachment": {"contentType": "application/pdf", "url": f"Binary/{did}"}}],
    }


def binary(bid: str, content: bytes, content_type: str = "application/pdf") -> dict[str, Any]:
    return {
        "resourceType": "Binary",
        "id": bid,
        "contentType": content_type,
        "data": base64.b64encode(content).decode("ascii"),
    }

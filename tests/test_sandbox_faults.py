"""Fault injection as an httpx client sees it, switched on and off on a running server."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from fse_desk.errors import InvalidRecord
from fse_desk_sandbox import FaultConfig, SandboxServer
from tests.fixtures_sandbox import patient


@pytest.fixture
def fhir_p1(fhir: httpx.Client) -> httpx.Client:
    assert fhir.put("Patient/p1", json=patient("p1")).status_code == 201
    return fhir


def test_latency_delays_answers(fhir_p1: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults = FaultConfig(latency_ms=150)
    started = time.perf_counter()
    assert fhir_p1.get("Patient/p1").status_code == 200
    assert time.perf_counter() - started >= 0.1  # loose: never a tight timing assertion


def test_error_rate_gives_roughly_that_share_of_503(
    fhir_p1: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults = FaultConfig(error_rate=0.3, seed=11)
    statuses = [fhir_p1.get("Patient/p1").status_code for _ in range(200)]
    share = statuses.count(503) / len(statuses)
    assert 0.15 < share < 0.45
    assert set(statuses) == {200, 503}


def test_503_is_an_operation_outcome_with_retry_after(
    fhir_p1: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults = FaultConfig(error_rate=1.0)
    response = fhir_p1.get("Patient/p1")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json()["issue"][0]["code"] == "transient"


def test_faults_are_deterministic_for_a_seed(fhir_p1: httpx.Client, sandbox: SandboxServer) -> None:
    def run() -> list[int]:
        sandbox.faults = FaultConfig(error_rate=0.5, seed=3)
        return [fhir_p1.get("Patient/p1").status_code for _ in range(40)]

    assert run() == run()


def test_dropped_connection_is_a_transport_error(
    fhir_p1: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults = FaultConfig(drop_rate=1.0)
    with pytest.raises(httpx.TransportError):
        fhir_p1.get("Patient/p1")
    with pytest.raises(httpx.RemoteProtocolError):
        fhir_p1.get("Patient", params={"_count": "10"})
    sandbox.faults = FaultConfig()
    assert fhir_p1.get("Patient/p1").status_code == 200  # the same client recovers


@pytest.mark.parametrize("kind", ["truncate_rate", "malformed_rate"])
def test_damaged_bodies_do_not_parse(
    fhir_p1: httpx.Client, sandbox: SandboxServer, kind: str
) -> None:
    sandbox.faults = FaultConfig(**{kind: 1.0})
    for path in ("Patient/p1", "Patient", "metadata"):
        response = fhir_p1.get(path)
        assert response.status_code == 200
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)
    sandbox.faults = FaultConfig()
    assert fhir_p1.get("Patient/p1").json()["id"] == "p1"


def test_faults_given_at_start(sandbox_factory, sandbox: SandboxServer) -> None:
    server = sandbox_factory(sandbox.store, faults=FaultConfig(error_rate=1.0))
    assert httpx.get(f"{server.base_url}/metadata").status_code == 503
    assert httpx.get(f"{sandbox.base_url}/metadata").status_code == 200


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"error_rate": 1.5}, "error_rate"),
        ({"drop_rate": -0.1}, "drop_rate"),
        ({"latency_ms": -1}, "latency_ms"),
        ({"error_rate": 0.6, "drop_rate": 0.6}, "error_rate"),
    ],
)
def test_fault_config_is_validated(kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidRecord, match=field.split("_")[0]) as caught:
        FaultConfig(**kwargs)
    assert caught.value.field == field

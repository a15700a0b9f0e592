"""A small synthetic region served by a real sandbox over HTTP, and a cache to sync into."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fse_desk.config import AppConfig, DemoConfig, RegionConfig, UserConfig
from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.domain.roles import Role
from fse_desk.startup import open_workstation
from fse_desk.store import CacheStore
from fse_desk.workstation import Workstation
from fse_desk_sandbox import ResourceStore, SandboxServer
from fse_desk_sandbox.region import generate_region

REGION_SEED = 7
REGION_PATIENTS = 40
REGION_TODAY = date(2026, 11, 1)


@pytest.fixture(scope="session")
def small_region() -> list[dict[str, Any]]:
    """The resources of a 40-patient region (generated once per test session)."""
    return [
        r for batch in generate_region(REGION_SEED, REGION_PATIENTS, REGION_TODAY) for r in batch
    ]


@dataclass
class LiveRegion:
    store: ResourceStore
    server: SandboxServer
    client: FhirClient
    resources: list[dict[str, Any]]

    def of_type(self, resource_type: str) -> list[dict[str, Any]]:
        return [r for r in self.resources if r["resourceType"] == resource_type]


@pytest.fixture
def live_region(tmp_path: Path, small_region: list[dict[str, Any]]) -> Iterator[LiveRegion]:
    store = ResourceStore(tmp_path / "region.sqlite")
    store.bulk_load(small_region)
    server = SandboxServer(store)
    server.start()
    client = FhirClient(server.base_url, retry=RetryPolicy(attempts=2, base_delay_s=0.01))
    try:
        yield LiveRegion(store, server, client, small_region)
    finally:
        client.close()
        server.stop()
        store.close()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CacheStore]:
    store = CacheStore.open(tmp_path / "cache.sqlcipher", secrets.token_bytes(32))
    try:
        yield store
    finally:
        store.close()


def region_config(data_dir: Path, base_url: str, role: Role = Role.NURSE) -> AppConfig:
    """A configured (non-demo) workstation of a Casa della Salute nurse on ``base_url``
    (or of a colleague with another ``role``)."""
    user = UserConfig(
        profile="neri",
        display_name="Inf. Carla Neri",
        codice_fiscale="NRECRL80A41A944K",
        role=role,
    )
    return AppConfig(
        user=user, region=RegionConfig(base_url, timeout_s=2), demo=DemoConfig(), data_dir=data_dir
    )


@pytest.fixture
def region_workstation(tmp_path: Path, live_region: LiveRegion) -> Iterator[Workstation]:
    """A Workstation on the live region, through the real start-up path."""
    opened = open_workstation(region_config(tmp_path, live_region.server.base_url))
    yield opened
    opened.close()

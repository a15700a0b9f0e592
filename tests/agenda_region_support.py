"""The sandbox serving only the team's agenda, and two desks with their own caches."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from fse_desk.connectors.agenda_pull import pull_agenda
from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import Participant
from fse_desk.store import CacheStore
from fse_desk_sandbox import ResourceStore, SandboxServer
from fse_desk_sandbox.region.agenda import agenda_resources
from fse_desk_sandbox.region.facilities import DEMO_MMG_ID
from tests.fixtures_region import REGION_PATIENTS, REGION_SEED, LiveRegion

TODAY = datetime.now(UTC).date()
MMG = Participant(f"Practitioner/{DEMO_MMG_ID}", "Dott.ssa Elena Guidotti")


def pull(region: LiveRegion, cache: CacheStore) -> None:
    start = at_rome(TODAY - timedelta(weeks=6), time(0))
    pull_agenda(region.client, cache, start=start, end=plus(start, timedelta(weeks=11)))


def free_mmg_slot(cache: CacheStore) -> tuple[str, datetime]:
    """A free slot of the demo MMG on a working day at least two days ahead."""
    for day in (TODAY + timedelta(days=n) for n in range(2, 20)):
        for clock in (time(h, m) for h in range(8, 13) for m in (0, 30)):
            start = at_rome(day, clock)
            slot_id = cache.agenda.free_slot_at(f"sched-{DEMO_MMG_ID}", start)
            if slot_id and not cache.agenda.between(
                start, plus(start, timedelta(minutes=30)), actors=[MMG.reference]
            ):
                return slot_id, start
    raise AssertionError("no free MMG slot in the demo agenda")


@pytest.fixture(scope="module", name="agenda_batch")
def agenda_batch_fixture() -> list[dict[str, Any]]:
    return agenda_resources(REGION_SEED, REGION_PATIENTS, TODAY)


@pytest.fixture(name="agenda_region")
def agenda_region_fixture(
    tmp_path: Path, agenda_batch: list[dict[str, Any]]
) -> Iterator[LiveRegion]:
    """The sandbox serving only the team's agenda (the patients' documents are not needed)."""
    store = ResourceStore(tmp_path / "region.sqlite")
    store.bulk_load(agenda_batch)
    server = SandboxServer(store)
    server.start()
    client = FhirClient(server.base_url, retry=RetryPolicy(attempts=2, base_delay_s=0.01))
    try:
        yield LiveRegion(store, server, client, agenda_batch)
    finally:
        client.close()
        server.stop()
        store.close()


def _cache(tmp_path: Path, name: str) -> CacheStore:
    return CacheStore.open(tmp_path / f"{name}.sqlcipher", secrets.token_bytes(32))


@pytest.fixture(name="desks")
def desks_fixture(tmp_path: Path) -> Iterator[tuple[CacheStore, CacheStore]]:
    first, second = _cache(tmp_path, "desk-a"), _cache(tmp_path, "desk-b")
    try:
        yield first, second
    finally:
        first.close()
        second.close()

"""The workstation's connection status: updates from several threads are never lost."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.domain.roles import Role
from fse_desk.security.secrets import CacheKey
from fse_desk.store import CacheStore
from fse_desk.workstation import ConnectionStatus, Operator, Workstation

_THREADS = 8
_UPDATES = 500


@pytest.fixture
def workstation(cache_store: CacheStore, cache_key: CacheKey) -> Iterator[Workstation]:
    # Nothing here talks to the server: the client only needs an address.
    client = FhirClient("http://127.0.0.1:9/fhir")
    operator = Operator("Dott. Test", "RSSMRA70A01H501S", Role.MMG, None, "test")
    yield Workstation(
        store=cache_store, client=client, operator=operator, cache_key=cache_key, demo=False
    )
    client.close()


def test_concurrent_updates_are_all_kept_and_announced_in_order(
    workstation: Workstation,
) -> None:
    announced: list[int] = []
    workstation.status_changed.connect(lambda status: announced.append(status.outbox_pending))
    start = threading.Barrier(_THREADS)

    def bump(status: ConnectionStatus) -> ConnectionStatus:
        return replace(status, outbox_pending=status.outbox_pending + 1)

    def hammer() -> None:
        start.wait()
        for _ in range(_UPDATES):
            workstation._update_status(bump)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up
    try:
        threads = [threading.Thread(target=hammer) for _ in range(_THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    total = _THREADS * _UPDATES
    assert workstation.status.outbox_pending == total
    assert announced == list(range(1, total + 1))

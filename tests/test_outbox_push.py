"""The outbox pushed to the sandbox over HTTP: once, in order, with conflicts kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fse_desk.connectors.push import OutboxPusher, PushSummary, local_identifier
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.outbox import OutboxMethod, OutboxState
from fse_desk.domain.vitals import Vital
from fse_desk.outbox import OutboxService
from fse_desk.progress import drive
from fse_desk.store import CacheStore
from fse_desk.vitals import VitalsService
from fse_desk_sandbox import FaultConfig
from tests.fixtures_region import LiveRegion
from tests.timeline_support import clinician_access

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


class Clock:
    """The pusher's clock, moved by the test to step over backoff delays."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def synced(cache: CacheStore, live_region: LiveRegion) -> Iterator[CacheStore]:
    drive(SyncEngine(cache, live_region.client).pull())
    yield cache


def _patient(cache: CacheStore) -> str:
    return cache.patients.search("")[0].id


def _push(cache: CacheStore, region: LiveRegion, clock: Clock | None = None) -> PushSummary:
    return drive(OutboxPusher(cache, region.client, now=clock or Clock()).push())


def _server_copies(region: LiveRegion, local_id: str) -> list[dict[str, Any]]:
    ident = local_identifier(local_id)
    return list(
        region.client.search("Observation", {"identifier": f"{ident['system']}|{ident['value']}"})
    )


def _record(cache: CacheStore, **measures: tuple[float, ...]) -> list[Any]:
    vitals = VitalsService(cache, clinician_access(cache))
    return vitals.record(
        _patient(cache),
        {Vital[name]: values for name, values in measures.items()},
        effective_at=NOW,
        performer="Inf. Carla Neri",
        note="a domicilio",
    )


def test_readings_reach_the_server_once_as_vital_sign_observations(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    readings = _record(
        synced, BLOOD_PRESSURE=(135.0, 85.0), HEART_RATE=(72.0,), BODY_WEIGHT=(81.5,)
    )
    assert synced.outbox.count_pending() == 3
    summary = _push(synced, live_region)
    assert summary.sent == 3 and synced.outbox.count_pending() == 0
    for reading in readings:
        [copy] = _server_copies(live_region, reading.id)
        assert copy["subject"]["reference"] == f"Patient/{reading.patient_id}"
        assert copy["category"][0]["coding"][0]["code"] == "vital-signs"
        assert copy["code"]["coding"][0]["code"] == reading.vital.value.loinc
    bp = _server_copies(live_region, readings[0].id)[0]
    assert [
        (c["code"]["coding"][0]["code"], c["valueQuantity"]["value"], c["valueQuantity"]["code"])
        for c in bp["component"]
    ] == [("8480-6", 135.0, "mm[Hg]"), ("8462-4", 85.0, "mm[Hg]")]
    assert _push(synced, live_region).sent == 0  # nothing left to send


def test_a_resend_after_a_lost_answer_makes_no_duplicate(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    [reading] = _record(synced, SPO2=(94.0,))
    [entry] = synced.outbox.sendable()
    # The first attempt reached the server but its answer was lost: the entry is still open.
    ident = local_identifier(reading.id)
    live_region.client.create(
        entry.payload, if_none_exist=f"identifier={ident['system']}|{ident['value']}"
    )
    assert _push(synced, live_region).sent == 1
    assert len(_server_copies(live_region, reading.id)) == 1


def test_corrections_go_in_order_with_if_match(synced: CacheStore, live_region: LiveRegion) -> None:
    [reading] = _record(synced, BODY_TEMPERATURE=(38.2,))
    VitalsService(synced, clinician_access(synced)).correct(
        reading, (37.8,), "ricontrollata"
    )  # still offline: queued
    assert _push(synced, live_region).sent == 2
    [copy] = _server_copies(live_region, reading.id)
    assert copy["valueQuantity"]["value"] == 37.8
    assert copy["meta"]["versionId"] == "2"


def test_a_conflict_is_kept_and_the_user_chooses(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    [reading] = _record(synced, HEART_RATE=(88.0,))
    _push(synced, live_region)
    [theirs] = _server_copies(live_region, reading.id)
    theirs["valueQuantity"]["value"] = 90.0  # someone else corrected it meanwhile
    live_region.client.update(theirs)
    VitalsService(synced, clinician_access(synced)).correct(reading, (86.0,), "")
    summary = _push(synced, live_region)
    assert summary.conflicts == 1 and summary.sent == 0
    [entry] = [e for e in synced.outbox.entries() if e.state is OutboxState.CONFLICT]
    assert entry.conflict_payload["valueQuantity"]["value"] == 90.0  # both versions are kept
    assert entry.payload["valueQuantity"]["value"] == 86.0
    assert _server_copies(live_region, reading.id)[0]["valueQuantity"]["value"] == 90.0

    service = OutboxService(synced, clinician_access(synced, "Inf. Carla Neri"), lambda: None)
    service.keep_mine(entry.id)
    assert _push(synced, live_region).sent == 1
    assert _server_copies(live_region, reading.id)[0]["valueQuantity"]["value"] == 86.0


def test_taking_the_servers_version_updates_the_local_reading(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    [reading] = _record(synced, CAPILLARY_GLUCOSE=(180.0,))
    _push(synced, live_region)
    [theirs] = _server_copies(live_region, reading.id)
    theirs["valueQuantity"]["value"] = 118.0
    live_region.client.update(theirs)
    VitalsService(synced, clinician_access(synced)).correct(reading, (181.0,), "")
    _push(synced, live_region)
    [entry] = [e for e in synced.outbox.entries() if e.state is OutboxState.CONFLICT]
    OutboxService(
        synced, clinician_access(synced, "Dott.ssa Elena Guidotti"), lambda: None
    ).take_theirs(entry.id)
    assert synced.vitals.get(reading.id).values == (118.0,)
    settled = synced.outbox.get(entry.id)
    assert settled.state is OutboxState.DISCARDED
    assert settled.discarded_by == "Dott.ssa Elena Guidotti"
    assert synced.outbox.count_pending() == 0


def test_a_refused_change_stops_alone_and_says_why(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    bad = synced.outbox.enqueue(
        resource_type="Observation",
        resource_id="bad-1",
        method=OutboxMethod.CREATE,
        payload={
            "resourceType": "Observation",
            "meta": "broken",
            "identifier": [local_identifier("bad-1")],
        },
        description="?",
        patient_id=None,
    )
    [good] = _record(synced, RESPIRATORY_RATE=(18.0,))
    summary = _push(synced, live_region)
    assert summary.refused == 1 and summary.sent == 1
    refused = synced.outbox.get(bad)
    assert refused.state is OutboxState.ERROR
    assert "422" in refused.last_error and "meta must be a JSON object" in refused.last_error
    assert len(_server_copies(live_region, good.id)) == 1
    OutboxService(synced, clinician_access(synced, "Inf. Carla Neri"), lambda: None).discard(bad)
    assert synced.outbox.get(bad).state is OutboxState.DISCARDED
    assert synced.outbox.count_pending() == 0


def test_no_connection_stops_the_round_without_penalising_anyone(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    readings = _record(synced, HEART_RATE=(70.0,), SPO2=(97.0,), BODY_WEIGHT=(70.0,))
    port = live_region.server.port
    live_region.server.stop()
    for _ in range(5):  # a long time offline: many rounds fail to connect
        summary = _push(synced, live_region)
        assert summary.stopped_early and summary.sent == 0 and summary.retrying == 0
    assert all(
        e.attempts == 0 and e.next_attempt_at is None and e.state is OutboxState.PENDING
        for e in synced.outbox.sendable()
    )

    from fse_desk_sandbox import SandboxServer

    with SandboxServer(live_region.store, port=port):
        assert _push(synced, live_region).sent == 3  # all at once when the link returns
        for reading in readings:
            assert len(_server_copies(live_region, reading.id)) == 1


def test_server_errors_back_off_then_send_when_due(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    readings = _record(
        synced, HEART_RATE=(70.0,), SPO2=(97.0,), BODY_WEIGHT=(70.0,), BODY_TEMPERATURE=(36.5,)
    )
    clock = Clock()
    live_region.server.faults = FaultConfig(error_rate=1.0, seed=1)
    summary = _push(synced, live_region, clock)
    assert summary.stopped_early and summary.retrying == 3 and summary.sent == 0
    waiting = [e for e in synced.outbox.sendable() if e.next_attempt_at is not None]
    assert len(waiting) == 3
    assert all(e.next_attempt_at > clock.now for e in waiting)
    assert all("503" in e.last_error for e in waiting)
    live_region.server.faults = FaultConfig()
    early = _push(synced, live_region, clock)
    assert early.sent == 1 and early.waiting == 3  # the backed-off ones wait their turn
    clock.now += timedelta(minutes=20)
    assert _push(synced, live_region, clock).sent == 3
    for reading in readings:
        assert len(_server_copies(live_region, reading.id)) == 1


def test_with_faults_on_every_change_lands_exactly_once(
    synced: CacheStore, live_region: LiveRegion
) -> None:
    vitals = VitalsService(synced, clinician_access(synced))
    patients = [p.id for p in synced.patients.search("")[:10]]
    readings = [
        r
        for i, pid in enumerate(patients)
        for r in vitals.record(
            pid,
            {Vital.HEART_RATE: (60.0 + i,), Vital.SPO2: (95.0,), Vital.BODY_WEIGHT: (70.0 + i,)},
            effective_at=NOW,
            performer="Inf. Carla Neri",
        )
    ]
    live_region.server.faults = FaultConfig(
        error_rate=0.2, drop_rate=0.1, truncate_rate=0.1, malformed_rate=0.1, seed=3
    )
    clock = Clock()
    rounds = 0
    while synced.outbox.count_pending() and rounds < 200:
        rounds += 1
        _push(synced, live_region, clock)
        clock.now += timedelta(hours=1)  # step over every backoff
    live_region.server.faults = FaultConfig()
    assert synced.outbox.count_pending() == 0, f"not drained after {rounds} rounds"
    assert rounds > 1  # the faults really bit
    assert all(len(_server_copies(live_region, r.id)) == 1 for r in readings)

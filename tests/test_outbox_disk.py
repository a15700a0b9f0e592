"""A full disk or a read-only cache: a clear error when recording, nothing saved is lost.

The disk is really full for SQLite (``max_size_bytes`` caps the file, so the
write fails with SQLITE_FULL), and the read-only cache is a real file or folder
without write permission (opened read-only, so writes fail with SQLITE_READONLY).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fse_desk.domain.outbox import OutboxEntry
from fse_desk.domain.patient import Patient
from fse_desk.domain.vitals import Vital, VitalReading
from fse_desk.errors import StoreFull, StoreReadOnly
from fse_desk.security import CacheKey
from fse_desk.store import CacheStore
from fse_desk.vitals import VitalsService
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.messages import user_message
from tests.fixtures_store import RecordFactory
from tests.timeline_support import clinician_access

WHEN = datetime.now(UTC) - timedelta(hours=1)
EVERY_VITAL = {
    Vital.BLOOD_PRESSURE: (140.0, 90.0),
    Vital.HEART_RATE: (76.0,),
    Vital.SPO2: (95.0,),
    Vital.BODY_WEIGHT: (82.4,),
    Vital.BODY_TEMPERATURE: (36.9,),
    Vital.CAPILLARY_GLUCOSE: (128.0,),
    Vital.RESPIRATORY_RATE: (16.0,),
}
# A long note makes each reading (its row and its queued Observation) span pages.
LONG_NOTE = "Paziente dispnoico dopo le scale, caviglie gonfie. " * 60


@pytest.fixture
def italian(qapp: object) -> None:
    install_translators(qapp, "it")


def _record(
    store: CacheStore,
    patient: Patient,
    measurements: dict[Vital, tuple[float, ...]],
    note: str = "",
) -> list[VitalReading]:
    return VitalsService(store, clinician_access(store)).record(
        patient.id, measurements, effective_at=WHEN, performer="Inf. Carla Neri", note=note
    )


def _saved(store: CacheStore, patient: Patient) -> tuple[list[VitalReading], list[OutboxEntry]]:
    return (
        store.vitals.for_patient(patient.id, limit=10_000),
        store.outbox.entries(include_closed=True, limit=10_000),
    )


@pytest.fixture
def patient_with_readings(
    store_path: Path, cache_key: CacheKey, records: RecordFactory
) -> Iterator[Patient]:
    """A cache holding a patient with six readings already queued for the FSE."""
    patient = records.patient()
    with CacheStore.open(store_path, cache_key.key) as store:
        store.patients.upsert_many([patient])
        _record(store, patient, {Vital.HEART_RATE: (70.0,), Vital.SPO2: (97.0,)})
        _record(store, patient, {Vital.BLOOD_PRESSURE: (150.0, 95.0)}, note="a domicilio")
        _record(
            store,
            patient,
            {
                Vital.BODY_WEIGHT: (83.0,),
                Vital.BODY_TEMPERATURE: (37.2,),
                Vital.CAPILLARY_GLUCOSE: (140.0,),
            },
        )
    yield patient


def test_a_full_disk_refuses_the_whole_record_and_keeps_what_was_saved(
    patient_with_readings: Patient, store_path: Path, cache_key: CacheKey, italian: None
) -> None:
    patient = patient_with_readings
    with CacheStore.open(store_path, cache_key.key) as store:
        before = _saved(store, patient)
    assert len(before[0]) == len(before[1]) == 6
    room = 8 * 4096  # a few pages: room for one long reading, not for seven
    with CacheStore.open(
        store_path, cache_key.key, max_size_bytes=store_path.stat().st_size + room
    ) as store:
        with pytest.raises(StoreFull, match=r"is full\. Free some disk space.*intact") as full:
            _record(store, patient, EVERY_VITAL, note=LONG_NOTE)
        assert _saved(store, patient) == before  # none of the seven was kept
        assert store.integrity_ok()
        # The refused record was half-writable: one of its readings alone still fits.
        [alone] = _record(store, patient, {Vital.HEART_RATE: (76.0,)}, note=LONG_NOTE)
    with CacheStore.open(store_path, cache_key.key) as store:  # the disk has room again
        readings, entries = _saved(store, patient)
        assert store.integrity_ok()
    assert len(readings) == 7 and set(readings) == {*before[0], alone}
    assert entries[1:] == before[1] and entries[0].resource_id == alone.id
    assert user_message(full.value) == (
        "Il disco è pieno: non si può salvare altro nella cache locale. I dati già salvati "
        "sono al sicuro. Libera spazio e riprova."
    )


@pytest.mark.parametrize("protected", ["file", "folder"])
def test_a_read_only_cache_refuses_to_record_and_keeps_what_was_saved(
    patient_with_readings: Patient,
    store_path: Path,
    cache_key: CacheKey,
    italian: None,
    protected: str,
) -> None:
    patient = patient_with_readings
    with CacheStore.open(store_path, cache_key.key) as store:
        before = _saved(store, patient)
        pending = store.outbox.count_pending()
    target = store_path if protected == "file" else store_path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if protected == "file" else 0o555)
    try:
        with CacheStore.open(store_path, cache_key.key) as store:
            assert store.read_only
            with pytest.raises(StoreReadOnly, match=r"cannot be written.*permissions") as refused:
                _record(store, patient, {Vital.SPO2: (93.0,), Vital.HEART_RATE: (88.0,)})
            # Reading still works: the nurse sees what she recorded and what waits to be sent.
            assert _saved(store, patient) == before
            assert store.outbox.count_pending() == pending == 6
    finally:
        target.chmod(mode)
    assert user_message(refused.value) == (
        "Impossibile scrivere nella cache locale (disco o cartella in sola lettura). I dati già "
        "salvati sono al sicuro. Controlla i permessi e riprova."
    )
    with CacheStore.open(store_path, cache_key.key) as store:  # writable again
        assert store.integrity_ok()
        assert _saved(store, patient) == before
        assert len(_record(store, patient, {Vital.SPO2: (93.0,)})) == 1

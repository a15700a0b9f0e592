"""Schema migrations: old caches upgrade, newer ones are refused, failures roll back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain import DocumentMeta, DocumentStatus, Patient
from fse_desk.errors import CacheTooNew, MigrationError, StoreReadOnly
from fse_desk.progress import drive
from fse_desk.store import LATEST_VERSION, MIGRATIONS, CacheStore, Migration
from fse_desk.store._records import DOCUMENT_COLUMNS, PATIENT_COLUMNS, document_row, patient_row
from fse_desk.store.database import Database
from fse_desk.store.migrations import migrate
from fse_desk_sandbox.region import DEMO_MMG_ID
from tests.fixtures_region import LiveRegion


def _raw(path, key: bytes):
    """A raw connection, standing in for an FSE Desk of another version."""
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _write_as_older_version(
    path, key: bytes, patients: Iterable[Patient], documents: Iterable[DocumentMeta]
) -> None:
    """Rows as an older FSE Desk wrote them: only the columns its schema has."""
    conn = _raw(path, key)
    tables: list[tuple[str, Sequence[str], list[tuple[Any, ...]]]] = [
        ("patient", PATIENT_COLUMNS, [patient_row(p) for p in patients]),
        ("document", DOCUMENT_COLUMNS, [document_row(d) for d in documents]),
    ]
    for table, columns, rows in tables:
        known = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        kept = [i for i, c in enumerate(columns) if c in known]
        names = ", ".join(columns[i] for i in kept)
        marks = ", ".join("?" for _ in kept)
        conn.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",
            [tuple(r[i] for i in kept) for r in rows],
        )
    conn.close()


def test_version_1_cache_upgrades_with_data_intact_and_searchable(
    store_path, cache_key, records
) -> None:
    rossi = records.patient(
        family_name="Rossi", given_name="Mario", codice_fiscale="RSSMRA80A01H501U"
    )
    report = records.document(rossi, title="Ecografia addominale", facility="AUSL Parma")
    with CacheStore.open(store_path, cache_key.key, schema_version=1) as old:
        assert old.schema_version == 1
    _write_as_older_version(store_path, cache_key.key, [rossi], [report])
    with CacheStore.open(store_path, cache_key.key, schema_version=1) as old:
        old.bodies.put(report.id, "application/pdf", b"%PDF-1.7 referto")

    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.patients.get(rossi.id) == rossi
        assert store.documents.list_for_patient(rossi.id) == [report]
        assert store.bodies.get(report.id) == ("application/pdf", b"%PDF-1.7 referto")
        assert store.patients.search("ross mar") == [rossi]
        assert store.patients.search("RSSMRA") == [rossi]
        assert store.documents.search("ecograf parma") == [report]
        assert store.integrity_ok()


def test_cache_from_a_newer_version_is_refused_untouched(store_path, cache_key) -> None:
    CacheStore.open(store_path, cache_key.key).close()
    conn = _raw(store_path, cache_key.key)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = (store_path.read_bytes(), store_path.stat().st_mtime_ns)

    with pytest.raises(CacheTooNew, match=rf"schema version {LATEST_VERSION + 1}.*Update FSE Desk"):
        CacheStore.open(store_path, cache_key.key)

    assert (store_path.read_bytes(), store_path.stat().st_mtime_ns) == before
    conn = _raw(store_path, cache_key.key)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1


def test_a_failing_migration_rolls_back_whole(store_path, cache_key, records) -> None:
    with CacheStore.open(store_path, cache_key.key) as store:
        store.patients.upsert_many([records.patient()])
    broken = Migration(
        LATEST_VERSION + 1,
        "add allergy table",
        (
            "CREATE TABLE allergy (id TEXT PRIMARY KEY)",
            "DELETE FROM patient",
            "INSERT INTO no_such_table VALUES (1)",
        ),
    )
    db = Database(store_path, cache_key.key)
    try:
        conn = db.open_first(create=False)
        with pytest.raises(
            MigrationError, match=rf"migration {LATEST_VERSION + 1} \(add allergy table\) failed"
        ):
            migrate(conn, store_path, migrations=(*MIGRATIONS, broken))
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "allergy" not in tables
        assert conn.execute("SELECT count(*) FROM patient").fetchone()[0] == 1
    finally:
        db.close()


def test_migrations_are_numbered_from_one_without_gaps(store_path, cache_key) -> None:
    store_path.parent.mkdir(parents=True)
    db = Database(store_path, cache_key.key)
    try:
        conn = db.open_first(create=True)
        gap = (*MIGRATIONS, Migration(LATEST_VERSION + 2, "skips one", ()))
        with pytest.raises(ValueError, match=f"numbered {LATEST_VERSION + 2}, expected"):
            migrate(conn, store_path, migrations=gap)
    finally:
        db.close()


def test_read_only_cache_that_needs_an_upgrade_says_so(store_path, cache_key) -> None:
    CacheStore.open(store_path, cache_key.key, schema_version=1).close()
    with pytest.raises(
        StoreReadOnly, match=f"read-only but needs upgrading to schema version {LATEST_VERSION}"
    ):
        CacheStore.open(store_path, cache_key.key, read_only=True)


def test_version_5_cache_upgrades_and_forgets_the_patient_and_document_cursors(
    store_path, cache_key, records
) -> None:
    rossi = records.patient()
    report = records.document(rossi)
    with CacheStore.open(store_path, cache_key.key, schema_version=5) as old:
        for resource_type in ("Patient", "Consent", "DocumentReference"):
            old.sync_state.set_cursor(resource_type, "2026-10-01T00:00:00+00:00")
    _write_as_older_version(store_path, cache_key.key, [rossi], [report])

    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.patients.get(rossi.id).general_practitioner_id == ""
        assert store.documents.get(report.id).status is DocumentStatus.CURRENT
        assert store.sync_state.cursor("Patient") is None
        assert store.sync_state.cursor("DocumentReference") is None
        assert store.sync_state.cursor("Consent") == "2026-10-01T00:00:00+00:00"


def test_after_the_upgrade_the_next_sync_fills_the_gp_and_the_superseded_versions(
    store_path, cache_key, cache: CacheStore, live_region: LiveRegion
) -> None:
    # A version-5 FSE Desk synced the region: no GP, and a superseded PSS dropped.
    drive(SyncEngine(cache, live_region.client).pull())
    patients = cache.patients.search("", limit=1000)
    pss = next(
        d
        for p in patients
        for d in cache.documents.list_for_patient(p.id)
        if d.type_code == "60591-5"
    )
    resource = live_region.client.read("DocumentReference", pss.id)
    live_region.client.update(dict(resource, status="superseded"))
    old_documents = [
        d for p in patients for d in cache.documents.list_for_patient(p.id) if d.id != pss.id
    ]
    with CacheStore.open(store_path, cache_key.key, schema_version=5) as old:
        for resource_type in ("Patient", "Consent", "DocumentReference"):
            old.sync_state.set_cursor(resource_type, cache.sync_state.cursor(resource_type))
    _write_as_older_version(store_path, cache_key.key, patients, old_documents)

    with CacheStore.open(store_path, cache_key.key) as store:
        summary = drive(SyncEngine(store, live_region.client).pull())
        assert summary.patients == len(patients)
        upgraded = store.patients.search("", limit=1000)
        assert {p.general_practitioner_id for p in upgraded} == {DEMO_MMG_ID}
        assert store.documents.get(pss.id).status is DocumentStatus.SUPERSEDED
        assert store.documents.count() == len(old_documents) + 1


def test_version_7_cache_forgets_pss_bodies_and_keeps_the_others(
    store_path, cache_key, records
) -> None:
    rossi = records.patient()
    pss = records.document(rossi, type_code="60591-5")
    report = records.document(rossi)
    with CacheStore.open(store_path, cache_key.key, schema_version=7) as old:
        old.patients.upsert_many([rossi])
        old.documents.upsert_many([pss, report])
        old.bodies.put(pss.id, "application/x-hl7-cda+xml", b"<ClinicalDocument/>")
        old.bodies.put(report.id, "application/pdf", b"%PDF-1.7")

    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.bodies.get(pss.id) is None  # fetched again when next read
        assert store.bodies.get(report.id) == ("application/pdf", b"%PDF-1.7")
        assert store.documents.get(pss.id) is not None

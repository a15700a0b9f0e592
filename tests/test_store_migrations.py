"""Schema migrations: old caches upgrade, newer ones are refused, failures roll back."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from fse_desk.errors import CacheTooNew, MigrationError, StoreReadOnly
from fse_desk.store import LATEST_VERSION, MIGRATIONS, CacheStore, Migration
from fse_desk.store.database import Database
from fse_desk.store.migrations import migrate


def _raw(path, key: bytes):
    """A raw connection, standing in for an FSE Desk of another version."""
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def test_version_1_cache_upgrades_with_data_intact_and_searchable(
    store_path, cache_key, records
) -> None:
    rossi = records.patient(
        family_name="Rossi", given_name="Mario", codice_fiscale="RSSMRA80A01H501U"
    )
    report = records.document(rossi, title="Ecografia addominale", facility="AUSL Parma")
    with CacheStore.open(store_path, cache_key.key, schema_version=1) as old:
        assert old.schema_version == 1
        old.patients.upsert_many([rossi])
        old.documents.upsert_many([report])
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

"""Library errors become FSE Desk errors at one boundary, each produced for real."""

from __future__ import annotations

import errno
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from fse_desk.errors import StoreError, StoreFull, StoreLocked, StoreReadOnly, WrongKey
from fse_desk.store import CacheStore
from fse_desk.store._errors import mapped_errors

KEY = secrets.token_bytes(32)
DRIVERS = {"sqlcipher3": sqlcipher, "sqlite3": sqlite3}


def _connect(driver, target: str, *, uri: bool = False, timeout: float = 5.0):
    conn = driver.connect(target, uri=uri, isolation_level=None, timeout=timeout)
    if driver is sqlcipher:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    return conn


def _table(driver, path: Path):
    conn = _connect(driver, str(path))
    conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    conn.execute("INSERT INTO t VALUES (1), (2)")
    return conn


def full(driver, path: Path) -> None:
    conn = _table(driver, path)
    conn.execute("PRAGMA max_page_count = 3")
    conn.execute("INSERT INTO t VALUES (zeroblob(100000))")


def readonly(driver, path: Path) -> None:
    _table(driver, path).close()
    conn = _connect(driver, f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("INSERT INTO t VALUES (3)")


def busy(driver, path: Path) -> None:
    holder = _table(driver, path)
    holder.execute("BEGIN IMMEDIATE")
    _connect(driver, str(path), timeout=0).execute("BEGIN IMMEDIATE")


def locked(driver, path: Path) -> None:
    conn = _table(driver, path)
    cursor = conn.execute("SELECT x FROM t")
    cursor.fetchone()  # a statement still reading the table
    conn.execute("DROP TABLE t")


def not_a_database(driver, path: Path) -> None:
    path.write_bytes(b"this is not a database at all" * 200)
    _connect(driver, str(path)).execute("SELECT count(*) FROM sqlite_master")


def cannot_open(driver, path: Path) -> None:
    _connect(driver, f"{(path.parent / 'missing').resolve().as_uri()}?mode=rw", uri=True)


def constraint(driver, path: Path) -> None:
    conn = _table(driver, path)
    conn.execute("CREATE UNIQUE INDEX u ON t (x)")
    conn.execute("INSERT INTO t VALUES (1)")


def disk_full_os(driver, path: Path) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def permission_os(driver, path: Path) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


CASES: list[tuple[Callable[..., None], type[StoreError], str]] = [
    (full, StoreFull, "is full. Free some disk space"),
    (readonly, StoreReadOnly, "attempt to write a readonly database"),
    (busy, StoreLocked, "database is locked.*holds the cache"),
    (locked, StoreLocked, "table is locked.*holds the cache"),
    (not_a_database, WrongKey, "file is not a database.*not an FSE Desk cache"),
    (cannot_open, StoreReadOnly, "unable to open database file"),
    (constraint, StoreError, "UNIQUE constraint failed"),
    (disk_full_os, StoreFull, "No space left on device"),
    (permission_os, StoreReadOnly, "Permission denied"),
]


@pytest.mark.parametrize("driver", DRIVERS.values(), ids=DRIVERS.keys())
@pytest.mark.parametrize(
    ("produce", "expected", "message"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_each_library_error_maps(tmp_path, driver, produce, expected, message) -> None:
    path = tmp_path / "db"
    with pytest.raises(expected, match=message) as caught, mapped_errors(path, "testing"):
        produce(driver, path)

    assert type(caught.value) is expected  # the most specific class, not a parent
    assert isinstance(caught.value.__cause__, (sqlcipher.Error, sqlite3.Error, OSError))
    assert str(path) in str(caught.value)


def test_disk_full_keeps_what_was_committed(store_path, cache_key, records) -> None:
    first = [records.patient() for _ in range(20)]
    with CacheStore.open(store_path, cache_key.key) as store:
        store.patients.upsert_many(first)
    size = store_path.stat().st_size

    with CacheStore.open(store_path, cache_key.key, max_size_bytes=size + 8192) as store:
        bulky = [records.patient(birth_place="X" * 3000) for _ in range(200)]
        with pytest.raises(StoreFull, match=r"saving patients failed \(database or disk is full\)"):
            store.patients.upsert_many(bulky)
        assert store.patients.count() == 20
        assert [store.patients.get(p.id) for p in first] == first
        assert store.integrity_ok()


def test_another_writer_holding_the_cache_gives_store_locked(
    store_path, cache_key, records
) -> None:
    with (
        CacheStore.open(store_path, cache_key.key) as first,
        CacheStore.open(store_path, cache_key.key, busy_timeout_s=0.05) as second,
    ):
        with first.transaction():
            first.patients.upsert_many([records.patient()])
            with pytest.raises(StoreLocked, match=r"saving consent failed \(database is locked\)"):
                second.patients.set_consents({"pat-1": records.patient().consent})
            assert second.patients.count() == 0  # reading is not blocked
        assert second.patients.count() == 1


def test_a_document_of_an_uncached_patient_is_refused(cache_store, records) -> None:
    stranger = records.patient()
    with pytest.raises(StoreError, match="FOREIGN KEY constraint failed"):
        cache_store.documents.upsert_many([records.document(stranger)])
    assert cache_store.documents.count() == 0

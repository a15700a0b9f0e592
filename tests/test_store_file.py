"""The cache file on disk: encrypted, opened only with its key, never clobbered."""

from __future__ import annotations

import secrets
import sqlite3
import stat
from pathlib import Path

import pytest

from fse_desk.errors import StoreError, StoreReadOnly, WrongKey
from fse_desk.store import LATEST_VERSION, CacheStore
from fse_desk.store._audit_guard import audit_authorizer


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _fill(store: CacheStore, records) -> list:
    people = [
        records.patient(
            family_name="Esposito", given_name="Gennaro", codice_fiscale="SPSGNR61C12F839K"
        ),
        records.patient(
            family_name="Bergamaschi", given_name="Ottavia", codice_fiscale="BRGTTV75E41A944Q"
        ),
    ]
    store.patients.upsert_many(people)
    store.documents.upsert_many([records.document(people[0], author="Dott. Zanardelli")])
    return people


def test_new_cache_is_created_migrated_and_sound(store_path, cache_key) -> None:
    assert not store_path.exists()
    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.integrity_ok()
        assert store.patients.count() == 0
    assert store_path.stat().st_size > 0


def test_plain_sqlite_cannot_read_the_file_and_no_clear_text_leaks(
    cache_store, records, store_path
) -> None:
    _fill(cache_store, records)
    wal = store_path.with_name(store_path.name + "-wal")
    assert wal.stat().st_size > 0  # the data is still only in the WAL
    clear_texts = [b"Esposito", b"SPSGNR61C12F839K", b"Bergamaschi", b"Zanardelli", b"ESPOSITO"]
    wal_bytes = wal.read_bytes().upper()
    assert not [t for t in clear_texts if t.upper() in wal_bytes]

    cache_store.close()  # last connection: checkpoint into the main file
    data = store_path.read_bytes().upper()
    assert not [t for t in clear_texts if t.upper() in data]
    assert not data.startswith(b"SQLITE FORMAT 3")
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(store_path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_reopening_with_the_key_finds_the_data(store_path, cache_key, records) -> None:
    with CacheStore.open(store_path, cache_key.key) as store:
        people = _fill(store, records)
    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.patients.get(people[1].id) == people[1]
        assert store.integrity_ok()


def test_wrong_key_is_refused_and_the_file_is_untouched(store_path, cache_key, records) -> None:
    with CacheStore.open(store_path, cache_key.key) as store:
        _fill(store, records)
    before = _snapshot(store_path)
    siblings = sorted(p.name for p in store_path.parent.iterdir())

    with pytest.raises(WrongKey, match=r"the key does not open this file.*left untouched"):
        CacheStore.open(store_path, secrets.token_bytes(32))

    assert _snapshot(store_path) == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == siblings
    with CacheStore.open(store_path, cache_key.key) as store:  # still opens with its key
        assert store.patients.count() == 2


@pytest.mark.parametrize(
    "content", [b"just some text, not a database\n" * 200, b"plain-sqlite"], ids=["text", "sqlite"]
)
def test_a_file_that_is_not_a_cache_is_refused_untouched(tmp_path, cache_key, content) -> None:
    path = tmp_path / "cache.sqlcipher"
    if content == b"plain-sqlite":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    else:
        path.write_bytes(content)
    before = _snapshot(path)

    with pytest.raises(WrongKey, match="or it is not an FSE Desk cache"):
        CacheStore.open(path, cache_key.key)
    assert _snapshot(path) == before


def test_a_folder_in_place_of_the_cache_is_refused(tmp_path, cache_key) -> None:
    (tmp_path / "cache.sqlcipher").mkdir()
    with pytest.raises(StoreError, match="is a folder, not a cache file"):
        CacheStore.open(tmp_path / "cache.sqlcipher", cache_key.key)


def test_key_must_be_256_bits(tmp_path) -> None:
    with pytest.raises(ValueError, match="32 raw bytes"):
        CacheStore.open(tmp_path / "c", b"password")


def test_an_unencrypted_database_must_be_asked_for_explicitly(tmp_path) -> None:
    from fse_desk.store.database import Database

    with pytest.raises(ValueError, match="an encrypted cache needs a key"):
        Database(tmp_path / "c", None)


@pytest.fixture
def write_protected_cache(store_path, cache_key, records):
    """A cache whose file (0444) and folder (0555) forbid writing.

    Tests run as root here, and root ignores permission bits; the store reads
    the bits itself and opens such a cache with ``mode=ro``, so the same
    behaviour is checked whoever runs the tests.
    """
    with CacheStore.open(store_path, cache_key.key) as store:
        people = _fill(store, records)
    store_path.chmod(0o444)
    store_path.parent.chmod(0o555)
    yield people
    store_path.parent.chmod(0o755)
    store_path.chmod(0o644)


def test_write_protected_cache_reads_but_refuses_writes(
    write_protected_cache, store_path, cache_key, records
) -> None:
    before = _snapshot(store_path)
    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.read_only
        assert store.patients.get(write_protected_cache[0].id) == write_protected_cache[0]
        with pytest.raises(StoreReadOnly, match=r"cannot be written.*permissions"):
            store.patients.upsert_many([records.patient()])
        with pytest.raises(StoreReadOnly, match="cannot be written"):
            store.sync_state.set("last_sync_at", "2025-01-01T00:00:00+00:00")
        assert store.patients.count() == 2
    assert _snapshot(store_path) == before
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o444


def test_explicit_read_only_open(store_path, cache_key, records) -> None:
    with CacheStore.open(store_path, cache_key.key) as store:
        _fill(store, records)
    with CacheStore.open(store_path, cache_key.key, read_only=True) as store:
        assert store.patients.count() == 2
        with pytest.raises(StoreReadOnly, match="attempt to write a readonly database"):
            store.patients.upsert_many([records.patient()])


def test_no_cache_can_be_created_in_a_write_protected_folder(tmp_path, cache_key) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    try:
        with pytest.raises(StoreReadOnly, match="cannot be created"):
            CacheStore.open(folder / "cache.sqlcipher", cache_key.key)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_closed_store_says_so(cache_store) -> None:
    cache_store.close()
    with pytest.raises(StoreError, match="is closed; open it again"):
        cache_store.patients.count()


def test_a_transaction_is_synced_unless_it_says_otherwise(store_path, cache_key) -> None:
    """The connection's own setting is the unsynced one; a synced transaction raises it
    for its span only, and one that fails leaves the setting as it found it."""

    def setting(store: CacheStore) -> int:
        with store._db.reading("test") as conn:
            return int(conn.execute("PRAGMA synchronous").fetchone()[0])

    full, normal = 2, 1
    with CacheStore.open(store_path, cache_key.key) as store:
        assert setting(store) == normal
        with store.transaction():
            assert setting(store) == full
            with store.transaction(synced=False):  # inside a synced one: still synced
                assert setting(store) == full
        with store.transaction(synced=False):
            assert setting(store) == normal
        with pytest.raises(ValueError), store.transaction():
            raise ValueError("the write failed")
        assert setting(store) == normal


def test_statements_used_in_turn_stay_prepared(cache_store, records) -> None:
    """Opening a document reads its row, its patient and its body in turn: each statement
    is prepared once per connection, not at every call, even after the connection has
    run hundreds of other statements (a migration alone runs 87). SQLite asks the
    authorizer only while preparing, so its questions count the preparations."""
    patient = records.patient()
    doc = records.document(patient)
    cache_store.patients.upsert_many([patient])
    cache_store.documents.upsert_many([doc])
    cache_store.bodies.put(doc.id, "text/plain", b"referto")
    asked: list[int] = []

    def counting(action: int, *args: str | None) -> int:
        asked.append(action)
        return audit_authorizer(action, *args)

    def open_document() -> None:
        assert cache_store.documents.get(doc.id) == doc
        assert cache_store.patients.get(patient.id) == patient
        assert cache_store.bodies.get(doc.id) == ("text/plain", b"referto")

    with cache_store._db.reading("test") as conn:
        for n in range(300):  # a long session's other statements, each run once
            conn.execute(f"SELECT {n}").fetchone()
        conn.set_authorizer(counting)
    try:
        open_document()
        first = len(asked)
        open_document()
        open_document()
    finally:
        with cache_store._db.reading("test") as conn:
            conn.set_authorizer(audit_authorizer)
    assert first > 0  # the first opening prepared its statements
    assert len(asked) == first  # the next two prepared none

"""The GUI thread reads while the sync worker writes."""

from __future__ import annotations

import threading
import time

import pytest

from fse_desk.errors import StoreError
from fse_desk.store import CacheStore


def test_reads_proceed_while_another_thread_holds_a_write_transaction(
    cache_store: CacheStore, records
) -> None:
    before = [records.patient() for _ in range(3)]
    cache_store.patients.upsert_many(before)
    docs = [records.document(before[0]) for _ in range(40)]
    cache_store.documents.upsert_many(docs)
    writing, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def sync_worker() -> None:
        try:
            with cache_store.transaction():
                cache_store.patients.upsert_many([records.patient() for _ in range(50)])
                # A sync batch bigger than the page cache (16 MiB): without WAL the
                # writer would now hold an exclusive lock and shut readers out.
                for doc in docs:
                    cache_store.bodies.put(doc.id, "application/pdf", bytes(600_000))
                writing.set()
                release.wait(10)
        except BaseException as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=sync_worker)
    worker.start()
    try:
        assert writing.wait(10)
        started = time.monotonic()
        # The uncommitted batch is invisible; the committed data is there, at once.
        assert cache_store.patients.count() == 3
        assert cache_store.patients.search("cognome") == sorted(
            before, key=lambda p: (p.family_name.lower(), p.given_name.lower(), p.id)
        )
        assert cache_store.patients.get(before[0].id) == before[0]
        assert not cache_store.bodies.has(docs[0].id)
        assert time.monotonic() - started < 1.0  # nowhere near the 5 s busy timeout
    finally:
        release.set()
        worker.join(10)
    assert errors == []
    assert cache_store.patients.count() == 53


def test_writes_from_two_threads_serialise(cache_store: CacheStore, records) -> None:
    batches = [[records.patient() for _ in range(20)] for _ in range(8)]
    errors: list[BaseException] = []

    def write(batch) -> None:
        try:
            for patient in batch:
                cache_store.patients.upsert_many([patient])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert cache_store.patients.count() == 160
    assert cache_store.integrity_ok()


def test_connections_of_finished_threads_are_released(store_path, cache_key, records) -> None:
    store = CacheStore.open(store_path, cache_key.key)
    for _ in range(5):
        t = threading.Thread(target=store.patients.count)
        t.start()
        t.join()
    store.patients.count()  # a new connection on this thread after the others ended
    store.close()
    # All connections closed: the last one checkpointed and removed the WAL.
    assert not store_path.with_name(store_path.name + "-wal").exists()


def test_closing_waits_for_a_read_in_progress_and_refuses_new_ones(
    cache_store: CacheStore, records
) -> None:
    """A worker still loading a view when the window closes: closing its connection under
    the running statement crashed the whole process (a segfault in the driver)."""
    cache_store.patients.upsert_many([records.patient() for _ in range(3)])
    reading, release, closed = threading.Event(), threading.Event(), threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with cache_store._db.reading("loading a view") as conn:
                reading.set()
                release.wait(10)
                # Still inside the read: the connection must still be open.
                seen.append(conn.execute("SELECT count(*) FROM patient").fetchone()[0])
        except BaseException as exc:  # reported below
            errors.append(exc)

    def close() -> None:
        cache_store.close()
        closed.set()

    reader = threading.Thread(target=worker)
    reader.start()
    assert reading.wait(10)
    closer = threading.Thread(target=close)
    closer.start()
    assert not closed.wait(0.5)  # close() waits for the read in progress
    release.set()
    reader.join(10)
    assert closed.wait(10)
    closer.join(10)
    assert (seen, errors) == ([3], [])
    with pytest.raises(StoreError, match="closed"):
        cache_store.patients.count()

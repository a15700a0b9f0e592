"""A first fill of the document table: indexed once at the end, as if row by row, crash-safe."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from fse_desk.domain import DocumentMeta
from fse_desk.store import CacheStore
from tests._first_fill_child import KEY_VARIABLE, practice, write

ROOT = Path(__file__).resolve().parent.parent
DEFERRED = {
    "document_fts_insert",
    "document_fts_update",
    "document_fts_delete",
    "document_by_patient_date",
    "document_by_patient_class",
}
QUERIES = [
    "referto",
    "ref",
    "rettificato",
    "laboratorio",
    "nicolo",
    "d'angelo",
    "sant",
    "vergato",
    "emocromo completo",
    "dott bianchi",
    "bologna",
    "37",
    "zzz",
]


def _schema(path: Path, key: bytes) -> dict[str, str]:
    """Name → SQL of every schema object, read from the file as it is on disk."""
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        return {str(name): str(sql) for name, sql in rows}
    finally:
        conn.close()


def _searches(store: CacheStore) -> dict[str, list[DocumentMeta]]:
    found = {q: store.documents.search(q, limit=10_000) for q in QUERIES}
    for patient in practice()[0][:3]:
        found[f"{patient.id}: referto"] = store.documents.search("referto", patient.id)
    return found


def _row_by_row(tmp_path: Path) -> tuple[CacheStore, Path, bytes]:
    """The practice written with the triggers in place (no first fill), for comparison."""
    key = secrets.token_bytes(32)
    path = tmp_path / "row-by-row.sqlcipher"
    store = CacheStore.open(path, key)
    store.patients.upsert_many(practice()[0])
    write(store)
    return store, path, key


def test_a_first_fill_searches_exactly_as_row_by_row_writes(tmp_path: Path) -> None:
    reference, reference_path, reference_key = _row_by_row(tmp_path)
    key = secrets.token_bytes(32)
    path = tmp_path / "filled.sqlcipher"
    with CacheStore.open(path, key) as store:
        store.patients.upsert_many(practice()[0])
        with store.documents.first_fill() as started:
            write(store)
            assert started
            # Deferred, not kept row by row: nothing is found until the fill ends.
            assert store.documents.search("referto") == []
            assert not DEFERRED & set(_schema(path, key))
        assert store.documents.count() == reference.documents.count() == 119
        assert _searches(store) == _searches(reference)
        assert store.integrity_ok()
    # The same schema as a cache that never dropped anything, object for object.
    assert _schema(path, key) == _schema(reference_path, reference_key)
    reference.close()


def test_after_a_first_fill_writes_are_indexed_row_by_row_again(tmp_path: Path) -> None:
    with CacheStore.open(tmp_path / "cache.sqlcipher", secrets.token_bytes(32)) as store:
        patients, pages, corrected, _removed = practice()
        store.patients.upsert_many(patients)
        with store.documents.first_fill():
            store.documents.upsert_many(pages[0])
        with store.documents.first_fill() as started:
            assert not started  # the table holds documents: the triggers stay
            store.documents.upsert_many([corrected, *pages[1]])
            store.documents.delete([pages[0][3].id])
            assert store.documents.search("rettificato") == [corrected]
            assert pages[0][3] not in store.documents.search("referto", limit=10_000)
            assert pages[1][0] in store.documents.search(pages[1][0].title)
        assert store.integrity_ok()


def test_a_fill_killed_midway_is_indexed_when_the_cache_is_next_opened(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "killed.sqlcipher"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests._first_fill_child", str(path)],
        cwd=ROOT,
        env={**os.environ, KEY_VARIABLE: key.hex()},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "written True"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert not DEFERRED & set(_schema(path, key)), "the kill should leave the fill unfinished"

    reference, reference_path, reference_key = _row_by_row(tmp_path)
    for _opening in range(2):  # the repair at open, then an open with nothing to repair
        with CacheStore.open(path, key) as store:
            assert store.integrity_ok()
            assert _searches(store) == _searches(reference)
        assert _schema(path, key) == _schema(reference_path, reference_key)
    reference.close()

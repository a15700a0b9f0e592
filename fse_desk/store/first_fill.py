"""The first fill of an empty document table: its indexes built once at the end, not per row.

A first sync writes tens of thousands of documents into an empty table. Kept up row by
row, the full-text index (``document_fts``, fed by triggers) and the table's two
secondary indexes are a good part of each write's cost; built once from the full table
they cost a fraction (the 26,828 documents of ``bench/sync_bench.py``'s first sync,
written alone: 0.81 s as is, 0.65 s deferred, the rebuild's 0.1 s included). So while
an empty table fills, the FTS triggers and the secondary indexes are dropped; when the
fill ends they are created again and the text index rebuilt from the table. A sync into
a table that already holds documents keeps the row-by-row path: rebuilding a large
index to add a few rows would cost more than it saves.

Crash-safe: the dropped objects' SQL is saved (``setting``) in the transaction that
drops them and removed in the one that creates them again. A cache whose fill never
ended (a process killed, a power cut) is repaired when it is next opened
(:func:`restore`): whatever is missing is created again and the text index rebuilt.
While a fill runs, a search of document titles, authors and facilities misses the
documents written since it began, and a patient's list scans the table (6 ms instead of
0.5 ms among the 26,828 documents above).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fse_desk.store._errors import mapped_errors
from fse_desk.store.database import Connection, Database

log = logging.getLogger(__name__)

_DEFERRED = (
    "document_fts_insert",
    "document_fts_update",
    "document_fts_delete",
    "document_by_patient_date",
    "document_by_patient_class",
)
_PENDING = "document_first_fill"
"""The ``setting`` holding the dropped objects' ``[type, name, sql]`` until they are back."""
_REBUILD = "INSERT INTO document_fts (document_fts) VALUES ('rebuild')"


@contextmanager
def first_fill(db: Database) -> Iterator[bool]:
    """Around the writes of a sync: a bulk fill when the document table is empty.

    Yields whether this is one. The indexes are back when the block ends, however it
    ends (cancelled, failed); if the process dies first, at the next :func:`restore`.
    """
    started = _begin(db)
    try:
        yield started
    finally:
        if started:
            with db.transaction("indexing the documents of a first sync") as conn:
                _recreate(conn)


def restore(conn: Connection, path: Path) -> None:
    """At open: finish a fill that never ended (create what it dropped, rebuild the index).

    Runs before the migrations, which may expect these objects. Idempotent: without
    a pending fill it only looks.
    """
    with mapped_errors(path, "checking for an unfinished first fill"):
        if not _has_settings(conn) or _pending(conn) is None:
            return
        log.warning("the last first sync ended before its documents were indexed: indexing now")
        conn.execute("BEGIN IMMEDIATE")
        try:
            _recreate(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _begin(db: Database) -> bool:
    with db.transaction("starting a first fill of the documents") as conn:
        if conn.execute("SELECT EXISTS (SELECT 1 FROM document)").fetchone()[0]:
            return False
        if _pending(conn) is not None:
            return False  # another thread's fill is under way: its end indexes these rows too
        marks = ", ".join("?" for _ in _DEFERRED)
        objects = conn.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE name IN ({marks}) ORDER BY name",
            _DEFERRED,
        ).fetchall()
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            (_PENDING, json.dumps([list(o) for o in objects])),
        )
        for kind, name, _sql in objects:
            conn.execute(f"DROP {'TRIGGER' if kind == 'trigger' else 'INDEX'} {name}")
    return True


def _recreate(conn: Connection) -> None:
    """Inside a transaction: create what the fill dropped and is still missing, rebuild."""
    objects = _pending(conn) or []
    present = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    for _kind, name, sql in objects:
        # Only the objects this module drops: the setting is data, not a script.
        if name in _DEFERRED and name not in present:
            conn.execute(sql)
    conn.execute(_REBUILD)
    conn.execute("DELETE FROM setting WHERE key = ?", (_PENDING,))


def _pending(conn: Connection) -> list[list[str]] | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (_PENDING,)).fetchone()
    if row is None:
        return None
    objects: list[list[str]] = json.loads(row[0])
    return objects


def _has_settings(conn: Connection) -> bool:
    """Whether the ``setting`` table exists yet (a new file has no tables before migrating)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'"
    ).fetchone()
    return found is not None

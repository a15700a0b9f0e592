"""Connections to the cache file: SQLCipher 4, raw key, WAL, one connection per thread.

Threading model
---------------
The GUI thread reads while a sync worker writes. Each thread gets its own
connection (thread-local), opened with the raw 256-bit key, so opening costs no
PBKDF2 (about a millisecond). In WAL mode readers never wait for a writer:
a read sees the last committed state while a sync batch is being written.
Writers serialise on SQLite's own write lock: :meth:`Database.transaction`
starts with ``BEGIN IMMEDIATE`` (takes the lock up front, so two writers never
deadlock upgrading a read lock) and waits up to ``busy_timeout_s`` for it;
the sync keeps each transaction to the pages already arrived (at most eight),
so the wait is short.
Connections of threads that have ended are closed when the next thread opens
one (thread pools recycle threads), and all of them on :meth:`Database.close`.

Durability: every :meth:`Database.transaction` is synced (``synchronous=FULL``,
the WAL synced at its commit) unless it says otherwise, because the outbox holds
the doctor's unsent work. The access log and the sync's pages commit unsynced:
the WAL keeps commits in order and the sync's cursor commits synced, so a power
cut never leaves a cursor ahead of its pages. The connection's own setting is the
unsynced one (``NORMAL``) and a synced transaction raises it for its span: the
access log appends a record per document opened, and changing the setting makes
SQLite prepare the cached statements again. ``temp_store=MEMORY`` keeps sort spills
out of clear-text temp files.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from fse_desk.errors import StoreError
from fse_desk.store._audit_guard import audit_authorizer
from fse_desk.store._errors import DRIVER_ERRORS, mapped_errors

Connection = Any
"""A DB-API connection of ``sqlcipher3`` (or of ``sqlite3`` for the benchmark baseline)."""

PAGE_SIZE = 4096  # SQLCipher 4 default
CACHE_SIZE_KIB = 16_384
# Prepared statements each connection keeps. sqlcipher3's cache is the old pysqlite one,
# ordered by use count: once full, a new statement goes in last and is the next one out,
# so two new statements used in turn evict each other and are prepared again at every
# call. The default of 100 is full as soon as a new file is migrated (87 statements), and
# opening a document (its row, its patient, its body, its audit record with two triggers)
# then prepared all four every time: about 150 us of the audit record's 420 in the audit
# bench. The app runs about 140 statement texts plus the variants of chunked IN lists.
STATEMENT_CACHE = 512
CLOSE_WAIT_S = 10.0  # how long close() waits for another thread's read to end
log = logging.getLogger(__name__)


def write_protected(path: Path) -> bool:
    """True when the file or its folder forbids writing by its permission bits.

    Checked from the bits, not only with ``os.access``, so that a cache the user
    made read-only (chmod 0444) is opened read-only even by a process running as
    root, for whom the kernel would allow the write.
    """
    for target in (path, path.parent):
        try:
            mode = target.stat().st_mode
        except FileNotFoundError:
            continue
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            target, os.W_OK
        ):
            return True
    return False


class Database:
    """The cache file and its per-thread connections. Use through :class:`CacheStore`."""

    def __init__(
        self,
        path: Path,
        key: bytes | None,
        *,
        read_only: bool = False,
        busy_timeout_s: float = 5.0,
        max_size_bytes: int | None = None,
        plain_for_benchmark: bool = False,
    ) -> None:
        """``key=None`` makes an UNENCRYPTED file; allowed only with ``plain_for_benchmark``
        (the baseline of ``bench/``, see ``bench/_plain_store.py``)."""
        if (key is None) != plain_for_benchmark:
            raise ValueError("an encrypted cache needs a key (and a plain one must say so)")
        self.path = path
        self.read_only = read_only
        self._key = key
        self._busy_timeout_s = busy_timeout_s
        self._max_pages = None if max_size_bytes is None else max(1, max_size_bytes // PAGE_SIZE)
        self._local = threading.local()
        self._lock = threading.Lock()
        # Signalled when a thread leaves its last read or transaction (see close()).
        self._idle = threading.Condition(self._lock)
        self._users: dict[threading.Thread, int] = {}
        self._connections: dict[threading.Thread, Connection] = {}
        self._closed = False

    # -- connections ---------------------------------------------------------

    def open_first(self, *, create: bool) -> Connection:
        """Open (or create) the file on this thread and switch it to WAL."""
        conn = self._register(self._connect(create=create))
        if not self.read_only:
            with mapped_errors(self.path, "switching to WAL journal"):
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
        return conn

    def connection(self) -> Connection:
        """This thread's connection, opened on first use."""
        self.require_open()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._register(self._connect(create=False))
        return conn

    @property
    def closed(self) -> bool:
        return self._closed

    def require_open(self) -> None:
        if self._closed:
            raise StoreError(f"cache {self.path} is closed; open it again to use it")

    def close(self) -> None:
        """Close every connection (the last close checkpoints and removes the WAL).

        A thread still inside :meth:`reading` or :meth:`transaction` (a worker loading a
        view while the window closes) finishes first: closing a connection under a running
        statement crashes the driver, a segfault rather than an error. New reads refuse at
        once; one that has not finished within ``CLOSE_WAIT_S`` keeps its connection open.
        """
        me = threading.current_thread()
        with self._idle:
            self._closed = True
            self._idle.wait_for(lambda: all(t is me for t in self._users), timeout=CLOSE_WAIT_S)
            busy = {t for t in self._users if t is not me}
            connections = [c for t, c in self._connections.items() if t not in busy]
            self._connections.clear()
        if busy:
            log.warning("cache closed with %d thread(s) still reading", len(busy))
        for conn in connections:
            with mapped_errors(self.path, "closing"):
                conn.close()

    @contextmanager
    def _in_use(self) -> Iterator[None]:
        """Count this thread as using the cache until the block ends (see close())."""
        me = threading.current_thread()
        with self._idle:
            self.require_open()
            self._users[me] = self._users.get(me, 0) + 1
        try:
            yield
        finally:
            with self._idle:
                left = self._users[me] - 1
                if left:
                    self._users[me] = left
                else:
                    del self._users[me]
                    if self._closed:  # only close() waits, and only once it has set this
                        self._idle.notify_all()

    def rekey(self, key: bytes) -> None:
        """Re-encrypt the whole file with ``key`` (``PRAGMA rekey``) on this thread.

        The other threads' connections hold the old key: they are closed first and
        reopen with the new one on their next use.
        """
        if self._key is None:
            raise ValueError("a plain benchmark file has no key to change")
        conn = self.connection()
        me = threading.current_thread()
        with self._lock:
            others = [c for t, c in self._connections.items() if t is not me]
            self._connections = {me: conn}
        for other in others:
            other.close()
        with mapped_errors(self.path, "changing the key"):
            conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
        self._key = key

    def _register(self, conn: Connection) -> Connection:
        me = threading.current_thread()
        with self._lock:
            dead = [t for t in self._connections if not t.is_alive() and t is not me]
            stale = [self._connections.pop(t) for t in dead]
            self._connections[me] = conn
        for old in stale:
            old.close()
        self._local.conn = conn
        self._local.depth = 0
        self._local.on_commit = []
        return conn

    def _connect(self, *, create: bool) -> Connection:
        mode = "ro" if self.read_only else ("rwc" if create else "rw")
        uri = f"{self.path.resolve().as_uri()}?mode={mode}"
        with mapped_errors(self.path, "opening"):
            conn = sqlcipher.connect(
                uri,
                uri=True,
                isolation_level=None,  # transactions are explicit, see transaction()
                check_same_thread=False,  # only so close() may close other threads' ones
                timeout=self._busy_timeout_s,
                cached_statements=STATEMENT_CACHE,
            )
        try:
            self._unlock(conn)
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _unlock(self, conn: Connection) -> None:
        if self._key is not None:
            with mapped_errors(self.path, "setting the key"):
                conn.execute("PRAGMA cipher_log_level = NONE")  # no stderr noise on a wrong key
                conn.execute(f"PRAGMA key = \"x'{self._key.hex()}'\"")
        # The first read decrypts page 1: a wrong key or a foreign file fails here,
        # before anything is written.
        with mapped_errors(self.path, "verifying the key"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def _configure(self, conn: Connection) -> None:
        pragmas = [
            f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}",
            "PRAGMA foreign_keys = ON",
            "PRAGMA synchronous = NORMAL",  # FULL for each synced transaction
            "PRAGMA temp_store = MEMORY",
            f"PRAGMA cache_size = -{CACHE_SIZE_KIB}",
        ]
        if self._max_pages is not None:
            pragmas.append(f"PRAGMA max_page_count = {self._max_pages}")
        with mapped_errors(self.path, "configuring the connection"):
            for pragma in pragmas:
                conn.execute(pragma).fetchall()
        conn.set_authorizer(audit_authorizer)  # the audit trail cannot be dropped or edited

    # -- work ----------------------------------------------------------------

    @contextmanager
    def reading(self, action: str) -> Iterator[Connection]:
        """This thread's connection, with driver errors mapped."""
        with self._in_use():
            conn = self.connection()
            with mapped_errors(self.path, action):
                yield conn

    @property
    def in_transaction(self) -> bool:
        """Whether this thread is inside :meth:`transaction` (holding the write lock)."""
        return bool(getattr(self._local, "depth", 0))

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once this thread's outermost transaction has committed; never
        if it rolls back. Outside a transaction, now. The same callback registered twice
        in one transaction runs once.

        For what must only follow committed work (the audit head kept in the keyring).
        A savepoint undone inside a committed transaction does not drop the callback:
        the callback reads what was committed.
        """
        if not self.in_transaction:
            callback()
            return
        pending: list[Callable[[], None]] = self._local.on_commit
        if callback not in pending:
            pending.append(callback)

    @contextmanager
    def transaction(self, action: str = "writing", *, synced: bool = True) -> Iterator[Connection]:
        """A write transaction on this thread's connection; nests with savepoints.

        The outermost level is ``BEGIN IMMEDIATE … COMMIT``; an inner level is a
        savepoint, so an inner failure undoes only the inner work when the
        caller catches it. Any exception rolls back its level and propagates.

        ``synced=False`` commits without waiting for the disk (``synchronous=NORMAL``):
        atomic and safe from a crash of the program, but a power cut may lose it until
        the next synced commit or checkpoint. The audit trail writes one record per
        reading this way; an fsync per opened document would cost more than the
        opening itself.
        """
        with self._in_use():
            conn = self.connection()
            if synced and self._local.depth == 0:
                with mapped_errors(self.path, action):
                    conn.execute("PRAGMA synchronous = FULL")
                try:
                    with self._transaction(conn, action) as conn:
                        yield conn
                finally:
                    with mapped_errors(self.path, action):
                        conn.execute("PRAGMA synchronous = NORMAL")
                return
            with self._transaction(conn, action) as conn:
                yield conn

    @contextmanager
    def _transaction(self, conn: Connection, action: str) -> Iterator[Connection]:
        depth: int = self._local.depth
        savepoint = f"sp{depth}"
        with mapped_errors(self.path, action):
            conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
        self._local.depth = depth + 1
        try:
            with mapped_errors(self.path, action):
                yield conn
        except BaseException:
            self._local.depth = depth
            if depth == 0:
                self._local.on_commit = []
            self._rollback(conn, None if depth == 0 else savepoint)
            raise
        self._local.depth = depth
        try:
            with mapped_errors(self.path, f"{action} (commit)"):
                conn.execute("COMMIT" if depth == 0 else f"RELEASE {savepoint}")
        except StoreError:
            self._rollback(conn, None if depth == 0 else savepoint)
            raise
        if depth == 0:
            committed, self._local.on_commit = self._local.on_commit, []
            for callback in committed:
                callback()

    def _rollback(self, conn: Connection, savepoint: str | None) -> None:
        if not conn.in_transaction:
            return  # SQLite already rolled back (e.g. after SQLITE_FULL)
        try:
            if savepoint is None:
                conn.execute("ROLLBACK")
            else:
                conn.execute(f"ROLLBACK TO {savepoint}")
                conn.execute(f"RELEASE {savepoint}")
        except DRIVER_ERRORS:
            pass  # the original error is the one worth reporting

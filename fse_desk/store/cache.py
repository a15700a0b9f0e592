"""``CacheStore``: the encrypted offline cache as the rest of the app sees it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from fse_desk.errors import StoreError, StoreReadOnly
from fse_desk.store._errors import mapped_errors
from fse_desk.store.agenda import AgendaRepository
from fse_desk.store.audit import AuditRepository
from fse_desk.store.audit_spool import AuditSpool, spool_folder
from fse_desk.store.database import Database, write_protected
from fse_desk.store.findings import FindingsRepository
from fse_desk.store.first_fill import restore
from fse_desk.store.migrations import migrate, pending, schema_version
from fse_desk.store.pss_drafts import PssDraftRepository
from fse_desk.store.repositories import (
    BodyRepository,
    DocumentRepository,
    OutboxRepository,
    PatientRepository,
    SyncStateRepository,
    VitalsRepository,
)
from fse_desk.store.reviews import ReviewRepository
from fse_desk.store.sync_records import SyncRecordsRepository
from fse_desk.store.telemedicine_consents import TelemedicineConsentRepository
from fse_desk.store.telemonitoring import TelemonitoringRepository
from fse_desk.store.timeline import TimelineRepository

KEY_BYTES = 32


class CacheStore:
    """The SQLCipher cache file with its repositories.

    Safe to use from several threads at once (one connection per thread, see
    :mod:`fse_desk.store.database`). Domain records go in and come out; SQL stays here.
    """

    def __init__(self, db: Database, key: bytes) -> None:
        """Use :meth:`open`; this wraps a database that is already open and migrated."""
        self._db = db
        self.patients = PatientRepository(db)
        self.documents = DocumentRepository(db)
        self.bodies = BodyRepository(db)
        self.sync_state = SyncStateRepository(db)
        self.sync_records = SyncRecordsRepository(db)
        self.outbox = OutboxRepository(db)
        self.vitals = VitalsRepository(db)
        self.pss_drafts = PssDraftRepository(db)
        self.findings = FindingsRepository(db)
        self.timeline = TimelineRepository(db)
        self.reviews = ReviewRepository(db)
        spool = None if db.read_only else AuditSpool(spool_folder(db.path), key)
        self.audit = AuditRepository(db, spool)
        self.telemonitoring = TelemonitoringRepository(db)
        self.agenda = AgendaRepository(db)
        self.telemedicine_consents = TelemedicineConsentRepository(db)

    @classmethod
    def open(
        cls,
        path: Path,
        key: bytes,
        *,
        read_only: bool = False,
        busy_timeout_s: float = 5.0,
        max_size_bytes: int | None = None,
        schema_version: int | None = None,
    ) -> CacheStore:
        """Open the cache at ``path`` with its raw 256-bit ``key``, creating it if absent.

        An existing file is opened, verified and migrated to the latest schema,
        never recreated or overwritten: a wrong key raises :class:`WrongKey` and
        leaves it untouched. A file (or folder) without write permission bits
        is opened read-only, as with ``read_only=True``: reads work, writes raise
        :class:`StoreReadOnly`. ``max_size_bytes`` caps the file's size (beyond it
        writes raise :class:`StoreFull`). ``schema_version`` stops migrating at
        that version; it exists for tests that build old caches.
        """
        if len(key) != KEY_BYTES:
            raise ValueError(f"the cache key is {KEY_BYTES} raw bytes, got {len(key)}")
        db = Database(
            path,
            key,
            read_only=read_only or write_protected(path),
            busy_timeout_s=busy_timeout_s,
            max_size_bytes=max_size_bytes,
        )
        return cls._open(db, key, schema_version)

    @classmethod
    def _open(cls, db: Database, key: bytes, target: int | None) -> CacheStore:
        path = db.path
        if path.is_dir():
            raise StoreError(f"cache path {path} is a folder, not a cache file")
        exists = path.exists()
        if not exists:
            if db.read_only:
                raise StoreReadOnly(
                    f"cache {path} does not exist and cannot be created read-only, or its "
                    "folder is not writable. Check the folder's permissions."
                )
            with mapped_errors(path, "creating the cache folder"):
                path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = db.open_first(create=not exists)
            todo = pending(conn, path, target=target)
            if todo and db.read_only:
                raise StoreReadOnly(
                    f"cache {path} is read-only but needs upgrading to schema version "
                    f"{todo[-1].version}. Make the file and its folder writable and retry."
                )
            if not db.read_only:
                restore(conn, path)
            migrate(conn, path, target=target)
        except BaseException:
            db.close()
            raise
        return cls(db, key)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def schema_version(self) -> int:
        return schema_version(self._db.connection(), self._db.path)

    @property
    def in_transaction(self) -> bool:
        """Whether this thread is inside :meth:`transaction`."""
        return self._db.in_transaction

    def on_commit(self, callback: Callable[[], None]) -> None:
        """See :meth:`Database.on_commit`."""
        self._db.on_commit(callback)

    @contextmanager
    def transaction(self, *, synced: bool = True) -> Iterator[None]:
        """Group repository calls into one all-or-nothing write on this thread.

        Nests: an inner ``transaction()`` (and every repository write) is a
        savepoint inside the outer one. Keep it short: other writers wait for it
        (readers do not). ``synced=False``: see :meth:`Database.transaction`.
        """
        with self._db.transaction(synced=synced):
            yield

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` (pages, indexes and the FTS5 indexes) says ``ok``."""
        with self._db.reading("checking integrity") as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return [tuple(r) for r in rows] == [("ok",)]

    def rekey(self, key: bytes) -> None:
        """Re-encrypt the cache with a new raw 256-bit ``key`` (key rotation)."""
        if len(key) != KEY_BYTES:
            raise ValueError(f"the cache key is {KEY_BYTES} raw bytes, got {len(key)}")
        self.audit.seal_spooled()
        self._db.rekey(key)
        self.audit.use_key(key)

    def close(self) -> None:
        """Seal the spooled audit records (a failure leaves them for the next start), then
        close every connection."""
        try:
            if not self._db.closed:
                self.audit.seal_spooled()
        finally:
            self._db.close()

    def __enter__(self) -> CacheStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

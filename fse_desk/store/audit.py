"""The audit trail: append-only, hash-chained, verifiable.

Each record carries ``prev_hash`` (the hash of the record before it) and its own
``hash`` = SHA-256 over ``prev_hash`` and its fields, so changing, removing or
reordering any record breaks every hash after it. The table's triggers refuse
UPDATE and DELETE and the connection's authorizer (``_audit_guard``) refuses
dropping them; what neither can stop, replacing or cutting the file itself, is
caught by comparing the chain with its head kept outside the file (the keyring,
see :mod:`fse_desk.security.audit`).

An operator's records usually reach the chain through the spool
(:mod:`fse_desk.store.audit_spool`): written at once, sealed in groups within the second
by :meth:`AuditRepository.seal_spooled`. A record inside the caller's transaction, or on a
cache without a spool, is sealed at once by :meth:`AuditRepository.append`.

Rows copied from the older ``access_audit`` table have no hash: they form the
chain's unsealed prefix and may only come before the first sealed record.

Retention: records are kept at least 24 months (issue 14), and in fact for good:
nothing removes a record at any age. A purge of records past 24 months that the
region already holds would need the chain to start from a kept checkpoint, and a
way through the authorizer for it alone; it is not built.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.timeline import AccessAction, AccessRecord, Outcome, Purpose
from fse_desk.errors import AuditTampered
from fse_desk.store._records import utc_text
from fse_desk.store.audit_spool import AuditSpool, Fields, Spooled
from fse_desk.store.database import Connection, Database

_FIELDS = (
    "at, user_cf, user_name, role, purpose, patient_id, document_id, resource, action, outcome"
)
_SEPARATOR = "\x1f"  # ASCII unit separator: cannot appear in any field we write
# The same joining in SQL (NULL as the empty text), for the verification.
_JOINED = " || char(31) || ".join(f"coalesce({f.strip()}, '')" for f in _FIELDS.split(","))
_LAST = "FROM audit_event WHERE hash IS NOT NULL ORDER BY n DESC LIMIT 1"
_LAST_SEALED = f"SELECT n, hash {_LAST}"
_LAST_HASH = f"SELECT hash {_LAST}"
# The trigger audit_event_linked (migration 16) refuses a record whose prev_hash is not
# the chain's last hash: the append with a remembered head fails if another came first.
_LAST_N = "SELECT max(n) FROM audit_event"
_APPEND = (
    f"INSERT INTO audit_event ({_FIELDS}, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The last sealed record: its number and hash (what the keyring keeps)."""

    n: int
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    records: int  # every record, sealed or not
    unsealed: int  # the prefix copied from before the chain existed
    head: ChainHead | None


def chain_hash(prev_hash: str, fields: Sequence[object]) -> str:
    """SHA-256 (hex) of the previous hash and the fields, joined by the separator."""
    return _digest(prev_hash, _SEPARATOR.join(["" if f is None else str(f) for f in fields]))


def _digest(prev_hash: str, joined: str) -> str:
    return hashlib.sha256(f"{prev_hash}{_SEPARATOR}{joined}".encode()).hexdigest()


def _fields(record: AccessRecord) -> Fields:
    return (
        utc_text(record.at, what="at"),
        record.user_cf,
        record.user_name,
        record.role,
        record.purpose.value,
        record.patient_id,
        record.document_id,
        record.resource,
        record.action.value,
        record.outcome.value,
    )


class AuditRepository:
    """The audit table. There is no update or delete here, and nothing else may either."""

    def __init__(self, db: Database, spool: AuditSpool | None = None) -> None:
        """``spool`` None (a read-only cache): every record is sealed at once."""
        self._db = db
        self._spool = spool
        self._seal_lock = threading.Lock()
        self._listeners: list[Callable[[ChainHead], None]] = []

    def append(self, record: AccessRecord) -> ChainHead:
        """Seal ``record`` onto the chain now; returns the new head (for the keyring).

        For a record inside the caller's transaction (a rollback takes it too) or on a
        cache without a spool; an operator's other records go through :meth:`spool`.
        """
        with self._db.transaction("writing the access log", synced=False) as conn:
            return _link(conn, [_fields(record)])

    # -- spooled records (fse_desk.store.audit_spool) --------------------------------------
    @property
    def spooling(self) -> bool:
        return self._spool is not None

    def spool(self, record: AccessRecord) -> None:
        """Write ``record`` at once to the spool, for :meth:`seal_spooled` to seal (the
        caller arranges that within a second: :mod:`fse_desk.audit.sealer`)."""
        if self._spool is None:
            raise RuntimeError("this cache has no audit spool (read-only): use append()")
        self._db.require_open()
        self._spool.append(_fields(record))

    def on_sealed(self, listener: Callable[[ChainHead], None]) -> None:
        """Call ``listener`` with the new head after each sealing of spooled records."""
        self._listeners.append(listener)

    def seal_spooled(self, *, leftovers: bool = False) -> ChainHead | None:
        """Seal this process's spooled records onto the chain, and with ``leftovers`` the
        spools other processes left; returns the new head (None: nothing to seal).

        Each spool is sealed in one transaction that also notes its name, then removed:
        a crash in between seals nothing twice. Inside the caller's transaction nothing is
        sealed (the spool would be gone before a commit that may not come).
        """
        spool = self._spool
        if spool is None or self._db.in_transaction or not (leftovers or spool.pending):
            return None
        head = None
        with self._seal_lock:
            taken = spool.take()
            try:
                if leftovers:
                    taken.extend(spool.leftovers())
            except BaseException:
                spool.give_back(taken)
                raise
            for i, spooled in enumerate(taken):
                try:
                    head = self._seal(spooled) or head
                except BaseException:
                    spool.give_back(taken[i:])
                    raise
        if head is not None:
            for listener in self._listeners:
                listener(head)
        return head

    def _seal(self, spooled: Spooled) -> ChainHead | None:
        head = None
        with self._db.transaction("sealing the access log", synced=False) as conn:
            sealed = conn.execute(
                "SELECT 1 FROM audit_spool_sealed WHERE name = ?", (spooled.name,)
            ).fetchone()
            if sealed is None and spooled.records:
                head = _link(conn, spooled.records)
                conn.execute("INSERT INTO audit_spool_sealed (name) VALUES (?)", (spooled.name,))
        spooled.done()
        with self._db.transaction("sealing the access log", synced=False) as conn:
            conn.execute("DELETE FROM audit_spool_sealed WHERE name = ?", (spooled.name,))
        return head

    def use_key(self, key: bytes) -> None:
        """The cache was rekeyed: spool later records with the new key."""
        if self._spool is not None:
            self._spool.use_key(key)

    # -- reading -------------------------------------------------------------------------
    def head(self) -> ChainHead | None:
        """The chain's last sealed record as committed (None: nothing sealed yet)."""
        self.seal_spooled()
        with self._db.reading("reading the access log's head") as conn:
            row = conn.execute(_LAST_SEALED).fetchone()
        return None if row is None else ChainHead(int(row[0]), str(row[1]))

    def for_patient(self, patient_id: PatientId | str) -> list[AccessRecord]:
        """Oldest first, as written.

        Reads the table through: no index by patient (migration 16), so that each record
        commits one page. Only the patient's access report asks, on request.
        """
        self.seal_spooled()
        with self._db.reading("reading the access log") as conn:
            rows = conn.execute(
                f"SELECT {_FIELDS} FROM audit_event WHERE patient_id = ? ORDER BY n",
                (patient_id,),
            ).fetchall()
        return [_record(r) for r in rows]

    def after(self, n: int, limit: int) -> list[tuple[int, AccessRecord]]:
        """Records numbered above ``n``, oldest first (the export's next batch)."""
        self.seal_spooled()
        with self._db.reading("reading the access log") as conn:
            rows = conn.execute(
                f"SELECT n, {_FIELDS} FROM audit_event WHERE n > ? ORDER BY n LIMIT ?",
                (n, limit),
            ).fetchall()
        return [(int(r[0]), _record(r[1:])) for r in rows]

    def count(self) -> int:
        self.seal_spooled()
        with self._db.reading("counting the access log") as conn:
            n: int = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        return n

    def verify(self, anchor: ChainHead | None) -> ChainReport:
        """Recompute the chain; raise :class:`AuditTampered` at the first break.

        ``anchor`` (the head kept outside the file) must still be in the chain with
        the same hash: a file put back to an older copy, or cut short, fails here.
        Spooled records, this process's and any a crash left, are sealed first.
        """
        self.seal_spooled(leftovers=True)
        records = unsealed = 0
        prev, last = "", 0
        anchor_n, anchor_hash = (-1, "") if anchor is None else (anchor.n, anchor.hash)
        sha256 = hashlib.sha256
        # SQLite joins each row as chain_hash does, previous hash first: one string per
        # row to hash and one prefix to compare (a million records in seconds).
        query = (
            f"SELECT n, coalesce(prev_hash, '') || char(31) || {_JOINED}, hash "
            "FROM audit_event ORDER BY n"
        )
        with self._db.reading("verifying the access log") as conn:
            for n, text, digest in conn.execute(query):
                records += 1
                if digest is None:
                    if prev:
                        raise AuditTampered(f"audit record {n} has no hash after sealed records")
                    unsealed += 1
                    continue
                if sha256(text.encode()).hexdigest() != digest or not text.startswith(
                    prev + _SEPARATOR
                ):
                    raise AuditTampered(f"audit record {n} does not match the hash chain")
                prev, last = digest, n
                if n == anchor_n and digest != anchor_hash:
                    raise AuditTampered(
                        f"audit record {n} differs from the head kept in the keyring"
                    )
        head = ChainHead(last, prev) if prev else None
        if anchor is not None and (head is None or head.n < anchor.n):
            raise AuditTampered(
                f"the access log ends at record {0 if head is None else head.n}, but record "
                f"{anchor.n} was written: records were removed or the file was replaced"
            )
        return ChainReport(records, unsealed, head)


def _link(conn: Connection, records: Sequence[Fields]) -> ChainHead:
    """Chain ``records`` after the last sealed record, inside the caller's write
    transaction (no other writer can slip in between); the new head."""
    row = conn.execute(_LAST_HASH).fetchone()
    prev = "" if row is None else str(row[0])
    rows = []
    for fields in records:
        digest = chain_hash(prev, fields)
        rows.append((*fields, prev, digest))
        prev = digest
    conn.executemany(_APPEND, rows)
    return ChainHead(int(conn.execute(_LAST_N).fetchone()[0]), prev)


def _record(r: Sequence[object]) -> AccessRecord:
    return AccessRecord(
        at=datetime.fromisoformat(str(r[0])),
        user_cf=str(r[1]),
        user_name=str(r[2]),
        role=str(r[3]),
        purpose=Purpose(r[4]),
        patient_id=PatientId(str(r[5])),
        document_id=None if r[6] is None else DocumentId(str(r[6])),
        resource=None if r[7] is None else str(r[7]),
        action=AccessAction(r[8]),
        outcome=Outcome(r[9]),
    )
